package org.asyncio4j;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The signal handlers of one event loop ({@link EventLoop#addSignalHandler}): each installed
 * through {@link Signals} (so it runs on the JVM's signal thread), which only hands the callback to
 * the loop with {@link EventLoop#callSoonThreadsafe}. The handler that was there before is put back
 * when the signal's handler is removed or the loop closes.
 */
final class LoopSignals {
  private final EventLoop loop;

  /** Signal name ("INT") to the handler our installation replaced. Loop thread only. */
  private final Map<String, Object> previous = new HashMap<>();

  /** Signal name to the callback; read on the signal thread. */
  private final Map<String, Runnable> callbacks = new ConcurrentHashMap<>();

  LoopSignals(EventLoop loop) {
    this.loop = loop;
  }

  /** "SIGTERM", "sigterm", "TERM" -> "TERM". */
  static String normalize(String signal) {
    if (signal == null || signal.isBlank()) {
      throw new IllegalArgumentException("signal name is empty: use \"SIGINT\", \"SIGTERM\", ...");
    }
    String s = signal.trim().toUpperCase(Locale.ROOT);
    return s.startsWith("SIG") ? s.substring(3) : s;
  }

  void add(String signal, Runnable callback) {
    String name = normalize(signal);
    if (!Signals.isSupported()) {
      throw new UnsupportedOperationException(
          "addSignalHandler(SIG"
              + name
              + "): this JVM has no sun.misc.Signal (module"
              + " jdk.unsupported), so signals cannot be handled");
    }
    callbacks.put(name, callback);
    if (previous.containsKey(name)) {
      return; // already installed: only the callback changes
    }
    Object prev = Signals.install(name, () -> onSignal(name));
    if (prev == null) {
      callbacks.remove(name);
      throw new IllegalArgumentException(
          "addSignalHandler(SIG"
              + name
              + "): the JVM does not let this signal be handled (it is"
              + " unknown, reserved by the JVM such as SIGQUIT or SIGSEGV, or the JVM runs with"
              + " -Xrs)");
    }
    previous.put(name, prev);
  }

  boolean remove(String signal) {
    String name = normalize(signal);
    callbacks.remove(name);
    if (!previous.containsKey(name)) {
      return false;
    }
    Signals.restore(name, previous.remove(name));
    return true;
  }

  void removeAll() {
    for (String name : previous.keySet().toArray(new String[0])) {
      remove(name);
    }
  }

  /** On the JVM's signal thread. */
  private void onSignal(String name) {
    Runnable cb = callbacks.get(name);
    if (cb == null) {
      return;
    }
    try {
      loop.callSoonThreadsafe(cb);
    } catch (IllegalStateException closed) {
      // the loop closed between the signal and now: nothing left to run the callback
    }
  }
}
