package io.trapscope.replayer;

import io.trapscope.analyzer.EvidenceRow;
import java.util.List;

/**
 * Where a replay first parts from its recording.
 *
 * @param seq the first event that differs
 * @param recorded the recorded row there, or null if the recording had ended
 * @param replayed the replayed row there, or null if the replay had ended
 * @param columns the columns that differ
 * @param tail the events before it, identical in both, oldest first
 * @param reason one line, when the difference is not in an event row (a trap, the run's end)
 * @param choice the choice last answered before it, or null
 * @param choiceMismatch the first question the replay asked out of the log's order, or null
 */
public record Divergence(
    long seq,
    EvidenceRow recorded,
    EvidenceRow replayed,
    List<String> columns,
    List<EvidenceRow> tail,
    String reason,
    String choice,
    String choiceMismatch) {

  public Divergence {
    columns = List.copyOf(columns);
    tail = List.copyOf(tail);
  }
}
