#!/usr/bin/env bash
# perf-gate for any CI: runs the suite of BASE (a git revision, default origin/main) and of the working tree
# on this machine with the same perf, base first, then compares them. Exit 0: no regression; 1: a regression
# (perf compare's verdict); 2 or 3: a usage or input problem. Writes both results, JUnit XML and the HTML
# report into perf-results/gate/. An example for users: PERF defaults to this repository's launcher.
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
(cd "$work/base" && "$perf" run quick -o "$results/base.json" --no-progress) || true
(cd "$root" && "$perf" run quick -o "$results/head.json" --no-progress) || true
"$perf" report "$results/base.json" "$results/head.json" --format html -o "$results/compare.html"
"$perf" compare "$results/base.json" "$results/head.json" --junit "$results/perf-junit.xml"
