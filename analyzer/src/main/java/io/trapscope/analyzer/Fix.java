package io.trapscope.analyzer;

/**
 * A fix known from the bug's history.
 *
 * @param id a stable identifier, such as {@code konrad-stts}
 * @param title one line
 * @param detail what it does and where it comes from
 * @param applies whether it applies to the traced machine as it is (false: it needs another kernel, say)
 */
public record Fix(String id, String title, String detail, boolean applies) {}
