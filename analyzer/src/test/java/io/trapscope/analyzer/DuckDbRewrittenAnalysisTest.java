package io.trapscope.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.trapscope.analyzer.report.Reporter;
import io.trapscope.formats.Manifest;
import io.trapscope.formats.ManifestCodec;
import io.trapscope.formats.TraceReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A user who rewrites a trace's tables with DuckDB ({@code COPY (SELECT ...) TO 'events.parquet'}: v1 pages,
 * DuckDB's own encodings, every column optional) can still analyse it, and gets the same findings.
 */
class DuckDbRewrittenAnalysisTest {
  @TempDir Path temp;

  @ParameterizedTest
  @ValueSource(strings = {"fpu-memcmp", "int3-reinject", "cr3-monitor"})
  void theExampleTracesRewrittenByDuckDbGiveTheSameFindings(String name) throws Exception {
    Path original = Path.of("..", "samples", "traces", name);
    Path rewritten = temp.resolve(name);
    Files.createDirectories(rewritten);
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:"); Statement statement = connection.createStatement()) {
      for (String table : List.of("events", "traps", "choices")) {
        statement.execute(
            "COPY (SELECT * FROM '" + original.resolve(table + ".parquet") + "') TO '" + rewritten.resolve(table + ".parquet") + "' (FORMAT parquet)");
      }
    }
    writeManifestFor(original, rewritten);
    assertEquals(findings(original), findings(rewritten));
  }

  /** The original's manifest with the rewritten files' sizes and checksums, and no Arrow copies. */
  private static void writeManifestFor(Path original, Path rewritten) throws IOException {
    Manifest manifest = ManifestCodec.read(original);
    List<Manifest.TableEntry> entries = new ArrayList<>();
    for (Manifest.TableEntry entry : manifest.tables()) {
      Manifest.FileEntry parquet = entry.file("parquet");
      Path path = rewritten.resolve(parquet.path());
      entries.add(new Manifest.TableEntry(entry.name(), entry.rows(), List.of(new Manifest.FileEntry("parquet", parquet.path(), Files.size(path), TraceReader.sha256(path)))));
    }
    Files.write(rewritten.resolve(Manifest.FILE_NAME), ManifestCodec.toBytes(manifest.withTables(entries)));
  }

  /** The findings JSON without the trace's name. */
  private static String findings(Path trace) {
    TraceAnalysis analysis = Analyzer.analyze(trace, AnalysisOptions.defaults(), FindingListener.NONE);
    StringWriter text = new StringWriter();
    Reporter.JSON.render(List.of(analysis), AnalysisOptions.defaults().failOn(), new PrintWriter(text));
    return text.toString().replace(trace.toString(), "TRACE");
  }
}
