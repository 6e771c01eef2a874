package io.trapscope.analyzer.report;

import io.trapscope.analyzer.EvidenceRow;
import io.trapscope.analyzer.Finding;
import io.trapscope.analyzer.TimelineState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A memory-event finding's timeline as a Markdown table: each event of the vCPU spelled out, with the inject
 * slot and the pending event after it, and the finding's evidence marked, the collision most of all.
 */
final class InjectionTimeline {
  private InjectionTimeline() {}

  /** The table's lines, header included. */
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
              escape(EventMeaning.describe(row)),
              state == null ? "" : escape(state.injectSlot()),
              state == null ? "" : escape(state.pendingEvent()),
              marks.getOrDefault(row.seq(), "")));
    }
    return lines;
  }

  private static String escape(String text) {
    return text.replace("|", "\\|");
  }
}
