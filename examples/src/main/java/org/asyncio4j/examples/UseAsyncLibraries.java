package org.asyncio4j.examples;

import java.util.List;
import org.asyncio4j.Async;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Await;
import org.asyncio4j.Coroutine;
import org.asyncio4j.HttpSession;
import org.asyncio4j.RunOptions;

/**
 * Best practice 2, use async libraries: an asynchronous HTTP client instead of a blocking one.
 * Fetches a page and prints it. From tutorial S003 ("Best Practices").
 *
 * <pre>{@code
 * async def fetch(session, url):
 *     async with session.get(url) as response:
 *         return await response.text()
 *
 * async def main():
 *     async with aiohttp.ClientSession() as session:
 *         content = await fetch(session, 'https://www.example.com')
 *         print(content)
 * }</pre>
 *
 * <p>Without arguments the example starts a {@link LocalSite} and prints its home page instead
 * of {@code https://www.example.com}, so it works offline; a URL given as argument (to the
 * launcher) is fetched instead.
 */
public final class UseAsyncLibraries {
  private UseAsyncLibraries() {}

  @Async
  static Coroutine<String> fetch(HttpSession session, String url) {
    try (HttpSession.Response response = Await.of(session.get(url))) {
      return Coroutine.of(Await.of(response.text()));
    }
  }

  @Async
  static Coroutine<Void> main(String url) {
    try (HttpSession session = new HttpSession()) {
      String content = Await.of(fetch(session, url));
      System.out.println(content);
    }
    return Coroutine.done();
  }

  static void run(RunOptions options, List<String> args) {
    try (LocalSite site = args.isEmpty() ? LocalSite.startForExample() : null) {
      String url = site == null ? args.get(0) : site.url("/");
      Asyncio.run(UseAsyncLibrariesAsync.main(url), options);
    }
  }

  public static void main(String[] args) {
    run(RunOptions.create(), List.of(args));
  }
}
