package io.trapscope.formats;

import static io.trapscope.formats.Column.optional;
import static io.trapscope.formats.Column.required;
import static io.trapscope.formats.Column.Shape.CATEGORY;
import static io.trapscope.formats.Column.Shape.COUNTER;
import static io.trapscope.formats.Column.Shape.VALUE;
import static io.trapscope.formats.ColumnType.BOOLEAN;
import static io.trapscope.formats.ColumnType.INT32;
import static io.trapscope.formats.ColumnType.INT64;
import static io.trapscope.formats.ColumnType.STRING;

import java.util.List;
import java.util.Locale;

/**
 * The tables of a trace and their columns, in file order.
 *
 * <p>Column positions are part of the format: the nested {@code int} constants index {@link
 * ColumnBatch} columns, and a reader rejects a file whose columns differ from this list.
 */
public enum Table {
  EVENTS(
      List.of(
          required("seq", INT64, COUNTER, "position of the event in the run, dense from 0"),
          required("tick", INT64, COUNTER, "emulated time of the event"),
          required("vcpu", INT32, CATEGORY, "virtual CPU the event happened on"),
          required("task", INT32, VALUE, "guest task the event belongs to, -1 for none"),
          required("kind", STRING, CATEGORY, "what happened; see docs/TRACE_FORMAT.md"),
          required("ts", BOOLEAN, CATEGORY, "CR0.TS as the guest sees it after the event"),
          required("fpu_owner", INT32, VALUE, "task whose data the FPU registers hold after the event, -1 for the initial state"),
          required("value", INT64, VALUE, "kind-specific payload"),
          required("aux", INT64, VALUE, "kind-specific second payload"))),
  TRAPS(
      List.of(
          required("trap_id", INT64, COUNTER, "position of the trap in raise order, dense from 0"),
          required("vector", INT32, CATEGORY, "exception or interrupt vector"),
          required("type", STRING, CATEGORY, "HW_EXCEPTION, SW_EXCEPTION, EXT_INTR or NMI"),
          required("source", STRING, CATEGORY, "who raised it"),
          required("vcpu", INT32, CATEGORY, "virtual CPU it was raised on"),
          required("task", INT32, VALUE, "guest task running when it was raised, -1 for none"),
          required("raised_seq", INT64, COUNTER, "seq of the event that raised it"),
          optional("delivered_seq", INT64, COUNTER, "seq of the event that delivered it; null if never delivered"),
          required("outcome", STRING, CATEGORY, "what became of it"),
          optional("error_code", INT64, VALUE, "the error code delivered with it; null if it has none"),
          required("insn_len", INT32, CATEGORY, "instruction length of a software exception: how far delivery moves RIP; else 0"))),
  CHOICES(
      List.of(
          required("seq", INT64, COUNTER, "seq of the next event when the choice was made"),
          required("point", STRING, CATEGORY, "the choice point"),
          required("vcpu", INT32, CATEGORY, "virtual CPU the choice was made for"),
          required("task", INT32, VALUE, "task the choice was made for, -1 for a vCPU-wide choice"),
          required("ordinal", INT64, VALUE, "how many times this point was asked before for this task (or vCPU)"),
          required("value", INT64, VALUE, "the answer"))),
  /** Not part of a trace: what {@code trapscope analyze --findings-parquet} writes, one row per evidence event. */
  FINDINGS(
      List.of(
          required("trace", STRING, CATEGORY, "the trace analysed, as named on the command line"),
          required("finding_id", INT64, COUNTER, "the finding's id within its trace, from 1"),
          required("rule", STRING, CATEGORY, "the rule's stable id"),
          required("severity", STRING, CATEGORY, "info, warning or error"),
          required("score", INT32, CATEGORY, "0 to 100"),
          required("first_seq", INT64, VALUE, "the first event involved"),
          required("last_seq", INT64, VALUE, "the last event involved"),
          required("vcpu", INT32, CATEGORY, "the vCPU it happened on"),
          required("task", INT32, VALUE, "the task it is about"),
          required("seq", INT64, VALUE, "an evidence event: join with events.seq"),
          required("role", STRING, CATEGORY, "what that event shows")),
      false);

  /** Column positions of {@link #EVENTS}. */
  public static final class Events {
    public static final int SEQ = 0;
    public static final int TICK = 1;
    public static final int VCPU = 2;
    public static final int TASK = 3;
    public static final int KIND = 4;
    public static final int TS = 5;
    public static final int FPU_OWNER = 6;
    public static final int VALUE = 7;
    public static final int AUX = 8;

    private Events() {}
  }

  /** Column positions of {@link #TRAPS}. */
  public static final class Traps {
    public static final int TRAP_ID = 0;
    public static final int VECTOR = 1;
    public static final int TYPE = 2;
    public static final int SOURCE = 3;
    public static final int VCPU = 4;
    public static final int TASK = 5;
    public static final int RAISED_SEQ = 6;
    public static final int DELIVERED_SEQ = 7;
    public static final int OUTCOME = 8;
    public static final int ERROR_CODE = 9;
    public static final int INSN_LEN = 10;

    private Traps() {}
  }

  /** Column positions of {@link #CHOICES}. */
  public static final class Choices {
    public static final int SEQ = 0;
    public static final int POINT = 1;
    public static final int VCPU = 2;
    public static final int TASK = 3;
    public static final int ORDINAL = 4;
    public static final int VALUE = 5;

    private Choices() {}
  }

  private final List<Column> columns;
  private final boolean inTrace;

  Table(List<Column> columns) {
    this(columns, true);
  }

  Table(List<Column> columns, boolean inTrace) {
    this.columns = columns;
    this.inTrace = inTrace;
  }

  /** The tables a trace directory holds, in file order. */
  public static List<Table> traceTables() {
    return List.of(EVENTS, TRAPS, CHOICES);
  }

  /** Whether the table is part of a trace directory. */
  public boolean inTrace() {
    return inTrace;
  }

  /** The columns in file order. */
  public List<Column> columns() {
    return columns;
  }

  /** The table's name in files and the manifest: {@code events}, {@code traps}, {@code choices}. */
  public String tableName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The position of a column, or -1. */
  public int columnIndex(String columnName) {
    for (int index = 0; index < columns.size(); index++) {
      if (columns.get(index).name().equals(columnName)) {
        return index;
      }
    }
    return -1;
  }

  /** The trace table with this name, or null. */
  public static Table byName(String tableName) {
    for (Table table : traceTables()) {
      if (table.tableName().equals(tableName)) {
        return table;
      }
    }
    return null;
  }
}
