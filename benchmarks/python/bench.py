"""Python asyncio peer of the asyncio4j benchmarks: the same workloads as
benchmarks/src/main/java/org/asyncio4j/bench/Workloads.java, written the idiomatic asyncio way.

    python3 bench.py WORKLOAD [--n N] [--reps R] [--warmup SECONDS] [--cpu]

Prints one tab-separated line, like the Java driver (org.asyncio4j.bench.Bench):
RESULT python WORKLOAD UNIT MEDIAN MIN MAX REPS N
Each timed run is one asyncio.run() of the workload; the figure is nanoseconds per operation.
The memory workload (parked-100k) measures bytes per parked task with tracemalloc.
"""

import argparse
import asyncio
import gc
import statistics
import sys
import time
import tracemalloc

MASK64 = (1 << 64) - 1
CHAIN_DEPTH = 100
LOCK_WORKERS = 4


def next_random(seed):
    return (seed * 6364136223846793005 + 1442695040888963407) & MASK64


def timer_delay(seed):
    return ((seed >> 33) % 1000) * 1e-6


async def await_done(n):
    loop = asyncio.get_running_loop()
    done = []
    for _ in range(64):
        f = loop.create_future()
        f.set_result(1)
        done.append(f)
    s = 0
    for i in range(n):
        s += await done[i & 63]
    return s


async def yields(n):
    for _ in range(n):
        await asyncio.sleep(0)
    return n


async def one():
    return 1


async def spawn(n):
    s = 0
    started = 0
    while started < n:
        k = min(1000, n - started)
        batch = [asyncio.create_task(one()) for _ in range(k)]
        for t in batch:
            s += await t
        started += k
    return s


async def gather_all(n):
    results = await asyncio.gather(*[one() for _ in range(n)])
    return sum(results)


class Court:
    def __init__(self, loop):
        self.loop = loop
        self.ping = None
        self.pong = None


async def ping(court, rounds):
    s = 0
    for i in range(rounds):
        inbox = court.loop.create_future()
        court.ping = inbox
        court.pong.set_result(i & 127)
        s += await inbox
    return s


async def pong(court, rounds):
    s = 0
    for _ in range(rounds):
        inbox = court.loop.create_future()
        court.pong = inbox
        v = await inbox
        s += v
        court.ping.set_result(v)
    return s


async def ping_pong(n):
    rounds = n // 2
    court = Court(asyncio.get_running_loop())
    t_pong = asyncio.create_task(pong(court, rounds))  # runs first: opens its inbox
    t_ping = asyncio.create_task(ping(court, rounds))
    a = await t_ping
    b = await t_pong
    return a + b


async def produce(q, n):
    for i in range(n):
        await q.put(i & 127)
    return 0


async def consume(q, n):
    s = 0
    for _ in range(n):
        s += await q.get()
    return s


def queue_workload(maxsize):
    async def run(n):
        q = asyncio.Queue(maxsize)
        consumer = asyncio.create_task(consume(q, n))
        producer = asyncio.create_task(produce(q, n))
        await producer
        return await consumer

    return run


async def timers(n):
    loop = asyncio.get_running_loop()
    all_fired = loop.create_future()
    fired = 0

    def count():
        nonlocal fired
        fired += 1
        if fired == n:
            all_fired.set_result(fired)

    seed = 42
    for _ in range(n):
        seed = next_random(seed)
        loop.call_later(timer_delay(seed), count)
    return await all_fired


async def lock_worker(lock, m):
    count = 0
    for _ in range(m):
        await lock.acquire()
        await asyncio.sleep(0)  # hold the lock across a suspension: the others queue up
        count += 1
        lock.release()
    return count


async def lock_contention(n):
    lock = asyncio.Lock()
    tasks = [asyncio.create_task(lock_worker(lock, n // LOCK_WORKERS)) for _ in range(LOCK_WORKERS)]
    total = 0
    for t in tasks:
        total += await t
    return total


async def chain(depth):
    if depth == 0:
        return 0
    return await chain(depth - 1) + 1


async def chains(n):
    s = 0
    for _ in range(n):
        s += await chain(CHAIN_DEPTH)
    return s


async def waiter(gate):
    return await gate


async def parked(n, probe):
    probe()
    gate = asyncio.get_running_loop().create_future()
    tasks = [asyncio.create_task(waiter(gate)) for _ in range(n)]
    await asyncio.sleep(0)  # every task runs to its await and parks
    probe()
    gate.set_result(1)
    s = 0
    for t in tasks:
        s += await t
    return s


def sum_masked(count):
    full, rest = divmod(count, 128)
    return full * (127 * 128 // 2) + rest * (rest - 1) // 2


# id -> (function, unit, default n, expected(n))
WORKLOADS = {
    "await-done": (await_done, "ns/await", 1_000_000, lambda n: n),
    "yield": (yields, "ns/yield", 200_000, lambda n: n),
    "task": (spawn, "ns/task", 100_000, lambda n: n),
    "gather-100k": (gather_all, "ns/task", 100_000, lambda n: n),
    "ping-pong": (ping_pong, "ns/switch", 200_000, lambda n: 2 * sum_masked(n // 2)),
    "queue-unbounded": (queue_workload(0), "ns/item", 200_000, sum_masked),
    "queue-max1": (queue_workload(1), "ns/item", 100_000, sum_masked),
    "queue-max1024": (queue_workload(1024), "ns/item", 200_000, sum_masked),
    "timers-1M": (timers, "ns/timer", 200_000, lambda n: n),
    "lock": (lock_contention, "ns/acquire", 40_000, lambda n: n),
    "chain-100": (chains, "ns/chain", 5_000, lambda n: n * CHAIN_DEPTH),
    "parked-100k": (parked, "B/task", 100_000, lambda n: n),
}


def normalize(workload, n):
    if workload == "ping-pong":
        return max(2, n - n % 2)
    if workload == "lock":
        return max(LOCK_WORKERS, n - n % LOCK_WORKERS)
    return max(1, n)


def check(workload, n, got):
    expected = WORKLOADS[workload][3](n)
    if got != expected:
        raise AssertionError(f"{workload} n={n}: checksum {got}, expected {expected}")


def time_runs(workload, n, reps, warmup, cpu=False):
    fn = WORKLOADS[workload][0]
    clock = time.process_time_ns if cpu else time.perf_counter_ns
    end = time.perf_counter() + warmup
    runs = 0
    while runs < 1 or time.perf_counter() < end:
        check(workload, n, asyncio.run(fn(n)))
        runs += 1
    figures = []
    for _ in range(reps):
        start = clock()
        got = asyncio.run(fn(n))
        elapsed = clock() - start
        check(workload, n, got)
        figures.append(elapsed / n)
    return figures


def memory_runs(n, reps):
    figures = []
    for _ in range(reps):
        marks = []

        def probe():
            gc.collect()
            marks.append(tracemalloc.get_traced_memory()[0])

        tracemalloc.start()
        try:
            check("parked-100k", n, asyncio.run(parked(n, probe)))
        finally:
            tracemalloc.stop()
        figures.append((marks[1] - marks[0]) / n)
    return figures


def main(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("workload", choices=sorted(WORKLOADS))
    p.add_argument("--n", type=int)
    p.add_argument("--reps", type=int, default=5)
    p.add_argument("--warmup", type=float, default=0.5)
    p.add_argument("--cpu", action="store_true",
                   help="measure the process's CPU time instead of elapsed time")
    args = p.parse_args(argv)
    _, unit, default_n, _ = WORKLOADS[args.workload]
    n = normalize(args.workload, args.n or default_n)
    if args.workload == "parked-100k":
        figures = memory_runs(n, args.reps)
    else:
        figures = time_runs(args.workload, n, args.reps, args.warmup, args.cpu)
    figures.sort()
    fields = [
        "RESULT", "python", args.workload, unit,
        f"{statistics.median(figures):.3f}", f"{figures[0]:.3f}", f"{figures[-1]:.3f}",
        str(len(figures)), str(n),
    ]
    print("\t".join(fields))


if __name__ == "__main__":
    main(sys.argv[1:])
