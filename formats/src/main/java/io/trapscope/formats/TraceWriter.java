package io.trapscope.formats;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Writes a trace directory: every table in every requested format, then the manifest, all under a
 * hidden temporary name that is renamed to the target only once complete.
 *
 * <p>A run that is killed leaves at most {@code .NAME.partial}, which holds no manifest and so never
 * passes for a trace; the next run to the same target clears it.
 */
public final class TraceWriter implements Closeable {
  private final Path target;
  private final Path partial;
  private final boolean replace;
  private final Map<Table, List<TableWriter>> writers = new EnumMap<>(Table.class);
  private final Map<TableWriter, TraceFormat> formatOf = new LinkedHashMap<>();
  private final ExecutorService pageEncoder;
  private boolean finished;

  private TraceWriter(Path target, Path partial, boolean replace, int encodingThreads) {
    this.target = target;
    this.partial = partial;
    this.replace = replace;
    this.pageEncoder = encodingThreads > 1 ? Executors.newFixedThreadPool(encodingThreads, TraceWriter::daemon) : null;
  }

  private static Thread daemon(Runnable runnable) {
    Thread thread = new Thread(runnable, "trapscope-page-encoder");
    thread.setDaemon(true);
    return thread;
  }

  /**
   * Starts a trace at {@code target} in Parquet plus {@code extraFormats}.
   *
   * @param replace whether an existing trace at {@code target} may be replaced; anything at {@code
   *     target} that is not a trace is never touched
   */
  public static TraceWriter create(
      Path target, Set<TraceFormat> extraFormats, WriterOptions options, boolean replace) throws IOException {
    Path absolute = target.toAbsolutePath().normalize();
    if (absolute.getParent() == null) {
      throw new TraceFormatException(target, "cannot write a trace at the file system root");
    }
    checkTarget(absolute, replace);
    Path parent = absolute.getParent();
    Files.createDirectories(parent);
    Path partial = parent.resolve("." + absolute.getFileName() + ".partial");
    clearStalePartial(partial);
    Files.createDirectory(partial);
    TraceWriter writer = new TraceWriter(absolute, partial, replace, Runtime.getRuntime().availableProcessors());
    try {
      Set<TraceFormat> formats = new HashSet<>(extraFormats);
      formats.add(TraceFormat.PARQUET);
      for (Table table : Table.traceTables()) {
        List<TableWriter> tableWriters = new ArrayList<>();
        for (TraceFormat format : TraceFormat.values()) {
          if (formats.contains(format)) {
            TableWriter tableWriter =
                format.newWriter(partial.resolve(format.fileName(table)), table, options, writer.pageEncoder);
            tableWriters.add(tableWriter);
            writer.formatOf.put(tableWriter, format);
          }
        }
        writer.writers.put(table, tableWriters);
      }
    } catch (IOException | RuntimeException e) {
      writer.abort();
      throw e;
    }
    return writer;
  }

  /** Appends a batch to every file of its table. */
  public void write(ColumnBatch batch) throws IOException {
    for (TableWriter writer : writers.get(batch.table())) {
      writer.write(batch);
    }
  }

  /** Rows written to {@code table} so far. */
  public long rows(Table table) {
    return writers.get(table).get(0).rows();
  }

  /**
   * Completes every file, writes the manifest and moves the trace into place.
   *
   * @param manifestWithoutTables the manifest's fields; its table entries are filled in here
   * @return the manifest as written
   */
  public Manifest finish(Manifest manifestWithoutTables) throws IOException {
    try {
      List<Manifest.TableEntry> entries = new ArrayList<>();
      for (Table table : Table.traceTables()) {
        List<Manifest.FileEntry> files = new ArrayList<>();
        long rows = -1;
        for (TableWriter writer : writers.get(table)) {
          writer.close();
          TraceFormat format = formatOf.get(writer);
          files.add(new Manifest.FileEntry(format.formatName(), format.fileName(table), writer.bytes(), writer.sha256()));
          if (rows >= 0 && rows != writer.rows()) {
            throw new IllegalStateException(table + ": formats disagree on row count");
          }
          rows = writer.rows();
        }
        entries.add(new Manifest.TableEntry(table.tableName(), rows, files));
      }
      Manifest manifest = manifestWithoutTables.withTables(entries);
      writeManifest(manifest);
      moveIntoPlace();
      finished = true;
      shutdownEncoder();
      return manifest;
    } catch (IOException | RuntimeException e) {
      abort();
      throw e;
    }
  }

  private void writeManifest(Manifest manifest) throws IOException {
    try (DigestingOutputStream out = new DigestingOutputStream(partial.resolve(Manifest.FILE_NAME))) {
      out.write(ManifestCodec.toBytes(manifest));
    }
  }

  private void moveIntoPlace() throws IOException {
    if (!Files.exists(target)) {
      Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
      return;
    }
    if (!replace) {
      throw new FileAlreadyExistsException(target + " appeared while recording");
    }
    checkTarget(target, true);
    Path old = target.resolveSibling("." + target.getFileName() + ".old");
    deleteTrace(old);
    Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
    Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
    deleteTrace(old);
  }

  /** Deletes the partial directory; safe to call more than once. */
  public void abort() {
    if (finished) {
      return;
    }
    for (List<TableWriter> tableWriters : writers.values()) {
      for (TableWriter writer : tableWriters) {
        try {
          writer.close();
        } catch (IOException | RuntimeException e) {
          // Aborting: the file is about to be deleted either way.
        }
      }
    }
    try {
      deleteTrace(partial);
    } catch (IOException e) {
      // Best effort: a leftover .partial directory is cleared by the next run and never looks valid.
    }
    finished = true;
    shutdownEncoder();
  }

  private void shutdownEncoder() {
    if (pageEncoder != null) {
      pageEncoder.shutdownNow();
    }
  }

  @Override
  public void close() {
    abort();
  }

  /** The final location of the trace. */
  public Path target() {
    return target;
  }

  private static void checkTarget(Path target, boolean replace) throws IOException {
    if (!Files.exists(target)) {
      return;
    }
    if (!Files.isDirectory(target)) {
      throw new TraceFormatException(target, "exists and is not a directory");
    }
    boolean empty;
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(target)) {
      empty = !entries.iterator().hasNext();
    }
    if (empty) {
      Files.delete(target);
      return;
    }
    if (!isTraceDirectory(target)) {
      throw new TraceFormatException(target, "exists and is not a trace; refusing to replace it");
    }
    if (!replace) {
      throw new TraceFormatException(target, "already exists (use --force to replace it)");
    }
  }

  private static void clearStalePartial(Path partial) throws IOException {
    if (Files.exists(partial)) {
      if (!isTraceDirectory(partial, true)) {
        throw new TraceFormatException(partial, "is in the way and holds files that are not a trace's");
      }
      deleteTrace(partial);
    }
  }

  static boolean isTraceDirectory(Path directory) throws IOException {
    return isTraceDirectory(directory, false);
  }

  /** True if every entry is a file a trace may hold (and, unless partial, the manifest is there). */
  private static boolean isTraceDirectory(Path directory, boolean partial) throws IOException {
    if (!Files.isDirectory(directory)) {
      return false;
    }
    Set<String> allowed = traceFileNames();
    boolean manifest = false;
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (!allowed.contains(name) || !Files.isRegularFile(entry)) {
          return false;
        }
        manifest |= name.equals(Manifest.FILE_NAME);
      }
    }
    return partial || manifest;
  }

  private static Set<String> traceFileNames() {
    Set<String> names = new HashSet<>();
    names.add(Manifest.FILE_NAME);
    for (Table table : Table.traceTables()) {
      for (TraceFormat format : TraceFormat.values()) {
        names.add(format.fileName(table));
      }
    }
    return names;
  }

  /** Deletes a directory of trace files; refuses anything else. */
  private static void deleteTrace(Path directory) throws IOException {
    if (!Files.exists(directory)) {
      return;
    }
    if (!isTraceDirectory(directory, true)) {
      throw new TraceFormatException(directory, "holds files that are not a trace's; not deleting it");
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
      for (Path entry : entries) {
        Files.delete(entry);
      }
    }
    Files.delete(directory);
  }
}
