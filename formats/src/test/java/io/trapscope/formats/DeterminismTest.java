package io.trapscope.formats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trapscope.formats.parquet.Codecs;
import io.trapscope.formats.parquet.ParquetTableWriter;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.KeyValue;
import org.apache.parquet.format.Util;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The same input always gives byte-identical files: for every codec, for Arrow, across threads and JVMs. */
class DeterminismTest {
  /** Footer metadata in an order no hash map keeps, as a recorder passes it. */
  static final Map<String, String> METADATA = metadata();

  @TempDir Path temp;

  @ParameterizedTest(name = "{0}")
  @EnumSource(WriterOptions.Compression.class)
  void identicalInputGivesIdenticalBytesForEveryCodecAndForArrow(WriterOptions.Compression compression) throws IOException {
    WriterOptions options = new WriterOptions(compression, 20_000, METADATA);
    write(temp.resolve("a"), options);
    write(temp.resolve("b"), options);
    assertSameFiles(temp.resolve("a"), temp.resolve("b"));
  }

  @Test
  void encodingPagesOnSeveralThreadsWritesTheSameBytesAsOneThread() throws IOException {
    ColumnBatch events = TestData.denseEvents(4, 200_000);
    WriterOptions options = new WriterOptions(WriterOptions.Compression.ZSTD, 150_000, METADATA);
    ExecutorService threads = Executors.newFixedThreadPool(3);
    try {
      try (ParquetTableWriter writer = new ParquetTableWriter(temp.resolve("one.parquet"), Table.EVENTS, options, Codecs.defaults(), null)) {
        TestData.writeInChunksOf(writer, events, 5000);
      }
      try (ParquetTableWriter writer =
          new ParquetTableWriter(temp.resolve("many.parquet"), Table.EVENTS, options, Codecs.defaults(), threads)) {
        TestData.writeInChunksOf(writer, events, 5000);
      }
    } finally {
      threads.shutdownNow();
    }
    assertArrayEquals(Files.readAllBytes(temp.resolve("one.parquet")), Files.readAllBytes(temp.resolve("many.parquet")));
  }

  @Test
  void footerMetadataIsWrittenInKeyOrderWhateverTheMapsOrder() throws IOException {
    write(temp.resolve("t"), new WriterOptions(WriterOptions.Compression.ZSTD, 20_000, METADATA));
    for (Table table : Table.traceTables()) {
      Path file = temp.resolve("t").resolve(table.tableName() + ".parquet");
      List<String> keys = footerKeys(file);
      assertEquals(METADATA.keySet().stream().sorted().collect(Collectors.toList()), keys, file.toString());
    }
  }

  @Test
  void twoJvmsWriteByteIdenticalTraces() throws Exception {
    Path first = temp.resolve("first");
    Path second = temp.resolve("second");
    runChild(first);
    runChild(second);
    write(temp.resolve("here"), new WriterOptions(WriterOptions.Compression.ZSTD, 20_000, METADATA));
    assertSameFiles(first, second);
    assertSameFiles(first, temp.resolve("here"));
  }

  /** Entry point of the child JVMs of {@link #twoJvmsWriteByteIdenticalTraces}: writes a trace at args[0]. */
  public static void main(String[] args) throws IOException {
    write(Path.of(args[0]), new WriterOptions(WriterOptions.Compression.ZSTD, 20_000, METADATA));
  }

  private static void write(Path target, WriterOptions options) throws IOException {
    Map<Table, ColumnBatch> tables =
        Map.of(
            Table.EVENTS, TestData.denseEvents(1, 50_000),
            Table.TRAPS, TestData.denseTraps(2, 5_000, 0.3),
            Table.CHOICES, TestData.choices(3, 3_000));
    TestData.writeTrace(target, tables, Set.of(TraceFormat.ARROW), options, 3000);
  }

  private void runChild(Path target) throws Exception {
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String argument : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (argument.startsWith("--add-opens") || argument.startsWith("-Xmx")) {
        command.add(argument);
      }
    }
    command.addAll(List.of("-cp", classPath, DeterminismTest.class.getName(), target.toString()));
    Path log = temp.resolve(target.getFileName() + ".log");
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    boolean exited = process.waitFor(5, TimeUnit.MINUTES);
    if (!exited) {
      process.destroyForcibly();
    }
    assertTrue(exited && process.exitValue() == 0, () -> "child JVM failed: " + read(log));
  }

  private static String read(Path log) {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return e.toString();
    }
  }

  static List<String> footerKeys(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    int footerLength =
        (bytes[bytes.length - 8] & 0xFF) | (bytes[bytes.length - 7] & 0xFF) << 8 | (bytes[bytes.length - 6] & 0xFF) << 16
            | (bytes[bytes.length - 5] & 0xFF) << 24;
    try (InputStream in =
        new java.io.ByteArrayInputStream(bytes, bytes.length - 8 - footerLength, footerLength)) {
      FileMetaData footer = Util.readFileMetaData(in);
      List<String> keys = new ArrayList<>();
      for (KeyValue entry : footer.getKey_value_metadata()) {
        keys.add(entry.getKey());
      }
      return keys;
    }
  }

  private static void assertSameFiles(Path a, Path b) throws IOException {
    List<String> names = list(a);
    assertEquals(names, list(b), "files of the two traces");
    assertEquals(7, names.size(), "manifest, three Parquet and three Arrow files");
    for (String name : names) {
      assertArrayEquals(Files.readAllBytes(a.resolve(name)), Files.readAllBytes(b.resolve(name)), name);
    }
  }

  private static List<String> list(Path directory) throws IOException {
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.map(path -> path.getFileName().toString()).sorted().collect(Collectors.toList());
    }
  }

  private static Map<String, String> metadata() {
    Map<String, String> metadata = new LinkedHashMap<>();
    for (String key : new String[] {"zeta", "trapscope.seed", "alpha", "trapscope.scenario", "m", "trapscope.schema_version", "b"}) {
      metadata.put(key, "value of " + key);
    }
    return metadata;
  }
}
