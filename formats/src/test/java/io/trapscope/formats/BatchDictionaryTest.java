package io.trapscope.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Batches that each carry their own string dictionary are written with their own strings, in every format. */
class BatchDictionaryTest {
  @TempDir Path temp;

  @ParameterizedTest(name = "{0}")
  @EnumSource(TraceFormat.class)
  void batchesWithTheirOwnDictionariesKeepTheirStrings(TraceFormat format) throws IOException {
    List<String> written = new ArrayList<>();
    Path file = temp.resolve(format.fileName(Table.CHOICES));
    WriterOptions options = new WriterOptions(WriterOptions.Compression.ZSTD, 1000, Map.of());
    try (TableWriter writer = format.newWriter(file, Table.CHOICES, options, null)) {
      String[][] batches = {{"alpha", "beta", "alpha"}, {"beta", "gamma"}, {"delta", "alpha", "beta", "epsilon"}};
      int seq = 0;
      for (String[] points : batches) {
        ColumnBatch batch = ColumnBatch.create(Table.CHOICES, 8);
        for (String point : points) {
          int row = batch.addRow();
          batch.set(Table.Choices.SEQ, row, seq++);
          batch.setString(Table.Choices.POINT, row, point);
          written.add(point);
        }
        writer.write(batch);
      }
    }
    List<String> read = new ArrayList<>();
    try (TableReader reader = format.newReader(file, Table.CHOICES)) {
      ColumnBatch batch = ColumnBatch.create(Table.CHOICES, 4);
      while (reader.next(batch)) {
        for (int row = 0; row < batch.size(); row++) {
          read.add(batch.string(Table.Choices.POINT, row));
        }
      }
    }
    assertEquals(written, read);
  }
}
