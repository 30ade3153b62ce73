package org.asyncio4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.asyncio4j.Asyncio;
import org.asyncio4j.RunOptions;
import org.junit.jupiter.api.Test;

/**
 * The programs of tutorial S001 ("Understanding Python's asyncio", a notebook), run on the virtual
 * clock; each transcript line starts with the loop time at which it was printed.
 */
class S001UnderstandingAsyncioTest {
  @Test
  void syncVsAsyncOperations() {
    // Tutorial: synchronous ~6 s (2+1+3, really blocking: wall clock, no loop), asynchronous ~3 s.
    String t = Transcript.run("SyncVsAsyncOperations");
    assertTrue(t.matches("""
        - Starting Operation 1\\.\\.\\.
        - Finished Operation 1 after 2s
        - Starting Operation 2\\.\\.\\.
        - Finished Operation 2 after 1s
        - Starting Operation 3\\.\\.\\.
        - Finished Operation 3 after 3s
        - Total synchronous execution time: 6\\.\\d\\ds
        - \\[Operation 1 result, Operation 2 result, Operation 3 result\\]
        0\\.00 Starting Operation 1\\.\\.\\.
        0\\.00 Starting Operation 2\\.\\.\\.
        0\\.00 Starting Operation 3\\.\\.\\.
        1\\.00 Finished Operation 2 after 1s
        2\\.00 Finished Operation 1 after 2s
        3\\.00 Finished Operation 3 after 3s
        3\\.00 Total asynchronous execution time: 3\\.00s
        - \\[Operation 1 result, Operation 2 result, Operation 3 result\\]
        """), t);
  }

  @Test
  void coroutineObject() {
    // Creating the coroutine runs nothing; awaiting the second one runs it (1 s).
    assertEquals("""
        0.00 Type of myCoroutine(): org.asyncio4j.Coroutine
        0.00 Coroutine started
        1.00 Coroutine resumed after 1 second
        1.00 Result: Coroutine completed
        """, Transcript.run("CoroutineObject"));
  }

  @Test
  void eventLoopRun() {
    // Each way runs the coroutine to completion on its own loop (each loop's clock starts at 0).
    assertEquals("""
        0.00 Coroutine started
        1.00 Coroutine resumed after 1 second
        - Result: Coroutine completed
        0.00 Coroutine started
        1.00 Coroutine resumed after 1 second
        - Result: Coroutine completed
        """, Transcript.run("EventLoopRun"));
  }

  @Test
  void gatherAndCreateTask() {
    // Tutorial: "Task 2 completed" (0.5 s) before "Task 1 completed" (1 s) both times;
    // results in argument order.
    assertEquals("""
        0.00 Running tasks with gather()
        0.50 Task 2 completed
        1.00 Task 1 completed
        1.00 Results: [Result 1, Result 2]
        1.00\s
        1.00 Running tasks with createTask()
        1.50 Task 2 completed
        2.00 Task 1 completed
        2.00 Results: Result 1, Result 2
        """, Transcript.run("GatherAndCreateTask"));
  }

  @Test
  void taskResults() {
    // Tutorial: completion order C, B, A; then the results A, B, C.
    assertEquals("""
        0.00 Task A started
        0.00 Task B started
        0.00 Task C started
        1.00 Task C completed after 1s
        2.00 Task B completed after 2s
        3.00 Task A completed after 3s
        3.00 Task A result: Task A result
        3.00 Task B result: Task B result
        3.00 Task C result: Task C result
        """, Transcript.run("TaskResults"));
  }

  @Test
  void taskCancellation() {
    // Tutorial: "Working..." every 0.5 s (0, 0.5, 1.0, 1.5), the canceller's message right after
    // cancel(), then "Task was cancelled!" and "Main function caught the cancellation".
    assertEquals("""
        0.00 Task started
        0.00 Working...
        0.50 Working...
        1.00 Working...
        1.50 Working...
        2.00 Cancellation request sent after 2s
        2.00 Task was cancelled!
        2.00 Main function caught the cancellation
        """, Transcript.run("TaskCancellation"));
  }

  @Test
  void futureDemo() {
    assertEquals("""
        0.00 Waiting for future result...
        2.00 Got result: Future result
        """, Transcript.run("FutureDemo"));
  }

  @Test
  void waitFirstCompleted() {
    // Tutorial: X 3 s, Y 1 s, Z 2 s: one done (Task Y result), two pending; all results in list
    // order at the end.
    assertEquals("""
        0.00\s
        0.00 Waiting for the first task to complete...
        0.00 Task X started
        0.00 Task Y started
        0.00 Task Z started
        1.00 Task Y completed after 1s
        1.00\s
        1.00 1 task(s) completed:
        1.00   - Task Y result
        1.00\s
        1.00 2 task(s) still pending
        1.00\s
        1.00 Waiting for remaining tasks...
        2.00 Task Z completed after 2s
        3.00 Task X completed after 3s
        3.00\s
        3.00 All tasks completed. Results:
        3.00   - Task X result
        3.00   - Task Y result
        3.00   - Task Z result
        """, Transcript.run("WaitFirstCompleted"));
  }

  @Test
  void timeoutDemo() {
    // "Slow operation finished" never prints: waitFor cancels the operation at 2 s.
    assertEquals("""
        0.00 Slow operation started
        2.00 Operation timed out!
        """, Transcript.run("TimeoutDemo"));
  }

  @Test
  void queueDemo() {
    // Tutorial: ends with "Queue demo completed". Verified timeline: producers done at 2.0 s,
    // join() returns at 3.0 s (last item taken and marked done), consumers done at 4.0 s.
    assertEquals("""
        0.00 Producer 1 produced: Producer 1 item 0
        0.00 Producer 2 produced: Producer 2 item 0
        0.00 Consumer 1 consumed: Producer 1 item 0
        0.00 Consumer 2 consumed: Producer 2 item 0
        0.50 Producer 1 produced: Producer 1 item 1
        0.50 Producer 2 produced: Producer 2 item 1
        1.00 Consumer 1 consumed: Producer 1 item 1
        1.00 Consumer 2 consumed: Producer 2 item 1
        1.00 Producer 1 produced: Producer 1 item 2
        1.00 Producer 2 produced: Producer 2 item 2
        1.50 Producer 1 produced: Producer 1 item 3
        1.50 Producer 2 finished producing
        2.00 Consumer 1 consumed: Producer 1 item 2
        2.00 Consumer 2 consumed: Producer 2 item 2
        2.00 Producer 1 finished producing
        3.00 Consumer 1 finished consuming
        3.00 Consumer 2 consumed: Producer 1 item 3
        4.00 Consumer 2 finished consuming
        4.00 Queue demo completed
        """, Transcript.run("QueueDemo"));
  }

  @Test
  void errorHandlingDemo() {
    // Random outcomes as in the tutorial; seed 42 fixes them. Method 1 awaits one at a time (1 s
    // each), methods 2 and 3 run three concurrently (1 s); the done callbacks run in completion
    // order before the gather awaiting the same tasks returns.
    assertEquals("""
        0.00 Method 1: Individual try/catch:
        1.00 Task 0 failed: Operation failed
        2.00 Task 1 failed: Operation failed
        3.00 Task 2 failed: Operation failed
        3.00\s
        3.00 Method 2: gather with returnExceptions=true:
        4.00 Task 0: Operation succeeded
        4.00 Task 1 failed: Operation failed
        4.00 Task 2 failed: Operation failed
        4.00\s
        4.00 Method 3: Task callbacks:
        5.00 Task failed: Operation failed
        5.00 Task completed: Operation succeeded
        5.00 Task failed: Operation failed
        """, Transcript.run("ErrorHandlingDemo", "42"));
  }

  @Test
  void debugMode() {
    // The main task is Task-1; allTasks() counts it and "fetch_user_data". As in Python, that task
    // takes its first step before the loop sees that main is done; Asyncio.run then cancels it.
    // The program sets the root logger to FINE (Python's logging.basicConfig(level=DEBUG)); the
    // test puts the levels back for the tests that follow.
    java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
    java.util.logging.Level level = root.getLevel();
    java.util.logging.Handler[] handlers = root.getHandlers();
    java.util.logging.Level[] levels = new java.util.logging.Level[handlers.length];
    for (int i = 0; i < handlers.length; i++) {
      levels[i] = handlers[i].getLevel();
    }
    try {
      assertEquals("""
          0.00 Current task: Task-1
          0.00 Total tasks: 2
          0.00 Task A started
          """, Transcript.run("DebugMode"));
    } finally {
      root.setLevel(level);
      for (int i = 0; i < handlers.length; i++) {
        handlers[i].setLevel(levels[i]);
      }
    }
  }

  @Test
  void scatterGather() {
    // Four 1 s items take 1 s in all.
    assertEquals("""
        0.00 Pattern 1: Scatter-Gather
        1.00 Results: [Processed item1, Processed item2, Processed item3, Processed item4]
        """, Transcript.run("ScatterGather"));
  }

  @Test
  void producerConsumer() {
    // Two producers of two items each (0.1 s apart), two consumers (0.5 s per item); the None
    // sentinels end both consumers at 1.0 s.
    assertEquals("""
        0.00\s
        0.00 Pattern 2: Producer-Consumer
        0.00 Consumer 0 processing Producer 0 - Item 0
        0.00 Consumer 1 processing Producer 1 - Item 0
        0.50 Consumer 0 processing Producer 0 - Item 1
        0.50 Consumer 1 processing Producer 1 - Item 1
        """, Transcript.run("ProducerConsumer"));
    assertEquals(1.0, Timed.run(ProducerConsumerAsync.main()), 1e-9);
  }

  @Test
  void showPitfalls() {
    // Pitfall 1: only the awaited coroutine runs. Pitfall 2: the computation runs on the loop
    // thread first (blocking it: the virtual clock cannot move), then on a pool thread (no loop
    // there). Pitfall 3: the second failure is caught at 2.5 s.
    String t = Transcript.run("ShowPitfalls");
    assertTrue(t.matches("""
        0\\.00\s
        0\\.00 Pitfall 1: Forgetting to await a coroutine
        1\\.00 Coroutine executed
        1\\.00\s
        1\\.00 Pitfall 2: Blocking the event loop
        1\\.00 Wrong way \\(blocks the event loop\\):
        1\\.00 Starting heavy computation\\.\\.\\.
        1\\.00 Heavy computation finished
        1\\.00 Time taken: \\d+\\.\\d\\ds
        1\\.00\s
        1\\.00 Correct way \\(using executor\\):
        - Starting heavy computation\\.\\.\\.
        - Heavy computation finished
        1\\.00 Time taken: \\d+\\.\\d\\ds
        1\\.00\s
        1\\.00 Pitfall 3: Not handling exceptions in tasks
        1\\.00 Wrong way \\(exception will be lost\\):
        2\\.00\s
        2\\.00 Correct way \\(catching the exception\\):
        2\\.50 Caught exception: Task failed!
        """), t);
  }

  @Test
  void lockDemo() {
    // Tutorial: "Final shared resource: [0, 1, 2]"; verified FIFO: workers 0, 1, 2 acquire the
    // lock at 0, 1 and 2 s.
    assertEquals("""
        0.00 Worker 0 is waiting for the lock
        0.00 Worker 0 acquired the lock
        0.00 Worker 0 updated shared resource: [0]
        0.00 Worker 1 is waiting for the lock
        0.00 Worker 2 is waiting for the lock
        1.00 Worker 0 released the lock
        1.00 Worker 1 acquired the lock
        1.00 Worker 1 updated shared resource: [0, 1]
        2.00 Worker 1 released the lock
        2.00 Worker 2 acquired the lock
        2.00 Worker 2 updated shared resource: [0, 1, 2]
        3.00 Worker 2 released the lock
        3.00 Final shared resource: [0, 1, 2]
        """, Transcript.run("LockDemo"));
  }

  @Test
  void semaphoreThrottling() {
    // Verified: with Semaphore(2) the five calls start in waves of 2, 2, 1 (0, 1, 2 s); 3 s in all.
    assertEquals("""
        0.00\s
        0.00 Pattern 3: Throttled API Calls
        0.00 Calling API: https://api.example.com/1
        0.00 Calling API: https://api.example.com/2
        1.00 Calling API: https://api.example.com/3
        1.00 Calling API: https://api.example.com/4
        2.00 Calling API: https://api.example.com/5
        3.00 Results: [Result from https://api.example.com/1,\
         Result from https://api.example.com/2, Result from https://api.example.com/3,\
         Result from https://api.example.com/4, Result from https://api.example.com/5]
        """, Transcript.run("SemaphoreThrottling"));
  }

  @Test
  void echoServer() throws Exception {
    // Verified: a loopback client gets "Echo: hello" and "Echo: world"; cancelling serve_forever
    // prints "Server stopped". The client is EchoClient; the port is a free one.
    int port;
    try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    List<List<String>> replies = new ArrayList<>();
    String t = Transcript.plain(Transcript.capture(() -> replies.add(Asyncio.run(
        EchoClientAsync.session(port, List.of("hello", "world")),
        RunOptions.create().virtualTime(true)))));
    assertEquals(List.of("Echo: hello\n", "Echo: world\n"), replies.get(0));
    String peer = "/127\\.0\\.0\\.1:\\d+";
    assertTrue(t.matches("""
        Server running on /127\\.0\\.0\\.1:%1$d
        To test the server:
        1\\. Open another terminal
        2\\. Use: telnet 127\\.0\\.0\\.1 %1$d
        3\\. Type messages and see them echoed back
        4\\. Press Ctrl\\+C here to stop the server
        Client connected: %2$s
        Received from %2$s: hello
        Received from %2$s: world
        Client disconnected: %2$s
        Server stopped
        """.formatted(port, peer)), t);
  }

  @Test
  void demonstratePatterns() {
    // Verified: scatter-gather 1.00 s; throttling in waves of 2/2/1, 3.0 s; producer-consumer
    // ends 1 s later, with two sentinels left in the queue.
    assertEquals("""
        0.00 Pattern 1: Scatter-Gather
        1.00 Results: [Processed item1, Processed item2, Processed item3, Processed item4]
        1.00\s
        1.00 Pattern 3: Throttled API Calls
        1.00 Calling API: https://api.example.com/1
        1.00 Calling API: https://api.example.com/2
        2.00 Calling API: https://api.example.com/3
        2.00 Calling API: https://api.example.com/4
        3.00 Calling API: https://api.example.com/5
        4.00 Results: [Result from https://api.example.com/1,\
         Result from https://api.example.com/2, Result from https://api.example.com/3,\
         Result from https://api.example.com/4, Result from https://api.example.com/5]
        4.00\s
        4.00 Pattern 2: Producer-Consumer
        4.00 Consumer 0 processing Producer 0 - Item 0
        4.00 Consumer 1 processing Producer 1 - Item 0
        4.50 Consumer 0 processing Producer 0 - Item 1
        4.50 Consumer 1 processing Producer 1 - Item 1
        """, Transcript.run("DemonstratePatterns"));
    assertEquals(5.0, Timed.run(DemonstratePatternsAsync.demonstratePatterns()), 1e-9);
  }
}
