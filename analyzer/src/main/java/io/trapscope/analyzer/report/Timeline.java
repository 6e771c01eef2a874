package io.trapscope.analyzer.report;

import io.trapscope.analyzer.EvidenceRow;
import io.trapscope.model.vocabulary.Hypercall;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Draws a window of one vCPU's events as the bug report's own diagram does: one column per task slice, each
 * event in its task's column with CR0.TS and the FPU owner after it, and notes such as the corrupted read
 * marked at the side.
 */
public final class Timeline {
  public static final int SLICES_MAX = 6;
  private static final int CELL_WIDTH_MAX = 34;

  private Timeline() {}

  /** The diagram's lines; {@code notes} maps a seq to a remark printed after its row. */
  static List<String> render(List<EvidenceRow> rows, Map<Long, String> notes) {
    return render(rows, notes, SLICES_MAX);
  }

  /** As {@link #render(List, Map)} with at most {@code slicesMax} columns, the latest. */
  public static List<String> render(List<EvidenceRow> rows, Map<Long, String> notes, int slicesMax) {
    return render(rows, notes, slicesMax, java.util.Set.of());
  }

  /**
   * As {@link #render(List, Map, int)}, keeping only the events of {@code tasks} (all if empty): the tasks
   * of the story, as the bug report's diagram shows only tasks A and B.
   */
  public static List<String> render(List<EvidenceRow> rows, Map<Long, String> notes, int slicesMax, java.util.Set<Integer> tasks) {
    List<List<EvidenceRow>> slices = new ArrayList<>();
    boolean filtered = false;
    for (EvidenceRow row : rows) {
      if (!tasks.isEmpty() && !tasks.contains(row.task())) {
        filtered = true;
        continue;
      }
      if (slices.isEmpty() || slices.get(slices.size() - 1).get(0).task() != row.task()) {
        slices.add(new ArrayList<>());
      }
      slices.get(slices.size() - 1).add(row);
    }
    boolean omitted = slices.size() > slicesMax;
    if (omitted) {
      slices = slices.subList(slices.size() - slicesMax, slices.size());
    }
    int[] widths = new int[slices.size()];
    for (int column = 0; column < slices.size(); column++) {
      int width = header(slices.get(column)).length();
      for (EvidenceRow row : slices.get(column)) {
        width = Math.max(width, cell(row).length());
      }
      widths[column] = Math.min(CELL_WIDTH_MAX, width);
    }
    List<String> lines = new ArrayList<>();
    if (filtered) {
      lines.add("(events of other tasks left out)");
    }
    if (omitted) {
      lines.add("(earlier task slices of this window left out)");
    }
    StringBuilder tsLine = new StringBuilder(pad("", 7));
    StringBuilder taskLine = new StringBuilder(pad("seq", 7));
    StringBuilder rule = new StringBuilder("-".repeat(7));
    for (int column = 0; column < slices.size(); column++) {
      EvidenceRow first = slices.get(column).get(0);
      tsLine.append("| ").append(pad("CR0.TS=" + (first.ts() ? 1 : 0), widths[column])).append(' ');
      taskLine.append("| ").append(pad(header(slices.get(column)), widths[column])).append(' ');
      rule.append('+').append("-".repeat(widths[column] + 2));
    }
    lines.add(tsLine.toString().stripTrailing());
    lines.add(taskLine.toString().stripTrailing());
    lines.add(rule.toString());
    for (int column = 0; column < slices.size(); column++) {
      for (EvidenceRow row : slices.get(column)) {
        StringBuilder line = new StringBuilder(pad(Long.toString(row.seq()), 7));
        for (int other = 0; other < slices.size(); other++) {
          line.append("| ").append(pad(other == column ? cell(row) : "", widths[other])).append(' ');
        }
        String text = line.toString().stripTrailing();
        String note = notes.get(row.seq());
        lines.add(note == null ? text : text + "   <== " + note);
      }
    }
    return lines;
  }

  /** The remarks worth printing beside a finding's evidence rows in its timeline. */
  public static Map<Long, String> notes(io.trapscope.analyzer.Finding finding) {
    Map<Long, String> notes = new java.util.HashMap<>();
    for (EvidenceRow row : finding.evidence()) {
      switch (row.role()) {
        case "corrupted-read":
          notes.put(row.seq(), row.fpuOwner() < 0 ? "reads an initial state, not its own data" : "reads task " + row.fpuOwner() + "'s data");
          break;
        case "handler-sleep":
          notes.put(row.seq(), "the #NM handler sleeps with TS clear");
          break;
        case "switch":
          notes.putIfAbsent(row.seq(), "switch with TS clear");
          break;
        case "ts-cleared":
          notes.putIfAbsent(row.seq(), "TS cleared");
          break;
        case "nested-raise":
          notes.putIfAbsent(row.seq(), "#NM inside the #NM handler");
          break;
        case "domain-crash":
          notes.put(row.seq(), "the domain crashes");
          break;
        default:
          break;
      }
    }
    return notes;
  }

  /** The tasks a finding's evidence involves: the cast of its timeline. */
  public static java.util.Set<Integer> cast(io.trapscope.analyzer.Finding finding) {
    java.util.Set<Integer> tasks = new java.util.TreeSet<>();
    for (EvidenceRow row : finding.evidence()) {
      if (row.task() >= 0) {
        tasks.add(row.task());
      }
    }
    return tasks;
  }

  private static String header(List<EvidenceRow> slice) {
    int task = slice.get(0).task();
    return task < 0 ? "idle" : "task " + task;
  }

  /** "FPU_READ 8001 TS=0 fpu=t8": the kind, its data where it has some, TS and the owner after it. */
  static String cell(EvidenceRow row) {
    StringBuilder text = new StringBuilder(row.kind());
    switch (row.kind()) {
      case "FPU_WRITE":
      case "FPU_READ":
      case "FPU_SAVE":
      case "FPU_RESTORE":
        text.append(' ').append(row.value());
        break;
      case "ALLOC_SLEEP":
        text.append(' ').append(row.aux()).append("t");
        break;
      case "HYPERCALL":
        if (row.value() == Hypercall.FPU_TASKSWITCH.code()) {
          text.append(row.aux() == 1 ? " stts" : " clts");
        }
        break;
      case "TASK_SWITCH":
        text.append(row.value() < 0 ? " from idle" : " from " + row.value());
        break;
      default:
        break;
    }
    text.append(" TS=").append(row.ts() ? 1 : 0);
    text.append(" fpu=").append(row.fpuOwner() < 0 ? "init" : "t" + row.fpuOwner());
    String cell = text.toString();
    return cell.length() > CELL_WIDTH_MAX ? cell.substring(0, CELL_WIDTH_MAX) : cell;
  }

  private static String pad(String text, int width) {
    return text.length() >= width ? text : text + " ".repeat(width - text.length());
  }
}
