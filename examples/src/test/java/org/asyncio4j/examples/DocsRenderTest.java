package org.asyncio4j.examples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Heading;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Renders the README and every page of {@code docs/} the way GitHub does (CommonMark with GFM
 * tables) and checks what a reader would see:
 *
 * <ul>
 *   <li>no code fence leaks into the page as text (the side-by-side tables of the tutorial rely on
 *       blank lines around the fences inside {@code <td>}; without them the fence is swallowed by
 *       the HTML block and shows as literal backticks);
 *   <li>every cell of a side-by-side table holds a rendered code block, and every fenced block of
 *       the source comes out as one {@code <pre><code>};
 *   <li>every relative link (Markdown or HTML) points at a file of the repository, and every
 *       {@code #anchor} at a heading of the target page (GitHub's anchor rules).
 * </ul>
 */
class DocsRenderTest {
  private static final Path ROOT = Path.of("..");
  private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create());
  private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
  private static final HtmlRenderer RENDERER = HtmlRenderer.builder().extensions(EXTENSIONS).build();
  private static final Pattern HREF = Pattern.compile("href=\"([^\"]*)\"");
  private static final Pattern PRE = Pattern.compile("(?s)<pre>.*?</pre>");
  private static final String CELL = "<td valign=\"top\">";

  @TestFactory
  Stream<DynamicTest> everyPageRendersAndLinksResolve() throws IOException {
    List<Path> pages = new ArrayList<>();
    pages.add(ROOT.resolve("README.md"));
    try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
    }
    assertTrue(pages.size() >= 5, "expected README.md and the docs/ pages, found " + pages);
    return pages.stream()
        .flatMap(
            page ->
                Stream.of(
                    DynamicTest.dynamicTest(
                        ROOT.relativize(page) + ": code renders as code", () -> codeRenders(page)),
                    DynamicTest.dynamicTest(
                        ROOT.relativize(page) + ": links resolve", () -> linksResolve(page))));
  }

  private static void codeRenders(Path page) throws IOException {
    Node doc = PARSER.parse(Files.readString(page, UTF_8));
    String html = RENDERER.render(doc);
    String outsidePre = PRE.matcher(html).replaceAll("");
    int leak = outsidePre.indexOf("```");
    assertTrue(
        leak < 0,
        () ->
            page
                + ": a code fence shows as text in the rendered page (put a blank line before and"
                + " after the fence, and after an opening <td>): ..."
                + outsidePre.substring(Math.max(0, leak - 120), Math.min(outsidePre.length(), leak + 60))
                + "...");

    int[] fenced = {0};
    doc.accept(
        new AbstractVisitor() {
          @Override
          public void visit(FencedCodeBlock block) {
            fenced[0]++;
          }

          @Override
          public void visit(IndentedCodeBlock block) {
            fenced[0]++;
          }
        });
    assertEquals(
        fenced[0],
        count(html, "<pre><code"),
        page + ": every code block (fenced or indented) must render as one <pre><code> block");

    for (int at = html.indexOf(CELL); at >= 0; at = html.indexOf(CELL, at + 1)) {
      int end = html.indexOf("</td>", at);
      assertTrue(end > at, page + ": a side-by-side cell is not closed with </td>");
      String cell = html.substring(at, end);
      assertTrue(
          cell.contains("<pre><code"),
          () ->
              page
                  + ": a side-by-side table cell has no rendered code block (check the blank"
                  + " lines around its fence): "
                  + cell.substring(0, Math.min(200, cell.length())));
    }
  }

  private static void linksResolve(Path page) throws IOException {
    String html = RENDERER.render(PARSER.parse(Files.readString(page, UTF_8)));
    List<String> broken = new ArrayList<>();
    Matcher m = HREF.matcher(html);
    while (m.find()) {
      String href = m.group(1).replace("&amp;", "&");
      if (href.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
        continue; // http(s), mailto: outside the repository
      }
      int hash = href.indexOf('#');
      String file = hash < 0 ? href : href.substring(0, hash);
      String anchor = hash < 0 ? null : URLDecoder.decode(href.substring(hash + 1), UTF_8);
      Path target = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
      if (!Files.exists(target)) {
        broken.add(href + " (no file " + target + ")");
        continue;
      }
      if (anchor != null && target.toString().endsWith(".md")) {
        Set<String> anchors = anchors(target);
        if (!anchors.contains(anchor)) {
          broken.add(href + " (no heading with anchor #" + anchor + " in " + target + ")");
        }
      }
    }
    assertTrue(broken.isEmpty(), () -> page + ": broken links:\n  " + String.join("\n  ", broken));
  }

  /** The anchors GitHub gives the headings of a Markdown page. */
  static Set<String> anchors(Path page) throws IOException {
    Set<String> anchors = new LinkedHashSet<>();
    Map<String, Integer> seen = new HashMap<>();
    PARSER
        .parse(Files.readString(page, UTF_8))
        .accept(
            new AbstractVisitor() {
              @Override
              public void visit(Heading heading) {
                StringBuilder text = new StringBuilder();
                collectText(heading, text);
                String slug = slug(text.toString());
                int n = seen.merge(slug, 1, Integer::sum);
                anchors.add(n == 1 ? slug : slug + "-" + (n - 1));
              }
            });
    return anchors;
  }

  private static void collectText(Node node, StringBuilder out) {
    for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
      if (child instanceof Text) {
        out.append(((Text) child).getLiteral());
      } else if (child instanceof Code) {
        out.append(((Code) child).getLiteral());
      } else {
        collectText(child, out);
      }
    }
  }

  /**
   * GitHub's heading anchor: lower case, punctuation other than {@code -} and {@code _} dropped,
   * each space a hyphen.
   */
  static String slug(String heading) {
    return heading
        .toLowerCase(Locale.ROOT)
        .replaceAll("[^\\p{L}\\p{N}\\p{M}\\p{Pc} -]", "")
        .replace(' ', '-');
  }

  private static int count(String haystack, String needle) {
    int n = 0;
    for (int at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) {
      n++;
    }
    return n;
  }
}
