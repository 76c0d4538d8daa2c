#!/usr/bin/env bash
# Peak resident memory of the release binary on each pair of a directory (as
# `cargo run --release --example hostile_inputs -- DIR` writes it), above that of a process
# that checks the seed pair, as a multiple of the pair's input: the median of five runs each.
# Linux, with GNU time. Usage: docs/experiments/memory.sh BINARY DIR
set -euo pipefail
binary="$1"
dir="$2"
cd "$(dirname "$0")/../.."
peak() {
  for _ in 1 2 3 4 5; do
    # A check with findings exits with 1: only the memory figure matters here.
    { /usr/bin/time -f %M "$binary" check --no-config --format json "$@" 2>&1 >/dev/null || true; } | tail -1
  done | sort -n | sed -n 3p
}
seed=$(peak fixtures/hanoi/summary.txt fixtures/hanoi/source.txt)
echo "seed pair: ${seed} KB"
for pair in "$dir"/*/; do
  summary="$pair/summary.txt"
  source="$pair/source.txt"
  bytes=$(($(stat -c %s "$summary") + $(stat -c %s "$source")))
  kilobytes=$(peak "$summary" "$source")
  awk -v name="$(basename "$pair")" -v kb="$kilobytes" -v seed="$seed" -v bytes="$bytes" \
    'BEGIN { printf "%-18s %9d KB  %5.2f× the input\n", name, kb, (kb - seed) * 1024 / bytes }'
done
