package org.asyncio4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The busy-poll policy alone ({@link BusyPoll}): which waits poll first, and for how long. */
class BusyPollTest {
  private static final long BUDGET = 50_000;
  private static final long NO_LIMIT = -1;

  @Test
  void aNewLoopPollsForTheBudgetBeforeBlocking() {
    BusyPoll p = new BusyPoll(BUDGET);
    assertTrue(p.polling());
    assertEquals(BUDGET, p.pollNanos(NO_LIMIT));
    assertEquals(BUDGET, p.pollNanos(10 * BUDGET), "a timer due after the budget: poll, then block");
  }

  @Test
  void aTimerDueWithinTheBudgetIsPolledForEvenWhenPollingStopped() {
    BusyPoll p = stopped();
    assertEquals(0, p.pollNanos(NO_LIMIT));
    assertEquals(20_000, p.pollNanos(20_000));
    assertEquals(BUDGET, p.pollNanos(BUDGET));
  }

  @Test
  void threeLongWaitsInARowStopPollingAndEverySixteenthWaitThenProbes() {
    BusyPoll p = new BusyPoll(BUDGET);
    for (int i = 0; i < 10; i++) {
      p.waited(1_000); // a steady stream of short waits: the score saturates
    }
    p.waited(BUDGET + 1);
    p.waited(10 * BUDGET);
    assertTrue(p.polling(), "two long waits do not stop polling after a run of short ones");
    p.waited(1_000_000_000);
    assertFalse(p.polling(), "three long waits in a row do");
    for (int wait = 1; wait < BusyPoll.PROBE_EVERY; wait++) {
      assertEquals(0, p.pollNanos(NO_LIMIT), "wait " + wait + " blocks at once");
      p.waited(1_000_000);
    }
    assertEquals(BUDGET, p.pollNanos(NO_LIMIT), "the 16th wait probes");
    p.waited(BUDGET + 1_000_000); // the probe found nothing within the budget
    assertEquals(0, p.pollNanos(NO_LIMIT));
  }

  @Test
  void aShortWaitStartsPollingAgain() {
    BusyPoll p = stopped();
    p.waited(30_000); // a probe, or a blocked wait, that ended within the budget
    assertTrue(p.polling());
    assertEquals(BUDGET, p.pollNanos(NO_LIMIT));
    p.waited(BUDGET); // exactly the budget counts as short
    p.waited(BUDGET + 1);
    p.waited(BUDGET + 1);
    assertFalse(p.polling());
  }

  @Test
  void anotherThreadRunningOnTheLoopsCpuStopsPollingUntilAProbeFindsItFree() {
    BusyPoll p = new BusyPoll(BUDGET);
    for (int i = 0; i < 10; i++) {
      p.waited(1_000);
    }
    assertEquals(BUDGET, p.pollNanos(NO_LIMIT));
    p.contended(); // a yield between two polls took long: the CPU is shared
    p.waited(20_000); // short, but contended
    assertFalse(p.polling(), "contention stops polling at once, whatever the score was");
    for (int wait = 1; wait < BusyPoll.PROBE_EVERY; wait++) {
      assertEquals(0, p.pollNanos(NO_LIMIT), "wait " + wait + " blocks at once");
      p.waited(10_000); // blocked waits that end quickly (the peer on the same CPU answers)
      assertFalse(p.polling(), "a short blocked wait says nothing while the CPU is shared");
    }
    assertEquals(BUDGET, p.pollNanos(NO_LIMIT), "the 16th wait probes");
    p.contended();
    p.waited(10_000);
    assertFalse(p.polling(), "a contended probe keeps polling stopped");
    for (int wait = 1; wait < BusyPoll.PROBE_EVERY; wait++) {
      assertEquals(0, p.pollNanos(NO_LIMIT));
      p.waited(10_000);
    }
    assertEquals(BUDGET, p.pollNanos(NO_LIMIT), "the next probe");
    p.waited(10_000); // found work within the budget, and no other thread ran
    assertTrue(p.polling(), "a probe that finds the CPU free starts polling again");
    assertEquals(BUDGET, p.pollNanos(NO_LIMIT));
  }

  @Test
  void aTimerPolledForChecksTheCpuToo() {
    BusyPoll p = new BusyPoll(BUDGET);
    p.pollNanos(NO_LIMIT);
    p.contended();
    p.waited(1_000);
    assertEquals(20_000, p.pollNanos(20_000), "a timer due within the budget is polled for anyway");
    p.waited(20_000);
    assertTrue(p.polling(), "and that poll, uncontended, ends the sharing");
  }

  @Test
  void aZeroBudgetNeverPolls() {
    BusyPoll p = new BusyPoll(0);
    assertFalse(p.polling());
    for (int wait = 0; wait < 3 * BusyPoll.PROBE_EVERY; wait++) {
      assertEquals(0, p.pollNanos(NO_LIMIT));
      assertEquals(0, p.pollNanos(10_000), "not even for a timer due soon");
      p.waited(0);
    }
  }

  @Test
  void changingTheBudgetTakesEffectAtTheNextWait() {
    BusyPoll p = new BusyPoll(BUDGET);
    p.setBudgetNanos(0);
    assertEquals(0, p.pollNanos(NO_LIMIT));
    p.setBudgetNanos(2 * BUDGET);
    assertEquals(2 * BUDGET, p.pollNanos(NO_LIMIT));
    assertEquals(2 * BUDGET, p.budgetNanos());
  }

  private static BusyPoll stopped() {
    BusyPoll p = new BusyPoll(BUDGET);
    for (int i = 0; i < BusyPoll.MAX_SCORE; i++) {
      p.waited(Long.MAX_VALUE);
    }
    assertFalse(p.polling());
    return p;
  }
}
