/**
 * Reports of analyses: plain text for a terminal, JSON as the stable machine format (docs/FINDINGS_FORMAT.md),
 * and Markdown to paste into a bug ticket, with evidence, fixes and a timeline in the style of the bug
 * report's own diagram.
 */
package io.trapscope.analyzer.report;

