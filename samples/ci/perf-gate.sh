#!/usr/bin/env bash
# perf-gate for any CI: runs the suite of BASE (a git revision, default origin/main) and of the working tree
# on this machine with the same perf, interleaved (ROUNDS rounds, default 3, in alternating order, FORKS
# forks each, default 2; each side's rounds pooled by `perf report merge --rounds`), then compares them.
# Exit 0: no regression; 1: a regression (perf compare's verdict); 2 or 3: a usage or input problem. Writes
# every round, both merged results, JUnit XML and the HTML report into perf-results/gate/. An example for
# users: PERF defaults to this repository's launcher.
set -euo pipefail
base="${1:-origin/main}"
root="$(git rev-parse --show-toplevel)"
perf="${PERF:-$root/scripts/perf}"
results="$root/perf-results/gate"
mkdir -p "$results"
work="$(mktemp -d)"
cleanup() { git -C "$root" worktree remove --force "$work/base" >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT
git -C "$root" worktree add --detach "$work/base" "$base" >/dev/null
rounds="${ROUNDS:-3}"
forks="${FORKS:-2}"
rm -f "$results"/base-*.json "$results"/head-*.json
for round in $(seq 1 "$rounds"); do
  order="base head"
  if [ $((round % 2)) -eq 0 ]; then order="head base"; fi
  for side in $order; do
    dir="$root"; if [ "$side" = base ]; then dir="$work/base"; fi
    echo "perf-gate: round $round of $rounds: $side" >&2
    (cd "$dir" && "$perf" run quick -f "$forks" -o "$results/$side-$round.json" --no-progress) || true
  done
done
"$perf" report merge --rounds "$results"/base-*.json -o "$results/base.json"
"$perf" report merge --rounds "$results"/head-*.json -o "$results/head.json"
"$perf" report "$results/base.json" "$results/head.json" --format html -o "$results/compare.html"
"$perf" compare "$results/base.json" "$results/head.json" --junit "$results/perf-junit.xml"
