package org.asyncio4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The programs of tutorial S002 ("Asynchronous Python"), run on the virtual clock; each transcript
 * line starts with the loop time at which it was printed.
 */
class S002AsynchronousPythonTest {
  @Test
  void helloAsyncWorld() {
    assertEquals("0.00 Hello, Async World!\n", Transcript.run("HelloAsyncWorld"));
  }

  @Test
  void greetWorld() {
    assertEquals("0.00 Hello, World!\n", Transcript.run("GreetWorld"));
  }

  @Test
  void sayHello() {
    // Tutorial: "Waiting..." then "Hello!" after 2 s.
    assertEquals("""
        0.00 Waiting...
        2.00 Hello!
        """, Transcript.run("SayHello"));
  }

  @Test
  void twoTasksGather() {
    assertEquals("""
        0.00 Task 1 started
        0.00 Task 2 started
        1.00 Task 1 finished
        2.00 Task 2 finished
        """, Transcript.run("TwoTasksGather"));
  }

  @Test
  void createTaskAwait() {
    // The tutorial's snippet raises UnboundLocalError (the local task1 shadows the coroutine
    // function task1); the Java port has no such clash and runs as the tutorial intends.
    assertEquals("""
        0.00 Task 1 started
        0.00 Task 2 started
        1.00 Task 1 finished
        2.00 Task 2 finished
        """, Transcript.run("CreateTaskAwait"));
  }

  @Test
  void faultyTask() {
    assertEquals("0.00 Caught an error: Something went wrong\n", Transcript.run("FaultyTask"));
  }

  @Test
  void slowTaskTimeout() {
    assertEquals("2.00 Task timed out\n", Transcript.run("SlowTaskTimeout"));
  }
}
