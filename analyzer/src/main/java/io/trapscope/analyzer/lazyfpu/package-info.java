/**
 * The lazy-FPU family as one unit: its tracker (per vCPU CR0.TS and whose context the registers hold, per
 * task its open #NM handler), its rules, each rule's known fixes, and its scope test. Added to the analyzer
 * by one line of {@link io.trapscope.analyzer.Families}.
 */
package io.trapscope.analyzer.lazyfpu;

