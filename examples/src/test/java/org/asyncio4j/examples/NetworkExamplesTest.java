package org.asyncio4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.asyncio4j.Asyncio;
import org.asyncio4j.HttpSession;
import org.asyncio4j.RunOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The tutorials' programs that use HTTP or files (S000, S001, S003), run on the virtual clock
 * against a {@link LocalSite} instead of the internet (the examples take the URLs as
 * arguments). While a request is in flight the virtual clock stands still, so fetches take 0.00
 * virtual seconds and only sleeps (backoff, rate limits) move the clock. Requests that complete
 * at the same virtual time may do so in any order: those lines are compared sorted.
 */
class NetworkExamplesTest {
  private LocalSite web;

  @BeforeEach
  void startSite() {
    web = new LocalSite();
    web.page("/a", "a".repeat(100)).page("/b", "b".repeat(200)).page("/c", "c".repeat(300));
  }

  @AfterEach
  void stopSite() {
    web.close();
  }

  private static List<String> lines(String transcript) {
    return List.of(transcript.split("\n"));
  }

  private static List<String> sorted(List<String> lines) {
    return lines.stream().sorted().toList();
  }

  @Test
  void fetchUrls() {
    // S000: all fetches start at once; the summary counts 600 bytes.
    String a = web.url("/a");
    String b = web.url("/b");
    String c = web.url("/c");
    List<String> t = lines(Transcript.run("FetchUrls", a, b, c));
    assertEquals(List.of("0.00 Starting to fetch " + a, "0.00 Starting to fetch " + b,
        "0.00 Starting to fetch " + c), t.subList(0, 3));
    assertEquals(sorted(List.of(
        "0.00 Fetched " + a + " (100 bytes) in 0.00 seconds",
        "0.00 Fetched " + b + " (200 bytes) in 0.00 seconds",
        "0.00 Fetched " + c + " (300 bytes) in 0.00 seconds")), sorted(t.subList(3, 6)));
    assertEquals(List.of("0.00 Fetched 3 URLs with 600 total bytes in 0.00 seconds"),
        t.subList(6, t.size()));
  }

  @Test
  void syncVsAsyncFetch() {
    // S000: the synchronous fetches run one after the other (wall clock, no loop), then the
    // asynchronous ones start together.
    String a = web.url("/a");
    String b = web.url("/b");
    String t = Transcript.run("SyncVsAsyncFetch", a, b);
    String q = java.util.regex.Pattern.quote(a);
    String r = java.util.regex.Pattern.quote(b);
    assertTrue(t.matches("""
        - Running synchronous version\\.\\.\\.
        - Starting to fetch %1$s \\(sync\\)
        - Fetched %1$s \\(100 bytes\\) in \\d+\\.\\d\\d seconds \\(sync\\)
        - Starting to fetch %2$s \\(sync\\)
        - Fetched %2$s \\(200 bytes\\) in \\d+\\.\\d\\d seconds \\(sync\\)
        - Fetched 2 URLs with 300 total bytes in \\d+\\.\\d\\d seconds \\(sync\\)
        -\s
        - Running asynchronous version\\.\\.\\.
        0\\.00 Starting to fetch %1$s \\(async\\)
        0\\.00 Starting to fetch %2$s \\(async\\)
        0\\.00 Fetched (%1$s \\(100|%2$s \\(200) bytes\\) in 0\\.00 seconds \\(async\\)
        0\\.00 Fetched (%1$s \\(100|%2$s \\(200) bytes\\) in 0\\.00 seconds \\(async\\)
        0\\.00 Fetched 2 URLs with 300 total bytes in 0\\.00 seconds \\(async\\)
        """.formatted(q, r)), t);
  }

  @Test
  void fetchErrorHandling() {
    // S000: each fetch handles its own error (refused connection: a client error; 404; a page
    // slower than the 2 s timeout, which really waits 2 s); nothing propagates. (The tutorial's
    // claim that gather "cancels all other tasks" on an exception is wrong, see the Javadoc.)
    web.slowPage("/slow", 3000, "late");
    String refused = web.refusedUrl("/x");
    List<String> t = lines(Transcript.run("FetchErrorHandling",
        web.url("/a"), refused, web.url("/missing"), web.url("/slow")));
    assertEquals(sorted(List.of(
        "0.00 Client error fetching " + refused + ": java.net.ConnectException",
        "0.00 Error fetching " + web.url("/missing") + ": HTTP 404",
        "0.00 Timeout fetching " + web.url("/slow"))), sorted(t.subList(0, 3)));
    assertEquals("0.00 Successfully fetched 1 out of 4 URLs", t.get(3));
    assertEquals(4, t.size());
  }

  @Test
  void mixingSyncAsync() {
    // S000: prints nothing; each URL is fetched twice (blocking, then with the session).
    assertEquals("", Transcript.run("MixingSyncAsync", web.url("/a"), web.url("/b")));
    assertEquals(2, web.hits("/a"));
    assertEquals(2, web.hits("/b"));
  }

  @Test
  void resourceCleanup() {
    // S000: main_right's session is closed by the try-with-resources; main_wrong's stays open.
    RunOptions vt = RunOptions.create().virtualTime(true);
    HttpSession[] right = new HttpSession[1];
    assertEquals("", Transcript.capture(() -> right[0] = ResourceCleanup.run(vt, web.url("/a"))));
    assertTrue(right[0].isClosed());
    HttpSession wrong = Asyncio.run(ResourceCleanupAsync.mainWrong(web.url("/a")), vt);
    assertFalse(wrong.isClosed());
    assertEquals(2, web.hits("/a"));
  }

  @Test
  void webScraper() {
    // S000: the start page links to p1 (always HTTP 500), p2 (fine, depth 1: not followed
    // further), a refused URL and itself. The tutorial's "exponential" backoff is linear
    // (1, 2, 3 s: the run would take 6 s); the port's really is exponential (1, 2, 4 s after
    // each HTTP error: 7 s), and the refused URL sleeps only between attempts (1, 2 s). The
    // overall timeout (60 s) the tutorial promises but never sets does not expire.
    String refused = web.refusedUrl("/x");
    String start = web.url("/start");
    String p1 = web.url("/p1");
    String p2 = web.url("/p2");
    web.page("/start", "<a href=\"" + p1 + "\">1</a> <a href='" + p2 + "'>2</a> <a href=\""
        + p2 + "\">again</a> <a href=\"" + refused + "\">down</a> <a href=\"" + start
        + "\">home</a>");
    web.page("/p1", 500, "oops").page("/p2", "<a href=\"" + web.url("/p3") + "\">3</a>");
    List<String> t = lines(Transcript.run("WebScraper", start));
    int results = t.indexOf("7.00 Results:");
    assertEquals(sorted(List.of(
        "0.00 Successfully fetched " + start + " (" + web.body("/start").length() + " bytes)",
        "0.00 Extracted 4 links from " + start,
        "0.00 Successfully fetched " + p2 + " (" + web.body("/p2").length() + " bytes)",
        "0.00 Attempt 1/3 failed for " + refused + ": java.net.ConnectException",
        "0.00 Error fetching " + p1 + ": HTTP 500",
        "1.00 Attempt 2/3 failed for " + refused + ": java.net.ConnectException",
        "1.00 Error fetching " + p1 + ": HTTP 500",
        "3.00 Attempt 3/3 failed for " + refused + ": java.net.ConnectException",
        "3.00 Failed to fetch " + refused + " after 3 attempts",
        "3.00 Error fetching " + p1 + ": HTTP 500",
        "7.00 Failed to fetch " + p1 + " after 3 attempts",
        "7.00 ")), sorted(t.subList(0, results)));
    // The program sorts the URLs as strings: where the refused URL goes depends on its port.
    List<String> visited = sorted(List.of(p1, p2, start, refused));
    assertEquals(List.of(
        "7.00 Results:",
        "7.00 Visited 4 unique URLs:",
        "7.00 1. " + visited.get(0),
        "7.00 2. " + visited.get(1),
        "7.00 3. " + visited.get(2),
        "7.00 4. " + visited.get(3),
        "7.00 ",
        "7.00 Total execution time: 7.00 seconds"), t.subList(results, t.size()));
    assertEquals(3, web.hits("/p1"));
    assertEquals(0, web.hits("/p3"));
  }

  @Test
  void fetchMultipleUrls() {
    // S001: results printed in argument order, an HTTP error reported as a result.
    String a = web.url("/a");
    String m = web.url("/missing");
    String c = web.url("/c");
    assertEquals("""
        0.00 Fetching %1$s
        0.00 Fetching %2$s
        0.00 Fetching %3$s
        0.00 Result 1: Fetched 100 bytes from %1$s
        0.00 Result 2: Error: 404 for %2$s
        0.00 Result 3: Fetched 300 bytes from %3$s
        """.formatted(a, m, c), Transcript.run("FetchMultipleUrls", a, m, c));
  }

  @Test
  void fileIoDemo() throws Exception {
    // S001: three 23,000-character files written concurrently, read concurrently, removed.
    Path dir = Files.createTempDirectory("asyncio4j-fileio");
    List<String> t = lines(Transcript.run("FileIoDemo", dir.toString()));
    assertEquals(List.of("0.00 Writing to asyncio_demo_1.txt", "0.00 Writing to asyncio_demo_2.txt",
        "0.00 Writing to asyncio_demo_3.txt"), t.subList(0, 3));
    assertEquals(List.of("0.00 Finished writing to asyncio_demo_1.txt",
        "0.00 Finished writing to asyncio_demo_2.txt",
        "0.00 Finished writing to asyncio_demo_3.txt"), sorted(t.subList(3, 6)));
    assertEquals(List.of("0.00 Reading from asyncio_demo_1.txt",
        "0.00 Reading from asyncio_demo_2.txt", "0.00 Reading from asyncio_demo_3.txt"),
        t.subList(6, 9));
    assertEquals(List.of("0.00 Read 23000 bytes from asyncio_demo_1.txt",
        "0.00 Read 23000 bytes from asyncio_demo_2.txt",
        "0.00 Read 23000 bytes from asyncio_demo_3.txt"), sorted(t.subList(9, 12)));
    assertEquals(List.of("0.00 File I/O demo completed"), t.subList(12, t.size()));
    try (Stream<Path> left = Files.list(dir)) {
      assertEquals(0, left.count());
    }
    Files.delete(dir);
  }

  @Test
  void webCrawler() {
    // S001: one request at a time, each holding the Semaphore(1) through its 1 s rate-limit
    // sleep; at most max_urls = 5 URLs; only same-site links; relative links joined to the base.
    String base = web.url("/");
    web.page("/", "<html><a href=\"/ca\">a</a><a class=x href=\"/cb\">b</a>"
        + "<a href=\"https://elsewhere.org/\">out</a><a href=\"/missing\">m</a></html>");
    web.page("/ca", "<a href=\"/cc\">c</a><a href=\"/\">up</a>");
    web.page("/cb", "<a href=\"/cd\">d</a>");
    web.page("/cc", "c").page("/cd", "d");
    String u = base.substring(0, base.length() - 1);
    assertEquals("""
        0.00 Starting web crawler demo
        0.00 Fetching: %1$s/
        0.00 Fetched %2$d bytes from %1$s/
        1.00 Found 3 new links on %1$s/
        1.00 Fetching: %1$s/ca
        1.00 Fetched %3$d bytes from %1$s/ca
        2.00 Found 1 new links on %1$s/ca
        2.00 Fetching: %1$s/cb
        2.00 Fetched %4$d bytes from %1$s/cb
        3.00 Found 1 new links on %1$s/cb
        3.00 Fetching: %1$s/missing
        3.00 Error: 404 for %1$s/missing
        3.00 Fetching: %1$s/cc
        3.00 Fetched 1 bytes from %1$s/cc
        4.00 Found 0 new links on %1$s/cc
        4.00 Crawling complete. Visited 5 URLs
        4.00\s
        4.00 Visited URLs:
        4.00 1. %1$s/
        4.00 2. %1$s/ca
        4.00 3. %1$s/cb
        4.00 4. %1$s/missing
        4.00 5. %1$s/cc
        """.formatted(
            u, web.body("/").length(), web.body("/ca").length(), web.body("/cb").length()),
        Transcript.run("WebCrawler", base));
  }

  @Test
  void concurrentHttpRequests() {
    // S003: each fetch prints when it completes (any order), an error with its reason.
    String refused = web.refusedUrl("/x");
    List<String> t = lines(Transcript.run("ConcurrentHttpRequests",
        web.url("/a"), refused, web.url("/c")));
    assertEquals(sorted(List.of(
        "0.00 Fetched " + web.url("/a") + " with 100 characters. 📄",
        "0.00 Error fetching " + refused + ": java.net.ConnectException ❌",
        "0.00 Fetched " + web.url("/c") + " with 300 characters. 📄")), sorted(t));
  }

  @Test
  void useAsyncLibraries() {
    // S003: prints the page.
    assertEquals(
        "0.00 " + "b".repeat(200) + "\n", Transcript.run("UseAsyncLibraries", web.url("/b")));
  }

}
