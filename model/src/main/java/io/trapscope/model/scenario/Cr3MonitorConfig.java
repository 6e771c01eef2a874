package io.trapscope.model.scenario;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Heavy context switching between short-lived processes, each with its own address space, so that CR3
 * changes at almost every switch; each process also flushes its TLB by reloading CR3 with the same value,
 * and may flush global pages by toggling CR4.PGE.
 *
 * @param name always {@code cr3-monitor}
 * @param loops concurrent shell loops
 * @param processes processes each loop starts
 * @param syscalls system calls each process makes
 * @param flushes TLB flushes ({@code mprotect}: CR3 reloaded unchanged) each process makes
 * @param globalFlushes global TLB flushes (CR4.PGE cleared and set again) each process makes
 * @param syscallBlockProbability the chance that a system call blocks
 * @param syscallBlockTicksMin shortest block
 * @param syscallBlockTicksMax longest block
 */
@JsonPropertyOrder({
  "name", "loops", "processes", "syscalls", "flushes", "globalFlushes",
  "syscallBlockProbability", "syscallBlockTicksMin", "syscallBlockTicksMax"
})
public record Cr3MonitorConfig(
    String name,
    int loops,
    int processes,
    int syscalls,
    int flushes,
    int globalFlushes,
    double syscallBlockProbability,
    long syscallBlockTicksMin,
    long syscallBlockTicksMax)
    implements WorkloadConfig {
  public static final String NAME = "cr3-monitor";

  static Cr3MonitorConfig defaults() {
    return new Cr3MonitorConfig(NAME, 4, 50, 3, 2, 0, 0.5, 1, 4);
  }

  @Override
  public boolean needsHvm() {
    return true;
  }
}
