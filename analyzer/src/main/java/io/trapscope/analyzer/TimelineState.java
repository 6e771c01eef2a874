package io.trapscope.analyzer;

/**
 * What a vCPU held after one timeline row of a memory-event finding, as the Markdown report's table shows it.
 *
 * @param seq the timeline row
 * @param injectSlot the injection waiting in the vCPU's {@code HVMOP_inject_trap} slot, or empty
 * @param pendingEvent the event pending for delivery to the guest, and where it came from, or empty
 */
public record TimelineState(long seq, String injectSlot, String pendingEvent) {}
