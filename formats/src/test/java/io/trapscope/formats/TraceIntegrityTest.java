package io.trapscope.formats;

import static io.trapscope.formats.TestData.assertCleanMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.trapscope.formats.parquet.ParquetTableReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type.Repetition;
import org.apache.parquet.schema.Types;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Damaged, truncated, swapped or inconsistent data files fail with a one-line {@link TraceFormatException} naming the file. */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class TraceIntegrityTest {
  private static final int EVENTS = 70_000;

  @TempDir Path temp;
  private Path trace;
  private Path events;

  @BeforeEach
  void writeTrace() throws IOException {
    trace = temp.resolve("trace");
    events = trace.resolve("events.parquet");
    TestData.writeTrace(
        trace,
        Map.of(
            Table.EVENTS, TestData.denseEvents(1, EVENTS),
            Table.TRAPS, TestData.denseTraps(2, 3_000, 0.5),
            Table.CHOICES, TestData.choices(3, 1_000)),
        Set.of(),
        new WriterOptions(WriterOptions.Compression.ZSTD, 20_000, Map.of()),
        4096);
  }

  @Test
  void aFolderOfTracesIsNotATraceButItsTracesAreNamed() throws IOException {
    Files.createDirectories(temp.resolve("nothing"));
    TraceFormatException none = assertThrows(TraceFormatException.class, () -> TraceReader.open(temp.resolve("nothing")));
    assertCleanMessage(none, temp.resolve("nothing"), "not a complete trace", "a run that was stopped leaves none");
    Files.copy(trace.resolve(Manifest.FILE_NAME), Files.createDirectories(temp.resolve("second")).resolve(Manifest.FILE_NAME));
    TraceFormatException folder = assertThrows(TraceFormatException.class, () -> TraceReader.open(temp));
    assertCleanMessage(folder, temp, "not a complete trace");
    assertEquals(true, folder.getMessage().endsWith("it holds traces: " + temp.resolve("second") + ", " + temp.resolve("trace")), folder.getMessage());
  }

  @Test
  void parquetTruncatedAtAnyOffsetFailsCleanly() throws IOException {
    byte[] original = Files.readAllBytes(events);
    Set<Integer> offsets = new TreeSet<>(List.of(0, 1, 3, 4, 5, 8, 11, 12, 13, 100, original.length / 3, original.length / 2));
    for (int offset = original.length - 200; offset < original.length; offset++) {
      offsets.add(offset);
    }
    Path file = temp.resolve("truncated.parquet");
    for (int offset : offsets) {
      Files.write(file, java.util.Arrays.copyOf(original, offset));
      TraceFormatException failure = assertThrows(TraceFormatException.class, () -> readAll(file, Table.EVENTS), "cut at " + offset);
      assertCleanMessage(failure, file, "truncated");
    }
    Files.write(events, java.util.Arrays.copyOf(original, original.length - 1));
    TraceFormatException failure = assertThrows(TraceFormatException.class, () -> TraceReader.open(trace));
    assertCleanMessage(failure, events, "truncated", "manifest says " + original.length);
  }

  @Test
  void flippedByteFailsTheChecksum() throws IOException {
    flipMiddleByte(events);
    TraceFormatException failure = assertThrows(TraceFormatException.class, () -> TraceReader.open(trace));
    assertCleanMessage(failure, events, "checksum mismatch");
  }

  @Test
  void flippedByteWithoutChecksumVerificationFailsInsideTheReader() throws IOException {
    flipMiddleByte(events);
    TraceReader reader = TraceReader.open(trace, false);
    TraceFormatException failure =
        assertThrows(TraceFormatException.class, () -> readAll(reader, Table.EVENTS));
    assertCleanMessage(failure, events, "row group");
  }

  @Test
  void footerLengthThatCannotBeTrueFailsBeforeParquetMrReadsIt() throws IOException {
    byte[] original = Files.readAllBytes(events);
    Path file = temp.resolve("footer.parquet");
    for (int claimed : new int[] {0, -1, original.length, Integer.MAX_VALUE}) {
      byte[] damaged = original.clone();
      java.nio.ByteBuffer.wrap(damaged, damaged.length - 8, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(claimed);
      Files.write(file, damaged);
      TraceFormatException failure = assertThrows(TraceFormatException.class, () -> readAll(file, Table.EVENTS));
      assertCleanMessage(failure, file, "corrupt footer", "claims " + claimed + " bytes");
    }
  }

  @Test
  void rowGroupLargerThanTheReadersLimitIsRefused() {
    TraceFormatException failure =
        assertThrows(TraceFormatException.class, () -> ParquetTableReader.open(events, Table.EVENTS, 1000).close());
    assertCleanMessage(failure, events, "row group 0 holds", "more than the limit of 1000");
  }

  @Test
  void fileThatIsNotParquetFailsCleanly() throws IOException {
    Files.writeString(events, "seq,tick\n0,0\n1,1\n".repeat(50));
    replaceInManifest(Table.EVENTS, EVENTS);
    TraceFormatException failure = assertThrows(TraceFormatException.class, () -> TraceReader.open(trace).openTable(Table.EVENTS));
    assertCleanMessage(failure, events, "not a Parquet file");
  }

  @Test
  void emptyFileFailsCleanly() throws IOException {
    Files.write(events, new byte[0]);
    replaceInManifest(Table.EVENTS, EVENTS);
    TraceFormatException failure = assertThrows(TraceFormatException.class, () -> TraceReader.open(trace).openTable(Table.EVENTS));
    assertCleanMessage(failure, events, "0 bytes", "too short");
  }

  @Test
  void fileOfAnotherTableFailsCleanlyEvenWithAMatchingManifest() throws IOException {
    Files.copy(trace.resolve("traps.parquet"), events, StandardCopyOption.REPLACE_EXISTING);
    replaceInManifest(Table.EVENTS, 3_000);
    // Every footer is opened when the trace is: the wrong table is refused before anything reads it.
    TraceFormatException failure = assertThrows(TraceFormatException.class, () -> TraceReader.open(trace));
    assertCleanMessage(failure, events, "trap_id", "seq");
  }

  @Test
  void nestedColumnWhereAFlatOneBelongsFailsWithAOneLineMessage() throws IOException {
    Types.MessageTypeBuilder schema = Types.buildMessage();
    schema.addField(
        Types.requiredGroup().addField(Types.required(PrimitiveTypeName.INT64).named("inner")).named("seq"));
    for (int column = 1; column < Table.EVENTS.columns().size(); column++) {
      schema.addField(Types.primitive(PrimitiveTypeName.INT64, Repetition.REQUIRED).named(Table.EVENTS.columns().get(column).name()));
    }
    MessageType type = schema.named("nested");
    Path file = temp.resolve("nested.parquet");
    ParquetFileWriter writer =
        new ParquetFileWriter(
            new LocalOutputFile(file), type, ParquetFileWriter.Mode.CREATE, 1 << 20, 0, null, ParquetProperties.builder().build());
    writer.start();
    writer.end(Map.of());
    TraceFormatException failure = assertThrows(TraceFormatException.class, () -> readAll(file, Table.EVENTS));
    assertCleanMessage(failure, file, "seq");
  }

  @Test
  void rowCountThatDisagreesWithTheManifestFailsCleanly() throws IOException {
    Manifest manifest = ManifestCodec.read(trace);
    List<Manifest.TableEntry> tables = new ArrayList<>(manifest.tables());
    Manifest.TableEntry entry = tables.get(0);
    tables.set(0, new Manifest.TableEntry(entry.name(), entry.rows() + 1, entry.files()));
    Files.write(trace.resolve(Manifest.FILE_NAME), ManifestCodec.toBytes(withTables(manifest, tables)));
    TraceFormatException failure = assertThrows(TraceFormatException.class, () -> TraceReader.open(trace));
    assertCleanMessage(failure, events, EVENTS + " rows", "manifest says " + (EVENTS + 1));
  }

  @Test
  void eventsWithASeqGapFailNamingTheRow() throws IOException {
    ColumnBatch gap = TestData.denseEvents(5, 60_000);
    for (int row = 45_678; row < gap.size(); row++) {
      gap.set(Table.Events.SEQ, row, row + 1);
    }
    Path target = writeEventsOnly("gap", gap);
    TraceFormatException failure =
        assertThrows(TraceFormatException.class, () -> readAll(TraceReader.open(target), Table.EVENTS));
    assertCleanMessage(failure, target.resolve("events.parquet"), "row 45678", "seq is 45679", "expected 45678");
  }

  @Test
  void eventsOutOfOrderFailNamingTheRow() throws IOException {
    ColumnBatch swapped = TestData.denseEvents(6, 30_000);
    swapped.set(Table.Events.SEQ, 25_001, 25_002);
    swapped.set(Table.Events.SEQ, 25_002, 25_001);
    Path target = writeEventsOnly("swapped", swapped);
    TraceFormatException failure =
        assertThrows(TraceFormatException.class, () -> readAll(TraceReader.open(target), Table.EVENTS));
    assertCleanMessage(failure, target.resolve("events.parquet"), "row 25001", "seq is 25002", "out of order");
  }

  @Test
  void trapsWithADuplicateIdFailNamingTheRow() throws IOException {
    Path target = temp.resolve("duplicate");
    ColumnBatch traps = TestData.denseTraps(7, 500, 0.5);
    traps.set(Table.Traps.TRAP_ID, 321, 320);
    TestData.writeTrace(target, Map.of(Table.TRAPS, traps), Set.of(), WriterOptions.defaults(), 100);
    TraceFormatException failure =
        assertThrows(TraceFormatException.class, () -> readAll(TraceReader.open(target), Table.TRAPS));
    assertCleanMessage(failure, target.resolve("traps.parquet"), "row 321", "trap_id is 320");
  }

  private Path writeEventsOnly(String name, ColumnBatch events) throws IOException {
    Path target = temp.resolve(name);
    TestData.writeTrace(target, Map.of(Table.EVENTS, events), Set.of(), new WriterOptions(WriterOptions.Compression.ZSTD, 20_000, Map.of()), 4096);
    return target;
  }

  private static void flipMiddleByte(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length / 2] ^= (byte) 0xFF;
    Files.write(file, bytes);
  }

  /** Points the manifest entry of {@code table}'s Parquet file at its current bytes and checksum. */
  private void replaceInManifest(Table table, long rows) throws IOException {
    Manifest manifest = ManifestCodec.read(trace);
    List<Manifest.TableEntry> tables = new ArrayList<>();
    for (Manifest.TableEntry entry : manifest.tables()) {
      if (!entry.name().equals(table.tableName())) {
        tables.add(entry);
        continue;
      }
      List<Manifest.FileEntry> files = new ArrayList<>();
      for (Manifest.FileEntry file : entry.files()) {
        Path path = trace.resolve(file.path());
        files.add(new Manifest.FileEntry(file.format(), file.path(), Files.size(path), TraceReader.sha256(path)));
      }
      tables.add(new Manifest.TableEntry(entry.name(), rows, files));
    }
    Files.write(trace.resolve(Manifest.FILE_NAME), ManifestCodec.toBytes(withTables(manifest, tables)));
  }

  static Manifest withTables(Manifest manifest, List<Manifest.TableEntry> tables) {
    return new Manifest(
        manifest.format(), manifest.schemaVersion(), manifest.toolVersion(), 2, manifest.seed(), manifest.scenario(),
        java.util.List.of("lazy-fpu"),
        manifest.run(), tables, manifest.eventKinds());
  }

  static long readAll(Path file, Table table) {
    try (TableReader reader = ParquetTableReader.open(file, table)) {
      return drain(reader, table);
    }
  }

  static long readAll(TraceReader trace, Table table) {
    try (TableReader reader = trace.openTable(table)) {
      return drain(reader, table);
    }
  }

  private static long drain(TableReader reader, Table table) {
    ColumnBatch batch = ColumnBatch.create(table, 10_000);
    long rows = 0;
    while (reader.next(batch)) {
      rows += batch.size();
    }
    return rows;
  }
}
