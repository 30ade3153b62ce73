package org.asyncio4j;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A coroutine: one call of an {@code @Async} method, Python's coroutine object.
 *
 * <p>Creating a coroutine runs nothing. Its body runs when it is awaited (inline, inside the
 * awaiting task), wrapped in a task ({@link Asyncio#createTask}), passed to {@code gather}, {@code
 * waitFor}, ... or run by {@link Asyncio#run}. A coroutine runs once; awaiting it a second time is
 * an error (wrap it in a task to share its result).
 *
 * <h2>The state-machine contract</h2>
 *
 * Generated code (and hand-written leaf coroutines inside the runtime) extends this class. The
 * object holds the state of one call: the user's locals live across awaits as fields, and {@link
 * #label} says where to continue. The task running the coroutine calls {@link #resume()}, which
 * runs from {@code label} until the coroutine completes or suspends:
 *
 * <pre>{@code
 * protected void resume() throws Throwable {
 *   switch (label) {
 *     case 0:
 *       // line 12: String page = Await.of(fetch(url));
 *       if (!await(fetch(url), 1)) return;   // suspended: the task resumes us at label 1
 *     case 1:
 *       page = awaitResult();                // the value, or the awaited exception thrown here
 *       // line 13: return Coroutine.of(page.length());
 *       complete(page.length());
 *       return;
 *   }
 * }
 * }</pre>
 *
 * <ul>
 *   <li>{@link #await(Awaitable, int)} sets {@code label} to the continuation label and returns
 *       {@code true} when the value is already available (a done future, a completed coroutine):
 *       the code falls through and reads it at once, without suspending or allocating. It returns
 *       {@code false} when the coroutine must suspend: {@code resume()} must then return at once.
 *   <li>Every continuation label starts with {@link #awaitResult()} (or {@link
 *       #awaitResult(Awaitable)}, whose argument only fixes the type and is never evaluated for its
 *       value), which returns the awaited value or throws the awaited exception (unwrapped, same
 *       identity), or the {@link CancelledError} of a cancellation delivered at this await.
 *   <li>{@link #complete(Object)} sets the result; {@code resume()} returns right after. An
 *       exception thrown out of {@code resume()} completes the coroutine with that exception.
 *   <li>Awaiting another coroutine does not call it: the task's trampoline runs the callee next and
 *       resumes the caller when the callee completes, in the same step if it completes without
 *       suspending. The Java stack therefore never grows with the depth of an await chain, and a
 *       loop of awaits that complete synchronously runs inside one {@code resume()} call.
 * </ul>
 *
 * @param <T> the type of the result
 */
public abstract non-sealed class Coroutine<T> implements Awaitable<T> {
  /**
   * A {@code sleep(0)} (without a result value) that has not started: NEW for every purpose, but
   * awaiting it only yields to the loop ({@link #await(Awaitable, int)}). A coroutine that has not
   * started has {@code status <= NEW}.
   */
  static final byte NEW_YIELD = -1;

  static final byte NEW = 0;
  static final byte RUNNING = 1;
  static final byte DONE = 2;
  /**
   * A runtime leaf coroutine not started yet that does its work without being pushed when a
   * coroutine awaits it directly ({@link #awaitDirectly}, or the await overload of its type): a
   * queue's get or put, a contended lock acquire. Scheduled as a task instead, it is an ordinary
   * new coroutine ({@link #forTask}).
   */
  static final byte LEAF = 3;

  private static final Coroutine<Void> DONE_VOID = new Completed<>(null);

  /**
   * Where to continue: 0 before the first {@code resume()}, then whatever the state machine
   * stores. Set by {@link #await(Awaitable, int)}.
   */
  protected int label;

  byte status;
  /** The coroutine that awaits this one in the same task; null for a task's root coroutine. */
  Coroutine<?> caller;
  /** The task running this coroutine; set when it starts. */
  Task<?> task;
  /**
   * The future or coroutine awaited at the current await point. Before the coroutine starts, in
   * debug mode only: the entry reporting it if it is never awaited or scheduled ({@link
   * #markStarted()} clears it), which saves a field in every coroutine.
   */
  Object awaiting;
  /** An exception to throw at the next {@link #awaitResult()} instead of the awaited value. */
  Throwable thrown;
  Object result;
  Throwable failure;

  /**
   * Creates the coroutine. When a loop in debug mode runs on this thread, records where it was
   * created, to report it if it is never awaited; otherwise costs one static field read.
   */
  protected Coroutine() {
    if (EventLoop.debugLoopsRunning != 0) {
      NeverAwaited.created(this);
    }
  }

  /** An already completed coroutine whose result is {@code value}: {@code return value;}. */
  public static <T> Coroutine<T> of(T value) {
    return new Completed<>(value);
  }

  /** The already completed coroutine of a {@code Coroutine<Void>} method: a plain {@code return;}. */
  public static Coroutine<Void> done() {
    return DONE_VOID;
  }

  /**
   * Runs the body from {@link #label} until it completes ({@link #complete}) or suspends ({@link
   * #await(Awaitable, int)} returned false). Called by the running task only.
   */
  protected abstract void resume() throws Throwable;

  /**
   * Awaits {@code awaitable}: stores {@code next} in {@link #label} and either returns {@code true}
   * (the value is ready: read it with {@link #awaitResult()}) or returns {@code false} after
   * arranging for this coroutine to be resumed at {@code next} (return from {@code resume()} at
   * once).
   */
  protected final boolean await(Awaitable<?> awaitable, int next) {
    // The sleep(0) case is decided and done here, without any call that C2 may refuse to inline
    // (Task.yieldOnce is within MaxTrivialSize: inlined whatever the profile). The JIT drops the
    // Sleep's allocation only if it reaches no call that is not inlined, and C2 does not inline a
    // call whose profiled count is low next to its caller's (Temurin 25: "low call site
    // frequency"), which a helper shared by all awaits of a program sees for its rare branches: a
    // yield in a program whose awaits are mostly of futures or queues paid a call to a helper here
    // (about 0.7 ns per yield, docs/performance.md R26). The other paths stay in small helpers
    // (InliningBudgetTest) so that await's own compiled code stays well under InlineSmallCode: C2
    // does not inline a method compiled on its own into more.
    label = next;
    if (awaitable instanceof Sleep && ((Sleep<?>) awaitable).status == NEW_YIELD) {
      ((Sleep<?>) awaitable).status = DONE; // awaiting it again fails, as for any coroutine
      awaiting = null; // what awaitResult() returns after the yield (nothing: the Sleep is dropped)
      task.yieldOnce();
      return false;
    }
    return awaitOther(awaitable);
  }

  /**
   * The await of generated code: like {@link #await(Awaitable, int)}, but returns the awaitable
   * itself when its value is ready, without storing it anywhere, and null when the coroutine must
   * return from {@code resume()} (suspended, or yielding for {@code sleep(0)}). Generated code keeps
   * the result in a local of {@code resume()} and reads the value with {@link #readyResult(Object)}
   * right after the continuation's label:
   *
   * <pre>{@code
   * if (($ready = awaitReady(page(url), 2)) == null) return;
   * case 2:
   *   body = readyResult($ready);   // $ready is null when resumed after suspending
   * }</pre>
   *
   * <p>An await that does not suspend then costs no reference store into the coroutine, and no GC
   * write barrier (about 1 ns per await with G1: docs/performance.md).
   */
  protected final Object awaitReady(Awaitable<?> awaitable, int next) {
    label = next;
    if (awaitable instanceof Sleep && ((Sleep<?>) awaitable).status == NEW_YIELD) {
      ((Sleep<?>) awaitable).status = DONE; // awaiting it again fails, as for any coroutine
      if (awaiting != null) { // yields, as in await(): no call; no store unless needed (R33)
        awaiting = null;
      }
      task.yieldOnce();
      return null;
    }
    return readyOrSuspend(awaitable);
  }

  /**
   * {@link #awaitReady(Awaitable, int)} of a queue's get: the Java compiler picks it for {@code
   * Await.of(queue.get())}, by the type of the awaited expression. Python's get() then runs right
   * here ({@link Queue.Getting#awaitNow}): it takes the item, or queues the task and suspends it,
   * with no coroutine pushed and no pass through the task's trampoline, and a call that only ever
   * sees one class. A get not awaited this way runs through the general await (docs/performance.md,
   * R31).
   */
  protected final Object awaitReady(Queue<?>.Getting get, int next) {
    label = next;
    if (get != null && get.status == LEAF) {
      return get.awaitNow(this);
    }
    return readyOrSuspend(get); // debug mode (it runs as a coroutine), awaited before, or null
  }

  /** {@link #awaitReady(Queue.Getting, int)} for a queue's put. */
  protected final Object awaitReady(Queue<?>.Putting put, int next) {
    label = next;
    if (put != null && put.status == LEAF) {
      return put.awaitNow(this);
    }
    return readyOrSuspend(put);
  }

  /** {@link #awaitReady(Queue.Getting, int)} for a lock's acquire. */
  protected final Object awaitReady(Lock.Acquiring acquire, int next) {
    label = next;
    if (acquire != null && acquire.status == LEAF) {
      return acquire.awaitNow(this);
    }
    return readyOrSuspend(acquire);
  }

  /**
   * {@link #await(Awaitable, int)} of a lock's acquire: the await of {@code try (lock)} ({@code
   * enterAsync()}) on a variable typed {@link Lock}, as {@link #awaitReady(Lock.Acquiring, int)}.
   */
  protected final boolean await(Lock.Acquiring acquire, int next) {
    Object ready = awaitReady(acquire, next);
    if (ready == null) {
      return false;
    }
    awaiting = ready;
    return true;
  }

  /** The awaitable if its value is ready (a done future, a completed {@link #of}), else await it. */
  private Object readyOrSuspend(Awaitable<?> awaitable) {
    if (awaitable instanceof Future) {
      return readyOrSuspendOn((Future<?>) awaitable);
    }
    return readyOrSuspendFor(awaitable);
  }

  /** A completed {@link #of} value is returned; another coroutine (or null) is awaited. */
  private Object readyOrSuspendFor(Awaitable<?> coroutine) {
    return coroutine instanceof Completed || awaitOther(coroutine) ? coroutine : null;
  }

  /**
   * A done future is returned; a pending one is stored in {@code awaiting} and the task suspends on
   * it. {@link Task#suspendOn}'s work written out, with no call after {@link Future#readyFor}
   * (which every await of a future makes, done or not) but trivial ones, which C2 inlines whatever
   * the profile: in a program whose awaits mostly find their future done, it refused the call that
   * only a suspension makes ("low call site frequency"), and ping-pong paid it per switch (R29 in
   * docs/performance.md; InliningBudgetTest).
   */
  private Object readyOrSuspendOn(Future<?> future) {
    Task<?> t = task;
    if (future.readyFor(t)) {
      return future;
    }
    awaiting = future;
    t.markSuspended();
    future.addWaiter(t);
    return null;
  }

  /**
   * {@link #awaitReady(Awaitable, int)} for an awaited JDK {@link CompletionStage}: a stage that is
   * already complete is returned (read at once, nothing allocated or stored).
   */
  protected final Object awaitReady(CompletionStage<?> stage, int next) {
    label = next;
    if (stage == null) {
      throw new NullPointerException("Await.of(null): the awaited CompletionStage is null");
    }
    CompletableFuture<?> cf = StageFuture.asCompletableFuture(stage);
    if (cf != null && cf.isDone()) {
      return cf;
    }
    Future<?> f = StageFuture.wrap(task.loop, stage);
    awaiting = f;
    task.suspendOn(f);
    return null;
  }

  /**
   * The value of an {@link #awaitReady(Awaitable, int)}: read from {@code ready}, the awaitable it
   * returned, or, when {@code ready} is null (the coroutine was resumed after suspending), as {@link
   * #awaitResult()} reads it. Thrown unwrapped (with its identity) when the await failed.
   */
  @SuppressWarnings("unchecked")
  protected final <R> R readyResult(Object ready) {
    if (ready == null) {
      return awaitResult();
    }
    if (ready instanceof Future) {
      return (R) ((Future<?>) ready).resultForAwait();
    }
    return (R) resultOf(ready);
  }

  /** {@link #readyResult(Object)} typed by the awaited expression, as {@link #awaitResult(Awaitable)}. */
  protected final <R> R readyResult(Object ready, Awaitable<R> typeWitness) {
    return readyResult(ready);
  }

  /** {@link #readyResult(Object)} declaring {@code X}, as {@link #awaitResult(Class)}. */
  protected final <R, X extends Throwable> R readyResult(Object ready, Class<X> mayThrow) throws X {
    return readyResult(ready);
  }

  /** {@link #readyResult(Object)} typed by an awaited stage, as {@link #awaitResult(CompletionStage)}. */
  protected final <R> R readyResult(Object ready, CompletionStage<R> typeWitness) {
    return readyResult(ready);
  }

  /** {@link #readyResult(Object)} typed and declaring {@code X}, as {@link #awaitResult(Awaitable, Class)}. */
  protected final <R, X extends Throwable> R readyResult(
      Object ready, Awaitable<R> typeWitness, Class<X> mayThrow) throws X {
    return readyResult(ready);
  }

  /** Awaits a future, a coroutine (or null): one store of {@code awaiting} for all of them. */
  private boolean awaitOther(Awaitable<?> awaitable) {
    awaiting = awaitable;
    if (awaitable instanceof Future) {
      return awaitFuture((Future<?>) awaitable);
    }
    return awaitCoroutine(awaitable);
  }

  private boolean awaitFuture(Future<?> future) {
    if (future.isDone()) {
      return true;
    }
    task.suspendOn(future);
    return false;
  }

  /**
   * {@link #await(Awaitable, int)} of a coroutine (or null), already in {@code awaiting}. A new
   * coroutine is only recorded there: the task's step, once {@code resume()} has returned, pushes
   * it onto the await chain and runs it ({@link Task#step()}). Linking it here would put five more
   * reference stores (each with its GC write barrier) into the compiled code of {@code await}.
   */
  private boolean awaitCoroutine(Awaitable<?> awaitable) {
    Coroutine<?> callee = (Coroutine<?>) awaitable;
    if (callee == null || callee.status > NEW) {
      return awaitNotNew(callee);
    }
    return false;
  }

  /**
   * A completed {@link #of} value (done at once: every immediate queue put awaits one), else {@link
   * #awaitOdd}. Kept tiny so that C2 inlines it: the work of a {@link #LEAF} inlined here would make
   * its own compiled code big, and then every {@code Await.of(Coroutine.of(x))} would pay a call.
   */
  private boolean awaitNotNew(Coroutine<?> callee) {
    if (callee instanceof Completed) {
      return true;
    }
    return awaitOdd(callee);
  }

  /** Null (fails), a {@link #LEAF} (a queue's blocked get or put), or awaited before (fails). */
  private boolean awaitOdd(Coroutine<?> callee) {
    if (callee == null) {
      throw awaitedNull();
    }
    if (callee.status == LEAF) {
      // Run by the task's step once resume() has returned (Task.awaitLeaf), not here: the queue's
      // code inlined into await's compiled code made it too big for C2 to inline await anywhere.
      return false;
    }
    throw alreadyAwaited(callee);
  }

  /**
   * Awaits a JDK {@link CompletionStage} ({@code Await.of(stage)}): like {@link #await(Awaitable,
   * int)}. A stage that is already complete is read at once without suspending or allocating;
   * otherwise the coroutine is resumed on the loop thread when the stage completes.
   */
  protected final boolean await(CompletionStage<?> stage, int next) {
    Object ready = awaitReady(stage, next);
    if (ready == null) {
      return false;
    }
    awaiting = ready;
    return true;
  }

  /**
   * The value of the await that this continuation follows, or its exception thrown unwrapped (with
   * its identity), or the {@link CancelledError} of a cancellation delivered at this await.
   */
  @SuppressWarnings("unchecked")
  protected final <R> R awaitResult() {
    Throwable t = thrown;
    Object a = awaiting;
    if (a != null) {
      awaiting = null; // a store only when needed: none after a yield (R33)
    }
    if (t != null) {
      thrown = null;
      throw Coroutine.<RuntimeException>sneakyThrow(t);
    }
    if (a instanceof Future) {
      return (R) ((Future<?>) a).resultForAwait();
    }
    if (a == null) {
      return null; // resumed after yielding to the loop (sleep(0))
    }
    return (R) resultOf(a);
  }

  /**
   * The result of an awaited coroutine or JDK future: out of line to keep awaitResult small, and
   * within 35 bytes of bytecode itself (InliningBudgetTest) so that C2 inlines it even where the
   * shared profile of awaitResult does not call it hot.
   */
  private static Object resultOf(Object awaited) {
    if (awaited instanceof Coroutine) {
      Coroutine<?> callee = (Coroutine<?>) awaited;
      if (callee.failure == null) {
        return callee.result;
      }
    }
    return otherResultOf(awaited);
  }

  /** A JDK future's result, or the failure of an awaited coroutine thrown unwrapped. */
  private static Object otherResultOf(Object awaited) {
    if (awaited instanceof CompletableFuture) {
      return StageFuture.resultOfDone((CompletableFuture<?>) awaited);
    }
    throw Coroutine.<RuntimeException>sneakyThrow(((Coroutine<?>) awaited).failure);
  }

  /**
   * Like {@link #awaitResult()}, typed by the awaited expression: generated code passes the
   * original awaitable expression in a branch that never runs ({@code false ? expr : null}) so
   * that javac infers {@code R} exactly as it did for {@code Await.of(expr)}. The argument's value
   * is ignored.
   */
  protected final <R> R awaitResult(Awaitable<R> typeWitness) {
    return awaitResult();
  }

  /**
   * Like {@link #awaitResult()}, for an await written {@code Await.of(a, X.class)}: declares that
   * it may throw the checked exception {@code X}, so that a {@code catch (X e)} around it compiles.
   */
  protected final <R, X extends Throwable> R awaitResult(Class<X> mayThrow) throws X {
    return awaitResult();
  }

  /**
   * Like {@link #awaitResult(Awaitable)}, for an awaited JDK {@link CompletionStage}: generated code
   * passes {@code false ? stage : null} so that {@code R} is inferred exactly as for {@code
   * Await.of(stage)}. The argument's value is ignored.
   */
  protected final <R> R awaitResult(CompletionStage<R> typeWitness) {
    return awaitResult();
  }

  /**
   * For {@code Await.of(a, X.class)} used where the target type alone does not fix the result
   * type: typed by the awaited expression ({@code false ? a : null}) and declaring {@code X}.
   */
  protected final <R, X extends Throwable> R awaitResult(Awaitable<R> typeWitness, Class<X> mayThrow)
      throws X {
    return awaitResult();
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers for generated code: values kept across an await inside one expression ("spilled"
  // temporaries) and loops over arrays or Iterables whose body awaits.

  /**
   * A type witness for a spilled value: generated code passes {@code () -> <the original
   * expression>}, which is never called. Overload resolution over the witness interfaces picks
   * exactly the type javac gives the expression (primitive or reference).
   */
  @FunctionalInterface
  protected interface ValueWitness<R> {
    R get() throws Throwable;
  }

  /** The witness of a {@code boolean} expression; see {@link ValueWitness}. */
  @FunctionalInterface
  protected interface BooleanWitness {
    boolean get() throws Throwable;
  }

  /** The witness of a {@code byte} expression; see {@link ValueWitness}. */
  @FunctionalInterface
  protected interface ByteWitness {
    byte get() throws Throwable;
  }

  /** The witness of a {@code short} expression; see {@link ValueWitness}. */
  @FunctionalInterface
  protected interface ShortWitness {
    short get() throws Throwable;
  }

  /** The witness of a {@code char} expression; see {@link ValueWitness}. */
  @FunctionalInterface
  protected interface CharWitness {
    char get() throws Throwable;
  }

  /** The witness of an {@code int} expression; see {@link ValueWitness}. */
  @FunctionalInterface
  protected interface IntWitness {
    int get() throws Throwable;
  }

  /** The witness of a {@code long} expression; see {@link ValueWitness}. */
  @FunctionalInterface
  protected interface LongWitness {
    long get() throws Throwable;
  }

  /** The witness of a {@code float} expression; see {@link ValueWitness}. */
  @FunctionalInterface
  protected interface FloatWitness {
    float get() throws Throwable;
  }

  /** The witness of a {@code double} expression; see {@link ValueWitness}. */
  @FunctionalInterface
  protected interface DoubleWitness {
    double get() throws Throwable;
  }

  /**
   * A value spilled into an {@code Object} field before an await, read back with the static type
   * of the expression it came from ({@code typeWitness} is never called).
   */
  @SuppressWarnings("unchecked")
  protected static <R> R stored(Object value, ValueWitness<R> typeWitness) {
    return (R) value;
  }

  /** A spilled {@code boolean}; see {@link #stored(Object, ValueWitness)}. */
  protected static boolean stored(Object value, BooleanWitness typeWitness) {
    return (Boolean) value;
  }

  /** A spilled {@code byte}; see {@link #stored(Object, ValueWitness)}. */
  protected static byte stored(Object value, ByteWitness typeWitness) {
    return (byte) spilledNumber(value).intValue();
  }

  /** A spilled {@code short}; see {@link #stored(Object, ValueWitness)}. */
  protected static short stored(Object value, ShortWitness typeWitness) {
    return (short) spilledNumber(value).intValue();
  }

  /** A spilled {@code char}; see {@link #stored(Object, ValueWitness)}. */
  protected static char stored(Object value, CharWitness typeWitness) {
    return value instanceof Character ? (Character) value : (char) spilledNumber(value).intValue();
  }

  /** A spilled {@code int}; see {@link #stored(Object, ValueWitness)}. */
  protected static int stored(Object value, IntWitness typeWitness) {
    return spilledNumber(value).intValue();
  }

  /** A spilled {@code long}; see {@link #stored(Object, ValueWitness)}. */
  protected static long stored(Object value, LongWitness typeWitness) {
    return spilledNumber(value).longValue();
  }

  /** A spilled {@code float}; see {@link #stored(Object, ValueWitness)}. */
  protected static float stored(Object value, FloatWitness typeWitness) {
    return spilledNumber(value).floatValue();
  }

  /** A spilled {@code double}; see {@link #stored(Object, ValueWitness)}. */
  protected static double stored(Object value, DoubleWitness typeWitness) {
    return spilledNumber(value).doubleValue();
  }

  /** A spilled numeric value: a boxed number, or a {@code Character} widened to a number. */
  private static Number spilledNumber(Object value) {
    return value instanceof Character ? (int) (Character) value : (Number) value;
  }

  /** The iterator of an enhanced {@code for} over an {@code Iterable} whose body awaits. */
  protected static <E> java.util.Iterator<E> loopIterator(Iterable<E> iterable) {
    return iterable.iterator();
  }

  /** The iterator of an enhanced {@code for} over an array whose body awaits. */
  protected static <E> java.util.Iterator<E> loopIterator(E[] array) {
    return java.util.Arrays.asList(array).iterator();
  }

  /** The iterator of an enhanced {@code for} over an {@code int[]} whose body awaits. */
  protected static java.util.Iterator<Integer> loopIterator(int[] array) {
    return java.util.Arrays.stream(array).iterator();
  }

  /** The iterator of an enhanced {@code for} over a {@code long[]} whose body awaits. */
  protected static java.util.Iterator<Long> loopIterator(long[] array) {
    return java.util.Arrays.stream(array).iterator();
  }

  /** The iterator of an enhanced {@code for} over a {@code double[]} whose body awaits. */
  protected static java.util.Iterator<Double> loopIterator(double[] array) {
    return java.util.Arrays.stream(array).iterator();
  }

  /** The iterator of an enhanced {@code for} over a {@code boolean[]} whose body awaits. */
  protected static java.util.Iterator<Boolean> loopIterator(boolean[] array) {
    return new ArrayLoop<>(array.length, i -> array[i]);
  }

  /** The iterator of an enhanced {@code for} over a {@code char[]} whose body awaits. */
  protected static java.util.Iterator<Character> loopIterator(char[] array) {
    return new ArrayLoop<>(array.length, i -> array[i]);
  }

  /** The iterator of an enhanced {@code for} over a {@code byte[]} whose body awaits. */
  protected static java.util.Iterator<Byte> loopIterator(byte[] array) {
    return new ArrayLoop<>(array.length, i -> array[i]);
  }

  /** The iterator of an enhanced {@code for} over a {@code short[]} whose body awaits. */
  protected static java.util.Iterator<Short> loopIterator(short[] array) {
    return new ArrayLoop<>(array.length, i -> array[i]);
  }

  /** The iterator of an enhanced {@code for} over a {@code float[]} whose body awaits. */
  protected static java.util.Iterator<Float> loopIterator(float[] array) {
    return new ArrayLoop<>(array.length, i -> array[i]);
  }

  /**
   * Reads an array element by element as the loop advances, as Java's enhanced {@code for} does
   * (JLS 14.14.2): a write to a later element during the loop is seen when the loop gets there.
   */
  private static final class ArrayLoop<E> implements java.util.Iterator<E> {
    private final int length;
    private final java.util.function.IntFunction<E> element;
    private int next;

    ArrayLoop(int length, java.util.function.IntFunction<E> element) {
      this.length = length;
      this.element = element;
    }

    @Override
    public boolean hasNext() {
      return next < length;
    }

    @Override
    public E next() {
      if (next >= length) {
        throw new java.util.NoSuchElementException();
      }
      return element.apply(next++);
    }
  }

  /** Completes this coroutine with {@code value}; {@code resume()} must return right after. */
  protected final void complete(T value) {
    result = value;
    status = DONE;
  }

  /**
   * A short description for diagnostics (task dumps, slow-callback reports). Generated code
   * overrides it with the user's class, method, file and line.
   */
  protected String describe() {
    String name = getClass().getName();
    return name.substring(name.lastIndexOf('.') + 1);
  }

  /**
   * The source position of this coroutine when its {@link #label} is {@code label}, for async stack
   * traces, task dumps and debug-mode reports. Called only on those paths (an exception escaped, a
   * dump or a report was asked for), never when awaiting or resuming.
   *
   * <p>Generated code overrides it with the user's class, method, file and the line of the await
   * whose continuation is {@code label} ({@code label} 0: the line of the method's first
   * statement), typically from a static table: {@code return new StackTraceElement("demo.Hello",
   * "greet", "Hello.java", LINES[label]);}. For a suspended coroutine that is the await it waits
   * at; for one that failed, the await it last passed. It must not throw, and must accept any
   * label {@code resume()} can store.
   *
   * <p>The default parses {@link #describe()} when it has the form {@code Class.method(File:line)}
   * (the line of the method then, whatever the label); otherwise it names the coroutine's class
   * with {@code resume} as the method and the description as the file: {@code
   * org.asyncio4j.Sleep.resume(sleep(1.0))}.
   */
  protected StackTraceElement sourceFrame(int label) {
    String d = describe();
    StackTraceElement e = AsyncStackTraces.parseFrame(d);
    return e != null ? e : new StackTraceElement(getClass().getName(), "resume", d, -1);
  }

  /**
   * Optional, for the exact line of a failure in async stack traces: the line of the user's source
   * that line {@code generatedLine} of this class's {@code resume()} was generated from, or -1 if
   * unknown (the default). When an exception escapes this coroutine and the JVM recorded a frame of
   * its {@code resume()}, the coroutine's async frame uses this line instead of {@link
   * #sourceFrame(int)}'s await line: the {@code throw} or the call that failed, as in a
   * synchronous stack trace. Called on failure paths only; must not throw.
   *
   * <p>Generated code can implement it from the {@code // File.java:N} comments it writes before
   * each statement (a sorted table of generated-line/source-line pairs, binary-searched for the
   * last statement starting at or before {@code generatedLine}).
   */
  protected int sourceLine(int generatedLine) {
    return -1;
  }

  /** Called when the coroutine starts (awaited or scheduled): it can no longer be never-awaited. */
  final void markStarted() {
    Object a = awaiting;
    if (a instanceof NeverAwaited.Entry) {
      // A coroutine that has not started keeps its debug-mode registration in `awaiting`.
      awaiting = null;
      ((NeverAwaited.Entry) a).started();
    }
  }

  /**
   * For the runtime's own leaf coroutines that reuse a finished instance (a queue's blocked get or
   * put): whether this one is done and dropped by its task (whoever awaited it has read its result:
   * the trampoline does so in the step that pops it), outside debug mode (where every coroutine
   * created is tracked until awaited).
   */
  final boolean recyclable() {
    return status == DONE && task == null && caller == null && EventLoop.debugLoopsRunning == 0;
  }

  /** Makes a {@link #recyclable()} coroutine new again, at label 0. */
  final void rearm() {
    label = 0;
    status = NEW;
    awaiting = null;
    thrown = null;
    result = null;
    failure = null;
  }

  /**
   * For a {@link #LEAF} coroutine only: {@code caller} awaited it. Does its work for {@code
   * caller}'s await without being pushed onto the chain: returns true with the value ready in
   * {@code caller.awaiting} (the task resumes {@code caller} at once), or suspends {@code caller}'s
   * task on a future and returns false. Called by the task's step right after {@code caller}'s
   * {@code resume()} returned from a general await ({@link Task#step()}), not inside {@code await}:
   * its code must stay out of the compiled code of {@code await} (docs/design.md section 2). The
   * await overloads of the leaf's own type call {@link #awaitNow} directly.
   */
  final boolean awaitDirectly(Coroutine<?> caller) {
    Object ready = awaitNow(caller);
    if (ready == null) {
      return false;
    }
    caller.awaiting = ready;
    return true;
  }

  /**
   * For a {@link #LEAF} coroutine only: its work for {@code caller}'s await (a queue's get or put,
   * a lock's acquire): the awaitable whose value is ready, or null with {@code caller}'s task
   * suspended on a future in {@code caller.awaiting}.
   */
  Object awaitNow(Coroutine<?> caller) {
    throw new IllegalStateException(describe() + " cannot be awaited directly");
  }

  /** For a {@link #LEAF} coroutine only: the coroutine a task made of it runs (this one, new). */
  Coroutine<T> forTask() {
    status = NEW;
    return this;
  }

  /** Whether the coroutine has finished (returned or thrown). */
  final boolean isDone() {
    return status == DONE;
  }

  @Override
  public String toString() {
    String state =
        status <= NEW || status == LEAF ? "created" : status == RUNNING ? "running" : "done";
    return "<Coroutine " + describe() + " " + state + ">";
  }

  private static NullPointerException awaitedNull() {
    return new NullPointerException(
        "Await.of(null): the awaited expression evaluated to null (a coroutine method must"
            + " return a Coroutine, a Future or a Task, never null)");
  }

  private static IllegalStateException alreadyAwaited(Coroutine<?> c) {
    return new IllegalStateException(
        "cannot await coroutine " + c.describe() + " again: a coroutine runs once. Wrap it in a"
            + " task (Asyncio.createTask) and await the task to share its result.");
  }

  @SuppressWarnings("unchecked")
  static <E extends Throwable> E sneakyThrow(Throwable t) throws E {
    throw (E) t;
  }

  /** The result of {@link #of} and {@link #done()}: complete from the start, awaitable any number of times. */
  static final class Completed<T> extends Coroutine<T> {
    Completed(T value) {
      this.result = value;
      this.status = DONE;
    }

    @Override
    protected void resume() {
      throw new AssertionError("a completed coroutine is never resumed");
    }

    @Override
    protected String describe() {
      return "Coroutine.of(" + result + ")";
    }
  }
}
