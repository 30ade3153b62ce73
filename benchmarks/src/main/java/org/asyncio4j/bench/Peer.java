package org.asyncio4j.bench;

/** One implementation of the workloads: asyncio4j or one of its peers. */
public interface Peer {
  /** The short name used on the command line and in the table. */
  String name();

  /** Why the peer cannot run {@code w} here, or null when it can. */
  String unsupported(Workload w);

  /**
   * Runs {@code w} with {@code n} operations and returns its checksum ({@link
   * Workload#expected(int)}). For {@link Workload#PARKED}, {@code probe} runs once before the tasks
   * are created and once while all {@code n} of them are parked; other workloads ignore it.
   */
  long run(Workload w, int n, Runnable probe) throws Exception;

  /** The peer named {@code name}. */
  static Peer byName(String name) {
    switch (name) {
      case "asyncio4j":
        return new AsyncioPeer();
      case "handwritten":
        return AsyncioPeer.handWritten();
      case "floor":
        return new FloorPeer();
      case "cf":
        return new CompletableFuturePeer();
      case "vthreads":
        return new VirtualThreadPeer();
      case "vthreads1":
        return VirtualThreadPeer.oneCarrier();
      default:
        throw new IllegalArgumentException(
            "unknown peer "
                + name
                + " (asyncio4j, handwritten, floor, cf, vthreads, vthreads1;"
                + " python runs from run.sh)");
    }
  }
}
