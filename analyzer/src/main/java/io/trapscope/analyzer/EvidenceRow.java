package io.trapscope.analyzer;

/**
 * One event row quoted as evidence, with the part it plays in the finding.
 *
 * @param role what the row shows, such as {@code corrupted-read} or {@code handler-sleep}
 */
public record EvidenceRow(
    String role, long seq, long tick, int vcpu, int task, String kind, boolean ts, int fpuOwner, long value, long aux) {

  /** The same row with another role. */
  public EvidenceRow as(String newRole) {
    return new EvidenceRow(newRole, seq, tick, vcpu, task, kind, ts, fpuOwner, value, aux);
  }
}
