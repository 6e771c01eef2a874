package io.trapscope.analyzer.report;

import io.trapscope.analyzer.EvidenceRow;
import io.trapscope.analyzer.Finding;
import io.trapscope.analyzer.TimelineState;
import io.trapscope.model.vocabulary.EventKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A memory-event finding's timeline as a Markdown table: each event of the vCPU spelled out, with the inject
 * slot and the pending event after it, and the finding's evidence marked, the collision most of all.
 */
public final class InjectionTimeline {
  private InjectionTimeline() {}

  /**
   * The same timeline as plain text for a terminal: the last {@code rowsBefore} events up to the
   * collision (or the finding's last evidence) and the ones after it, in aligned columns.
   */
  public static List<String> text(Finding finding, int rowsBefore) {
    Map<Long, TimelineState> states = new HashMap<>();
    for (TimelineState state : finding.timelineStates()) {
      states.put(state.seq(), state);
    }
    long focus = finding.lastSeq();
    for (EvidenceRow row : finding.evidence()) {
      if (row.role().equals("collision")) {
        focus = row.seq();
      }
    }
    List<String[]> cells = new ArrayList<>();
    cells.add(new String[] {"seq", "task", "event", "inject slot", "pending event", ""});
    List<EvidenceRow> rows = finding.timeline();
    int focusIndex = 0;
    for (int index = 0; index < rows.size(); index++) {
      if (rows.get(index).seq() <= focus) {
        focusIndex = index;
      }
    }
    for (int index = Math.max(0, focusIndex - rowsBefore + 1); index < rows.size(); index++) {
      EvidenceRow row = rows.get(index);
      TimelineState state = states.get(row.seq());
      cells.add(
          new String[] {
            Long.toString(row.seq()),
            row.task() < 0 ? "-" : Integer.toString(row.task()),
            describe(row),
            state == null ? "" : state.injectSlot(),
            state == null ? "" : state.pendingEvent(),
            row.seq() == focus ? "<==" : ""
          });
    }
    int[] widths = new int[6];
    for (String[] line : cells) {
      for (int column = 0; column < line.length; column++) {
        widths[column] = Math.max(widths[column], line[column].length());
      }
    }
    List<String> lines = new ArrayList<>();
    for (String[] line : cells) {
      lines.add(
          String.format(
                  "%" + widths[0] + "s %" + widths[1] + "s  %-" + widths[2] + "s  %-" + widths[3] + "s  %-" + widths[4] + "s %s",
                  (Object[]) line)
              .stripTrailing());
    }
    return lines;
  }

  /** The Markdown table's lines, header included. */
  static List<String> table(Finding finding) {
    Map<Long, TimelineState> states = new HashMap<>();
    for (TimelineState state : finding.timelineStates()) {
      states.put(state.seq(), state);
    }
    Map<Long, String> marks = new HashMap<>();
    for (EvidenceRow row : finding.evidence()) {
      String mark = row.role().equals("collision") ? "**<== collision**" : "`" + row.role() + "`";
      marks.merge(row.seq(), mark, (left, right) -> left + " " + right);
    }
    List<String> lines = new ArrayList<>();
    lines.add("| seq | tick | task | event | inject slot | pending event | |");
    lines.add("|---:|---:|---:|---|---|---|---|");
    for (EvidenceRow row : finding.timeline()) {
      TimelineState state = states.get(row.seq());
      lines.add(
          String.format(
              "| %d | %d | %s | %s | %s | %s | %s |",
              row.seq(),
              row.tick(),
              row.task() < 0 ? "-" : Integer.toString(row.task()),
              escape(describe(row)),
              state == null ? "" : escape(state.injectSlot()),
              state == null ? "" : escape(state.pendingEvent()),
              marks.getOrDefault(row.seq(), "")));
    }
    return lines;
  }

  /** The row's kind and what its value and aux mean, as the vocabulary spells them; a kind it does not know, by name. */
  private static String describe(EvidenceRow row) {
    EventKind kind = EventKind.byName(row.kind());
    return kind == null ? row.kind() : kind.describe(row.value(), row.aux());
  }

  private static String escape(String text) {
    return text.replace("|", "\\|");
  }
}
