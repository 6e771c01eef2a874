package io.trapscope.model.scenario;

/** A scenario is malformed or invalid; the message is one line naming the source and the field's path. */
public final class ScenarioException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String path;

  public ScenarioException(String source, String path, String detail) {
    super(source + ": " + (path == null || path.isEmpty() ? "" : path + ": ") + detail);
    this.path = path == null ? "" : path;
  }

  /** The dotted path of the offending field, empty for the whole document. */
  public String path() {
    return path;
  }
}
