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
 * Keeps the Java code of the docs compiled: every Java block of {@code docs/tutorial.md} must be
 * tagged {@code <!-- snippet: NAME -->} (on the line before its opening fence; more text may follow
 * the name), and the text of every tagged block of {@code docs/tutorial.md} and {@code
 * docs/guide.md} must be exactly the region of a source of this module (main or test) between
 * {@code // tutorial:start NAME} and {@code // tutorial:end NAME}, up to indentation. Editing an
 * example therefore means updating the docs (the failure message shows the text to paste).
 */
class TutorialSnippetsTest {
  private static final Path TUTORIAL = Path.of("../docs/tutorial.md");
  private static final Path GUIDE = Path.of("../docs/guide.md");
  private static final List<Path> SOURCES = List.of(Path.of("src/main/java"), Path.of("src/test/java"));
  private static final Pattern TAG = Pattern.compile("<!--\\s*snippet:\\s*([\\w-]+)\\b[^>]*-->");
  private static final Pattern START = Pattern.compile("^\\s*// tutorial:start ([\\w-]+)\\s*$");
  private static final Pattern END = Pattern.compile("^\\s*// tutorial:end ([\\w-]+)\\s*$");

  /** The marked regions of the example sources, by name. */
  static Map<String, List<String>> markedRegions() throws IOException {
    Map<String, List<String>> regions = new LinkedHashMap<>();
    List<Path> files = new ArrayList<>();
    for (Path root : SOURCES) {
      try (Stream<Path> s = Files.walk(root)) {
        s.filter(p -> p.toString().endsWith(".java")).sorted().forEach(files::add);
      }
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

  /**
   * The tagged Java blocks of a document, by snippet name; with {@code allTagged}, an untagged Java
   * block fails.
   */
  static Map<String, List<String>> taggedBlocks(Path doc, boolean allTagged) throws IOException {
    List<String> lines = Files.readAllLines(doc, UTF_8);
    String docName = "docs/" + doc.getFileName();
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
          fail("unclosed code block at " + docName + ":" + (i + 1) + " (" + fence + ")");
        }
        if (info.equals("java") && (pendingTag != null || allTagged)) {
          if (pendingTag == null) {
            fail(docName + ":" + (i + 1) + ": a Java block without <!-- snippet: NAME -->"
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

  static void checkBlocks(Path doc, Map<String, List<String>> blocks) throws IOException {
    Map<String, List<String>> regions = markedRegions();
    assertFalse(blocks.isEmpty(), "no tagged Java blocks in " + doc.toAbsolutePath());
    for (Map.Entry<String, List<String>> block : blocks.entrySet()) {
      String name = block.getKey();
      List<String> region = regions.get(name);
      if (region == null) {
        fail("docs/" + doc.getFileName() + " uses snippet " + name + ", which no source marks"
            + " with // tutorial:start " + name + " ... // tutorial:end " + name);
      }
      assertEquals(String.join("\n", dedent(region)), String.join("\n", dedent(block.getValue())),
          "docs/" + doc.getFileName() + ", snippet " + name + ": the Java block differs from the"
              + " marked region of the source (expected = the source)");
    }
  }

  @Test
  void everyJavaBlockOfTheTutorialIsAMarkedRegionOfAnExample() throws IOException {
    checkBlocks(TUTORIAL, taggedBlocks(TUTORIAL, true));
  }

  @Test
  void everyTaggedJavaBlockOfTheGuideIsAMarkedRegion() throws IOException {
    checkBlocks(GUIDE, taggedBlocks(GUIDE, false));
  }

  @Test
  void everyMarkedRegionAppearsInTheDocs() throws IOException {
    Map<String, List<String>> regions = markedRegions();
    Map<String, List<String>> blocks = new LinkedHashMap<>(taggedBlocks(TUTORIAL, true));
    blocks.putAll(taggedBlocks(GUIDE, false));
    for (String name : regions.keySet()) {
      assertTrue(blocks.containsKey(name),
          "source region " + name + " is marked for the docs but neither docs/tutorial.md nor"
              + " docs/guide.md shows it");
    }
  }
}
