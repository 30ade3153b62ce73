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
