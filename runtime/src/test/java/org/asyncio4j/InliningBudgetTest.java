package org.asyncio4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The helpers on the path of every {@code Await.of} stay within the JIT's size for inlining a
 * method that is not hot (35 bytes of bytecode, {@code MaxInlineSize} / {@code C1MaxInlineSize}):
 * C2 then inlines them where the profile of their caller (shared by every await of a program) does
 * not call them hot, unless the call is rarer than about once per 117 calls of the caller ("low
 * call site frequency", JDK 18+; docs/performance.md R26), and {@code Coroutine.await}'s own
 * compiled code (which inlines them) stays small: C2 does not inline a method compiled on its own
 * into more than {@code InlineSmallCode} bytes ("already compiled into a big method"), and a {@code
 * sleep(0)} passed to a call that is not inlined is allocated (docs/design.md section 2). {@code
 * await} and {@code awaitReady} decide and perform the {@code sleep(0)} case themselves, with no
 * call but the trivial {@code Task.yieldOnce} (a helper for it was refused in programs where yields
 * are rare next to other awaits), and are allowed a little more; likewise an await that suspends on
 * a pending future calls only the trivial {@code Task.markSuspended} and {@code Future.addWaiter}
 * after {@code Future.readyFor} (R29). Move new work off this path (into a separate method for the
 * rare case, or into the task's step) rather than raising the budgets.
 */
class InliningBudgetTest {
  private static final int BUDGET = 35;
  /**
   * {@code await}'s and {@code awaitReady}'s budget: the {@code sleep(0)} decision and the call to
   * its helpers. 60 since R33, whose yield in {@code awaitReady} clears {@code awaiting} only when
   * it is set (58 bytes; the unconditional store cost a yield 0.35 ns, docs/performance.md). Not a
   * JIT limit (both are over {@code MaxInlineSize} and far under {@code FreqInlineSize}): a limit
   * on growth, so that anything else goes into the helpers.
   */
  private static final int AWAIT_BUDGET = 60;

  /**
   * C2's size for a trivial method ({@code -XX:MaxTrivialSize}), inlined at any call site without
   * the frequency checks ("low call site frequency") that a shared helper's rare branch fails.
   */
  private static final int TRIVIAL_SIZE = 6;

  /** C2's limit for inlining a hot method ({@code -XX:FreqInlineSize}, x86_64 and aarch64). */
  private static final int FREQ_INLINE_SIZE = 325;

  /**
   * Task.step()'s budget: its compiled code (1.5-2.1 KB measured at 163 bytes of bytecode, JFR
   * jdk.Compilation) must stay under C2's InlineSmallCode (2,500 bytes) to be inlined.
   */
  private static final int STEP_BUDGET = 180;

  @Test
  void awaitPathFitsTheInliningBudget() throws IOException {
    Map<String, Integer> coroutine = codeSizes(Coroutine.class);
    String awaitAdvice = "keep only the sleep(0) decision in it and move the rest into its helpers";
    assertAtMost(
        coroutine,
        "Coroutine.await",
        "await(Lorg/asyncio4j/Awaitable;I)Z",
        AWAIT_BUDGET,
        awaitAdvice);
    assertAtMost(
        coroutine,
        "Coroutine.awaitReady",
        "awaitReady(Lorg/asyncio4j/Awaitable;I)Ljava/lang/Object;",
        AWAIT_BUDGET,
        awaitAdvice);
    for (String m :
        new String[] {
          "awaitFuture(Lorg/asyncio4j/Future;)Z",
          "awaitOther(Lorg/asyncio4j/Awaitable;)Z",
          "awaitCoroutine(Lorg/asyncio4j/Awaitable;)Z",
          // every Await.of(Coroutine.of(x)) and immediate queue put (Coroutine.done()) passes here
          "awaitNotNew(Lorg/asyncio4j/Coroutine;)Z",
          "resultOf(Ljava/lang/Object;)Ljava/lang/Object;",
        }) {
      assertWithinBudget(coroutine, "Coroutine." + m, m);
    }
    for (String m :
        new String[] {
          "readyOrSuspend(Lorg/asyncio4j/Awaitable;)Ljava/lang/Object;",
          "readyOrSuspendOn(Lorg/asyncio4j/Future;)Ljava/lang/Object;",
          "readyOrSuspendFor(Lorg/asyncio4j/Awaitable;)Ljava/lang/Object;",
          "readyResult(Ljava/lang/Object;)Ljava/lang/Object;",
        }) {
      assertWithinBudget(coroutine, "Coroutine." + m, m);
    }
    Map<String, Integer> task = codeSizes(Task.class);
    // The only call on the sleep(0) path of await/awaitReady (R26, docs/performance.md).
    assertAtMost(
        task,
        "Task.yieldOnce",
        "yieldOnce()V",
        TRIVIAL_SIZE,
        "keep it to setting the flag: the step re-queues the task once resume() has returned");
    // The only calls on the suspending branch of an await of a pending future, after
    // Future.readyFor (R29): a call that is not trivial there is refused where suspensions are
    // rare.
    assertAtMost(
        task,
        "Task.markSuspended",
        "markSuspended()V",
        TRIVIAL_SIZE,
        "keep it to setting the flag: Coroutine.readyOrSuspendOn makes the rest of the suspension");
    assertWithinBudget(task, "Task.suspendOn", "suspendOn(Lorg/asyncio4j/Future;)V");
    Map<String, Integer> future = codeSizes(Future.class);
    assertAtMost(
        future,
        "Future.addWaiter",
        "addWaiter(Lorg/asyncio4j/Task;)V",
        TRIVIAL_SIZE,
        "keep it a call of addCallback: the await's suspending branch calls it (R29)");
    assertWithinBudget(future, "Future.readyFor", "readyFor(Lorg/asyncio4j/Task;)Z");
    assertWithinBudget(future, "Future.addCallback", "addCallback(Ljava/lang/Object;)V");
    assertWithinBudget(future, "Future.resultForAwait", "resultForAwait()Ljava/lang/Object;");
  }

  /**
   * A task's common step ({@code Task.step()}: resume once, then yield or suspend on a future) is
   * inlined into the loop's iteration: at most {@code FreqInlineSize} (325 bytes) of bytecode. The
   * rest of a step (first step, cancellation, completion, awaiting a new coroutine or a queue's
   * blocked call) stays in one method over that size, which C2 therefore never inlines into {@code
   * step()}: inlined, it made {@code step()}'s compiled code too big to be inlined into the loop
   * ("already compiled into a big method"), in some JVMs and not others (yield 8.7 or 11 ns).
   */
  @Test
  void theCommonStepInlinesIntoTheLoopAndTheRestStaysOutOfIt() throws IOException {
    Map<String, Integer> task = codeSizes(Task.class);
    assertAtMost(
        task,
        "Task.step()",
        "step()V",
        STEP_BUDGET,
        "keep it to the common step (resume, then yield or suspend) and move the rest into"
            + " step(Coroutine, Object, Throwable, boolean)");
    Integer rest =
        task.get("step(Lorg/asyncio4j/Coroutine;Ljava/lang/Object;Ljava/lang/Throwable;Z)V");
    assertTrue(
        rest != null && rest > FREQ_INLINE_SIZE,
        "Task.step(Coroutine, Object, Throwable, boolean) has "
            + rest
            + " bytes of bytecode, at or"
            + " under C2's FreqInlineSize ("
            + FREQ_INLINE_SIZE
            + "): C2 would inline it into"
            + " step() when hot, and step() would then be too big to inline into the loop. Keep the"
            + " rare paths of a step together in it rather than splitting it into smaller helpers");
  }

  /** The reader below, checked on a method whose size is known. */
  @Test
  void readsCodeSizes() throws IOException {
    Map<String, Integer> sizes = codeSizes(Sized.class);
    assertEquals(1, sizes.get("empty()V")); // return
    assertEquals(4, sizes.get("one()I")); // iconst_1, istore_0, iload_0, ireturn
  }

  private static final class Sized {
    static void empty() {}

    static int one() {
      int x = 1;
      return x;
    }
  }

  private static void assertWithinBudget(Map<String, Integer> sizes, String name, String key) {
    assertAtMost(sizes, name, key, BUDGET, "move the rare cases into a separate method");
  }

  private static void assertAtMost(
      Map<String, Integer> sizes, String name, String key, int budget, String advice) {
    Integer size = sizes.get(key);
    assertTrue(size != null, name + " not found: update this test to the method's new name");
    assertTrue(
        size <= budget,
        name + " has " + size + " bytes of bytecode, over its budget of " + budget + ": " + advice);
  }

  /** Bytecode length per method ({@code name + descriptor}), read from the class file. */
  static Map<String, Integer> codeSizes(Class<?> c) throws IOException {
    String resource = c.getName().replace('.', '/') + ".class";
    try (InputStream raw = c.getClassLoader().getResourceAsStream(resource);
        DataInputStream in = new DataInputStream(raw)) {
      in.readInt(); // magic
      in.readUnsignedShort(); // minor
      in.readUnsignedShort(); // major
      int count = in.readUnsignedShort();
      String[] utf8 = new String[count];
      for (int i = 1; i < count; i++) {
        int tag = in.readUnsignedByte();
        switch (tag) {
          case 1:
            utf8[i] = in.readUTF();
            break;
          case 3:
          case 4:
          case 9:
          case 10:
          case 11:
          case 12:
          case 17:
          case 18:
            in.readInt();
            break;
          case 5:
          case 6:
            in.readLong();
            i++; // takes two entries
            break;
          case 7:
          case 8:
          case 16:
          case 19:
          case 20:
            in.readUnsignedShort();
            break;
          case 15:
            in.readUnsignedByte();
            in.readUnsignedShort();
            break;
          default:
            throw new IOException("unknown constant pool tag " + tag + " in " + resource);
        }
      }
      in.readUnsignedShort(); // access
      in.readUnsignedShort(); // this
      in.readUnsignedShort(); // super
      in.skipBytes(2 * in.readUnsignedShort()); // interfaces
      int fields = in.readUnsignedShort();
      for (int i = 0; i < fields; i++) {
        in.skipBytes(6);
        skipAttributes(in);
      }
      Map<String, Integer> sizes = new HashMap<>();
      int methods = in.readUnsignedShort();
      for (int i = 0; i < methods; i++) {
        in.readUnsignedShort(); // access
        String name = utf8[in.readUnsignedShort()];
        String descriptor = utf8[in.readUnsignedShort()];
        int attributes = in.readUnsignedShort();
        for (int a = 0; a < attributes; a++) {
          String attribute = utf8[in.readUnsignedShort()];
          int length = in.readInt();
          if (attribute.equals("Code")) {
            in.readUnsignedShort(); // max_stack
            in.readUnsignedShort(); // max_locals
            int codeLength = in.readInt();
            sizes.put(name + descriptor, codeLength);
            in.skipBytes(length - 8);
          } else {
            in.skipBytes(length);
          }
        }
      }
      return sizes;
    }
  }

  private static void skipAttributes(DataInputStream in) throws IOException {
    int attributes = in.readUnsignedShort();
    for (int a = 0; a < attributes; a++) {
      in.readUnsignedShort();
      in.skipBytes(in.readInt());
    }
  }
}
