/**
 * The rule engine: a {@link io.trapscope.analyzer.engine.BugFamily} brings its rules and trackers, the
 * {@link io.trapscope.analyzer.engine.RuleEngine} feeds every family each event in phases (settle, rules
 * before, trackers, rules after, timelines) and keeps each vCPU's recent rows for timelines. It knows no
 * family and reads no file: events come from a trace, from a test's hand-built list, or from a run in memory.
 */
package io.trapscope.analyzer.engine;
