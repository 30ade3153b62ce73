package org.asyncio4j.examples;

import org.asyncio4j.Asyncio;
import org.asyncio4j.EventLoop;
import org.asyncio4j.RunOptions;

/**
 * Running a coroutine on an event loop, the modern way ({@code Asyncio.run}: a new loop, run,
 * close) and the older explicit way ({@code runUntilComplete} on a loop you create and close).
 * From tutorial S001 ("Understanding the Event Loop"), with {@link CoroutineObject}'s {@code
 * myCoroutine}.
 *
 * <pre>{@code
 * # Get the current event loop
 * loop = asyncio.get_event_loop()
 *
 * # For Python 3.7+
 * asyncio.run(my_coroutine())  # Creates a new event loop and runs the coroutine
 *
 * # For older Python versions
 * loop = asyncio.get_event_loop()
 * result = loop.run_until_complete(my_coroutine())
 * }</pre>
 *
 * <p>The notebook only shows the two ways (inside a string, not run); the port runs both. Python's
 * module-level {@code asyncio.get_event_loop()} is deprecated when no loop is running (a warning
 * on 3.12/3.13, an error on 3.14): the explicit way creates its loop ({@code EventLoop.create},
 * Python's {@code asyncio.new_event_loop()}) and closes it. Inside a coroutine, {@code
 * Asyncio.getRunningLoop()} returns the running loop.
 */
public final class EventLoopRun {
  private EventLoopRun() {}

  // tutorial:start event-loop-run
  static void run(RunOptions options) {
    // Modern: creates a new event loop, runs the coroutine, closes the loop
    String result = Asyncio.run(CoroutineObjectAsync.myCoroutine(), options);
    System.out.println("Result: " + result);

    // Older, explicit style
    EventLoop loop = EventLoop.create(options);
    try {
      result = loop.runUntilComplete(CoroutineObjectAsync.myCoroutine());
      System.out.println("Result: " + result);
    } finally {
      loop.close();
    }
  }
  // tutorial:end event-loop-run

  public static void main(String[] args) {
    run(RunOptions.create());
  }
}
