package org.asyncio4j;

/**
 * Thrown by {@link Asyncio#run} after a Ctrl-C (SIGINT) interrupted the program: the main task was
 * cancelled, its {@code finally} blocks ran, the loop shut down, and now the interruption
 * continues upwards, as Python's {@code KeyboardInterrupt}. Left uncaught in the main thread, it
 * ends the process with the conventional status of a SIGINT (130 on Unix shells), as Python does.
 */
public class KeyboardInterrupt extends Error {
  private static final long serialVersionUID = 1L;

  public KeyboardInterrupt() {
    super("interrupted by SIGINT (Ctrl-C)");
  }
}
