#!/usr/bin/env bash
# Runs the project's tests RUNS times in a row beside two CPU hogs (busy shell loops started here and stopped by
# PID), the way a busy 2-core CI machine runs them, and prints one line per run and a tally. Used for #33's
# "the test suite run 5 times in a row beside two CPU hogs with no failure" and for the launcher races:
#
#   scripts/bench/beside-hogs.sh 5                       # mvn -B verify, five times
#   scripts/bench/beside-hogs.sh 1 test -Dtest=ProfileRaceTest -Dperf.profileRace.repeats=20 -DskipITs
#
#   scripts/bench/beside-hogs.sh --clone 5               # each run in a fresh clone of HEAD, as CI runs it
#
# With --clone every run tests the commit that was HEAD when the script started (commits made meanwhile wait for
# the next series), so that N runs are N runs of one commit.
#
#   scripts/bench/beside-hogs.sh --clone 5 ci            # each run is CI itself: `bash .ci/run` in a fresh clone
#
# Arguments after RUNS replace `verify` in `mvn -B -o ... verify` (`ci`: run .ci/run instead). Logs:
# target/beside-hogs/run-N.log.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
clone=
if [ "${1:-}" = --clone ]; then
  clone="$(mktemp -d)"
  commit="$(git -C "$root" rev-parse HEAD)"
  shift
fi
runs="${1:?usage: beside-hogs.sh [--clone] RUNS [mvn goals and flags]}"
shift
goals=("$@")
[ ${#goals[@]} -eq 0 ] && goals=(verify)
logs="$root/target/beside-hogs"
mkdir -p "$logs"
hogs=()
stop_hogs() {
  for p in "${hogs[@]}"; do kill "$p" 2>/dev/null || true; done
  [ -n "$clone" ] && rm -rf "$clone"
}
trap stop_hogs EXIT
for _ in 1 2; do
  (while :; do :; done) &
  hogs+=("$!")
done
echo "two CPU hogs: pids ${hogs[*]}"
passed=0
for i in $(seq 1 "$runs"); do
  t0=$(date +%s)
  dir="$root"
  if [ -n "$clone" ]; then
    rm -rf "$clone/tree" && git clone -q "$root" "$clone/tree" && dir="$clone/tree"
    git -C "$dir" checkout -q "$commit"
    echo "run $i: $(git -C "$dir" log --oneline -1 | cut -c1-60)"
  fi
  # SIGINT back to its default: started in the background (&, nohup), this script's children would ignore it,
  # and the tests that interrupt perf would test the shell rather than perf
  if [ "${goals[*]}" = ci ]; then
    command=(bash .ci/run)
  else
    command=(mvn -B -o "${goals[@]}")
  fi
  if (cd "$dir" && env --default-signal=INT "${command[@]}") > "$logs/run-$i.log" 2>&1; then
    status=passed
    passed=$((passed + 1))
  else
    status=FAILED
  fi
  tests=$(grep -hE '^\[(INFO|ERROR|WARNING)\] Tests run:' "$logs/run-$i.log" | grep -v ' in ' | tail -2 | tr '\n' ' ')
  printf 'run %d: %s in %d s  %s\n' "$i" "$status" "$(( $(date +%s) - t0 ))" "$tests"
  [ "$status" = FAILED ] && grep -hE '<<< (FAILURE|ERROR)|Tests in error|FAILED' "$logs/run-$i.log" | head -5 || true
done
echo "$passed of $runs runs passed beside two CPU hogs"
[ "$passed" -eq "$runs" ]
