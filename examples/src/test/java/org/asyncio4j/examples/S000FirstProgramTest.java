package org.asyncio4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import org.asyncio4j.RunOptions;
import org.junit.jupiter.api.Test;

/**
 * The programs of tutorial S000 ("Running Your First Async Program"), run on the virtual clock.
 * Each line of a transcript starts with the loop time at which it was printed ({@code -} when no
 * loop runs on the printing thread), so the checks cover order, results and timing.
 */
class S000FirstProgramTest {
  @Test
  void helloWorld() {
    // Tutorial: "Hello", a 1 second pause, "World".
    assertEquals("""
        0.00 Hello
        1.00 World
        """, Transcript.run("HelloWorld"));
  }

  @Test
  void sayAfterGather() {
    // Tutorial: Hello/World/from/asyncio! after 1/2/3/4 s, "Total execution time: 4.00 seconds".
    assertEquals("""
        1.00 Hello
        2.00 World
        3.00 from
        4.00 asyncio!
        4.00 Total execution time: 4.00 seconds
        """, Transcript.run("SayAfterGather"));
  }

  @Test
  void taskTimestamps() {
    // Tutorial: all start at once, finish Task 2, Task 1, Task 3; results in argument order. Its
    // "total time: 3.01 seconds" is wall-clock jitter: the loop's virtual clock says 3.00.
    assertEquals("""
        0.00 0.00: Main starting
        0.00 0.00: Task 1 starting, will sleep for 2 seconds
        0.00 0.00: Task 2 starting, will sleep for 1 seconds
        0.00 0.00: Task 3 starting, will sleep for 3 seconds
        1.00 1.00: Task 2 finished after 1 seconds
        2.00 2.00: Task 1 finished after 2 seconds
        3.00 3.00: Task 3 finished after 3 seconds
        3.00 3.00: Main finished, total time: 3.00 seconds
        3.00 Results: [Task 1 result, Task 2 result, Task 3 result]
        """, Transcript.run("TaskTimestamps"));
  }

  @Test
  void waitForTimeout() {
    // Tutorial: "Slow operation started", then "Operation timed out" after 2 s.
    assertEquals("""
        0.00 Slow operation started
        2.00 Operation timed out
        """, Transcript.run("WaitForTimeout"));
  }

  @Test
  void runInExecutorCpuBound() {
    // The CPU work runs on a pool thread (no loop there: "-"); the loop waits without blocking.
    String t = Transcript.run("RunInExecutorCpuBound");
    assertTrue(t.matches("""
        0\\.00 Main started
        - CPU task starting \\(n=10\\)
        - CPU task finished in \\d+\\.\\d\\d seconds \\(n=10\\)
        0\\.00 CPU task result: 49999995000000
        0\\.00 Main finished
        """), t);
  }

  @Test
  void pitfallForgottenAwait() {
    // Nothing is printed; the un-awaited sleep(1) never runs, so the program takes 1 s, not 2.
    assertEquals("", Transcript.run("PitfallForgottenAwait"));
    assertEquals(1.0, Timed.run(PitfallForgottenAwaitAsync.main()));
  }

  @Test
  void pitfallBlockingLoop() {
    // Tutorial: "This won't print until the blocking task is done". Thread.sleep(5000) blocks the
    // loop for 5 real seconds (the virtual clock stands still meanwhile); only then does the
    // other task start, and its 1 s sleep ends at virtual time 1.00.
    assertEquals("""
        0.00 Starting blocking task
        0.00 Finished blocking task
        0.00 Starting another task
        1.00 This won't print until the blocking task is done
        """, Transcript.run("PitfallBlockingLoop"));
  }

  @Test
  void taskGroupResults() {
    // Tutorial: "Results: Task 1 result, Task 2 result, Task 3 result"; the block ends when the
    // longest task does (3 s).
    assertEquals("3.00 Results: Task 1 result, Task 2 result, Task 3 result\n",
        Transcript.run("TaskGroupResults"));
  }

  @Test
  void asyncContextManager() {
    // Verified order: Acquiring, Resource acquired, Using resource, Got result, Releasing,
    // Resource released; each step 1 s.
    assertEquals("""
        0.00 Acquiring resource
        1.00 Resource acquired
        1.00 Using resource
        2.00 Got result: Resource result
        2.00 Releasing resource
        3.00 Resource released
        """, Transcript.run("AsyncContextManager"));
  }

  @Test
  void asyncIterator() {
    // Tutorial: "Starting async iteration", "Got value: 1..4" 0.5 s apart, "Finished ...".
    assertEquals("""
        0.00 Starting async iteration
        0.50 Got value: 1
        1.00 Got value: 2
        1.50 Got value: 3
        2.00 Got value: 4
        2.00 Finished async iteration
        """, Transcript.run("AsyncIterator"));
  }

  @Test
  void signalHandlingCancel() throws Exception {
    // Run on the real clock: once "Working... (3/10)" is printed, the test sends SIGINT to its
    // own process, as Ctrl-C would. Verified order (SIGINT at 0.5 s in the reference run):
    // the handler cancels every task; the worker cleans up (1 s) and re-raises; main catches
    // the cancellation and exits normally.
    CountDownLatch third = new CountDownLatch(1);
    Thread interrupter = new Thread(() -> {
      try {
        third.await();
        new ProcessBuilder("kill", "-INT", Long.toString(ProcessHandle.current().pid()))
            .inheritIO().start().waitFor();
      } catch (Exception e) {
        throw new RuntimeException(e);
      }
    });
    interrupter.start();
    String t = Transcript.capture(
        () -> SignalHandlingCancel.run(RunOptions.create()),
        line -> {
          if (line.equals("Working... (3/10)")) {
            third.countDown();
          }
        });
    interrupter.join();
    assertEquals("""
        Task started
        Working... (1/10)
        Working... (2/10)
        Working... (3/10)
        Interrupt received, cancelling tasks...
        Task was cancelled, performing cleanup...
        Performing cleanup...
        Cleanup complete
        Main caught cancellation
        Main exiting
        """, Transcript.plain(t));
  }
}
