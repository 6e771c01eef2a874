/**
 * The {@code trapscope} command: one small picocli class per subcommand, each a thin adapter over the
 * recorder, replayer and analyzer.
 *
 * <p>Exit codes are kept apart as the JDK's {@code jfr} tool does: 0 success, 2 bad input or usage (one
 * line naming the file and the problem, never a stack trace unless {@code --stacktrace}), 70 an internal
 * error. Subcommands add their own verdict codes on top.
 */
package io.trapscope.cli;

