package org.asyncio4j;

/**
 * An operation is not allowed in the future's current state: {@code result()} of a pending future,
 * {@code setResult} on a done one.
 */
public class InvalidStateError extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  public InvalidStateError(String message) {
    super(message);
  }
}
