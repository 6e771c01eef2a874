package io.trapscope.formats;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;

/**
 * The contents of {@code manifest.json}: what produced the trace, from which scenario and seed, how it
 * ended, and the size and SHA-256 of every data file.
 *
 * <p>Nothing in it varies between two recordings of the same scenario and seed, so that two such traces
 * are byte-identical, manifest included.
 *
 * @param format always {@link #FORMAT}
 * @param schemaVersion the version of the tables' layout; see {@link #SCHEMA_VERSION}
 * @param toolVersion the trapscope version that wrote the trace
 * @param seed the seed of the run
 * @param scenario the fully resolved scenario, every default filled in
 * @param modelVersion the version of the emulator's rules that recorded the run; null in a manifest written
 *     before it was recorded, which is version 1
 * @param families the bug families the run exercises, by id ({@code lazy-fpu}, {@code memory-events}), as the
 *     recorder declared them; null in a manifest written before trapscope declared them
 * @param run how the run ended
 * @param tables rows and files of each table, in table order
 * @param eventKinds events per kind, sorted by kind
 */
public record Manifest(
    String format,
    int schemaVersion,
    String toolVersion,
    Integer modelVersion,
    long seed,
    JsonNode scenario,
    List<String> families,
    Run run,
    List<TableEntry> tables,
    SortedMap<String, Long> eventKinds) {

  public static final String FORMAT = "trapscope-trace";

  /** Bumped whenever a column or a file changes meaning; readers reject versions they do not know. */
  public static final int SCHEMA_VERSION = 2;

  public static final String FILE_NAME = "manifest.json";

  /** Footer key holding the schema version in every data file. */
  public static final String METADATA_SCHEMA_VERSION = "trapscope.schema_version";

  /** Footer key holding the resolved scenario in every data file. */
  public static final String METADATA_SCENARIO = "trapscope.scenario";

  public Manifest {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(toolVersion, "toolVersion");
    Objects.requireNonNull(scenario, "scenario");
    families = families == null ? null : List.copyOf(families);
    Objects.requireNonNull(run, "run");
    tables = List.copyOf(Objects.requireNonNull(tables, "tables"));
    Objects.requireNonNull(eventKinds, "eventKinds");
  }

  /** The entry of {@code table}, or null if the manifest does not list it. */
  /** The same manifest with {@code newTables} as its table entries. */
  public Manifest withTables(List<TableEntry> newTables) {
    return new Manifest(format, schemaVersion, toolVersion, modelVersion, seed, scenario, families, run, newTables, eventKinds);
  }

  /** The model version, 1 for a manifest that does not say. */
  public int modelVersionOrFirst() {
    return modelVersion == null ? 1 : modelVersion;
  }

  public TableEntry table(Table table) {
    for (TableEntry entry : tables) {
      if (entry.name().equals(table.tableName())) {
        return entry;
      }
    }
    return null;
  }

  /** Rows of {@code table}, or -1 if the manifest does not list it. */
  public long rows(Table table) {
    TableEntry entry = table(table);
    return entry == null ? -1 : entry.rows();
  }

  /**
   * How a run ended.
   *
   * @param endReason why it stopped: {@code COMPLETED} when the workload finished, {@code MAX_EVENTS} or
   *     {@code MAX_TICKS} when a limit cut it short, otherwise the machine's own reason (a crash, a
   *     deadlock)
   * @param ticks emulated time at the end
   * @param workloadFinished whether every task of the workload ran to its end
   */
  public record Run(String endReason, long ticks, boolean workloadFinished) {
    public Run {
      Objects.requireNonNull(endReason, "endReason");
    }
  }

  /** One table: its name, its rows, and one file per format it was written in. */
  public record TableEntry(String name, long rows, List<FileEntry> files) {
    public TableEntry {
      Objects.requireNonNull(name, "name");
      files = List.copyOf(files);
    }

    /** The file in {@code format}, or null. */
    public FileEntry file(String format) {
      for (FileEntry file : files) {
        if (file.format().equals(format)) {
          return file;
        }
      }
      return null;
    }
  }

  /**
   * One data file.
   *
   * @param format {@code parquet} or {@code arrow}
   * @param path the file's name inside the trace directory
   * @param bytes its size
   * @param sha256 its SHA-256 in lower-case hex
   */
  public record FileEntry(String format, String path, long bytes, String sha256) {}
}
