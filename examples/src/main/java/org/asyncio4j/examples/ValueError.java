package org.asyncio4j.examples;

/** Python's {@code ValueError}, so that the ports read like the tutorials' programs. */
public class ValueError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ValueError(String message) {
    super(message);
  }
}
