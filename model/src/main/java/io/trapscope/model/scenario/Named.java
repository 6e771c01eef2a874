package io.trapscope.model.scenario;

/** A scenario value with a stable lower-case identifier used in JSON and on the command line. */
public interface Named {
  /** The identifier, such as {@code xen-pv}. */
  String id();
}
