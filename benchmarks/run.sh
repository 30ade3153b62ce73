#!/usr/bin/env bash
# Runs the asyncio4j workloads against its peers and prints one table of absolute figures and
# ratios, then the loopback echo-server benchmark and its table. See README.md, section
# "Benchmarks", and docs/performance.md.
#
#   benchmarks/run.sh [echo] [--quick] [--reps N] [--py-reps N] [--warmup SECONDS] [--only w1,w2]
#                     [--peers p1,p2] [--java PATH/TO/java] [--out FILE] [--variant NAME=DIR]
#                     [--cpu] [--no-echo] [--no-pin]
#
# Peers: asyncio4j (the code the processor generates from Workloads.java), handwritten (the same
# workloads as hand-written state machines; not in the default list), floor (hand-written
# single-threaded loop), cf (CompletableFuture on a single-thread executor), vthreads (virtual
# threads, JDK 21+, default scheduler: a carrier per core), vthreads1 (virtual threads on one
# carrier thread, like for like with a single-threaded loop), python (python3 asyncio).
# The echo benchmark (`run.sh echo` alone; part of the default run unless --no-echo, or --only
# without "echo") runs the asyncio4j echo server (with and without the loop's busy polling), a
# plain java.nio one and Python asyncio's, each in a process of its own, against one JVM load
# generator: 1, 10, 100 connections, 64 B and 1 KiB messages, requests/s, p50/p99 latency and CPU
# time per request (about 95 s; --quick: about 45 s). With 2 or more CPUs and taskset, the server
# runs pinned to CPU 0 and the load generator to CPU 1 (--no-pin: wherever the scheduler puts them;
# on a 2-core VM that makes the 1-connection figures jump between two modes, see
# docs/performance.md).
# Every (peer, workload) pair runs in a fresh process: warm-up, then N measured runs; each figure is
# the median with min and max, flagged noisy when max/min > 1.5. --variant NAME=DIR adds a column
# NAME: asyncio4j again with the runtime classes in DIR ahead of the jar's (a patched runtime).
# --cpu measures process CPU time instead of elapsed time: on a machine busy with other work it
# leaves out the time spent waiting for a core.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(dirname "$HERE")"
JAR="$HERE/target/asyncio4j-benchmarks.jar"

WORKLOADS="await-done yield task gather-100k ping-pong queue-unbounded queue-max1 queue-max1024 timers-1M lock chain-100 parked-100k"
PEERS="asyncio4j floor cf vthreads vthreads1 python"
REPS=5
PY_REPS=3
WARMUP=1.5
PY_WARMUP=0
SCALE=1
JAVA=""
OUT=""
VARIANT=""
CPU=()
RUN_WORKLOADS=1
RUN_ECHO=1
PIN=1

usage() {
  awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"
  echo "Workloads: $WORKLOADS"
  exit "${1:-0}"
}

while [ $# -gt 0 ]; do
  case "$1" in
    echo) RUN_WORKLOADS=0; RUN_ECHO=1 ;;
    --no-echo) RUN_ECHO=0 ;;
    --no-pin) PIN=0 ;;
    --quick) REPS=3; PY_REPS=1; WARMUP=0.5; SCALE=10 ;;
    --reps) REPS="$2"; shift ;;
    --py-reps) PY_REPS="$2"; shift ;;
    --warmup) WARMUP="$2"; shift ;;
    --only)
      WORKLOADS="$(echo "${2//,/ }" | sed 's/\becho\b//g')"
      case ",$2," in *,echo,*) ;; *) RUN_ECHO=0 ;; esac
      [ -n "${WORKLOADS// /}" ] || RUN_WORKLOADS=0
      shift ;;
    --peers) PEERS="${2//,/ }"; shift ;;
    --java) JAVA="$2"; shift ;;
    --out) OUT="$2"; shift ;;
    --variant) VARIANT="$2"; shift ;;
    --cpu) CPU=(--cpu) ;;
    -h|--help) usage 0 ;;
    *) echo "unknown option: $1" >&2; usage 2 ;;
  esac
  shift
done

java_major() {
  "$1" -XshowSettings:properties -version 2>&1 \
    | awk -F'= ' '/java.specification.version/ {print $2}' | cut -d. -f1
}

# The JVM for every Java peer: the newest JDK 21+ under /usr/lib/jvm (virtual threads need it),
# else the java on PATH.
if [ -z "$JAVA" ]; then
  best=0
  for jdk in /usr/lib/jvm/*; do
    [ -x "$jdk/bin/java" ] && [ ! -L "$jdk" ] || continue
    major="$(java_major "$jdk/bin/java")"
    if [ -n "$major" ] && [ "$major" -ge 21 ] && [ "$major" -gt "$best" ]; then
      best="$major"
      JAVA="$jdk/bin/java"
    fi
  done
  [ -n "$JAVA" ] || JAVA="$(command -v java)"
fi

# Build the runtime and the benchmarks jar when the jar is missing or older than a source.
needs_build=0
if [ ! -f "$JAR" ]; then
  needs_build=1
elif [ -n "$(find "$ROOT/runtime/src/main" "$ROOT/processor/src/main" "$HERE/src/main" "$HERE/pom.xml" -newer "$JAR" -type f | head -1)" ]; then
  needs_build=1
fi
if [ "$needs_build" = 1 ]; then
  echo "building the benchmarks jar..." >&2
  # One reactor build: the jar gets this tree's runtime, never whatever is in ~/.m2.
  # The processor compiles the workloads' @Async sources, so it is part of the reactor build.
  if ! (cd "$ROOT" && mvn -B -q package -Dmaven.test.skip=true -pl runtime,processor,benchmarks) >&2; then
    if [ -f "$JAR" ]; then
      echo "WARNING: the build failed; running the existing $JAR (older than the sources)" >&2
    else
      echo "the build failed and there is no benchmarks jar to run" >&2
      exit 1
    fi
  fi
fi

if [ -z "$OUT" ]; then
  OUT="$HERE/target/results-$(date -u +%Y%m%dT%H%M%SZ).tsv"
fi
mkdir -p "$(dirname "$OUT")" "$HERE/target"
: > "$OUT"

PYTHON="$(command -v python3 || true)"
export PYTHONDONTWRITEBYTECODE=1
# AlwaysPreTouch: the heap's pages are touched when a JVM starts, not when its young generation
# first grows into them during a measured run (the kernel zeroes a page at its first touch: up to
# 2 ns per switch in ping-pong, a third of a server's CPU in the echo benchmark; performance.md).
JVM_OPTS=(-Xms1g -Xmx1g -XX:+UseG1GC -XX:+AlwaysPreTouch)

echo "asyncio4j benchmarks, $(date -u '+%Y-%m-%d %H:%M UTC')"
cpuinfo() { grep -m1 "^$1" /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'; }
echo "machine: $(nproc) cores, $(cpuinfo 'model name') (family $(cpuinfo 'cpu family') model $(cpuinfo 'model'), $(cpuinfo 'cpu MHz') MHz), $(awk '/MemTotal/ {printf "%.1f GB", $2/1048576}' /proc/meminfo) RAM"
echo "java:    $("$JAVA" -version 2>&1 | head -2 | tail -1) ($JAVA)"
if [ -n "$PYTHON" ]; then
  echo "python:  $("$PYTHON" --version 2>&1) ($PYTHON)"
else
  echo "python:  not found"
fi
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
MEASURED="elapsed time"
if [ ${#CPU[@]} -gt 0 ]; then MEASURED="process CPU time"; fi
echo "runs: java $REPS measured after ${WARMUP}s warm-up, python $PY_REPS; n divided by $SCALE; $MEASURED"
echo

RUN_PEERS="$PEERS"
if [ -n "$VARIANT" ]; then
  case "$VARIANT" in
    *=*) RUN_PEERS="${PEERS/asyncio4j/asyncio4j variant}" ;;
    *) echo "--variant takes NAME=DIR" >&2; exit 2 ;;
  esac
fi

start=$(date +%s)
if [ "$RUN_WORKLOADS" = 0 ]; then WORKLOADS=""; fi
for w in $WORKLOADS; do
  for p in $RUN_PEERS; do
    printf '  %-16s %-10s' "$w" "$p" >&2
    if [ "$p" = python ]; then
      if [ -z "$PYTHON" ]; then
        printf 'SKIP\tpython\t%s\tpython3 not found\n' "$w" >> "$OUT"
        echo " skipped" >&2
        continue
      fi
      args=(--reps "$PY_REPS" --warmup "$PY_WARMUP" ${CPU[@]+"${CPU[@]}"})
      if [ "$SCALE" != 1 ] && [ "$w" != parked-100k ] && [ "$w" != gather-100k ]; then
        n="$("$PYTHON" -c "import sys; sys.path.insert(0, '$HERE/python'); import bench; print(bench.WORKLOADS['$w'][2] // $SCALE)")"
        args+=(--n "$n")
      fi
      cmd=("$PYTHON" "$HERE/python/bench.py" "$w" "${args[@]}")
    else
      args=(--reps "$REPS" --warmup "$WARMUP" ${CPU[@]+"${CPU[@]}"})
      if [ "$SCALE" != 1 ] && [ "$w" != parked-100k ] && [ "$w" != gather-100k ]; then
        args+=(--n "$(( $("$JAVA" -cp "$JAR" org.asyncio4j.bench.Bench --default-n "$w") / SCALE ))")
      fi
      if [ "$p" = variant ]; then
        cmd=("$JAVA" "${JVM_OPTS[@]}" "-Dbench.peer=${VARIANT%%=*}" -cp "${VARIANT#*=}:$JAR"
          org.asyncio4j.bench.Bench asyncio4j "$w" "${args[@]}")
      elif [ "$p" = vthreads1 ]; then
        # The scheduler reads its size once, when the JVM's first virtual thread starts.
        cmd=("$JAVA" "${JVM_OPTS[@]}" -Djdk.virtualThreadScheduler.parallelism=1 -cp "$JAR"
          org.asyncio4j.bench.Bench "$p" "$w" "${args[@]}")
      else
        cmd=("$JAVA" "${JVM_OPTS[@]}" -cp "$JAR" org.asyncio4j.bench.Bench "$p" "$w" "${args[@]}")
      fi
    fi
    t0=$(date +%s)
    if line="$(timeout 300 "${cmd[@]}" 2>"$HERE/target/last-error.txt" | grep -E '^(RESULT|SKIP)' | tail -1)" && [ -n "$line" ]; then
      echo "$line" >> "$OUT"
      echo " $(echo "$line" | cut -f1,5 | tr '\t' ' ') ($(( $(date +%s) - t0 )) s)" >&2
    else
      reason="$(tail -1 "$HERE/target/last-error.txt" 2>/dev/null | tr '\t' ' ')"
      printf 'FAIL\t%s\t%s\t%s\n' "$p" "$w" "${reason:-no result}" >> "$OUT"
      echo " FAILED: ${reason:-no result}" >&2
    fi
  done
done
echo >&2

if [ "$RUN_WORKLOADS" = 1 ]; then
  echo "load average at end of the workloads: $(cut -d' ' -f1-3 /proc/loadavg); $(( $(date +%s) - start )) s"
  echo
  "$JAVA" -cp "$JAR" org.asyncio4j.bench.Report "$OUT"
  echo
fi

if [ "$RUN_ECHO" = 1 ]; then
  echo_start=$(date +%s)
  echo_args=()
  if [ "$SCALE" != 1 ]; then
    echo_args+=(--server-warmup 1 --warmup 0.3 --windows 3 --window 0.4)
  fi
  if [ -n "$PYTHON" ]; then
    echo_args+=(--python "$PYTHON")
  else
    echo "python3 not found: the echo benchmark runs the Java servers only" >&2
    echo_args+=(--servers asyncio4j,asyncio4j-nopoll,nio)
  fi
  client_pin=()
  pinned="not pinned"
  if [ "$PIN" = 1 ] && command -v taskset >/dev/null && [ "$(nproc)" -ge 2 ] \
      && taskset -c 0 true 2>/dev/null && taskset -c 1 true 2>/dev/null; then
    client_pin=(taskset -c 1)
    echo_args+=(--server-cpus 0)
    pinned="server pinned to CPU 0, load generator to CPU 1"
  elif [ "$PIN" = 1 ]; then
    pinned="not pinned: taskset or CPUs 0 and 1 not available"
  fi
  echo_out="$HERE/target/echo-last.tsv"
  echo "Echo server benchmark ($pinned); load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  if ! ${client_pin[@]+"${client_pin[@]}"} "$JAVA" "${JVM_OPTS[@]}" \
      -Decho.python.script="$HERE/python/echo_server.py" -cp "$JAR" \
      org.asyncio4j.bench.echo.EchoBench "${echo_args[@]}" --out "$echo_out"; then
    echo "the echo benchmark FAILED (see the message above)" >&2
    exit 1
  fi
  cat "$echo_out" >> "$OUT"
  echo "load average at end of the echo benchmark: $(cut -d' ' -f1-3 /proc/loadavg); $(( $(date +%s) - echo_start )) s"
  echo
fi

echo "total $(( $(date +%s) - start )) s; raw results: $OUT"
