package org.asyncio4j;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A first-in, first-out queue for coroutines: Python's {@code asyncio.Queue} (3.13, with {@link
 * #shutdown(boolean)}).
 *
 * <pre>{@code
 * Queue<String> queue = new Queue<>(5);       // at most 5 items; 0 (or less) = unbounded
 * Await.of(queue.put(item));                   // waits while the queue is full
 * String item = Await.of(queue.get());         // waits while it is empty
 * queue.taskDone();                            // one item fully processed
 * Await.of(queue.join());                      // until every item put was processed
 * }</pre>
 *
 * <p>Tasks blocked in {@link #get()} or {@link #put(Object)} are woken in the order they started
 * waiting, one per item (or free slot). A waiter woken whose turn was taken by a non-waiting call
 * (for example {@link #getNowait()}) goes back to the <em>head</em> of the waiters. Cancellation
 * never loses or duplicates an item: a get or put that ends with {@link CancelledError} has taken
 * or added nothing, and a waiter cancelled after being woken passes the wake-up on to the next one.
 *
 * <p><b>Awaiting a get or put.</b> {@link #get()} and {@link #put(Object)} return Python's
 * coroutines, typed {@link Getting} and {@link Putting}. {@code Await.of(queue.get())} runs the get
 * in the await itself: the generated code calls the await made for {@code Getting} (the Java
 * compiler picks it by the awaited expression's type), which takes the item, or queues the task
 * and suspends it, without pushing a coroutine or going through the task's trampoline. Awaited any
 * other way (as a task, gathered, in debug mode) they run as ordinary coroutines.
 *
 * <p><b>Allocation-free fast paths.</b> {@link #put(Object)} into a queue that is not full adds the
 * item during the call; {@link #get()} on a non-empty queue removes the head item during the call
 * and the returned coroutine holds it. The queue reuses its last get and put coroutines (and their
 * waiter futures; the queue binds to the running loop on the first wait) once they were awaited,
 * so a steady stream of awaited gets and puts, immediate or blocked, allocates nothing. This is
 * why a get or put, like a Python coroutine, must be awaited once (see {@link #get()}).
 *
 * <p>{@code null} items are allowed in {@code Queue} and {@link LifoQueue} (Python's {@code None}
 * sentinel idiom), but {@link #shutdown()} is the clean way to stop consumers.
 *
 * @param <T> the type of the items
 */
public class Queue<T> extends LoopBound {
  /** Stands for a null item in the deque, which refuses nulls. */
  private static final Object NULL = new Object();

  private final int maxsize;

  /** The items of a FIFO or LIFO queue; null for queues that store items elsewhere. */
  final ArrayDeque<Object> items;

  /** Tasks waiting for an item, FIFO; a woken getter is removed from here when woken. */
  private final WaiterQueue getters = new WaiterQueue();

  /** Tasks waiting for a free slot, FIFO; a woken putter is removed from here when woken. */
  private final WaiterQueue putters = new WaiterQueue();

  /** Tasks in join(), released when the unfinished count drops to zero. */
  private ArrayDeque<Future<Void>> joiners;

  private int unfinished;
  private boolean isShutdown;

  /**
   * The last get and put that completed, reused (with their waiter futures) by the next get or put
   * once whoever awaited them has read their result: a consumer that waits for every item (a queue
   * of maxsize 1), or finds one every time, then allocates nothing per item.
   */
  private Getting spareGetting;

  private Putting sparePutting;

  /**
   * What every put that added its item during the call returns outside debug mode: one done
   * coroutine, awaited any number of times without change (a task made of it runs a fresh one).
   */
  private Putting donePut;

  /**
   * The last waiter futures of blocked gets and puts awaited directly whose wait ended, reused by
   * the next ones ({@link Waiter}).
   */
  private Waiter spareGetWaiter;

  private Waiter sparePutWaiter;

  /** An unbounded queue. */
  public Queue() {
    this(0);
  }

  /**
   * A queue holding at most {@code maxsize} items; {@code maxsize <= 0} means unbounded (as in
   * Python).
   */
  public Queue(int maxsize) {
    this(maxsize, true);
  }

  Queue(int maxsize, boolean usesDeque) {
    this.maxsize = maxsize;
    this.items = usesDeque ? new ArrayDeque<>() : null;
  }

  // ---------------------------------------------------------------------------------------------
  // Storage, overridden by LifoQueue and PriorityQueue (Python's _put/_get/_qsize).

  /** Stores an item (the queue has room). */
  void store(T item) {
    items.addLast(item == null ? NULL : item);
  }

  /** Removes and returns the next item (the queue is not empty). */
  T take() {
    return unmask(items.pollFirst());
  }

  /** The number of stored items. */
  int size() {
    return items.size();
  }

  /** The stored items in removal order, for {@code toString}. */
  List<Object> snapshot() {
    List<Object> list = new ArrayList<>(items.size());
    for (Object o : items) {
      list.add(o == NULL ? null : o);
    }
    return list;
  }

  @SuppressWarnings("unchecked")
  static <T> T unmask(Object o) {
    return o == NULL ? null : (T) o;
  }

  // ---------------------------------------------------------------------------------------------
  // State.

  /** The maximum number of items; 0 (or less) for an unbounded queue. */
  public int maxsize() {
    return maxsize;
  }

  /** The number of items in the queue. */
  public int qsize() {
    return size();
  }

  /** Whether the queue holds no item. */
  public boolean isEmpty() {
    return size() == 0;
  }

  /** Whether the queue holds {@link #maxsize()} items (never true for an unbounded queue). */
  public boolean isFull() {
    return maxsize > 0 && size() >= maxsize;
  }

  // ---------------------------------------------------------------------------------------------
  // Putting and getting.

  /**
   * Puts {@code item} into the queue, waiting while it is full: Python's {@code put()} coroutine.
   *
   * <p>If the queue is not full (and not shut down), the item is added during this call; awaiting
   * the result then completes at once. Otherwise the returned coroutine, when awaited, waits for a
   * free slot behind earlier putters, then adds the item. It fails with {@link QueueShutDown} if
   * the queue is shut down (also while waiting). If the waiting task is cancelled, the item is not
   * added. Await it once: like {@link #get()}'s, the coroutine is recycled once awaited (a re-await
   * of a kept reference fails, except as described there, where it performs the later put and that
   * put's own await fails).
   */
  public Putting put(T item) {
    if (!isShutdown && !isFull()) {
      putNowait(item);
      return added(item);
    }
    return blockedPut(item);
  }

  /** The shared done put (made once), or in debug mode a new one (debug mode tracks each one). */
  private Putting added(T item) {
    if (EventLoop.debugLoopsRunning != 0) {
      return new Putting(item, true);
    }
    Putting p = donePut;
    if (p == null) {
      p = new Putting(null, true);
      p.status = Coroutine.LEAF; // for good: see Putting.awaitNow and Putting.forTask
      donePut = p;
    }
    return p;
  }

  /**
   * The coroutine of a put that found the queue full (or shut down): the spare one if it can be
   * reused (it stays the spare: a handed-out one is not {@code recyclable()} until it is done
   * again).
   */
  private Putting blockedPut(T item) {
    Putting p = sparePutting;
    if (p != null && p.awaitedNow && EventLoop.debugLoopsRunning == 0) {
      p.refill(item);
      return p;
    }
    if (p != null && p.recyclable()) {
      p.rearm(item);
    } else {
      p = new Putting(item, false);
    }
    if (EventLoop.debugLoopsRunning == 0) {
      p.status = Coroutine.LEAF; // awaited directly, it runs without being pushed (awaitNow)
    }
    return p;
  }

  /**
   * Puts {@code item} into the queue without waiting.
   *
   * @throws QueueFull if the queue is full
   * @throws QueueShutDown if the queue is shut down
   */
  public void putNowait(T item) {
    if (isShutdown || isFull()) {
      throw cannotPut(); // out of line: keeps putNowait small enough to inline
    }
    store(item);
    unfinished++;
    wakeNext(getters);
  }

  /**
   * Removes and returns the next item, waiting while the queue is empty: Python's {@code get()}
   * coroutine.
   *
   * <p>If the queue holds an item, it is removed during this call and the returned coroutine holds
   * it: awaiting it never suspends. If the queue is empty, the returned coroutine, when awaited,
   * waits for an item behind earlier getters, then removes it. It fails with {@link QueueShutDown}
   * if the queue is shut down and empty (also while waiting). If the waiting task is cancelled, no
   * item is taken. Awaited directly ({@code Await.of(queue.get())}) it runs in the await itself,
   * with no coroutine of its own on the task's chain (a task dump says the task waits in {@code
   * Queue.get()}); pass it to {@link Asyncio#ensureFuture} if a task is needed.
   *
   * <p>Await it once, as a Python coroutine. Once it is done (awaited, or run by a task that
   * finished) the queue hands the same object out again for its next get, so that gets allocate
   * nothing. Awaiting a kept reference again fails with {@link IllegalStateException} ("cannot
   * await coroutine Queue.get() again") while it is done or run by another task; between such a
   * later {@code get()} and that get's own await it is not detected: the stale await performs the
   * later get (takes its item, or the next one) and the later get's await then fails. A get that is
   * never awaited is never reused (an item it took stays with it). Debug mode recycles nothing.
   */
  public Getting get() {
    T item = null;
    boolean taken = false;
    if (!isEmpty()) {
      item = take();
      wakeNext(putters);
      taken = true;
    }
    return handOutGet(item, taken);
  }

  /**
   * The coroutine of a get, holding {@code item} if {@code taken} (the queue had one): the spare
   * one if it can be reused (it stays the spare: a handed-out one is not {@code recyclable()} until
   * it is done again).
   */
  private Getting handOutGet(T item, boolean taken) {
    Getting g = spareGetting;
    if (g != null && g.awaitedNow && EventLoop.debugLoopsRunning == 0) {
      g.refill(item, taken);
      return g;
    }
    if (g != null && g.recyclable()) {
      g.rearm(item, taken);
    } else {
      g = new Getting(item, taken);
    }
    if (EventLoop.debugLoopsRunning == 0) {
      g.status = Coroutine.LEAF; // awaited directly, it runs without being pushed (awaitNow)
    }
    return g;
  }

  /**
   * Removes and returns the next item without waiting.
   *
   * @throws QueueEmpty if the queue is empty
   * @throws QueueShutDown if the queue is empty and shut down
   */
  public T getNowait() {
    if (isEmpty()) {
      if (isShutdown) {
        throw new QueueShutDown("get from an empty queue that was shut down");
      }
      throw new QueueEmpty("the queue is empty");
    }
    T item = take();
    wakeNext(putters);
    return item;
  }

  private RuntimeException cannotPut() {
    if (isShutdown) {
      return new QueueShutDown("put into a queue that was shut down");
    }
    return new QueueFull("the queue is full (maxsize " + maxsize + ")");
  }

  // ---------------------------------------------------------------------------------------------
  // Tracking work: taskDone / join.

  /**
   * Marks one item taken from the queue as processed; when every item put has been processed,
   * {@link #join()} returns.
   *
   * @throws IllegalArgumentException if called more times than items were put (Python's ValueError)
   */
  public void taskDone() {
    if (unfinished <= 0) {
      throw new IllegalArgumentException("taskDone() called too many times");
    }
    unfinished--;
    if (unfinished == 0) {
      wakeAll(joiners, null);
    }
  }

  /**
   * Waits until every item put into the queue has been processed ({@link #taskDone()} called once
   * per item), or the queue is shut down immediately. Returns a shared completed awaitable if
   * nothing is unfinished now.
   */
  public Coroutine<Void> join() {
    if (unfinished == 0) {
      return Coroutine.done();
    }
    return new Joining();
  }

  // ---------------------------------------------------------------------------------------------
  // Shutting down (3.13).

  /** {@code shutdown(false)}: see {@link #shutdown(boolean)}. */
  public void shutdown() {
    shutdown(false);
  }

  /**
   * Shuts the queue down (Python 3.13): every put, waiting or future, fails with {@link
   * QueueShutDown}. With {@code immediate} false, gets keep returning the remaining items and fail
   * with {@code QueueShutDown} once the queue is empty; {@link #join()} still needs a {@link
   * #taskDone()} per item. With {@code immediate} true, the queue is emptied at once (each removed
   * item counts as done), waiting getters fail, and {@link #join()} callers are released.
   */
  public void shutdown(boolean immediate) {
    isShutdown = true;
    if (immediate) {
      while (!isEmpty()) {
        take();
        if (unfinished > 0) {
          unfinished--;
        }
      }
      if (unfinished == 0) {
        wakeAll(joiners, null);
      }
    }
    // Every waiter re-checks the queue and raises QueueShutDown where it must.
    while (wakeNext(getters)) {
      // wake them all
    }
    while (wakeNext(putters)) {
      // wake them all
    }
  }

  // ---------------------------------------------------------------------------------------------

  /**
   * Wakes the first waiter of {@code waiters} that is not done (a {@link Waiter} is scheduled to
   * take its turn, any other waiter future completed); false if there is none. Small enough to
   * inline everywhere (every put and get calls it): the wake-up itself is out of line.
   */
  private static boolean wakeNext(WaiterQueue waiters) {
    return !waiters.isEmpty() && wakeFirst(waiters);
  }

  private static boolean wakeFirst(WaiterQueue waiters) {
    for (Future<Void> w; (w = waiters.pollFirst()) != null; ) {
      if (!w.isDone()) {
        if (w instanceof Queue<?>.Waiter) {
          ((Queue<?>.Waiter) w).wake();
        } else {
          w.setResult(null);
        }
        return true;
      }
    }
    return false;
  }

  /**
   * A waiter for {@code t}'s blocked get or put awaited directly: the spare one if it belongs to
   * {@code t}'s loop, else a new one (binding the queue to that loop on first use).
   */
  private Waiter waiterFor(Task<?> t, boolean put) {
    EventLoop running = t.loop;
    Waiter w = put ? sparePutWaiter : spareGetWaiter;
    if (w != null && !w.busy && w.loop == running) {
      w.rearm(); // it stays the spare (no store): busy until its wait is over
    } else {
      bind(running);
      w = new Waiter(running, put);
      if (put) {
        sparePutWaiter = w;
      } else {
        spareGetWaiter = w;
      }
    }
    w.busy = true;
    w.task = t;
    return w;
  }

  /**
   * A get or put that must wait, in {@code caller}'s await: queues a {@link Waiter} for its task
   * (holding {@code item} for a put) and suspends the task on it, in {@code caller.awaiting}.
   */
  private void suspend(Coroutine<?> caller, boolean put, T item) {
    Task<?> t = caller.task;
    Waiter w = waiterFor(t, put);
    if (put) {
      w.item = item;
      putters.addLast(w);
    } else {
      getters.addLast(w);
    }
    caller.awaiting = w;
    t.suspendOn(w);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("<").append(getClass().getSimpleName());
    sb.append(" maxsize=").append(maxsize);
    if (!isEmpty()) {
      sb.append(" _queue=").append(snapshot());
    }
    if (!getters.isEmpty()) {
      sb.append(" _getters[").append(getters.size()).append(']');
    }
    if (!putters.isEmpty()) {
      sb.append(" _putters[").append(putters.size()).append(']');
    }
    if (unfinished > 0) {
      sb.append(" tasks=").append(unfinished);
    }
    if (isShutdown) {
      sb.append(" shutdown");
    }
    return sb.append('>').toString();
  }

  /** Waiting getters (not yet woken), for tests. */
  int waitingGetters() {
    return getters.size();
  }

  /** Waiting putters (not yet woken), for tests. */
  int waitingPutters() {
    return putters.size();
  }

  /**
   * What {@link Queue#get()} returns: Python's {@code get()} coroutine (holding the item already
   * when the queue had one). Await it once. {@code Await.of(queue.get())} runs it in the await
   * itself ({@link Coroutine}'s await made for this type); any other await runs it as a coroutine.
   */
  public final class Getting extends Coroutine<T> {
    private Future<Void> waiter;

    /** The item was taken during get(): it is in {@code result}. */
    private boolean taken;

    /**
     * Done in {@link #awaitNow}, with its value read by the awaiting coroutine right after, or with
     * the task waiting on a {@link Waiter}: nothing but {@code result} to reset, so the next get
     * may {@link #refill} it.
     */
    private boolean awaitedNow;

    /** Woken but the item was taken by someone else: wait again at the head. */
    private boolean again;

    private Getting(T item, boolean taken) {
      this.result = item;
      this.taken = taken;
    }

    void rearm(T item, boolean taken) {
      rearm();
      this.result = item;
      this.taken = taken;
      again = false;
      awaitedNow = false;
    }

    /**
     * Hands this get, {@link #awaitedNow} (its other fields as {@link #rearm} leaves them), out
     * again, holding {@code item} if {@code taken}.
     */
    void refill(T item, boolean taken) {
      awaitedNow = false;
      result = item;
      this.taken = taken;
      status = LEAF;
    }

    @Override
    @SuppressWarnings("unchecked")
    protected void resume() {
      for (; ; ) {
        switch (label) {
          case 0:
            if (taken) {
              taken = false;
              complete((T) result);
              return;
            }
            if (!isEmpty()) {
              T item = take();
              wakeNext(putters);
              if (waiter != null) {
                spareGetting = this; // it waited: reusable once its task has read the item
              }
              complete(item);
              return;
            }
            if (isShutdown) {
              throw new QueueShutDown("get from an empty queue that was shut down");
            }
            waiter = reuseWaiter(waiter, task.loop);
            if (again) {
              getters.addFirst(waiter);
            } else {
              getters.addLast(waiter);
            }
            if (!await(waiter, 1)) {
              return;
            }
            // fall through: the waiter was pending, so this is not reached
          case 1:
            try {
              awaitResult();
            } catch (Throwable t) {
              getters.remove(waiter); // still there if cancelled before being woken
              if (!isEmpty() && !waiter.isCancelled()) {
                wakeNext(getters); // we were woken for an item we will not take
              }
              throw t;
            }
            again = true;
            label = 0;
            continue;
          default:
            throw new IllegalStateException("bad label " + label);
        }
      }
    }

    /**
     * Python's get() run in {@code caller}'s await, without this coroutine being pushed (it is a
     * {@link Coroutine#LEAF}): returns this coroutine, done with the item (or with {@link
     * QueueShutDown}), or queues a {@link Waiter} in {@code caller.awaiting}, suspends the task on
     * it (the waiter re-checks at the task's turn) and returns null. This object is spent at once:
     * awaiting it again fails, and it serves the next get once its result was read. A general
     * await runs it too, from the task's step ({@link Coroutine#awaitDirectly}).
     */
    @Override
    Object awaitNow(Coroutine<?> caller) {
      status = DONE;
      if (spareGetting != this) {
        spareGetting = this;
      }
      if (taken) {
        taken = false;
        awaitedNow = true;
        return this;
      }
      if (!isEmpty()) {
        result = take();
        wakeNext(putters);
        awaitedNow = true;
        return this;
      }
      return waitFor(caller);
    }

    /** The get found the queue empty: fails if it is shut down, else waits for an item. */
    private Object waitFor(Coroutine<?> caller) {
      if (isShutdown) {
        failure = new QueueShutDown("get from an empty queue that was shut down");
        return this;
      }
      suspend(caller, false, null);
      awaitedNow = true;
      return null;
    }

    @Override
    protected String describe() {
      return "Queue.get()";
    }
  }

  /**
   * What {@link Queue#put(Object)} returns: Python's {@code put()} coroutine (done already when the
   * queue had room). Await it once. {@code Await.of(queue.put(item))} runs it in the await itself
   * ({@link Coroutine}'s await made for this type); any other await runs it as a coroutine.
   */
  public final class Putting extends Coroutine<Void> {
    private T item;
    private Future<Void> waiter;

    /** The item was added during put() (the shared {@link Queue#donePut}, or in debug mode). */
    private final boolean added;

    /** Woken but the slot was taken by someone else: wait again at the head. */
    private boolean again;

    /** Done in {@link #awaitNow}, as {@link Getting#awaitedNow}. */
    private boolean awaitedNow;

    private Putting(T item, boolean added) {
      this.item = item;
      this.added = added;
    }

    void rearm(T item) {
      rearm();
      this.item = item;
      again = false;
      awaitedNow = false;
    }

    /** Hands this put, {@link #awaitedNow}, out again for {@code item}. */
    void refill(T item) {
      awaitedNow = false;
      this.item = item;
      status = LEAF;
    }

    @Override
    protected void resume() {
      for (; ; ) {
        switch (label) {
          case 0:
            if (added) {
              item = null; // the queue holds it
              complete(null);
              return;
            }
            if (isShutdown) {
              throw new QueueShutDown("put into a queue that was shut down");
            }
            if (!isFull()) {
              putNowait(item);
              if (waiter != null) {
                item = null; // the queue holds it now
                sparePutting = this; // it waited: reusable once its task has moved on
              }
              complete(null);
              return;
            }
            waiter = reuseWaiter(waiter, task.loop);
            if (again) {
              putters.addFirst(waiter);
            } else {
              putters.addLast(waiter);
            }
            if (!await(waiter, 1)) {
              return;
            }
            // fall through: the waiter was pending, so this is not reached
          case 1:
            try {
              awaitResult();
            } catch (Throwable t) {
              putters.remove(waiter); // still there if cancelled before being woken
              if (!isFull() && !waiter.isCancelled()) {
                wakeNext(putters); // we were woken for a slot we will not fill
              }
              throw t;
            }
            again = true;
            label = 0;
            continue;
          default:
            throw new IllegalStateException("bad label " + label);
        }
      }
    }

    /**
     * Python's put() run in {@code caller}'s await: see {@link Getting#awaitNow}. The shared done
     * put ({@link Queue#donePut}) returns itself unchanged.
     */
    @Override
    Object awaitNow(Coroutine<?> caller) {
      if (added) {
        return this;
      }
      status = DONE;
      if (sparePutting != this) {
        sparePutting = this;
      }
      T it = item;
      item = null; // the queue holds it, or the waiter does
      if (!isShutdown && !isFull()) {
        putNowait(it);
        awaitedNow = true;
        return this;
      }
      return waitFor(caller, it);
    }

    /** The put found the queue full or shut down: fails if it is shut down, else waits. */
    private Object waitFor(Coroutine<?> caller, T it) {
      if (isShutdown) {
        failure = new QueueShutDown("put into a queue that was shut down");
        return this;
      }
      suspend(caller, true, it);
      awaitedNow = true;
      return null;
    }

    /** The shared done put is not handed to a task (which would change it): a new one is. */
    @Override
    Coroutine<Void> forTask() {
      if (this == donePut) {
        return new Putting(null, true);
      }
      return super.forTask();
    }

    @Override
    protected String describe() {
      // Once the queue holds the item, the coroutine does not keep it alive (it may be reused).
      return "Queue.put(" + ((status == DONE || added) && item == null ? "..." : item) + ")";
    }
  }

  /**
   * The waiter future of a blocked get or put awaited directly ({@link Getting#awaitNow}):
   * the task waits on it without a coroutine of the queue's own on its chain. Python's get() and
   * put() loop ({@code while empty/full: await waiter}) runs here at the task's turn:
   *
   * <ul>
   *   <li>a wake-up ({@link #wake()}) marks it done (from then on a cancellation is delivered at
   *       the task's next step, as for asyncio's done waiter future) and schedules it where asyncio
   *       schedules the woken task;
   *   <li>at that turn ({@link #run()}) it re-checks the queue: it takes the item (or adds its
   *       own), or, if another call took the turn, waits again at the head; if the task was
   *       cancelled after the wake-up it leaves and passes the wake-up on; then it runs the task's
   *       step at once, which reads the result in the coroutine's await.
   * </ul>
   *
   * <p>Its result is the item taken (a get), or null (a put). It is reused once the step that read
   * it is over.
   */
  final class Waiter extends Future<Void> implements Runnable {
    private final boolean put;

    /** The waiting task. */
    Task<?> task;

    /** The item of a put, until it is added. */
    T item;

    /** In use: from {@link #waiterFor} until its task's step read its result. */
    boolean busy;

    Waiter(EventLoop loop, boolean put) {
      super(loop);
      this.put = put;
    }

    /** Woken (popped from its waiter queue): its turn comes in the next loop iteration. */
    void wake() {
      state = FINISHED;
      loop.scheduleRunnable(this);
    }

    /** Cancelling a waiting (not woken) get or put: it leaves the waiter queue at once. */
    @Override
    public boolean cancel(String msg) {
      if (!super.cancel(msg)) {
        return false; // woken: the task's next step delivers the cancellation
      }
      (put ? putters : getters).remove(this);
      item = null; // a cancelled put adds nothing
      task = null;
      return true;
    }

    /** The task's turn after a wake-up. */
    @Override
    public void run() {
      Task<?> t = task;
      if (t == null || state != FINISHED) {
        return; // not woken (cannot happen): nothing to do
      }
      try {
        if (put ? putWaitsAgain(t) : getWaitsAgain(t)) {
          return;
        }
      } catch (Throwable e) {
        error = e; // a put whose item the queue refuses (a PriorityQueue comparing it): the await's
      }
      task = null;
      item = null;
      // Free from here: the step starts by reading the result in the task's await (a coroutine's
      // continuation begins with awaitResult()), so the same task's next wait may reuse it.
      busy = false;
      t.step();
      Waiter spare = put ? sparePutWaiter : spareGetWaiter;
      if (spare != this && (spare == null || spare.busy)) {
        if (put) {
          sparePutWaiter = this;
        } else {
          spareGetWaiter = this;
        }
      }
    }

    /** Python's get() loop after {@code await getter}: takes the item, or true to wait again. */
    private boolean getWaitsAgain(Task<?> t) {
      if (t.cancelPending()) {
        if (!isEmpty()) {
          wakeNext(getters); // woken for an item it will not take
        }
        return false; // the step raises the CancelledError at the await
      }
      if (!isEmpty()) {
        value = take();
        wakeNext(putters);
        return false;
      }
      if (isShutdown) {
        error = new QueueShutDown("get from an empty queue that was shut down");
        return false;
      }
      state = PENDING; // another call took the item: wait again, at the head
      getters.addFirst(this);
      return true;
    }

    /** Python's put() loop after {@code await putter}: adds the item, or true to wait again. */
    private boolean putWaitsAgain(Task<?> t) {
      if (t.cancelPending()) {
        if (!isFull()) {
          wakeNext(putters); // woken for a slot it will not fill
        }
        return false;
      }
      if (isShutdown) {
        error = new QueueShutDown("put into a queue that was shut down");
        return false;
      }
      if (!isFull()) {
        putNowait(item);
        return false;
      }
      state = PENDING; // another call took the slot: wait again, at the head
      putters.addFirst(this);
      return true;
    }

    /** What the task waits in, for task dumps. */
    String describe() {
      return put ? "Queue.put(" + item + ")" : "Queue.get()";
    }

    /**
     * The frame of the wait in task stacks and dumps: the one a {@link Getting} or {@link Putting}
     * coroutine shows when the get or put runs as a coroutine (as a task, or in debug mode).
     */
    StackTraceElement frame() {
      String cls = (put ? Putting.class : Getting.class).getName();
      return new StackTraceElement(cls, "resume", describe(), -1);
    }
  }

  /** The coroutine of {@link #join()} while items are unfinished. */
  private final class Joining extends Coroutine<Void> {
    private Future<Void> waiter;

    @Override
    protected void resume() {
      switch (label) {
        case 0:
          if (unfinished == 0) {
            complete(null);
            return;
          }
          waiter = newWaiter(task.loop);
          if (joiners == null) {
            joiners = new ArrayDeque<>();
          }
          joiners.addLast(waiter);
          if (!await(waiter, 1)) {
            return;
          }
          // fall through: the waiter was pending, so this is not reached
        case 1:
          try {
            awaitResult();
          } finally {
            joiners.remove(waiter);
          }
          complete(null);
          return;
        default:
          throw new IllegalStateException("bad label " + label);
      }
    }

    @Override
    protected String describe() {
      return "Queue.join()";
    }
  }
}
