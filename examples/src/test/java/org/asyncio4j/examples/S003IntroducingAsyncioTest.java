package org.asyncio4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The programs of tutorial S003 ("Introducing Asyncio in Python"), run on the virtual clock; each
 * transcript line starts with the loop time at which it was printed.
 */
class S003IntroducingAsyncioTest {
  @Test
  void greetHashim() {
    // Tutorial: "Output After 1 Second: Hello, Hashim! 👋".
    assertEquals("1.00 Hello, Hashim! 👋\n", Transcript.run("GreetHashim"));
  }

  @Test
  void restaurantAsync() {
    // Tutorial: all five "Attending" at once, "Taking order" after 2 s, "Serving" after 3 s.
    assertEquals("""
        0.00 Attending to table 1 🍽️
        0.00 Attending to table 2 🍽️
        0.00 Attending to table 3 🍽️
        0.00 Attending to table 4 🍽️
        0.00 Attending to table 5 🍽️
        2.00 Taking order from table 1 📝
        2.00 Taking order from table 2 📝
        2.00 Taking order from table 3 📝
        2.00 Taking order from table 4 📝
        2.00 Taking order from table 5 📝
        3.00 Serving food to table 1 🍲
        3.00 Serving food to table 2 🍲
        3.00 Serving food to table 3 🍲
        3.00 Serving food to table 4 🍲
        3.00 Serving food to table 5 🍲
        """, Transcript.run("RestaurantAsync"));
  }

  @Test
  void restaurantSync() {
    // Tutorial: each table handled to the end before the next; really blocking (15 s of wall
    // clock, no event loop).
    long start = System.nanoTime();
    StringBuilder expected = new StringBuilder();
    for (int i = 1; i <= 5; i++) {
      expected.append("- Attending to table ").append(i).append(" 🍽️\n")
          .append("- Taking order from table ").append(i).append(" 📝\n")
          .append("- Serving food to table ").append(i).append(" 🍲\n");
    }
    assertEquals(expected.toString(), Transcript.run("RestaurantSync"));
    assertTrue(System.nanoTime() - start >= 15_000_000_000L);
  }

  @Test
  void processData() {
    // Tutorial: all "Processing" lines first, all "Finished" after 2 s, then the results.
    assertEquals("""
        0.00 Processing 1... 🔄
        0.00 Processing 2... 🔄
        0.00 Processing 3... 🔄
        0.00 Processing 4... 🔄
        0.00 Processing 5... 🔄
        2.00 Finished processing 1: Result is 2 ✅
        2.00 Finished processing 2: Result is 4 ✅
        2.00 Finished processing 3: Result is 6 ✅
        2.00 Finished processing 4: Result is 8 ✅
        2.00 Finished processing 5: Result is 10 ✅
        2.00 All results: [2, 4, 6, 8, 10] 🎉
        """, Transcript.run("ProcessData"));
  }

  @Test
  void nonBlockingSleep() {
    assertEquals("", Transcript.run("NonBlockingSleep"));
    assertEquals(1.0, Timed.run(NonBlockingSleepAsync.main()), 1e-9);
  }

  @Test
  void longTaskSteps() {
    // Two "Step completed" lines per second, five seconds.
    StringBuilder expected = new StringBuilder();
    for (int s = 1; s <= 5; s++) {
      expected.append(s).append(".00 Step completed\n").append(s).append(".00 Step completed\n");
    }
    assertEquals(expected.toString(), Transcript.run("LongTaskSteps"));
  }

  @Test
  void handleExceptionsGracefully() {
    // Tutorial: "Caught an exception: An error occurred! ❌". (Its claim that unhandled exceptions
    // "crash the event loop" is wrong; see the class's Javadoc.)
    assertEquals("1.00 Caught an exception: An error occurred! ❌\n",
        Transcript.run("HandleExceptionsGracefully"));
  }

  @Test
  void singleEntryPoint() {
    assertEquals("0.00 Hello, Asyncio!\n", Transcript.run("SingleEntryPoint"));
  }

  @Test
  void sayAfterTasks() {
    // Tutorial: "Tasks created" first, Hello at 1 s, World at 2 s (2 s in all, not 3).
    assertEquals("""
        0.00 Tasks created
        1.00 Hello
        2.00 World
        """, Transcript.run("SayAfterTasks"));
  }

  @Test
  void taskManagement() {
    // Tutorial: completion order C, A, B.
    assertEquals("""
        1.00 Task C completed
        2.00 Task A completed
        3.00 Task B completed
        """, Transcript.run("TaskManagement"));
  }
}
