package org.asyncio4j.examples.guide;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import demo.Run;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.logging.StreamHandler;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.asyncio4j.Coroutine;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Keeps the "Debugging" chapter of {@code docs/guide.md} real output: its numbered listing must be
 * {@code demo/Shop.java} of this module's test sources, line for line, and every block tagged
 * {@code <!-- output: NAME -->} (on the line before its fence) must be what {@code demo.Run NAME}
 * prints (standard output, standard error and the {@code org.asyncio4j} log as the default
 * {@code java.util.logging} console handler formats it), or for {@code warnings} what javac prints
 * compiling Shop.java with the processor. Only what legitimately varies is normalized before
 * comparing: log timestamps, measured durations, the JDK's own frames (version, and the JDK's
 * internal frames below the call the program made), {@code app//} prefixes and the line numbers
 * of runtime ({@code org.asyncio4j.*}) and generated ({@code demo.ShopAsync}) frames. The lines
 * of Shop.java and Run.java are compared exactly. A failure prints the fresh output to paste.
 */
class GuideDebuggingTest {
  private static final Path GUIDE = Path.of("../docs/guide.md");
  private static final Path TEST_SOURCES = Path.of("src/test/java");
  private static final Path SHOP = TEST_SOURCES.resolve("demo/Shop.java");
  private static final Pattern LISTING =
      Pattern.compile("<!--\\s*listing:\\s*demo/Shop\\.java\\b[^>]*-->");
  private static final Pattern OUTPUT = Pattern.compile("<!--\\s*output:\\s*([\\w-]+)\\b[^>]*-->");
  private static final Pattern NUMBERED = Pattern.compile("^ ?(\\d+)(?:  (.*))?$");

  /** Held strongly: java.util.logging keeps loggers only weakly. */
  private static final Logger LOG = Logger.getLogger("org.asyncio4j");

  /** The fenced block after each marker of the guide, by the marker's name. */
  static Map<String, String> taggedBlocks(Pattern tag) throws IOException {
    List<String> lines = Files.readAllLines(GUIDE, UTF_8);
    Map<String, String> blocks = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      Matcher m = tag.matcher(lines.get(i));
      if (!m.find()) {
        continue;
      }
      String name = m.groupCount() > 0 ? m.group(1) : "listing";
      assertTrue(i + 1 < lines.size() && lines.get(i + 1).startsWith("```"),
          "docs/guide.md:" + (i + 1) + ": the marker must be followed by a code fence");
      StringBuilder block = new StringBuilder();
      int j = i + 2;
      for (; j < lines.size() && !lines.get(j).equals("```"); j++) {
        block.append(lines.get(j)).append('\n');
      }
      assertTrue(j < lines.size(), "docs/guide.md:" + (i + 2) + ": unclosed code fence");
      assertTrue(blocks.put(name, block.toString()) == null,
          "docs/guide.md: two blocks tagged " + name);
      i = j;
    }
    return blocks;
  }

  @Test
  void theListingIsShopJava() throws IOException {
    Map<String, String> blocks = taggedBlocks(LISTING);
    assertEquals(
        1, blocks.size(), "docs/guide.md: no block tagged <!-- listing: demo/Shop.java -->");
    List<String> file = Files.readAllLines(SHOP, UTF_8);
    StringBuilder expected = new StringBuilder();
    for (int i = 0; i < file.size(); i++) {
      String line = file.get(i);
      expected.append(String.format("%2d", i + 1)).append(line.isEmpty() ? "" : "  " + line);
      expected.append('\n');
    }
    String listing = blocks.values().iterator().next();
    int n = 0;
    for (String line : listing.split("\n")) {
      Matcher m = NUMBERED.matcher(line);
      assertTrue(m.matches() && Integer.parseInt(m.group(1)) == ++n,
          "docs/guide.md: line " + n + " of the Shop.java listing is not numbered: " + line);
    }
    assertEquals(expected.toString(), listing,
        "docs/guide.md's listing of Shop.java differs from " + SHOP + "; the listing to paste:\n"
            + expected);
  }

  @TestFactory
  Stream<DynamicTest> everyOutputIsWhatTheProgramPrints() throws IOException {
    Map<String, Supplier<String>> scenarios = new LinkedHashMap<>();
    scenarios.put("warnings", GuideDebuggingTest::compilerWarnings);
    for (String name :
        List.of("stack-trace", "task-dump", "shield-dump", "blocked-loop", "never-awaited",
            "never-retrieved")) {
      scenarios.put(name, () -> run(name));
    }
    Map<String, String> blocks = taggedBlocks(OUTPUT);
    TreeSet<String> unknown = new TreeSet<>(blocks.keySet());
    unknown.removeAll(scenarios.keySet());
    assertTrue(unknown.isEmpty(), "docs/guide.md: blocks tagged with no scenario: " + unknown);
    List<DynamicTest> tests = new ArrayList<>();
    for (Map.Entry<String, Supplier<String>> s : scenarios.entrySet()) {
      String name = s.getKey();
      tests.add(DynamicTest.dynamicTest(name, () -> {
        String quoted = blocks.get(name);
        String fresh = s.getValue().get();
        // Up to three attempts: on a loaded machine the watchdog may report late or another step
        // be slow too (blocked-loop), and a GC may collect the forgotten coroutine or task before
        // the loop closes (the report then says so). A stale block fails every attempt.
        for (int attempt = 1; attempt < 3 && quoted != null
            && !normalize(quoted).equals(normalize(fresh)); attempt++) {
          fresh = s.getValue().get();
        }
        if (quoted == null) {
          fail("docs/guide.md: no block tagged <!-- output: " + name + " -->; the output:\n"
              + fresh);
        }
        assertEquals(normalize(quoted), normalize(fresh),
            "docs/guide.md, block <!-- output: " + name
                + " --> is stale; the fresh output to paste:\n" + fresh);
      }));
    }
    return tests.stream();
  }

  /** What javac prints compiling demo/Shop.java with the processor, run from the test sources. */
  static String compilerWarnings() {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter out = new StringWriter();
    Path classes = Path.of("target/guide-shop-classes");
    try {
      Files.createDirectories(classes);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    String runtime = location(Coroutine.class);
    String processorPath = String.join(File.pathSeparator, location(classNamed("org.asyncio4j.processor.AsyncProcessor")),
        location(classNamed("com.palantir.javapoet.JavaFile")), runtime);
    List<String> args = List.of("--release", "17", "-encoding", "UTF-8", "-d", classes.toString(),
        "-classpath", runtime, "-processorpath", processorPath);
    StandardJavaFileManager files = javac.getStandardFileManager(null, null, UTF_8);
    boolean ok = javac
        .getTask(out, files, null, args, null, files.getJavaFileObjects(SHOP.toString()))
        .call();
    String text = out.toString();
    assertTrue(ok, "Shop.java does not compile:\n" + text);
    return text.replace(TEST_SOURCES + "/", "");
  }

  private static Class<?> classNamed(String name) {
    try {
      return Class.forName(name);
    } catch (ClassNotFoundException e) {
      throw new AssertionError(name + " is not on the test classpath", e);
    }
  }

  private static String location(Class<?> c) {
    try {
      return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * What {@code java demo.Run scenario} prints: standard output and error, and the log records of
   * {@code org.asyncio4j} formatted by {@link SimpleFormatter} (the default console format), in
   * order. The scenario runs on a thread named {@code main}; the frames of that thread below
   * {@code demo.Run.main} (this harness's) are cut and {@code ... N more} counts corrected, so the
   * text is what the real program prints.
   */
  static String run(String scenario) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, UTF_8);
    Handler handler = new StreamHandler(out, new SimpleFormatter()) {
      @Override
      public synchronized void publish(LogRecord record) {
        super.publish(record);
        flush();
      }
    };
    int[] harnessFrames = new int[1];
    Thread main = new Thread("main") { // a subclass: a lambda would add a hidden frame
      @Override
      public void run() {
        harnessFrames[0] = new Throwable().getStackTrace().length;
        try {
          Run.main(new String[] {scenario});
        } catch (Exception | Error e) {
          out.print("Exception in thread \"main\" ");
          e.printStackTrace(out);
        }
      }
    };
    PrintStream savedOut = System.out;
    PrintStream savedErr = System.err;
    boolean parents = LOG.getUseParentHandlers();
    LOG.addHandler(handler);
    LOG.setUseParentHandlers(false);
    System.setOut(out);
    System.setErr(out);
    try {
      main.start();
      main.join();
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    } finally {
      System.setOut(savedOut);
      System.setErr(savedErr);
      LOG.removeHandler(handler);
      LOG.setUseParentHandlers(parents);
    }
    return withoutHarness(bytes.toString(UTF_8), harnessFrames[0]);
  }

  private static final Pattern MORE = Pattern.compile("^\t\\.\\.\\. (\\d+) more$");

  /** Cuts the harness's frames below each {@code demo.Run.main} frame and corrects the counts. */
  static String withoutHarness(String text, int harnessFrames) {
    StringBuilder sb = new StringBuilder();
    boolean cutting = false;
    for (String line : text.split("\n", -1)) {
      if (cutting && line.startsWith("\tat ")) {
        continue;
      }
      cutting = line.matches("\tat (app//)?demo\\.Run\\.main\\(Run\\.java:\\d+\\)");
      Matcher more = MORE.matcher(line);
      if (more.matches()) {
        int n = Integer.parseInt(more.group(1)) - harnessFrames;
        line = "\t... " + n + " more";
      }
      sb.append(line).append('\n');
    }
    return sb.substring(0, sb.length() - 1);
  }

  private static final Pattern LOG_HEADER =
      Pattern.compile("(?m)^[^\t\n]*\\d:\\d\\d:\\d\\d[^\t\n]* (org\\.asyncio4j\\.\\S+ \\S+)$");
  private static final Pattern JDK_FRAME =
      Pattern.compile("^\tat java\\.\\w+(@[^/]*)?/(.*)\\(.*\\)$");
  private static final Pattern OWN_FRAME =
      Pattern.compile(
          "^\tat (?:app//)?((?:org\\.asyncio4j\\.|demo\\.ShopAsync\\b)[^(]*)"
              + "\\((\\w+)\\.java:\\d+\\)$");

  /**
   * Normalizes what legitimately varies between runs and JDKs, and nothing else: log timestamps,
   * measured durations, {@code app//}, the JDK's frames (a run of them becomes its last one, the
   * call the program made, without location), line numbers of runtime and generated frames.
   */
  static String normalize(String text) {
    text = LOG_HEADER.matcher(text).replaceAll("<date> $1");
    text = text.replaceAll("\\b\\d+\\.\\d{3} seconds", "<t> seconds");
    List<String> lines = new ArrayList<>();
    for (String line : text.strip().split("\n")) {
      Matcher jdk = JDK_FRAME.matcher(line);
      Matcher own = OWN_FRAME.matcher(line);
      if (jdk.matches()) {
        String frame = "\tat <jdk>/" + jdk.group(2) + "(...)";
        if (!lines.isEmpty() && lines.get(lines.size() - 1).startsWith("\tat <jdk>/")) {
          lines.set(lines.size() - 1, frame);
        } else {
          lines.add(frame);
        }
      } else if (own.matches()) {
        lines.add("\tat " + own.group(1) + "(" + own.group(2) + ".java:<n>)");
      } else {
        lines.add(line.replace("app//", ""));
      }
    }
    return String.join("\n", lines) + "\n";
  }
}
