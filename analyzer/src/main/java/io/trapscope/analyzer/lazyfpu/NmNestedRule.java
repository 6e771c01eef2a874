package io.trapscope.analyzer.lazyfpu;

import io.trapscope.analyzer.EvidenceRow;
import io.trapscope.analyzer.Fix;
import io.trapscope.analyzer.Severity;
import io.trapscope.analyzer.engine.Event;
import io.trapscope.analyzer.engine.Findings;
import io.trapscope.model.scenario.Scenario;
import io.trapscope.model.vocabulary.EventKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code NM_NESTED}: #NM raised while an #NM handler is running on the same task: kernel FPU use with TS
 * set, a guest and a hypervisor that disagree on the PV ABI. One finding per chain of nested traps.
 */
public final class NmNestedRule extends LazyFpuRule {
  public static final String ID = "NM_NESTED";
  private static final int RAISES_QUOTED_MAX = 3;

  private final Map<Integer, Chain> open = new HashMap<>();

  public NmNestedRule() {
    super(ID, Severity.ERROR, "#NM raised while an #NM handler is running");
  }

  private static final class Chain {
    final EvidenceRow entry;
    final List<EvidenceRow> raises = new ArrayList<>();
    EvidenceRow last;
    long count;

    Chain(EvidenceRow entry) {
      this.entry = entry;
    }
  }

  @Override
  public Set<String> requiredColumns() {
    return Set.of("seq", "vcpu", "task", "kind", "ts", "aux");
  }

  @Override
  public Set<EventKind> requiredKinds() {
    return Set.of();
  }

  @Override
  public List<Fix> fixes(Scenario scenario) {
    return LazyFpuFixes.nested(scenario);
  }

  @Override
  protected Set<EventKind> beforeKinds() {
    return Set.of(EventKind.NM_RAISE, EventKind.DOMAIN_CRASH);
  }

  @Override
  protected Set<EventKind> afterKinds() {
    return Set.of(EventKind.NM_EXIT);
  }

  @Override
  protected void before(Event event, FpuTracker tracker, Findings findings) {
    if (event.kind == EventKind.NM_RAISE) {
      FpuTracker.TaskState task = tracker.existingTask(event.task);
      boolean nested = event.aux > 0 || (task != null && task.handlerDepth > 0);
      if (!nested) {
        return;
      }
      Chain chain = open.get(event.task);
      if (chain == null) {
        chain = new Chain(task != null && task.handlerEntry != null ? task.handlerEntry : null);
        open.put(event.task, chain);
      }
      EvidenceRow row = event.row("nested-raise");
      if (chain.raises.size() < RAISES_QUOTED_MAX) {
        chain.raises.add(row);
      }
      chain.last = row;
      chain.count++;
    } else if (event.kind == EventKind.DOMAIN_CRASH && !open.isEmpty()) {
      Chain chain = open.remove(event.task);
      if (chain != null) {
        close(chain, event.row("domain-crash"), tracker, findings);
      }
    }
  }

  @Override
  protected void after(Event event, FpuTracker tracker, Findings findings) {
    if (event.kind == EventKind.NM_EXIT && !open.isEmpty()) {
      FpuTracker.TaskState task = tracker.existingTask(event.task);
      if (task == null || task.handlerDepth == 0) {
        Chain chain = open.remove(event.task);
        if (chain != null) {
          close(chain, null, tracker, findings);
        }
      }
    }
  }

  @Override
  protected void end(FpuTracker tracker, Findings findings) {
    List<Integer> tasks = new ArrayList<>(open.keySet());
    tasks.sort(null);
    for (Integer task : tasks) {
      close(open.remove(task), null, tracker, findings);
    }
  }

  private void close(Chain chain, EvidenceRow crash, FpuTracker tracker, Findings findings) {
    List<EvidenceRow> evidence = new ArrayList<>();
    if (chain.entry != null) {
      evidence.add(chain.entry);
    }
    evidence.addAll(chain.raises);
    if (chain.last != null && !chain.raises.contains(chain.last)) {
      evidence.add(chain.last);
    }
    if (crash != null) {
      evidence.add(crash);
    }
    EvidenceRow first = chain.raises.get(0);
    String tsAtEntry = chain.entry != null && chain.entry.ts() ? " (its handler started with CR0.TS still set)" : "";
    String summary =
        "#NM raised " + chain.count + (chain.count == 1 ? " time" : " times") + " inside task " + first.task() + "'s own #NM handler"
            + tsAtEntry + (crash != null ? "; the domain crashed" : "");
    String explanation =
        "The guest's #NM handler touched the FPU while CR0.TS was still set, so #NM was raised again inside it. "
            + "A XenoLinux guest's handler does not clear TS itself: under the Xen PV ABI, Xen clears the guest's TS "
            + "before delivering #NM ('clts is done for us by Xen during virtual trap'). A hypervisor that keeps TS "
            + "set breaks that contract"
            + (crash != null
                ? ": every nested handler faults again, until the kernel stack overflows and Xen crashes the domain."
                : ".");
    List<EvidenceRow> timeline =
        findings.wantsTimeline(this) && chain.entry != null
            ? tracker.vcpu(first.vcpu()).history(chain.entry.seq() - 1, chain.last.seq(), 40)
            : List.of();
    int score = crash != null ? 100 : 90;
    findings.report(this, score, first.vcpu(), first.task(), summary, explanation, evidence, List.of(), timeline);
  }
}
