package org.asyncio4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every workload of every Java peer (asyncio4j's generated and hand-written coroutines included)
 * computes the expected answer on a small input.
 */
class WorkloadsSmokeTest {
  /** A small n for each workload: enough to exercise suspension, batching and queue bounds. */
  static int smallN(Workload w) {
    switch (w) {
      case TASK:
        return 2_500; // three batches, the last one partial
      case QUEUE_1024:
        return 5_000;
      case CHAIN:
        return 20;
      case LOCK:
        return 400;
      default:
        return 2_000;
    }
  }

  private static void checkAll(Peer peer) throws Exception {
    List<String> ran = new ArrayList<>();
    for (Workload w : Workload.values()) {
      if (peer.unsupported(w) != null) {
        continue;
      }
      int n = w.normalize(smallN(w));
      int[] probes = new int[1];
      long sum = peer.run(w, n, () -> probes[0]++);
      assertEquals(w.expected(n), sum, peer.name() + " " + w.id());
      if (w.isMemory()) {
        assertEquals(
            2, probes[0], peer.name() + " " + w.id() + " must probe before and while parked");
      }
      ran.add(w.id());
    }
    assertTrue(ran.size() >= 8, peer.name() + " ran only " + ran);
  }

  @Test
  void asyncio4j() throws Exception {
    checkAll(new AsyncioPeer());
  }

  @Test
  void handWritten() throws Exception {
    checkAll(Peer.byName("handwritten"));
  }

  @Test
  void floor() throws Exception {
    checkAll(new FloorPeer());
  }

  @Test
  void completableFuture() throws Exception {
    checkAll(new CompletableFuturePeer());
  }

  @Test
  void virtualThreads() throws Exception {
    Peer vt = new VirtualThreadPeer();
    if (!VirtualThreadPeer.available()) {
      assertTrue(vt.unsupported(Workload.YIELD).contains("JDK 21"));
      return;
    }
    checkAll(vt);
  }

  @Test
  void virtualThreadsOnOneCarrierNeedTheJvmOption() throws Exception {
    Peer vt1 = Peer.byName("vthreads1");
    assertEquals("vthreads1", vt1.name());
    if (!VirtualThreadPeer.available()) {
      assertTrue(vt1.unsupported(Workload.YIELD).contains("JDK 21"));
      return;
    }
    if ("1".equals(System.getProperty(VirtualThreadPeer.PARALLELISM))) {
      checkAll(vt1);
      return;
    }
    // This JVM's scheduler has its default size: the peer refuses, with the option to add.
    String why = vt1.unsupported(Workload.PING_PONG);
    assertTrue(why.contains("-Djdk.virtualThreadScheduler.parallelism=1"), why);
    assertTrue(why.contains("run.sh passes it"), why);
  }

  @Test
  void loopEntryShapesAwaitEveryFuture() {
    for (String v : List.of("H", "X", "F", "G", "P")) {
      assertEquals(
          1000L, org.asyncio4j.Asyncio.run(LoopEntryShapes.make(v, 1000)), "LoopEntryShapes " + v);
    }
  }

  @Test
  void checksumsOfMaskedSums() {
    assertEquals(0, Workload.sumMasked(1));
    assertEquals(127 * 128 / 2, Workload.sumMasked(128));
    long brute = 0;
    for (int i = 0; i < 1000; i++) {
      brute += i & 127;
    }
    assertEquals(brute, Workload.sumMasked(1000));
  }

  @Test
  void reportRendersTableAndTargets() {
    String report =
        Report.render(
            List.of(
                "RESULT\tasyncio4j\tyield\tns/yield\t20.0\t19.0\t40.0\t5\t100",
                "RESULT\tfloor\tyield\tns/yield\t12.0\t11.0\t13.0\t5\t100",
                "RESULT\tpython\tyield\tns/yield\t3000.0\t2900.0\t3100.0\t3\t100",
                "SKIP\tcf\tqueue-max1\tno queue"));
    assertTrue(report.contains("| yield | ns/yield | 20.0 (19.0-40.0) ! |"), report);
    assertTrue(report.contains("MET     yield: asyncio4j 20.0 ns is 1.67x"), report);
    assertTrue(report.contains("MET     yield: Python asyncio / asyncio4j = 150x"), report);
    assertTrue(report.contains("queue-max1 / cf: SKIP: no queue"), report);
  }

  @Test
  void reportJudgesOneCarrierVirtualThreadsBesideTheDefault() {
    String report =
        Report.render(
            List.of(
                "RESULT\tasyncio4j\tping-pong\tns/switch\t17.0\t16.0\t18.0\t5\t100",
                "RESULT\tvthreads\tping-pong\tns/switch\t700.0\t690.0\t710.0\t5\t100",
                "RESULT\tvthreads1\tping-pong\tns/switch\t160.0\t150.0\t170.0\t5\t100"));
    assertTrue(report.contains("| vthreads | vthreads1 | python |"), report);
    assertTrue(report.contains("MET     ping-pong: virtual threads / asyncio4j = 41.2x"), report);
    assertTrue(
        report.contains("MISSED  ping-pong: virtual threads on one carrier / asyncio4j = 9.41x"),
        report);
    // Without its results (older result files) the column is left out.
    String older =
        Report.render(List.of("RESULT\tasyncio4j\tyield\tns/yield\t9.0\t9.0\t9.0\t5\t100"));
    assertTrue(older.contains("| vthreads | python |"), older);
  }

  @Test
  void reportShowsVariantsNextToAsyncio4j() {
    String report =
        Report.render(
            List.of(
                "RESULT\tasyncio4j\tyield\tns/yield\t20.0\t19.0\t21.0\t5\t100",
                "RESULT\tpatched\tyield\tns/yield\t10.0\t9.0\t11.0\t5\t100"));
    assertTrue(report.contains("| workload | unit | asyncio4j | patched | floor |"), report);
    assertTrue(report.contains("| yield | 0.50x |"), report);
  }
}
