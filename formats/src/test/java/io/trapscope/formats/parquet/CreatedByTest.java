package io.trapscope.formats.parquet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trapscope.formats.ColumnBatch;
import io.trapscope.formats.Table;
import io.trapscope.formats.TestData;
import io.trapscope.formats.WriterOptions;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.parquet.CorruptStatistics;
import org.apache.parquet.VersionParser;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files name trapscope as their writer, in the form readers parse, and parquet-mr still trusts them. */
class CreatedByTest {
  @TempDir Path temp;

  @Test
  void footerNamesTrapscopeAndItsVersionInParquetsForm() throws Exception {
    Path path = temp.resolve("traps.parquet");
    ColumnBatch traps = TestData.denseTraps(1, 20_000, 0.3);
    ParquetFiles.write(path, traps, new WriterOptions(WriterOptions.Compression.ZSTD, 7_000, Map.of("k", "v")), new SplittableRandom(2));
    String createdBy = ParquetFiles.footer(path).getFileMetaData().getCreatedBy();
    assertEquals("trapscope version 0.1.0", createdBy, "the project's version, from the build");
    assertEquals(ParquetTableWriter.CREATED_BY, createdBy);
    VersionParser.ParsedVersion parsed = VersionParser.parse(createdBy);
    assertEquals("trapscope", parsed.application);
    assertEquals("0.1.0", parsed.version);
    assertFalse(
        CorruptStatistics.shouldIgnoreStatistics(createdBy, PrimitiveTypeName.BINARY),
        "parquet-mr must keep the string statistics, which it drops for writers it knows no version of");
    assertEquals("v", ParquetFiles.footer(path).getFileMetaData().getKeyValueMetaData().get("k"));
    try (ParquetTableReader reader = ParquetTableReader.open(path, Table.TRAPS)) {
      assertEquals(createdBy, reader.createdBy());
      assertTrue(reader.decodesPagesItself());
      TestData.assertReadsBack(traps, reader, 3_000, "traps");
    }
  }
}
