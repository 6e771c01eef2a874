package io.trapscope.formats;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;

/**
 * Opens a trace directory: reads and checks the manifest, checks every data file's size and (unless
 * told not to) its SHA-256, and opens table readers that check rows against the manifest as they stream.
 */
public final class TraceReader {
  private final Path directory;
  private final Manifest manifest;

  private TraceReader(Path directory, Manifest manifest) {
    this.directory = directory;
    this.manifest = manifest;
  }

  /** Opens and fully verifies the trace at {@code directory}. */
  public static TraceReader open(Path directory) {
    return open(directory, true);
  }

  /**
   * Opens the trace at {@code directory}.
   *
   * @param verifyChecksums whether to hash every file against the manifest before returning
   */
  public static TraceReader open(Path directory, boolean verifyChecksums) {
    Path resolved = locate(directory);
    Manifest manifest = ManifestCodec.read(resolved);
    TraceReader reader = new TraceReader(resolved, manifest);
    reader.checkFiles(verifyChecksums);
    return reader;
  }

  /** Accepts the trace directory itself, or a file inside it such as its manifest. */
  private static Path locate(Path given) {
    if (Files.isDirectory(given)) {
      return given;
    }
    if (Files.isRegularFile(given)) {
      Path parent = given.toAbsolutePath().getParent();
      if (parent != null && Files.isRegularFile(parent.resolve(Manifest.FILE_NAME))) {
        return parent;
      }
      throw new TraceFormatException(given, "is a file; a trace is a directory holding manifest.json");
    }
    throw new TraceFormatException(given, "no such trace directory");
  }

  public Path directory() {
    return directory;
  }

  public Manifest manifest() {
    return manifest;
  }

  /** The path of {@code table}'s file in {@code format}, or null if the trace has none. */
  public Path file(Table table, TraceFormat format) {
    Manifest.FileEntry entry = manifest.table(table).file(format.formatName());
    return entry == null ? null : directory.resolve(entry.path());
  }

  /** Opens the Parquet file of {@code table}. */
  public TableReader openTable(Table table) {
    return openTable(table, TraceFormat.PARQUET);
  }

  /** Opens {@code table} in {@code format}; the reader checks its rows against the manifest. */
  public TableReader openTable(Table table, TraceFormat format) {
    Path path = file(table, format);
    if (path == null) {
      throw new TraceFormatException(
          directory, "holds no " + format.formatName() + " file for " + table.tableName());
    }
    TableReader reader = format.newReader(path, table);
    try {
      long expected = manifest.rows(table);
      if (reader.rows() != expected) {
        throw new TraceFormatException(
            path, reader.rows() + " rows, but the manifest says " + expected + " (truncated or replaced?)");
      }
      checkFooterVersion(path, reader.metadata());
    } catch (RuntimeException e) {
      reader.close();
      throw e;
    }
    int denseColumn = denseColumnOf(table);
    return denseColumn < 0 ? reader : new DenseCheckingReader(reader, path, table, denseColumn);
  }

  private static int denseColumnOf(Table table) {
    switch (table) {
      case EVENTS:
        return Table.Events.SEQ;
      case TRAPS:
        return Table.Traps.TRAP_ID;
      default:
        return -1;
    }
  }

  private static void checkFooterVersion(Path path, Map<String, String> metadata) {
    String version = metadata.get(Manifest.METADATA_SCHEMA_VERSION);
    if (version == null) {
      return;
    }
    if (!version.equals(Integer.toString(Manifest.SCHEMA_VERSION))) {
      throw new TraceFormatException(
          path, "schema version " + version + " in the footer, but this trapscope reads " + Manifest.SCHEMA_VERSION);
    }
  }

  private void checkFiles(boolean verifyChecksums) {
    for (Manifest.TableEntry table : manifest.tables()) {
      for (Manifest.FileEntry file : table.files()) {
        Path path = directory.resolve(file.path());
        long size;
        try {
          String refusal = InputFiles.refusal(path, ManifestCodec.DATA_FILE_BYTES_MAX);
          if (refusal != null) {
            throw new TraceFormatException(path, refusal + " (listed in the manifest)");
          }
          size = Files.size(path);
        } catch (NoSuchFileException e) {
          throw new TraceFormatException(path, "missing (listed in the manifest)", e);
        } catch (IOException e) {
          throw new TraceFormatException(path, "cannot read: " + e.getMessage(), e);
        }
        if (size != file.bytes()) {
          throw new TraceFormatException(
              path,
              size + " bytes, but the manifest says " + file.bytes() + (size < file.bytes() ? " (truncated)" : ""));
        }
        if (verifyChecksums) {
          String actual = sha256(path);
          if (!actual.equals(file.sha256())) {
            throw new TraceFormatException(
                path, "checksum mismatch: the file changed after it was recorded (sha256 " + actual.substring(0, 12)
                    + "..., manifest says " + file.sha256().substring(0, 12) + "...)");
          }
        }
      }
      checkFooter(table);
    }
  }

  /**
   * A file can match a checksum recomputed after it was damaged: every Parquet footer is opened, which
   * checks each size and offset it claims against the file, and must count the manifest's rows. Cheap
   * (a footer, not the pages), so every reader gets it; {@code inspect} decodes the pages as well.
   */
  private void checkFooter(Manifest.TableEntry entry) {
    Table table = Table.byName(entry.name());
    if (table == null) {
      return;
    }
    try (TableReader reader = openTable(table, TraceFormat.PARQUET)) {
      if (reader.rows() != entry.rows()) {
        throw new TraceFormatException(
            file(table, TraceFormat.PARQUET), reader.rows() + " rows, but the manifest says " + entry.rows());
      }
    }
  }

  /** The SHA-256 of a file in lower-case hex. */
  public static String sha256(Path path) {
    MessageDigest digest = DigestingOutputStream.sha256Digest();
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(path, LinkOption.NOFOLLOW_LINKS)) {
      int read;
      while ((read = in.read(buffer)) > 0) {
        digest.update(buffer, 0, read);
      }
    } catch (IOException e) {
      throw new TraceFormatException(path, "cannot read: " + e.getMessage(), e);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** Checks that a table's id column counts 0, 1, 2, ... as rows stream past. */
  private static final class DenseCheckingReader implements TableReader {
    private final TableReader delegate;
    private final Path path;
    private final String columnName;
    private final int column;
    private long expected;

    DenseCheckingReader(TableReader delegate, Path path, Table table, int column) {
      this.delegate = delegate;
      this.path = path;
      this.column = column;
      this.columnName = table.columns().get(column).name();
    }

    @Override
    public boolean next(ColumnBatch batch) {
      if (!delegate.next(batch)) {
        return false;
      }
      long[] values = batch.column(column);
      for (int row = 0; row < batch.size(); row++) {
        if (values[row] != expected) {
          throw new TraceFormatException(
              path,
              "row " + expected + ": " + columnName + " is " + values[row] + ", expected " + expected
                  + " (rows missing or out of order)");
        }
        expected++;
      }
      return true;
    }

    @Override
    public long rows() {
      return delegate.rows();
    }

    @Override
    public Map<String, String> metadata() {
      return delegate.metadata();
    }

    @Override
    public void close() {
      delegate.close();
    }
  }
}
