/**
 * The rules, and the state they share while a trace streams past: per vCPU, CR0.TS and whose FPU context
 * the registers hold, its inject slot and pending event; per task, its open #NM handler and last INT3.
 * Rules see events as the trace records them, by kind name; they know nothing of the emulator.
 */
package io.trapscope.analyzer.rules;
