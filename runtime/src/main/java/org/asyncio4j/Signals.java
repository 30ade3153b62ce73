package org.asyncio4j;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * Process signal handling through {@code sun.misc.Signal} (module {@code jdk.unsupported}, present
 * in every JDK, the only way a Java program can intercept SIGINT without exiting), used
 * reflectively so that a runtime without it degrades to "no handler" instead of failing.
 *
 * <p>Handlers run on the JVM's signal dispatcher thread: they must only hand work to a loop with
 * {@link EventLoop#callSoonThreadsafe}.
 */
final class Signals {
  private static final Class<?> SIGNAL;
  private static final Class<?> HANDLER;
  private static final Constructor<?> NEW_SIGNAL;
  private static final Method HANDLE;
  private static final Method RAISE;
  private static final Object SIG_DFL;

  static {
    Class<?> signal = null;
    Class<?> handler = null;
    Constructor<?> ctor = null;
    Method handle = null;
    Method raise = null;
    Object dfl = null;
    try {
      signal = Class.forName("sun.misc.Signal");
      handler = Class.forName("sun.misc.SignalHandler");
      ctor = signal.getConstructor(String.class);
      handle = signal.getMethod("handle", signal, handler);
      raise = signal.getMethod("raise", signal);
      dfl = handler.getField("SIG_DFL").get(null);
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      signal = null;
    }
    SIGNAL = signal;
    HANDLER = handler;
    NEW_SIGNAL = ctor;
    HANDLE = handle;
    RAISE = raise;
    SIG_DFL = dfl;
  }

  private Signals() {}

  static boolean isSupported() {
    return SIGNAL != null;
  }

  /**
   * Installs {@code action} for signal {@code name} ("INT", "TERM"); returns the previous handler
   * (to give to {@link #restore}), or null if signals are not supported or the signal cannot be
   * handled here.
   */
  static Object install(String name, Runnable action) {
    if (SIGNAL == null) {
      return null;
    }
    try {
      Object handler =
          Proxy.newProxyInstance(
              Signals.class.getClassLoader(),
              new Class<?>[] {HANDLER},
              (proxy, method, args) -> {
                switch (method.getName()) {
                  case "handle":
                    action.run();
                    return null;
                  case "hashCode":
                    return System.identityHashCode(proxy);
                  case "equals":
                    return proxy == args[0];
                  case "toString":
                    return OUR_PREFIX + name;
                  default:
                    return null;
                }
              });
      return HANDLE.invoke(null, NEW_SIGNAL.newInstance(name), handler);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  /**
   * Whether {@code previous} (returned by {@link #install}) is the JVM's default behaviour: the
   * native default, or the JVM's own shutdown handler ({@code java.lang.Terminator}, installed for
   * INT, TERM and HUP unless the JVM runs with {@code -Xrs}).
   */
  static boolean isDefault(Object previous) {
    return previous != null
        && (previous == SIG_DFL || String.valueOf(previous).startsWith("java.lang.Terminator"));
  }

  /** Whether {@code handler} (returned by {@link #install}) is one installed by asyncio4j. */
  static boolean isOurs(Object handler) {
    return handler != null && String.valueOf(handler).startsWith(OUR_PREFIX);
  }

  private static final String OUR_PREFIX = "asyncio4j handler for SIG";

  /** Puts back the handler {@link #install} replaced. */
  static void restore(String name, Object previous) {
    if (SIGNAL == null || previous == null) {
      return;
    }
    try {
      HANDLE.invoke(null, NEW_SIGNAL.newInstance(name), previous);
    } catch (ReflectiveOperationException | RuntimeException e) {
      // nothing more can be done: the JVM keeps our handler
    }
  }

  /** Sends signal {@code name} to this process. */
  static void raise(String name) {
    if (SIGNAL == null) {
      throw new IllegalStateException("signals are not supported by this JVM");
    }
    try {
      RAISE.invoke(null, NEW_SIGNAL.newInstance(name));
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot raise SIG" + name, e);
    }
  }
}
