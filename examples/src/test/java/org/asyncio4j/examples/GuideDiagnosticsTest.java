package org.asyncio4j.examples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Keeps the guide's table of compile errors and warnings complete and exact: every message method
 * of the processor's {@code Diagnostics.java} has a row (errors under the method's name, warnings
 * under their lint name), and every piece of literal text of the message appears in that row.
 */
class GuideDiagnosticsTest {
  private static final Path GUIDE = Path.of("../docs/guide.md");
  private static final Path PROCESSOR = Path.of("../processor/src/main/java/org/asyncio4j/processor");

  /** Helpers of Diagnostics.java that are not messages of their own. */
  private static final Set<String> HELPERS = Set.of("box", "lint", "suppress");

  private static final Pattern METHOD =
      Pattern.compile("\\n  (?:private )?static String (\\w+)\\([^)]*\\) \\{(.*?)\\n  \\}", Pattern.DOTALL);
  private static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
  private static final Pattern ROW =
      Pattern.compile("^\\| \\*\\*(?:error|warning)\\*\\* <br>`([\\w-]+)` \\| (.*?) \\| .*\\|$", Pattern.MULTILINE);

  /** The runs of literal text of a method body: adjacent literals joined, expressions between split them. */
  static List<String> literalRuns(String body) {
    List<String> runs = new ArrayList<>();
    StringBuilder run = new StringBuilder();
    int last = 0;
    Matcher m = LITERAL.matcher(body);
    while (m.find()) {
      String between = body.substring(last, m.start()).replaceAll("\\s+", "");
      if (!between.isEmpty() && !between.equals("+") && !between.equals("return")) {
        if (run.length() > 0) {
          runs.add(run.toString());
        }
        run.setLength(0);
      }
      run.append(m.group(1).replace("\\\"", "\"").replace("\\\\", "\\"));
      last = m.end();
    }
    if (run.length() > 0) {
      runs.add(run.toString());
    }
    return runs;
  }

  @Test
  void everyDiagnosticHasAnExactRowInTheGuide() throws IOException {
    String diagnostics = Files.readString(PROCESSOR.resolve("Diagnostics.java"), UTF_8);
    String lints = Files.readString(PROCESSOR.resolve("Lints.java"), UTF_8);
    String guide = Files.readString(GUIDE, UTF_8);

    Map<String, String> rows = new LinkedHashMap<>();
    Matcher r = ROW.matcher(guide);
    while (r.find()) {
      String text = r.group(2).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
      rows.put(r.group(1), text.replace("\\|", "|"));
    }
    assertTrue(!rows.isEmpty(), "no rows of the diagnostics table found in " + GUIDE.toAbsolutePath());

    Matcher m = METHOD.matcher(diagnostics);
    int checked = 0;
    while (m.find()) {
      String name = m.group(1);
      String body = m.group(2);
      if (HELPERS.contains(name)) {
        continue;
      }
      String key = name;
      Matcher lint = Pattern.compile("Lints\\.(\\w+)").matcher(body);
      if (lint.find()) {
        Matcher value =
            Pattern.compile("static final String " + lint.group(1) + " = \"([^\"]+)\"").matcher(lints);
        if (!value.find()) {
          fail("cannot find Lints." + lint.group(1));
        }
        key = value.group(1);
      }
      String row = rows.get(key);
      if (row == null) {
        fail("docs/guide.md, 'Every compile error and warning': no row for Diagnostics." + name
            + " (`" + key + "`)");
      }
      for (String run : literalRuns(body)) {
        String text = run.strip();
        if (text.length() > 2 && !row.contains(text)) {
          fail("docs/guide.md, row `" + key + "`: the message text \"" + text
              + "\" of Diagnostics." + name + " is missing (the row says: " + row + ")");
        }
      }
      checked++;
    }
    assertTrue(checked >= 20, "only " + checked + " message methods found in Diagnostics.java");
  }
}
