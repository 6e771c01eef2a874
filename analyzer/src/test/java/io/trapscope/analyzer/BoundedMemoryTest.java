package io.trapscope.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Analysis streams: a trace of 20 million events, every finding written out, in a 256 MiB heap. */
class BoundedMemoryTest {
  @TempDir Path temp;

  @Test
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  void twentyMillionEventsInA256MegabyteHeap() throws Exception {
    Path trace = Traces.record(temp.resolve("big"), "workload.loops=4", "workload.processes=250000");
    long events = io.trapscope.formats.TraceReader.open(trace, false).manifest().rows(io.trapscope.formats.Table.EVENTS);
    assertTrue(events >= 20_000_000L, "events: " + events);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    command.add("--add-opens=java.base/java.nio=ALL-UNNAMED");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(AnalyzeInSmallHeap.class.getName());
    command.add(trace.toString());
    command.add(temp.resolve("findings.parquet").toString());
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(9, TimeUnit.MINUTES));
    assertEquals(0, process.exitValue(), output);
    assertTrue(output.contains("events " + events), output);
    long heap = Long.parseLong(output.lines().filter(line -> line.startsWith("max heap ")).findFirst().orElseThrow().substring(9));
    assertTrue(heap <= 256L << 20, "the child ran in at most 256 MiB: " + heap);
    long findings = Long.parseLong(output.lines().filter(line -> line.startsWith("findings ")).findFirst().orElseThrow().substring(9));
    assertTrue(findings > 100_000, "a big trace has many findings, all streamed out: " + findings);
    assertTrue(Files.size(temp.resolve("findings.parquet")) > 0);
  }
}
