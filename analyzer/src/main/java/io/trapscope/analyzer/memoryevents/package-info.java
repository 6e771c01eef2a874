/**
 * The memory-events family as one unit: its tracker (per vCPU the inject slot and the pending event, the
 * ring, sync requests), its rules, each rule's known fixes, what it adds to a timeline (the slot and the
 * pending event after each row), and its scope test. Added by one line of {@link io.trapscope.analyzer.Families}.
 */
package io.trapscope.analyzer.memoryevents;

