package io.trapscope.analyzer.rules;

import java.util.List;
import java.util.function.Supplier;

/** Every rule, in report order; each analysis gets fresh instances. */
public enum Rules {
  FPU_STATE_LEAK(FpuStateLeakRule::new),
  NM_NESTED(NmNestedRule::new),
  TS_CLEAR_AT_SWITCH(TsClearAtSwitchRule::new),
  NM_SCHED_WINDOW(NmSchedWindowRule::new),
  INJ_DOUBLE_FAULT(InjectionDoubleFaultRule::new),
  INJ_TRIPLE_FAULT(InjectionTripleFaultRule::new),
  INJ_OVERWRITTEN(InjectionOverwrittenRule::new),
  INJ_DISCARDED(InjectionDiscardedRule::new),
  INJ_DROPPED(InjectionDroppedRule::new),
  INJ_EBUSY_LOST(InjectionEbusyLostRule::new),
  INJ_PENDING_AT_END(InjectionPendingAtEndRule::new),
  EVT_RING_DROP(RingDropRule::new),
  EVT_SYNC_UNANSWERED(SyncUnansweredRule::new),
  INT3_NO_ADVANCE(Int3NoAdvanceRule::new),
  PARAM_SELF_SET(ParamSelfSetRule::new);

  private final Supplier<Rule> factory;

  Rules(Supplier<Rule> factory) {
    this.factory = factory;
  }

  /** A fresh instance of every rule. */
  public static List<Rule> all() {
    return java.util.Arrays.stream(values()).map(rules -> rules.factory.get()).toList();
  }
}
