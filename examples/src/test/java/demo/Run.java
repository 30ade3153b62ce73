package demo;

import org.asyncio4j.*;

/**
 * Runs a scenario of docs/guide.md's "Debugging" chapter on Shop.java: {@code demo.Run NAME}. The
 * guide's outputs show this file's lines too (the {@code demo.Run.main} frames), checked by
 * GuideDebuggingTest.
 */
public class Run {
  public static void main(String[] args) throws InterruptedException {
    RunOptions options = RunOptions.create().virtualTime(true);
    switch (args[0]) {
      case "stack-trace":
        Asyncio.run(ShopAsync.main(), options);
        break;
      case "task-dump":
        Asyncio.run(ShopAsync.warehouse(), options);
        break;
      case "shield-dump":
        Asyncio.run(ShopAsync.save(), options);
        break;
      case "blocked-loop":
        Asyncio.run(ShopAsync.report(), options.debug(true));
        break;
      case "never-awaited":
        Asyncio.run(ShopAsync.forgetful(), options.debug(true));
        break;
      case "never-retrieved":
        Asyncio.run(ShopAsync.fireAndForget(), options.debug(true));
        break;
      default:
        throw new IllegalArgumentException("no scenario " + args[0]);
    }
  }
}
