package org.asyncio4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The programs of tutorial S004 ("Unleashing the Power of Async"), run on the virtual clock; each
 * transcript line starts with the loop time at which it was printed.
 */
class S004UnleashingAsyncTest {
  @Test
  void helloWorldMain() {
    // Tutorial: "Hello, " then "World!" after 1 s.
    assertEquals("0.00 Hello, \n1.00 World!\n", Transcript.run("HelloWorldMain"));
  }

  @Test
  void createTaskGather() {
    // Tutorial: Task 2 (1 s) completes before Task 1 (2 s).
    assertEquals("""
        1.00 Task 2 completed
        2.00 Task 1 completed
        """, Transcript.run("CreateTaskGather"));
  }

  @Test
  void cancelRunningTask() {
    // Tutorial output: "Task is running..." each second three times, then "Task was cancelled".
    // The tutorial's task swallows the CancelledError, which silently turns the cancellation into
    // a normal return (task.cancelled() False); the port rethrows it after the message, so the
    // task ends cancelled, and main expects the CancelledError when awaiting it. Same output.
    assertEquals("""
        0.00 Task is running...
        1.00 Task is running...
        2.00 Task is running...
        3.00 Task was cancelled
        """, Transcript.run("CancelRunningTask"));
  }
}
