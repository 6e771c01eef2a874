package io.trapscope.analyzer;

import io.trapscope.analyzer.engine.BugFamily;
import io.trapscope.analyzer.engine.Rule;
import io.trapscope.analyzer.lazyfpu.LazyFpuFamily;
import io.trapscope.analyzer.memoryevents.MemoryEventsFamily;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Every bug family the analyzer knows, in report order: the one registry the rule engine takes them from. */
public enum Families {
  LAZY_FPU(new LazyFpuFamily()),
  MEMORY_EVENTS(new MemoryEventsFamily());

  private final BugFamily family;

  Families(BugFamily family) {
    this.family = family;
  }

  /** The family. */
  public BugFamily family() {
    return family;
  }

  /** Every family, in report order. */
  public static List<BugFamily> all() {
    return Arrays.stream(values()).map(Families::family).toList();
  }

  /** A fresh instance of every rule of every family, in report order. */
  public static List<Rule> rules() {
    List<Rule> rules = new ArrayList<>();
    for (Families family : values()) {
      rules.addAll(family.family.newRules());
    }
    return rules;
  }
}
