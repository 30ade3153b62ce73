package org.asyncio4j;

import java.util.List;

/**
 * Several exceptions raised together, by a {@link TaskGroup} whose tasks failed. The first one is
 * also the cause, and the others are attached as suppressed exceptions, so a printed stack trace
 * shows them all.
 */
public class ExceptionGroup extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final List<Throwable> exceptions;

  /**
   * @param message what failed
   * @param exceptions at least one exception
   */
  public ExceptionGroup(String message, List<? extends Throwable> exceptions) {
    super(message + " (" + exceptions.size() + " sub-exception" + (exceptions.size() == 1 ? "" : "s") + ")",
        exceptions.isEmpty() ? null : exceptions.get(0));
    if (exceptions.isEmpty()) {
      throw new IllegalArgumentException("an ExceptionGroup needs at least one exception");
    }
    this.exceptions = List.copyOf(exceptions);
    for (int i = 1; i < this.exceptions.size(); i++) {
      addSuppressed(this.exceptions.get(i));
    }
  }

  /** The exceptions, in the order they were raised. */
  public List<Throwable> exceptions() {
    return exceptions;
  }
}
