package org.asyncio4j.examples;

import static org.asyncio4j.Asyncio.gather;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.asyncio4j.Async;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Await;
import org.asyncio4j.Coroutine;
import org.asyncio4j.HttpSession;
import org.asyncio4j.RunOptions;

/**
 * Pitfall: mixing sync and async code. A blocking HTTP client inside a coroutine blocks the loop
 * for the whole request (the processor does not know this client, so it cannot warn here); the
 * async session does not. From tutorial S000 ("Mixing Sync and Async Code Incorrectly"). Prints
 * nothing.
 *
 * <pre>{@code
 * async def fetch_url_wrong(url):
 *     # Wrong - this blocks the event loop
 *     response = requests.get(url)
 *     return response.text
 *
 * async def fetch_url_right(session, url):
 *     # Correct - this uses async HTTP requests
 *     async with session.get(url) as response:
 *         return await response.text
 *
 * async def main():
 *     urls = ["https://www.example.com", "https://www.python.org"]
 *     # Wrong approach (blocks the event loop)
 *     results_wrong = [await fetch_url_wrong(url) for url in urls]
 *     # Correct approach
 *     async with aiohttp.ClientSession() as session:
 *         results_right = await asyncio.gather(
 *             *[fetch_url_right(session, url) for url in urls]
 *         )
 * }</pre>
 *
 * <p>The tutorial's "correct" function has a bug: {@code await response.text} (no call) awaits a
 * bound method and raises {@code TypeError}; the port calls {@code text()}. The launcher takes
 * other URLs as arguments.
 */
public final class MixingSyncAsync {
  private MixingSyncAsync() {}

  static final List<String> URLS = List.of("https://www.example.com", "https://www.python.org");

  @Async
  static Coroutine<String> fetchUrlWrong(String url) throws IOException, InterruptedException {
    // Wrong - this blocks the event loop
    Requests.Response response = Requests.get(url);
    return Coroutine.of(response.text());
  }

  @Async
  static Coroutine<String> fetchUrlRight(HttpSession session, String url) {
    // Correct - this uses async HTTP requests
    try (HttpSession.Response response = Await.of(session.get(url))) {
      return Coroutine.of(Await.of(response.text()));
    }
  }

  @Async
  static Coroutine<List<List<String>>> main(List<String> urls)
      throws IOException, InterruptedException {
    // Wrong approach (blocks the event loop)
    List<String> resultsWrong = new ArrayList<>();
    for (String url : urls) {
      resultsWrong.add(Await.of(fetchUrlWrong(url)));
    }

    // Correct approach
    List<String> resultsRight;
    try (HttpSession session = new HttpSession()) {
      List<Coroutine<String>> fetches = new ArrayList<>();
      for (String url : urls) {
        fetches.add(fetchUrlRight(session, url));
      }
      resultsRight = Await.of(gather(fetches));
    }
    return Coroutine.of(List.of(resultsWrong, resultsRight));
  }

  static List<List<String>> run(RunOptions options, List<String> args) {
    try {
      return Asyncio.run(MixingSyncAsyncAsync.main(args.isEmpty() ? URLS : args), options);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of();
    }
  }

  public static void main(String[] args) {
    run(RunOptions.create(), List.of(args));
  }
}
