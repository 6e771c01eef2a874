package io.trapscope.analyzer;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trapscope.analyzer.engine.Rule;
import io.trapscope.formats.Column;
import io.trapscope.formats.Table;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The columns each rule declares are events columns, so a typo cannot make a rule "not applicable" on every trace. */
class RuleDeclarationsTest {
  @Test
  void everyRuleNeedsOnlyColumnsTheEventsTableHas() {
    Set<String> columns = Table.EVENTS.columns().stream().map(Column::name).collect(Collectors.toSet());
    for (Rule rule : Families.rules()) {
      assertFalse(rule.requiredColumns().isEmpty(), rule.id());
      assertTrue(columns.containsAll(rule.requiredColumns()), rule.id() + " needs " + rule.requiredColumns() + ", the events table has " + columns);
    }
  }
}
