package io.trapscope.analyzer.rules;

import java.util.List;
import java.util.function.Supplier;

/** Every rule, in report order; each analysis gets fresh instances. */
public enum Rules {
  FPU_STATE_LEAK(FpuStateLeakRule::new),
  NM_NESTED(NmNestedRule::new),
  TS_CLEAR_AT_SWITCH(TsClearAtSwitchRule::new),
  NM_SCHED_WINDOW(NmSchedWindowRule::new);

  private final Supplier<Rule> factory;

  Rules(Supplier<Rule> factory) {
    this.factory = factory;
  }

  /** A fresh instance of every rule. */
  public static List<Rule> all() {
    return java.util.Arrays.stream(values()).map(rules -> rules.factory.get()).toList();
  }
}
