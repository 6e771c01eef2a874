package io.trapscope.formats;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Writes a trace directory: every table in every requested format, then the manifest, all under a
 * hidden temporary name that is renamed to the target only once complete.
 *
 * <p>A run that is killed leaves at most {@code .NAME.partial}, which readers refuse by its name, and,
 * while replacing, {@code .NAME.old}, the previous trace; the next run to the same target restores or
 * clears them. While it writes, {@code .NAME.lock} is locked so that a second writer to the same target is
 * refused.
 */
public final class TraceWriter implements Closeable {
  /** Ends the name of the hidden directory a trace is written in; readers refuse a directory so named. */
  public static final String PARTIAL_SUFFIX = ".partial";
  /** Ends the name of the hidden directory a replaced trace waits in until its successor is in place. */
  public static final String OLD_SUFFIX = ".old";
  /** Ends the name of the hidden file locked while a target is written. */
  public static final String LOCK_SUFFIX = ".lock";
  /**
   * Tries at locking before giving up: a try fails without waiting when the lock file was removed and
   * made again by other writers between our opening and locking it, which takes several finishing runs.
   */
  private static final int LOCK_ATTEMPTS_MAX = 3;

  /** The points of the commit sequence at which {@link #faultHook} is told, in order. */
  enum CommitStep {
    /** Every data file is complete and flushed; no manifest yet. */
    TABLES_CLOSED,
    /** The manifest is complete in the partial directory. */
    MANIFEST_WRITTEN,
    /** Replacing only: the old trace has been moved to {@code .NAME.old}; the target is missing. */
    OLD_SET_ASIDE,
    /** The new trace is at the target; when replacing, {@code .NAME.old} is still there. */
    MOVED_IN,
  }

  /**
   * Told each step of a commit; tests set it to throw an {@link Error} and so stop the writer there as a
   * kill would, without the clean-up an exception gets. Null, and so off, in production.
   */
  static volatile Consumer<CommitStep> faultHook;

  private final Path target;
  private final Path partial;
  private final boolean replace;
  private final Map<Table, List<TableWriter>> writers = new EnumMap<>(Table.class);
  private final Map<TableWriter, TraceFormat> formatOf = new LinkedHashMap<>();
  private final ExecutorService pageEncoder;
  private final TargetLock lock;
  private boolean finished;

  private TraceWriter(Path target, Path partial, boolean replace, int encodingThreads, TargetLock lock) {
    this.target = target;
    this.partial = partial;
    this.replace = replace;
    this.lock = lock;
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
    Path parent = absolute.getParent();
    Files.createDirectories(parent);
    TargetLock lock = TargetLock.acquire(sibling(absolute, LOCK_SUFFIX), absolute);
    Path partial = sibling(absolute, PARTIAL_SUFFIX);
    try {
      // Under the lock, what a killed run left is ours to clear, even if this run is then refused.
      recoverInterruptedReplace(absolute);
      clearStalePartial(partial);
      checkTarget(absolute, replace);
      Files.createDirectory(partial);
    } catch (IOException | RuntimeException | Error e) {
      lock.release();
      throw e;
    }
    TraceWriter writer = new TraceWriter(absolute, partial, replace, Runtime.getRuntime().availableProcessors(), lock);
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
      step(CommitStep.TABLES_CLOSED);
      Manifest manifest = manifestWithoutTables.withTables(entries);
      writeManifest(manifest);
      // The files are flushed as they close; their names in the directory need flushing too.
      flushDirectory(partial);
      step(CommitStep.MANIFEST_WRITTEN);
      moveIntoPlace();
      finished = true;
      shutdownEncoder();
      lock.release();
      return manifest;
    } catch (IOException | RuntimeException e) {
      abort();
      throw e;
    } catch (Error e) {
      // As a killed process's would be: the lock is let go of, but its file and the directories stay.
      shutdownEncoder();
      lock.releaseOnly();
      throw e;
    }
  }

  private static void step(CommitStep step) {
    Consumer<CommitStep> hook = faultHook;
    if (hook != null) {
      hook.accept(step);
    }
  }

  private static Path sibling(Path target, String suffix) {
    return target.resolveSibling("." + target.getFileName() + suffix);
  }

  /**
   * Finishes what a replacing run killed between its two renames left: the old trace set aside at
   * {@code .NAME.old} is put back if the target is missing, and deleted if the new trace made it in.
   */
  private static void recoverInterruptedReplace(Path target) throws IOException {
    Path old = sibling(target, OLD_SUFFIX);
    if (!Files.exists(old, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    // A link is not ours to follow: deleting through it would delete whatever it points at.
    if (Files.isSymbolicLink(old) || !isTraceDirectory(old, true)) {
      throw new TraceFormatException(old, "is in the way and holds files that are not a trace's");
    }
    boolean targetMissing = !Files.exists(target, LinkOption.NOFOLLOW_LINKS);
    if (targetMissing && isTraceDirectory(old)) {
      Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
      flushDirectory(target.getParent());
      return;
    }
    // Either the new trace is in place, or the old one had lost its manifest to a deletion cut short.
    deleteTrace(old);
  }

  private void writeManifest(Manifest manifest) throws IOException {
    try (DigestingOutputStream out = new DigestingOutputStream(partial.resolve(Manifest.FILE_NAME))) {
      out.write(ManifestCodec.toBytes(manifest));
    }
  }

  private void moveIntoPlace() throws IOException {
    if (!Files.exists(target)) {
      Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
      flushDirectory(target.getParent());
      step(CommitStep.MOVED_IN);
      return;
    }
    if (!replace) {
      throw new FileAlreadyExistsException(target + " appeared while recording");
    }
    checkTarget(target, true);
    Path old = sibling(target, OLD_SUFFIX);
    deleteTrace(old);
    Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
    step(CommitStep.OLD_SET_ASIDE);
    Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
    flushDirectory(target.getParent());
    step(CommitStep.MOVED_IN);
    deleteTrace(old);
  }

  /**
   * Flushes a directory's entries to disk, so that a rename survives a power cut and not only a kill. Some
   * file systems and platforms cannot open a directory for this; there the rename is as durable as they
   * make it.
   */
  private static void flushDirectory(Path directory) {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Best effort, as said above: the rename itself has happened.
    }
  }

  /** Deletes the partial directory and releases the lock; safe to call more than once. */
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
    lock.release();
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
    // The manifest goes first, so that a deletion cut short leaves nothing that passes for a trace.
    Files.deleteIfExists(directory.resolve(Manifest.FILE_NAME));
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
      for (Path entry : entries) {
        Files.delete(entry);
      }
    }
    Files.delete(directory);
  }

  /**
   * The lock on {@code .NAME.lock} held while a target is written; {@link FileChannel#tryLock} never
   * waits, so a second writer is refused at once rather than queued behind a long recording.
   */
  private static final class TargetLock {
    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private boolean released;

    private TargetLock(Path file, FileChannel channel, FileLock lock) {
      this.file = file;
      this.channel = channel;
      this.lock = lock;
    }

    static TargetLock acquire(Path file, Path target) throws IOException {
      for (int attempt = 0; attempt < LOCK_ATTEMPTS_MAX; attempt++) {
        Object keyBefore = fileKey(file, true);
        FileChannel channel =
            FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        FileLock lock;
        try {
          lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
          // Another writer in this JVM holds it: for us, the same as another process holding it.
          lock = null;
        } catch (IOException | RuntimeException e) {
          channel.close();
          throw e;
        }
        if (lock == null) {
          channel.close();
          throw new TraceFormatException(target, "is being written by another trapscope (" + file + " is locked)");
        }
        // A finishing writer removes the file while it holds the lock; a lock on the removed file guards
        // nothing, so the file must still be the one we opened.
        Object keyAfter = fileKey(file, false);
        if (keyBefore != MISSING && java.util.Objects.equals(keyBefore, keyAfter)) {
          return new TargetLock(file, channel, lock);
        }
        lock.release();
        channel.close();
      }
      throw new TraceFormatException(target, "is being written by another trapscope (" + file + " keeps changing)");
    }

    /** Stands for a lock file that is not there; null is a file system that gives files no identity. */
    private static final Object MISSING = new Object();

    /** The file's identity; when {@code create}, made first if missing. */
    private static Object fileKey(Path file, boolean create) throws IOException {
      if (create) {
        try {
          Files.createFile(file);
        } catch (FileAlreadyExistsException e) {
          // Another writer's, or one left by a killed run: locking it decides.
        }
      }
      try {
        return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
      } catch (NoSuchFileException e) {
        return MISSING;
      }
    }

    /** Removes the file, then lets go of the lock; safe to call more than once. */
    void release() {
      if (released) {
        return;
      }
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        // Best effort: a leftover lock file is unlocked, and the next writer takes it.
      }
      releaseOnly();
    }

    /** Lets go of the lock and leaves the file, as the death of the process would. */
    void releaseOnly() {
      if (released) {
        return;
      }
      released = true;
      try {
        lock.release();
        channel.close();
      } catch (IOException e) {
        // Closing the channel releases the lock in any case.
      }
    }
  }
}
