package io.trapscope.model.scenario;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The guest kernel's lazy-FPU code: its #NM handler ({@code math_state_restore}) and its context switch
 * (MODEL.md section 5).
 */
public enum Kernel implements Named {
  /**
   * pvops 2.6.32: the first #NM of a task enables IRQs and allocates its FPU area with a slab allocation
   * that may sleep (since 2.6.26); then {@code clts()}, restore, {@code fpu_counter++}. Preloads at switch
   * when {@code fpu_counter > 5}.
   */
  @JsonProperty("linux-2.6.32")
  LINUX_2_6_32("linux-2.6.32", Handler.ALLOCATE_MAY_SLEEP, true, false, false),
  /**
   * As 2.6.32's handler, with 3.x's {@code switch_fpu_prepare} (lazy restore, no {@code stts()} between a
   * holder and a preloaded task), and accepts {@code eagerfpu} (Linux 3.7, 304bceda6a18).
   */
  @JsonProperty("linux-3.11")
  LINUX_3_11("linux-3.11", Handler.ALLOCATE_MAY_SLEEP, true, true, true),
  /** The 4.2 FPU rewrite: the FPU area is part of the task, so the handler never allocates or sleeps. */
  @JsonProperty("linux-4.2")
  LINUX_4_2("linux-4.2", Handler.IN_TASK_AREA, true, true, true),
  /**
   * Classic XenoLinux: assumes Xen cleared TS ("'clts' is done for us by Xen during virtual trap"), clears
   * only its shadow CR0, never sleeps, and restores; no {@code fpu_counter}, so no preload.
   */
  @JsonProperty("xenolinux")
  XENOLINUX("xenolinux", Handler.XENOLINUX, false, false, false);

  /** The shape of {@code math_state_restore}. */
  public enum Handler {
    ALLOCATE_MAY_SLEEP,
    IN_TASK_AREA,
    XENOLINUX
  }

  /**
   * How deep #NM handlers may nest on one task's kernel stack before it overflows: an 8 KiB stack and
   * roughly 256 bytes per exception frame and handler frame.
   */
  public static final int NM_NESTING_MAX = 32;

  private final String id;
  private final Handler handler;
  private final boolean preloads;
  private final boolean supportsEagerFpu;
  private final boolean lazyRestore;

  Kernel(String id, Handler handler, boolean preloads, boolean supportsEagerFpu, boolean lazyRestore) {
    this.id = id;
    this.handler = handler;
    this.preloads = preloads;
    this.supportsEagerFpu = supportsEagerFpu;
    this.lazyRestore = lazyRestore;
  }

  @Override
  public String id() {
    return id;
  }

  public Handler handler() {
    return handler;
  }

  /** Whether the switch preloads a task with {@code fpu_counter > 5} (Linux 2.6.20 onwards). */
  public boolean preloads() {
    return preloads;
  }

  /** Whether the {@code eagerfpu} parameter exists (Linux 3.7 and later). */
  public boolean supportsEagerFpu() {
    return supportsEagerFpu;
  }

  /**
   * Whether the switch is 3.x's {@code switch_fpu_prepare} (Linux 3.3): a preloaded task that is its
   * vCPU's {@code fpu_owner_task} and last held the FPU there is not restored ({@code fpu_lazy_restore}),
   * and TS stays clear when a holder switches to a preloaded task. 2.6.32's {@code __unlazy_fpu} instead
   * sets TS at every save, and the preload clears it again.
   */
  public boolean lazyRestore() {
    return lazyRestore;
  }

  /** Whether this is a pvops kernel, as opposed to a forward-ported XenoLinux. */
  public boolean isPvops() {
    return this != XENOLINUX;
  }
}
