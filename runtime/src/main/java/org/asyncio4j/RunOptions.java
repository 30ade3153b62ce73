package org.asyncio4j;

/**
 * Options for {@link Asyncio#run(Coroutine, RunOptions)} and {@link EventLoop#create(RunOptions)}.
 *
 * <pre>{@code RunOptions.create().debug(true).virtualTime(true).slowCallbackDuration(0.05)}</pre>
 */
public final class RunOptions {
  private boolean debug;
  private boolean virtualTime;
  private double slowCallbackDuration = 0.1;
  private String dumpOnSignal;
  private double busyPoll;

  private RunOptions() {
    debug = debugFromEnvironment(System.getenv("ASYNCIO4J_DEBUG"));
    String signal = System.getProperty("asyncio4j.dumpOnSignal");
    dumpOnSignal = signal == null || signal.isBlank() ? null : signal.trim();
    busyPoll = busyPollFromProperty(System.getProperty(BUSY_POLL_PROPERTY));
  }

  /** The system property that sets {@link #busyPoll}'s default, in seconds. */
  static final String BUSY_POLL_PROPERTY = "asyncio4j.busyPoll";

  /** The default of {@link #busyPoll}: the system property's value if set, else 50 us. */
  static double busyPollFromProperty(String value) {
    if (value == null || value.isBlank()) {
      return BusyPoll.DEFAULT_NANOS / 1e9;
    }
    double seconds;
    try {
      seconds = Double.parseDouble(value.trim());
    } catch (NumberFormatException e) {
      seconds = Double.NaN;
    }
    if (!(seconds >= 0)) {
      throw new IllegalArgumentException(
          "system property " + BUSY_POLL_PROPERTY + "=" + value + " is not a number of seconds >= 0:"
              + " give how long an idle loop polls before it blocks, e.g. -D" + BUSY_POLL_PROPERTY
              + "=0.00005 (50 us, the default), or 0 to turn busy polling off");
    }
    return seconds;
  }

  /** Whether a value of {@code ASYNCIO4J_DEBUG} turns debug mode on: set, non-empty, not {@code 0}. */
  static boolean debugFromEnvironment(String value) {
    return value != null && !value.isEmpty() && !value.equals("0");
  }

  /**
   * Default options: real time, debug mode off unless the environment variable {@code
   * ASYNCIO4J_DEBUG} is set (to anything but {@code 0}).
   */
  public static RunOptions create() {
    return new RunOptions();
  }

  /**
   * Debug mode: slow callbacks are reported (naming the source lines they ran between), a loop
   * blocked longer than {@link #slowCallbackDuration} is reported while it is blocked with the
   * loop thread's stack, coroutines never awaited are reported with their creation site, tasks
   * record where they were created, and reports of unretrieved exceptions include that place. See
   * {@link EventLoop#setDebug}.
   */
  public RunOptions debug(boolean debug) {
    this.debug = debug;
    return this;
  }

  /**
   * Virtual time: when nothing is ready to run and no I/O or work on other threads is pending, the
   * clock jumps to the next timer. {@code sleep(3600)} then returns at once while {@link
   * EventLoop#time()} advances by 3600. Timing tests become exact and fast.
   */
  public RunOptions virtualTime(boolean virtualTime) {
    this.virtualTime = virtualTime;
    return this;
  }

  /** In debug mode, callbacks running longer than this many seconds are reported (default 0.1). */
  public RunOptions slowCallbackDuration(double seconds) {
    if (!(seconds >= 0)) {
      throw new IllegalArgumentException("slowCallbackDuration must be >= 0 seconds, got " + seconds);
    }
    this.slowCallbackDuration = seconds;
    return this;
  }

  /**
   * Busy polling: how long, in seconds, a loop with nothing to run polls for I/O and other
   * threads' callbacks before it blocks in the selector (default 50 us, or the system property
   * {@code asyncio4j.busyPoll}; 0 turns it off). A blocked thread's wake-up costs a context switch
   * and, on an idle CPU, an interrupt and the CPU's way back from sleep (about 25 us on a small
   * virtual machine), so polling briefly cuts request round trips when work comes back quickly
   * (on loopback, 61 -> 24 us per echo at one connection: docs/performance.md). It adapts: after
   * three waits in a row longer than the budget the loop blocks at once, probing one wait in 16,
   * and polls again once waits are short (see the loop's {@code BusyPoll}). A timer due within the
   * budget is polled for rather than slept for, so it runs on time instead of up to 1 ms late.
   * Turn it off where CPU time matters more than latency (many loops on few cores, battery).
   *
   * @throws IllegalArgumentException if {@code seconds} is negative or not a number
   */
  public RunOptions busyPoll(double seconds) {
    this.busyPoll = checkBusyPoll(seconds);
    return this;
  }

  static double checkBusyPoll(double seconds) {
    if (!(seconds >= 0)) {
      throw new IllegalArgumentException(
          "busyPoll must be >= 0 seconds (0 turns busy polling off), got " + seconds);
    }
    return seconds;
  }

  /** How long an idle loop polls before it blocks, in seconds ({@link #busyPoll}). */
  public double getBusyPoll() {
    return busyPoll;
  }

  /**
   * Makes {@link Asyncio#run} print {@link Asyncio#dumpTasks()} to standard error each time the
   * process receives signal {@code signal} ({@code "USR2"}, {@code "SIGUSR2"}, ...; null: none,
   * the default), for instance with {@code kill -USR2 <pid>}. The system property {@code
   * asyncio4j.dumpOnSignal} sets it too ({@code java -Dasyncio4j.dumpOnSignal=USR2 ...}). If the
   * loop does not answer within a second, because a callback blocks it, the printout is made from
   * the signal thread instead: the loop thread's current stack, then a best-effort dump.
   */
  public RunOptions dumpOnSignal(String signal) {
    this.dumpOnSignal = signal == null || signal.isBlank() ? null : signal.trim();
    return this;
  }

  /** The signal that prints a task dump ({@link #dumpOnSignal}), or null. */
  public String getDumpOnSignal() {
    return dumpOnSignal;
  }

  /** Whether debug mode is on. */
  public boolean isDebug() {
    return debug;
  }

  /** Whether the loop runs on virtual time. */
  public boolean isVirtualTime() {
    return virtualTime;
  }

  /** The slow-callback threshold of debug mode, in seconds. */
  public double getSlowCallbackDuration() {
    return slowCallbackDuration;
  }

  @Override
  public String toString() {
    return "RunOptions[debug=" + debug + ", virtualTime=" + virtualTime + ", slowCallbackDuration="
        + slowCallbackDuration + ", busyPoll=" + busyPoll + (dumpOnSignal == null ? "" : ", dumpOnSignal=" + dumpOnSignal)
        + "]";
  }
}
