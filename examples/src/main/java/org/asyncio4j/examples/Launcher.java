package org.asyncio4j.examples;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs the example programs: {@code java -jar examples/target/asyncio4j-examples.jar} lists them,
 * {@code ... NAME [args]} runs one, {@code --virtual-time} runs it on the virtual clock.
 */
public final class Launcher {
  /** An example program: its name, what it shows, and its entry point. */
  public record Example(String name, String description, Consumer<Options> main) {}

  /** How the launcher was asked to run an example. */
  public record Options(boolean virtualTime, List<String> args) {}

  private static final Map<String, Example> EXAMPLES = new LinkedHashMap<>();

  static {
    // Examples register here as they are ported from the tutorials (see docs/tutorial.md).
  }

  private Launcher() {}

  static void register(Example e) {
    EXAMPLES.put(e.name(), e);
  }

  /** The registered examples, in registration order. */
  public static Map<String, Example> examples() {
    return EXAMPLES;
  }

  public static void main(String[] argv) {
    boolean virtualTime = false;
    List<String> rest = new ArrayList<>();
    for (String a : argv) {
      if (a.equals("--virtual-time")) {
        virtualTime = true;
      } else {
        rest.add(a);
      }
    }
    if (rest.isEmpty()) {
      System.out.println("asyncio4j examples. Run one with: java -jar asyncio4j-examples.jar [--virtual-time] NAME [args]");
      if (EXAMPLES.isEmpty()) {
        System.out.println("  (no examples are ported yet: they arrive with the @Async processor)");
      }
      for (Example e : EXAMPLES.values()) {
        System.out.printf("  %-28s %s%n", e.name(), e.description());
      }
      return;
    }
    Example e = EXAMPLES.get(rest.get(0));
    if (e == null) {
      System.err.println("unknown example '" + rest.get(0) + "'; run without arguments to list them");
      System.exit(2);
    }
    e.main().accept(new Options(virtualTime, List.copyOf(rest.subList(1, rest.size()))));
  }
}
