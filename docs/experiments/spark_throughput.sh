#!/usr/bin/env bash
# Pairs per second per core for the seed pair (fixtures/hanoi) repeated N times: one
# `crosscheck check --pairs -` process, and the Spark job of examples/spark in local mode
# (each task's crosscheck on one thread, as `spark.task.cpus` is 1), each pinned to its cores.
# Each figure is from the run of median CPU time among five, in two measures: pairs per
# CPU-second (the CPU time of every process of the run, Spark's JVM and Python workers
# included, read from /proc every 10 ms, so a process's last 10 ms may be missed; Spark's
# daemon lets its workers be reaped unaccounted, so their rusage would not do), which holds
# on a busy machine, and pairs per wall-clock second per core, which needs an idle one.
# Spark's figures include starting its JVM. Linux (taskset, /proc, prctl).
# Usage: docs/experiments/spark_throughput.sh BINARY PYTHON_WITH_PYSPARK [N]
set -euo pipefail
binary="$(realpath "$1")"
python="$2"
count="${3:-200}"
cd "$(dirname "$0")/../.."
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for i in $(seq "$count"); do
  printf '{"id": "hanoi-%d", "summary": "fixtures/hanoi/summary.txt", "source": "fixtures/hanoi/source.txt"}\n' "$i"
done >"$work/pairs.jsonl"

# Runs the command (input the archive, output to /dev/null) as a child subreaper's, so that
# the processes it leaves stay under it, and prints its wall and CPU seconds.
cat >"$work/measure.py" <<'PYTHON'
import ctypes, os, subprocess, sys, time

PR_SET_CHILD_SUBREAPER = 36
TICK = 1 / os.sysconf("SC_CLK_TCK")


def processes():
    """Every process: pid -> (parent, state, CPU ticks, start time)."""
    table = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                with open(f"/proc/{name}/stat") as stat:
                    text = stat.read()
            except OSError:
                continue
            fields = text[text.rindex(")") + 2 :].split()
            table[int(name)] = (int(fields[1]), fields[0], int(fields[11]) + int(fields[12]), fields[19])
    return table


def descendants(table, root):
    """The processes under root."""
    children = {}
    for pid, (parent, *_rest) in table.items():
        children.setdefault(parent, []).append(pid)
    found, stack = [], [root]
    while stack:
        for child in children.get(stack.pop(), []):
            found.append(child)
            stack.append(child)
    return found


ctypes.CDLL(None, use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, 1)
seen = {}
start = time.monotonic()
with open(os.environ["MEASURE_INPUT"]) as stdin:
    child = subprocess.Popen(sys.argv[1:], stdin=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
while True:
    table = processes()
    alive = False
    for pid in descendants(table, os.getpid()):
        _parent, state, ticks, started = table[pid]
        seen[(pid, started)] = ticks
        alive = alive or state != "Z"
    if not alive:
        break
    time.sleep(0.01)
wall = time.monotonic() - start
code = child.wait()
try:
    while True:
        os.wait()
except ChildProcessError:
    pass
if code != 0:
    sys.exit(f"exit {code}: {sys.argv[1:]}")
print(wall, sum(seen.values()) * TICK)
PYTHON

# Prints a line of the table: what ran, on how many cores, then of the run of median CPU time
# among five, its wall and CPU seconds, and the pairs per second per core of each.
row() {
  local what="$1" cores="$2"
  shift 2
  for _ in 1 2 3 4 5; do
    rm -rf "$work/out"
    MEASURE_INPUT="$work/pairs.jsonl" python3 "$work/measure.py" "$@"
  done | sort -n -k2 | sed -n 3p | awk -v what="$what" -v cores="$cores" -v n="$count" \
    '{ printf "%-34s %d core(s) %7.2f s wall %7.1f pairs/s/core %7.2f s CPU %7.1f pairs/CPU-s\n",
       what, cores, $1, n / $1 / cores, $2, n / $2 }'
}

echo "$count pairs of fixtures/hanoi"
check=("$binary" check --pairs - --format json --fail-on never)
row "one --pairs process, 1 thread" 1 env RAYON_NUM_THREADS=1 taskset -c 0 "${check[@]}"
row "one --pairs process, 2 threads" 2 env RAYON_NUM_THREADS=2 taskset -c 0,1 "${check[@]}"
job=("$python" examples/spark/crosscheck_job.py --root . --crosscheck "$binary" "$work/pairs.jsonl" "$work/out")
row "Spark local[1], 1 partition" 1 taskset -c 0 "${job[@]}" --master 'local[1]' --partitions 1
row "Spark local[2], 2 partitions" 2 taskset -c 0,1 "${job[@]}" --master 'local[2]' --partitions 2
