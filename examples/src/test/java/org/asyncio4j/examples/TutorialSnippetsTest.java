package org.asyncio4j.examples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the Java code of {@code docs/tutorial.md} compiled: every Java block there must be tagged
 * {@code <!-- snippet: NAME -->} (on the line before its opening fence), and its text must be
 * exactly the region of an example source between {@code // tutorial:start NAME} and {@code //
 * tutorial:end NAME}, up to indentation. Editing an example therefore means updating the tutorial
 * (the failure message shows the text to paste).
 */
class TutorialSnippetsTest {
  private static final Path TUTORIAL = Path.of("../docs/tutorial.md");
  private static final Path SOURCES = Path.of("src/main/java/org/asyncio4j/examples");
  private static final Pattern TAG = Pattern.compile("<!--\\s*snippet:\\s*([\\w-]+)\\s*-->");
  private static final Pattern START = Pattern.compile("^\\s*// tutorial:start ([\\w-]+)\\s*$");
  private static final Pattern END = Pattern.compile("^\\s*// tutorial:end ([\\w-]+)\\s*$");

  /** The marked regions of the example sources, by name. */
  static Map<String, List<String>> markedRegions() throws IOException {
    Map<String, List<String>> regions = new LinkedHashMap<>();
    List<Path> files;
    try (Stream<Path> s = Files.list(SOURCES)) {
      files = s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    }
    for (Path file : files) {
      List<String> lines = Files.readAllLines(file, UTF_8);
      Map<String, Integer> open = new LinkedHashMap<>();
      for (int i = 0; i < lines.size(); i++) {
        Matcher start = START.matcher(lines.get(i));
        Matcher end = END.matcher(lines.get(i));
        if (start.matches()) {
          String name = start.group(1);
          assertFalse(regions.containsKey(name) || open.containsKey(name),
              "snippet " + name + " marked twice (" + file + ")");
          open.put(name, i + 1);
        } else if (end.matches()) {
          String name = end.group(1);
          Integer from = open.remove(name);
          if (from == null) {
            fail("tutorial:end " + name + " without a start in " + file + ":" + (i + 1));
          }
          List<String> region = new ArrayList<>();
          for (String line : lines.subList(from, i)) {
            if (!START.matcher(line).matches() && !END.matcher(line).matches()) {
              region.add(line); // regions may nest or overlap: markers are not snippet text
            }
          }
          regions.put(name, region);
        }
      }
      assertTrue(open.isEmpty(), "tutorial:start without an end in " + file + ": " + open.keySet());
    }
    return regions;
  }

  /** The Java blocks of the tutorial, by snippet name. */
  static Map<String, List<String>> tutorialBlocks() throws IOException {
    List<String> lines = Files.readAllLines(TUTORIAL, UTF_8);
    Map<String, List<String>> blocks = new LinkedHashMap<>();
    String pendingTag = null;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      String trimmed = line.strip();
      Matcher tag = TAG.matcher(trimmed);
      if (tag.matches()) {
        pendingTag = tag.group(1);
        continue;
      }
      if (trimmed.startsWith("```")) {
        String info = trimmed.substring(3).strip();
        String fence = line.substring(0, line.indexOf('`')) + "```";
        List<String> body = new ArrayList<>();
        int j = i + 1;
        while (j < lines.size() && !lines.get(j).strip().equals("```")) {
          body.add(lines.get(j));
          j++;
        }
        if (j == lines.size()) {
          fail("unclosed code block at docs/tutorial.md:" + (i + 1) + " (" + fence + ")");
        }
        if (info.equals("java")) {
          if (pendingTag == null) {
            fail("docs/tutorial.md:" + (i + 1) + ": a Java block without <!-- snippet: NAME -->"
                + " (every Java snippet must come from an example source, so the build compiles"
                + " it)");
          }
          assertFalse(blocks.containsKey(pendingTag), "snippet " + pendingTag + " used twice");
          blocks.put(pendingTag, body);
        }
        pendingTag = null;
        i = j;
        continue;
      }
      if (!trimmed.isEmpty() && !trimmed.startsWith("<")) {
        pendingTag = null; // a tag applies to the block right after it (blank lines, HTML between)
      }
    }
    return blocks;
  }

  /** Removes the indentation common to all non-blank lines, and trailing blanks. */
  static List<String> dedent(List<String> lines) {
    int common = Integer.MAX_VALUE;
    for (String line : lines) {
      if (!line.isBlank()) {
        int indent = line.length() - line.stripLeading().length();
        common = Math.min(common, indent);
      }
    }
    List<String> out = new ArrayList<>();
    for (String line : lines) {
      out.add(line.isBlank() ? "" : line.substring(common).stripTrailing());
    }
    return out;
  }

  @Test
  void everyJavaBlockOfTheTutorialIsAMarkedRegionOfAnExample() throws IOException {
    Map<String, List<String>> regions = markedRegions();
    Map<String, List<String>> blocks = tutorialBlocks();
    assertFalse(blocks.isEmpty(), "no tagged Java blocks in " + TUTORIAL.toAbsolutePath());
    for (Map.Entry<String, List<String>> block : blocks.entrySet()) {
      String name = block.getKey();
      List<String> region = regions.get(name);
      if (region == null) {
        fail("docs/tutorial.md uses snippet " + name + ", which no example marks with"
            + " // tutorial:start " + name + " ... // tutorial:end " + name);
      }
      assertEquals(String.join("\n", dedent(region)), String.join("\n", dedent(block.getValue())),
          "docs/tutorial.md, snippet " + name + ": the Java block differs from the marked region"
              + " of the example source (expected = the source)");
    }
  }

  @Test
  void everyMarkedRegionAppearsInTheTutorial() throws IOException {
    Map<String, List<String>> regions = markedRegions();
    Map<String, List<String>> blocks = tutorialBlocks();
    for (String name : regions.keySet()) {
      assertTrue(blocks.containsKey(name),
          "example region " + name + " is marked for the tutorial but docs/tutorial.md does not"
              + " show it");
    }
  }
}
