package org.asyncio4j;

import static org.asyncio4j.LoopTesting.vt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * EventLoop.addSignalHandler with real signals sent to the test JVM. A signal is raised only after
 * checking that the loop's handler is the one installed (Signals.isOurs), so the test JVM is never
 * terminated by it.
 */
@Timeout(20)
class SignalHandlerTest {

  /** Whether the handler now installed for {@code name} is one of asyncio4j's. */
  private static boolean oursInstalled(String name) {
    Object current = Signals.install(name, () -> {});
    boolean ours = Signals.isOurs(current);
    Signals.restore(name, current);
    return ours;
  }

  @Test
  void sigtermRunsTheCallbackOnTheLoopThread() {
    assumeTrue(Signals.isSupported(), "this JVM has no sun.misc.Signal");
    List<String> log = Collections.synchronizedList(new ArrayList<>());
    Future<?>[] got = new Future<?>[1];
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () -> {
                  EventLoop loop = Asyncio.getRunningLoop();
                  Thread loopThread = Thread.currentThread();
                  Future<String> f = loop.createFuture();
                  got[0] = f;
                  loop.addSignalHandler(
                      "SIGTERM",
                      () -> {
                        log.add("on loop thread=" + (Thread.currentThread() == loopThread));
                        if (!f.isDone()) {
                          f.setResult("TERM");
                        }
                      });
                  assumeTrue(oursInstalled("TERM"), "SIGTERM is not handled by the loop here");
                  Signals.raise("TERM");
                }),
            Coros.await(
                () -> Asyncio.waitFor(LoopTesting.any(got[0]), 10), v -> log.add("got " + v)),
            Coros.run(
                () -> log.add("removed=" + Asyncio.getRunningLoop().removeSignalHandler("TERM"))),
            Coros.run(
                () ->
                    log.add(
                        "removed again="
                            + Asyncio.getRunningLoop().removeSignalHandler("SIGTERM"))),
            Coros.run(() -> log.add("ours after remove=" + oursInstalled("TERM")))),
        LoopTesting.realTime());
    assertEquals(
        List.of(
            "on loop thread=true",
            "got TERM",
            "removed=true",
            "removed again=false",
            "ours after remove=false"),
        log);
  }

  @Test
  void closingTheLoopRestoresThePreviousHandler() {
    assumeTrue(Signals.isSupported(), "this JVM has no sun.misc.Signal");
    boolean[] during = {false};
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () -> {
                  Asyncio.getRunningLoop().addSignalHandler("term", () -> {});
                  Asyncio.getRunningLoop()
                      .addSignalHandler("TERM", () -> {}); // replaces the callback
                  during[0] = oursInstalled("TERM");
                })),
        vt());
    assertTrue(during[0]);
    assertFalse(oursInstalled("TERM"));
  }

  @Test
  void aSigintHandlerReplacesCtrlCHandlingWhileInstalled() {
    assumeTrue(Signals.isSupported(), "this JVM has no sun.misc.Signal");
    List<String> log = Collections.synchronizedList(new ArrayList<>());
    Future<?>[] got = new Future<?>[1];
    String result =
        Asyncio.run(
            Coros.steps(
                    Coros.run(
                        () -> {
                          EventLoop loop = Asyncio.getRunningLoop();
                          Future<String> f = loop.createFuture();
                          got[0] = f;
                          loop.addSignalHandler("INT", () -> f.setResult("INT"));
                          assumeTrue(
                              oursInstalled("INT"), "SIGINT is not handled by the loop here");
                          Signals.raise("INT");
                        }),
                    Coros.await(
                        () -> Asyncio.waitFor(LoopTesting.any(got[0]), 10),
                        v -> log.add("got " + v)),
                    Coros.run(() -> Asyncio.getRunningLoop().removeSignalHandler("INT")))
                .returning(() -> "main finished normally"),
            LoopTesting.realTime());
    assertEquals("main finished normally", result);
    assertEquals(List.of("got INT"), log);
  }

  @Test
  void signalsThatCannotBeHandledAreRejected() {
    assumeTrue(Signals.isSupported(), "this JVM has no sun.misc.Signal");
    List<String> log = new ArrayList<>();
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () -> {
                  EventLoop loop = Asyncio.getRunningLoop();
                  IllegalArgumentException e =
                      assertThrows(
                          IllegalArgumentException.class,
                          () -> loop.addSignalHandler("NOSUCHSIGNAL", () -> {}));
                  log.add(e.getMessage());
                  assertThrows(
                      IllegalArgumentException.class, () -> loop.addSignalHandler(" ", () -> {}));
                  assertThrows(
                      NullPointerException.class, () -> loop.addSignalHandler("TERM", null));
                  log.add("remove unknown=" + loop.removeSignalHandler("HUP"));
                })),
        vt());
    assertTrue(log.get(0).contains("SIGNOSUCHSIGNAL"), log.get(0));
    assertEquals("remove unknown=false", log.get(1));
  }
}
