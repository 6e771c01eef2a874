package io.trapscope.formats;

import static io.trapscope.formats.TestData.assertCleanMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trapscope.formats.parquet.Codecs;
import io.trapscope.formats.parquet.ParquetTableReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A trace whose tables a user cut or rewrote with DuckDB ({@code COPY (SELECT ...) TO 'events.parquet'}:
 * data pages v1, DuckDB's own encodings, every column optional) is still read, value for value, by both of the
 * reader's decoding paths; what cannot be read is one line naming the file and the column.
 */
class DuckDbRewrittenTraceTest {
  /** Rows of the events table: several DuckDB row groups and pages, and several of ours. */
  private static final int EVENTS = 100_000;

  /** How DuckDB is told to write, and which of our decoding paths its output takes. */
  enum Rewrite {
    /** What a user gets without options: v1 pages, snappy, PLAIN and PLAIN_DICTIONARY. */
    DEFAULTS("FORMAT parquet", true),
    UNCOMPRESSED_SMALL_ROW_GROUPS("FORMAT parquet, COMPRESSION uncompressed, ROW_GROUP_SIZE 5000", true),
    ZSTD("FORMAT parquet, COMPRESSION zstd", true),
    /** The encodings of Parquet 2 (DELTA_BINARY_PACKED, RLE_DICTIONARY), still in v1 data pages. */
    V2_SNAPPY("FORMAT parquet, COMPRESSION snappy, PARQUET_VERSION v2", true),
    /** Strings as DELTA_LENGTH_BYTE_ARRAY, which only parquet-mr's column readers decode. */
    V2_STRINGS_WITHOUT_DICTIONARY("FORMAT parquet, PARQUET_VERSION v2, STRING_DICTIONARY_PAGE_SIZE_LIMIT 1, ROW_GROUP_SIZE 20000", false);

    final String options;
    final boolean decodedByUs;

    Rewrite(String options, boolean decodedByUs) {
      this.options = options;
      this.decodedByUs = decodedByUs;
    }
  }

  @TempDir Path temp;

  private Path original;
  private final Map<Table, ColumnBatch> tables = new EnumMap<>(Table.class);

  @BeforeEach
  void writeOriginal() throws IOException {
    tables.put(Table.EVENTS, TestData.denseEvents(5, EVENTS));
    tables.put(Table.TRAPS, TestData.denseTraps(6, 30_000, 0.4));
    tables.put(Table.CHOICES, TestData.choices(7, 20_000));
    original = temp.resolve("original");
    TestData.writeTrace(original, tables, Set.of(), new WriterOptions(WriterOptions.Compression.ZSTD, 30_000, Map.of()), 4096);
  }

  static Stream<Arguments> rewritesOfEveryTable() {
    List<Arguments> cases = new ArrayList<>();
    for (Rewrite rewrite : Rewrite.values()) {
      for (Table table : Table.traceTables()) {
        cases.add(Arguments.of(rewrite, table));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{1} {0}")
  @MethodSource("rewritesOfEveryTable")
  void duckDbsCopyReadsBackEqualOnTheExpectedPath(Rewrite rewrite, Table table) throws Exception {
    Path copy = temp.resolve(table.tableName() + ".parquet");
    copy(table, "*", copy, rewrite.options);
    try (ParquetTableReader reader = ParquetTableReader.open(copy, table)) {
      assertTrue(reader.createdBy().startsWith("DuckDB"), reader.createdBy());
      assertEquals(rewrite.decodedByUs, reader.decodesPagesItself(), "decoding path");
      TestData.assertReadsBack(tables.get(table), reader, 7_000, rewrite + " " + table);
    }
    assertTrue(firstPageIsV1(copy), "DuckDB writes data pages v1, PARQUET_VERSION v2 or not");
  }

  /** Whether the file's first data page is a v1 one, as parquet-mr reads it. */
  private static boolean firstPageIsV1(Path file) throws IOException {
    ParquetReadOptions options =
        ParquetReadOptions.builder(new PlainParquetConfiguration()).withCodecFactory(Codecs.defaults()).build();
    try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file), options)) {
      ColumnDescriptor first = reader.getFileMetaData().getSchema().getColumns().get(0);
      return reader.readNextRowGroup().getPageReader(first).readPage() instanceof DataPageV1;
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Rewrite.class)
  void aTraceWhoseTablesDuckDbRewroteIsVerifiedAndReadsBackEqual(Rewrite rewrite) throws Exception {
    Path trace = temp.resolve("rewritten");
    Files.createDirectory(trace);
    Files.copy(original.resolve(Manifest.FILE_NAME), trace.resolve(Manifest.FILE_NAME));
    for (Table table : Table.traceTables()) {
      copy(table, "*", trace.resolve(table.tableName() + ".parquet"), rewrite.options);
    }
    recomputeChecksums(trace);
    TraceReader reader = TraceReader.open(trace);
    for (Table table : Table.traceTables()) {
      try (TableReader rows = reader.openTable(table)) {
        TestData.assertReadsBack(tables.get(table), rows, ColumnBatch.CAPACITY_DEFAULT, rewrite + " " + table);
      }
    }
  }

  static Stream<Arguments> nullsOnBothPaths() {
    return Stream.of(
        Arguments.of(Rewrite.DEFAULTS, 17),
        Arguments.of(Rewrite.DEFAULTS, 70_017),
        Arguments.of(Rewrite.V2_STRINGS_WITHOUT_DICTIONARY, 17),
        Arguments.of(Rewrite.V2_STRINGS_WITHOUT_DICTIONARY, 70_017));
  }

  @ParameterizedTest(name = "{0} row {1}")
  @MethodSource("nullsOnBothPaths")
  void theFirstNullInARequiredColumnIsOneLineNamingFileColumnAndRow(Rewrite rewrite, int row) throws Exception {
    Path copy = temp.resolve("events.parquet");
    copy(Table.EVENTS, "* REPLACE (CASE WHEN seq IN (" + row + ", " + (row + 5) + ") THEN NULL ELSE vcpu END AS vcpu)", copy, rewrite.options);
    try (ParquetTableReader reader = ParquetTableReader.open(copy, Table.EVENTS)) {
      assertEquals(rewrite.decodedByUs, reader.decodesPagesItself(), "decoding path");
      ColumnBatch batch = ColumnBatch.create(Table.EVENTS, 1000);
      TraceFormatException failure =
          assertThrows(
              TraceFormatException.class,
              () -> {
                while (reader.next(batch)) {
                  // Reads until the null.
                }
              });
      assertEquals(copy + ": column vcpu row " + row + " is null; every event must have a vcpu", failure.getMessage());
    }
  }

  @Test
  void nullsInANullableColumnStayNullsAndAllNullIsFine() throws Exception {
    Path copy = temp.resolve("traps.parquet");
    copy(Table.TRAPS, "* REPLACE (NULL::BIGINT AS error_code)", copy, Rewrite.DEFAULTS.options);
    ColumnBatch expected = tables.get(Table.TRAPS);
    for (int row = 0; row < expected.size(); row++) {
      expected.setNull(Table.Traps.ERROR_CODE, row);
    }
    try (ParquetTableReader reader = ParquetTableReader.open(copy, Table.TRAPS)) {
      TestData.assertReadsBack(expected, reader, 5_000, "error_code all null");
    }
  }

  static Stream<Arguments> losslessTypes() {
    List<Arguments> cases = new ArrayList<>();
    for (Rewrite rewrite : new Rewrite[] {Rewrite.DEFAULTS, Rewrite.V2_STRINGS_WITHOUT_DICTIONARY}) {
      cases.add(Arguments.of(rewrite, "seq::INTEGER AS seq, tick::INTEGER AS tick"));
      cases.add(Arguments.of(rewrite, "kind::BLOB AS kind"));
      cases.add(Arguments.of(rewrite, "vcpu::UTINYINT AS vcpu, task::SMALLINT AS task, fpu_owner::TINYINT AS fpu_owner"));
      cases.add(Arguments.of(rewrite, "kind::ENUM('TASK_SWITCH', 'FPU_WRITE', 'FPU_READ', 'NM_RAISE', 'IRQ') AS kind"));
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("losslessTypes")
  void narrowerIntegersAndUnannotatedStringsReadBackEqual(Rewrite rewrite, String replacement) throws Exception {
    Path copy = temp.resolve("events.parquet");
    copy(Table.EVENTS, "* REPLACE (" + replacement + ")", copy, rewrite.options);
    try (ParquetTableReader reader = ParquetTableReader.open(copy, Table.EVENTS)) {
      TestData.assertReadsBack(tables.get(Table.EVENTS), reader, 7_000, replacement);
    }
  }

  static Stream<Arguments> lossyTypes() {
    return Stream.of(
        Arguments.of("vcpu::BIGINT AS vcpu", "vcpu", "INT64 INTEGER(64,true)", "INT32 (SQL INTEGER)"),
        Arguments.of("vcpu::UINTEGER AS vcpu", "vcpu", "INT32 INTEGER(32,false)", "INT32 (SQL INTEGER)"),
        Arguments.of("tick::UBIGINT AS tick", "tick", "INT64 INTEGER(64,false)", "INT64 (SQL BIGINT)"),
        Arguments.of("ts::INTEGER AS ts", "ts", "INT32 INTEGER(32,true)", "BOOLEAN (SQL BOOLEAN)"),
        Arguments.of("length(kind) AS kind", "kind", "INT64 INTEGER(64,true)", "BINARY STRING (SQL VARCHAR)"),
        Arguments.of("value::DOUBLE AS value", "value", "DOUBLE", "INT64 (SQL BIGINT)"),
        Arguments.of("DATE '2026-12-04' + (task + 1) AS task", "task", "INT32 DATE", "INT32 (SQL INTEGER)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("lossyTypes")
  void aTypeThatCouldChangeValuesIsOneLineNamingFileAndColumn(String replacement, String column, String actual, String wanted)
      throws Exception {
    Path copy = temp.resolve("events.parquet");
    copy(Table.EVENTS, "* REPLACE (" + replacement + ")", copy, Rewrite.DEFAULTS.options);
    TraceFormatException failure = assertThrows(TraceFormatException.class, () -> ParquetTableReader.open(copy, Table.EVENTS).close());
    assertCleanMessage(failure, copy, "column '" + column + "' is " + actual + ", expected " + wanted);
  }

  @Test
  void aColumnDuckDbDroppedOrRenamedIsOneLineNamingIt() throws Exception {
    Path copy = temp.resolve("events.parquet");
    copy(Table.EVENTS, "* RENAME (vcpu AS cpu)", copy, Rewrite.DEFAULTS.options);
    TraceFormatException failure = assertThrows(TraceFormatException.class, () -> ParquetTableReader.open(copy, Table.EVENTS).close());
    assertCleanMessage(failure, copy, "column 2 is 'cpu', expected 'vcpu'");
  }

  /** {@code COPY (SELECT select FROM the original table) TO target (options)}, in the original's row order. */
  private void copy(Table table, String select, Path target, String options) throws SQLException {
    String source = sql(original.resolve(table.tableName() + ".parquet"));
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement()) {
      // One thread keeps the rows in file order whatever the query.
      statement.execute("SET threads = 1");
      statement.execute("COPY (SELECT " + select + " FROM '" + source + "') TO '" + sql(target) + "' (" + options + ")");
    }
  }

  /** Points every manifest entry at its file's current size and checksum, as a user would have to. */
  private static void recomputeChecksums(Path trace) throws IOException {
    Manifest manifest = ManifestCodec.read(trace);
    List<Manifest.TableEntry> entries = new ArrayList<>();
    for (Manifest.TableEntry entry : manifest.tables()) {
      List<Manifest.FileEntry> files = new ArrayList<>();
      for (Manifest.FileEntry file : entry.files()) {
        Path path = trace.resolve(file.path());
        files.add(new Manifest.FileEntry(file.format(), file.path(), Files.size(path), TraceReader.sha256(path)));
      }
      entries.add(new Manifest.TableEntry(entry.name(), entry.rows(), files));
    }
    Files.write(trace.resolve(Manifest.FILE_NAME), ManifestCodec.toBytes(TraceIntegrityTest.withTables(manifest, entries)));
  }

  private static String sql(Path path) {
    return path.toString().replace("'", "''");
  }
}
