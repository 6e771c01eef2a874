package io.trapscope.cli;

import io.trapscope.formats.TraceFormatException;
import io.trapscope.model.scenario.ScenarioException;
import io.trapscope.model.scenario.Suggestions;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;
import picocli.CommandLine;

/** Entry point of the {@code trapscope} command. */
public final class Main {
  private static final Pattern ENUM_CANDIDATES = Pattern.compile("expected one of \\[[A-Z0-9_, ]+\\] \\(case-insensitive\\)");

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the command line and returns its exit code; used by tests in the same JVM. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine commandLine = new CommandLine(new TrapscopeCommand());
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setExecutionExceptionHandler(Main::handleExecutionException);
    commandLine.setParameterExceptionHandler(Main::handleParameterException);
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    // Wrap help to the terminal, 80 columns when there is none.
    commandLine.setUsageHelpAutoWidth(true);
    AnalyzeCommand.describeRules(commandLine.getSubcommands().get("analyze").getCommandSpec());
    return commandLine.execute(args);
  }

  private static int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parseResult) {
    PrintWriter err = commandLine.getErr();
    boolean stacktrace = parseResult.hasMatchedOption("--stacktrace") || hasStacktraceFlag(parseResult);
    String message = userMessage(e);
    if (message != null) {
      err.println("trapscope: " + message);
      if (stacktrace) {
        e.printStackTrace(err);
      }
      return ExitCodes.BAD_INPUT;
    }
    err.println("trapscope: internal error: " + describe(e));
    if (stacktrace) {
      e.printStackTrace(err);
    } else {
      err.println("trapscope: rerun with --stacktrace for details; please report it with the command line and the seed");
    }
    return ExitCodes.INTERNAL;
  }

  /** Syntax errors: one short line, a hint where we have one, the synopsis, exit 2. */
  private static int handleParameterException(ParameterException e, String[] args) {
    CommandLine commandLine = e.getCommandLine();
    PrintWriter err = commandLine.getErr();
    String name = commandLine.getCommandSpec().qualifiedName();
    err.println(name + ": " + describe(e) + suggestion(e));
    err.print(commandLine.getHelp().synopsis(0));
    err.println("Run '" + name + " --help' for more.");
    return ExitCodes.BAD_INPUT;
  }

  private static String suggestion(ParameterException e) {
    if (!(e instanceof UnmatchedArgumentException)) {
      return "";
    }
    List<String> unmatched = ((UnmatchedArgumentException) e).getUnmatched();
    if (unmatched.isEmpty()) {
      return "";
    }
    CommandLine commandLine = e.getCommandLine();
    List<String> candidates = new ArrayList<>(commandLine.getSubcommands().keySet());
    commandLine.getCommandSpec().options().forEach(option -> candidates.addAll(List.of(option.names())));
    return Suggestions.hint(unmatched.get(0), candidates);
  }

  private static String describe(ParameterException e) {
    if (e instanceof UnmatchedArgumentException && !e.getCommandLine().getSubcommands().isEmpty()) {
      List<String> unmatched = ((UnmatchedArgumentException) e).getUnmatched();
      if (!unmatched.isEmpty() && !unmatched.get(0).startsWith("-")) {
        return "unknown command '" + unmatched.get(0) + "'";
      }
    }
    return lowerCandidates(lowerFirst(e.getMessage()));
  }

  /** Picocli lists an enum's values as declared, "[TEXT, JSON]"; we take and document them in lower case. */
  private static String lowerCandidates(String message) {
    Matcher candidates = ENUM_CANDIDATES.matcher(message);
    return candidates.find()
        ? message.substring(0, candidates.start()) + candidates.group().toLowerCase(Locale.ROOT) + message.substring(candidates.end())
        : message;
  }

  private static String lowerFirst(String message) {
    if (message == null || message.isEmpty()) {
      return "invalid command line";
    }
    return Character.toLowerCase(message.charAt(0)) + message.substring(1);
  }

  private static boolean hasStacktraceFlag(ParseResult parseResult) {
    for (ParseResult result = parseResult; result != null; result = result.subcommand()) {
      if (result.hasMatchedOption("--stacktrace")) {
        return true;
      }
    }
    return false;
  }

  /** The one-line message for a user error, or null if {@code e} is a bug of ours. */
  static String userMessage(Throwable e) {
    if (e instanceof UserError || e instanceof ScenarioException || e instanceof TraceFormatException) {
      return e.getMessage();
    }
    if (e instanceof NoSuchFileException) {
      return ((NoSuchFileException) e).getFile() + ": no such file or directory";
    }
    if (e instanceof FileAlreadyExistsException) {
      return ((FileAlreadyExistsException) e).getFile() + ": already exists";
    }
    if (e instanceof AccessDeniedException) {
      return ((AccessDeniedException) e).getFile() + ": permission denied";
    }
    if (e instanceof FileSystemException) {
      FileSystemException fileSystem = (FileSystemException) e;
      return fileSystem.getFile() + ": " + (fileSystem.getReason() == null ? "cannot access" : fileSystem.getReason());
    }
    if (e instanceof java.io.IOException) {
      return "I/O error: " + e.getMessage();
    }
    return null;
  }

  private static String describe(Throwable e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message.lines().findFirst().orElse(""));
  }
}
