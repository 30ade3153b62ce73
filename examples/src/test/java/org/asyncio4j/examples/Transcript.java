package org.asyncio4j.examples;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.asyncio4j.Asyncio;

/**
 * Runs an example through the {@link Launcher} on the virtual clock and records what it prints on
 * {@code System.out}, each line stamped with the loop's clock when the line ended ({@code "-"}
 * for lines printed while no loop runs on the printing thread: synchronous code, worker threads).
 */
final class Transcript {
  private Transcript() {}

  /** Runs the example {@code name} with {@code --virtual-time} and the given arguments. */
  static String run(String name, String... args) {
    Launcher.Example e = Launcher.examples().get(name);
    if (e == null) {
      throw new AssertionError("example " + name + " is not registered in the Launcher");
    }
    return capture(() -> e.main().accept(new Launcher.Options(true, List.of(args))));
  }

  /** Runs {@code program}, returning what it printed on {@code System.out}, stamped. */
  static String capture(Runnable program) {
    return capture(program, line -> {});
  }

  /** {@link #capture(Runnable)}, also handing each line (unstamped) to {@code onLine} at once. */
  static String capture(Runnable program, Consumer<String> onLine) {
    StampingStream stamping = new StampingStream(onLine);
    PrintStream saved = System.out;
    Locale savedLocale = Locale.getDefault();
    PrintStream capture = new PrintStream(stamping, true, StandardCharsets.UTF_8);
    System.setOut(capture);
    Locale.setDefault(Locale.ROOT);
    try {
      program.run();
    } finally {
      capture.flush();
      System.setOut(saved);
      Locale.setDefault(savedLocale);
    }
    return stamping.text();
  }

  /** The lines without their time stamps. */
  static String plain(String transcript) {
    StringBuilder sb = new StringBuilder();
    for (String line : transcript.split("\n", -1)) {
      int sp = line.indexOf(' ');
      if (sp >= 0) {
        sb.append(line, sp + 1, line.length());
      }
      sb.append('\n');
    }
    return sb.substring(0, sb.length() - 1);
  }

  /** Collects bytes per line, stamping each completed line with the running loop's time. */
  private static final class StampingStream extends OutputStream {
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final List<String> lines = new ArrayList<>();
    private final Consumer<String> onLine;

    StampingStream(Consumer<String> onLine) {
      this.onLine = onLine;
    }

    @Override
    public synchronized void write(int b) {
      if (b == '\n') {
        String stamp;
        try {
          stamp = String.format(Locale.ROOT, "%.2f", Asyncio.getRunningLoop().time());
        } catch (IllegalStateException noLoop) {
          stamp = "-";
        }
        String text = line.toString(StandardCharsets.UTF_8);
        lines.add(stamp + " " + text);
        line.reset();
        onLine.accept(text);
      } else if (b != '\r') {
        line.write(b);
      }
    }

    synchronized String text() {
      StringBuilder sb = new StringBuilder();
      for (String l : lines) {
        sb.append(l).append('\n');
      }
      if (line.size() > 0) {
        sb.append("- ").append(line.toString(StandardCharsets.UTF_8)).append('\n');
      }
      return sb.toString();
    }
  }
}
