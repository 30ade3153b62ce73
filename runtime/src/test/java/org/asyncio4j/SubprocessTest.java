package org.asyncio4j;

import static org.asyncio4j.IoCoros.bytes;
import static org.asyncio4j.IoCoros.str;
import static org.asyncio4j.LoopTesting.realTime;
import static org.asyncio4j.LoopTesting.vt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Subprocesses with piped stdin/stdout/stderr (Linux: /bin/sh, cat, echo). */
@Timeout(30)
class SubprocessTest {

  private static final class Ctx {
    Subprocess p;
    Subprocess q;
    final List<Object> log = new ArrayList<>();
  }

  @Test
  void echoOutputAndExitCode() {
    Ctx c = new Ctx();
    Asyncio.run(
        Coros.steps(
            Coros.await(() -> Asyncio.createSubprocessExec("echo", "hello", "world"), p -> c.p = p),
            Coros.run(
                () -> c.log.add("running rc=" + c.p.returncode() + " pid>0=" + (c.p.pid() > 0))),
            Coros.await(() -> c.p.stdout().read(-1), v -> c.log.add(str(v))),
            Coros.await(() -> c.p.waitFor(), v -> c.log.add("rc=" + v)),
            Coros.run(() -> c.log.add("returncode=" + c.p.returncode()))),
        realTime());
    assertEquals(
        List.of("running rc=null pid>0=true", "hello world\n", "rc=0", "returncode=0"), c.log);
  }

  @Test
  void stdinToCatAndBack() {
    Ctx c = new Ctx();
    Asyncio.run(
        Coros.steps(
            Coros.await(() -> Asyncio.createSubprocessExec("cat"), p -> c.p = p),
            Coros.run(
                () -> {
                  c.p.stdin().write(bytes("one\n"));
                  c.p.stdin().write("two\n");
                }),
            Coros.await(() -> c.p.stdin().drain()),
            Coros.await(() -> c.p.stdout().readLine(), v -> c.log.add(str(v))),
            Coros.run(() -> c.p.stdin().close()),
            Coros.await(() -> c.p.stdin().waitClosed()),
            Coros.await(() -> c.p.stdout().read(-1), v -> c.log.add(str(v))),
            Coros.await(() -> c.p.waitFor(), v -> c.log.add("rc=" + v))),
        realTime());
    assertEquals(List.of("one\n", "two\n", "rc=0"), c.log);
  }

  @Test
  void stderrAndANonZeroExitCode() {
    Ctx c = new Ctx();
    Asyncio.run(
        Coros.steps(
            Coros.await(
                () ->
                    Asyncio.createSubprocessExec("/bin/sh", "-c", "echo out; echo err >&2; exit 3"),
                p -> c.p = p),
            Coros.await(() -> c.p.stderr().read(-1), v -> c.log.add("stderr " + str(v))),
            Coros.await(() -> c.p.stdout().read(-1), v -> c.log.add("stdout " + str(v))),
            Coros.await(() -> c.p.waitFor(), v -> c.log.add("rc=" + v))),
        realTime());
    assertEquals(List.of("stderr err\n", "stdout out\n", "rc=3"), c.log);
  }

  @Test
  void killEndsALongRunningProcess() {
    Ctx c = new Ctx();
    Asyncio.run(
        Coros.steps(
            Coros.await(() -> Asyncio.createSubprocessExec("cat"), p -> c.p = p),
            Coros.await(() -> Asyncio.sleep(0.05)),
            Coros.run(() -> c.log.add("before kill rc=" + c.p.returncode())),
            Coros.run(() -> c.p.kill()),
            Coros.await(() -> c.p.waitFor(), v -> c.log.add(v)),
            Coros.await(() -> c.p.stdout().read(-1), v -> c.log.add("stdout " + v.length))),
        realTime());
    assertEquals("before kill rc=null", c.log.get(0));
    assertEquals(128 + 9, c.log.get(1)); // the JDK reports a signal as 128 + signal number
    assertEquals("stdout 0", c.log.get(2));
  }

  @Test
  void terminateSendsSigterm() {
    Ctx c = new Ctx();
    Asyncio.run(
        Coros.steps(
            Coros.await(() -> Asyncio.createSubprocessExec("cat"), p -> c.p = p),
            Coros.run(() -> c.p.terminate()),
            Coros.await(() -> c.p.waitFor(), v -> c.log.add(v))),
        realTime());
    assertEquals(List.of(128 + 15), c.log);
  }

  @Test
  void aPipelineCopiesOneProcessOutputIntoAnother() {
    Ctx c = new Ctx();
    int lines = 3000;
    StringBuilder expected = new StringBuilder();
    for (int i = 0; i < lines; i++) {
      expected.append("line ").append(i).append('\n');
    }
    String script = "i=0; while [ $i -lt " + lines + " ]; do echo line $i; i=$((i+1)); done";
    String[] out = new String[1];
    Task<?>[] consumer = new Task<?>[1];
    Asyncio.run(
        Coros.steps(
            Coros.await(() -> Asyncio.createSubprocessExec("/bin/sh", "-c", script), p -> c.p = p),
            Coros.await(() -> Asyncio.createSubprocessExec("cat"), q -> c.q = q),
            Coros.run(
                () ->
                    consumer[0] =
                        Asyncio.createTask(
                            Coros.after(() -> c.q.stdout().read(-1), v -> out[0] = str(v)))),
            // The pump: producer's stdout -> consumer's stdin, with back-pressure.
            Coros.await(
                () ->
                    IoCoros.loop(
                        100_000,
                        () -> c.p.stdout().read(4096),
                        b -> {
                          if (b.length == 0) {
                            return false;
                          }
                          c.q.stdin().write(b);
                          return true;
                        })),
            Coros.run(() -> c.q.stdin().close()),
            Coros.await(() -> LoopTesting.any(consumer[0])),
            Coros.await(() -> c.p.waitFor(), v -> c.log.add(v)),
            Coros.await(() -> c.q.waitFor(), v -> c.log.add(v))),
        realTime());
    assertEquals(expected.toString(), out[0]);
    assertEquals(List.of(0, 0), c.log);
  }

  @Test
  void largeInputThroughCatWithDrain() {
    Ctx c = new Ctx();
    int chunk = 16 * 1024;
    int chunks = 128; // 2 MiB: more than the pipe and the write buffer hold
    long[] received = {0};
    boolean[] corrupt = {false};
    Task<?>[] consumer = new Task<?>[1];
    Asyncio.run(
        Coros.steps(
            Coros.await(() -> Asyncio.createSubprocessExec("cat"), p -> c.p = p),
            Coros.run(
                () ->
                    consumer[0] =
                        Asyncio.createTask(
                            IoCoros.loop(
                                1_000_000,
                                () -> c.p.stdout().read(8192),
                                b -> {
                                  for (byte x : b) {
                                    if (x != (byte) (received[0] % 251)) {
                                      corrupt[0] = true;
                                    }
                                    received[0]++;
                                  }
                                  return b.length > 0;
                                }))),
            Coros.await(
                () -> {
                  int[] i = {0};
                  return IoCoros.loop(
                      chunks + 1,
                      () -> {
                        byte[] b = new byte[chunk];
                        for (int k = 0; k < chunk; k++) {
                          b[k] = (byte) (((long) i[0] * chunk + k) % 251);
                        }
                        c.p.stdin().write(b);
                        c.log.add(c.p.stdin().buffered() <= StreamWriter.HIGH_WATER + chunk);
                        return c.p.stdin().drain();
                      },
                      v -> ++i[0] < chunks);
                }),
            Coros.run(() -> c.p.stdin().close()),
            Coros.await(() -> LoopTesting.any(consumer[0])),
            Coros.await(() -> c.p.waitFor())),
        realTime());
    assertEquals((long) chunk * chunks, received[0]);
    assertEquals(false, corrupt[0]);
    assertTrue(
        c.log.stream().allMatch(Boolean.TRUE::equals),
        "the stdin buffer grew past the high-water mark");
  }

  @Test
  void waitingForAProcessWorksUnderVirtualTime() {
    Ctx c = new Ctx();
    Asyncio.run(
        Coros.steps(
            Coros.await(
                () -> Asyncio.createSubprocessExec("/bin/sh", "-c", "echo late; exit 5"),
                p -> c.p = p),
            Coros.await(() -> c.p.waitFor(), v -> c.log.add(v)),
            Coros.await(() -> c.p.stdout().read(-1), v -> c.log.add(str(v)))),
        vt());
    assertEquals(List.of(5, "late\n"), c.log);
  }

  @Test
  void communicateSendsInputAndCollectsBothOutputs() {
    Ctx c = new Ctx();
    Subprocess.Output[] out = new Subprocess.Output[2];
    Asyncio.run(
        Coros.steps(
            Coros.await(
                () -> Asyncio.createSubprocessShell("tr a-z A-Z; echo done >&2; exit 4"),
                p -> c.p = p),
            Coros.await(() -> c.p.communicate(bytes("shout\n")), o -> out[0] = o),
            Coros.await(() -> Asyncio.createSubprocessExec("echo", "x"), p -> c.q = p),
            Coros.await(() -> c.q.communicate(), o -> out[1] = o)),
        realTime());
    assertEquals("SHOUT\n", out[0].stdoutText());
    assertEquals("done\n", out[0].stderrText());
    assertEquals(4, out[0].returncode());
    assertEquals(4, c.p.returncode());
    assertEquals("x\n", out[1].stdoutText());
    assertEquals(0, out[1].stderr().length);
    assertEquals(0, out[1].returncode());
  }

  @Test
  void aProcessStillRunningWhenTheLoopClosesIsKilled() throws Exception {
    Ctx c = new Ctx();
    try (LoopTesting.CapturedLog log = new LoopTesting.CapturedLog()) {
      Asyncio.run(
          Coros.steps(Coros.await(() -> Asyncio.createSubprocessExec("cat"), p -> c.p = p)),
          realTime());
      Process p = c.p.process();
      p.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
      assertEquals(false, p.isAlive());
      assertTrue(
          log.records.stream()
              .anyMatch(r -> r.getMessage().contains("still running when its event loop closed")),
          "no warning logged");
    }
  }

  @Test
  void aChildThatNeverReadsItsStdinDoesNotHoldUpTheEndOfRun() throws Exception {
    Ctx c = new Ctx();
    try (LoopTesting.CapturedLog log = new LoopTesting.CapturedLog()) {
      Asyncio.run(
          Coros.steps(
              Coros.await(() -> Asyncio.createSubprocessExec("sleep", "60"), p -> c.p = p),
              // Far more than a pipe holds: the write to stdin blocks until the child dies.
              Coros.run(() -> c.p.stdin().write(new byte[4 * 1024 * 1024])),
              Coros.await(() -> Asyncio.sleep(0.05))),
          realTime());
      c.p.process().onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
      assertEquals(false, c.p.process().isAlive());
    }
  }

  @Test
  void unknownCommandFailsToStart() {
    assertThrows(
        IOException.class,
        () ->
            Asyncio.run(
                Asyncio.createSubprocessExec("/nonexistent/asyncio4j-no-such-command"),
                realTime()));
    assertThrows(IllegalArgumentException.class, () -> Asyncio.createSubprocessExec());
  }

  @Test
  void redirectsLeaveTheStreamsThatAreNotPipesNull() {
    Ctx c = new Ctx();
    Asyncio.run(
        Coros.steps(
            Coros.await(
                () ->
                    Asyncio.createSubprocessExec(
                        new ProcessBuilder("/bin/sh", "-c", "echo both; echo err >&2")
                            .redirectErrorStream(true)
                            .redirectInput(ProcessBuilder.Redirect.INHERIT)),
                p -> c.p = p),
            Coros.run(
                () -> {
                  assertNull(c.p.stdin());
                  assertNull(c.p.stderr());
                }),
            Coros.await(() -> c.p.stdout().read(-1), v -> c.log.add(str(v))),
            Coros.await(() -> c.p.waitFor(), v -> c.log.add(v))),
        realTime());
    assertEquals(List.of("both\nerr\n", 0), c.log);
    assertNotEquals(null, c.p.toString());
  }
}
