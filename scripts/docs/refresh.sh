#!/usr/bin/env bash
# Regenerates every sample output in the docs from perf itself, so that they cannot drift:
#   - README.md's blocks between "<!-- refresh: NAME -->" and "<!-- /refresh -->":
#       run-quick  the stdout of `scripts/perf run quick` in an empty directory (the demo suite)
#       compare    the stdout of `scripts/perf compare samples/compare/base.json samples/compare/c1-only.json`
#   - docs/perf-yaml.md's key reference, generated from the suite's records and their javadoc
#   - with --samples first: samples/compare/*.json, two runs of the demo suite, the second with C2 off
# Then review `git diff`. DocsTest checks the compare block and the reference; PerfTourIT the run-quick block.
#
#   scripts/docs/refresh.sh [--samples]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
perf="$root/scripts/perf"
"$perf" --version > /dev/null   # builds target/perf.jar when missing or stale
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if [ "${1:-}" = --samples ]; then
  (cd "$work" && "$perf" run quick -o base.json --no-progress > /dev/null 2>&1 || true)
  (cd "$work" && "$perf" run quick -o c1-only.json --jvm-args "-XX:TieredStopAtLevel=1" --no-progress \
    > /dev/null 2>&1 || true)
  mkdir -p samples/compare
  cp "$work/base.json" "$work/c1-only.json" samples/compare/
fi

# replace NAME's block in FILE with the text in OUTPUT, fenced as text
block() {
  python3 - "$1" "$2" "$3" <<'PY'
import re, sys
path, name, output = sys.argv[1:]
text = open(path, encoding="utf-8").read()
body = open(output, encoding="utf-8").read().rstrip("\n")
start, end = "<!-- refresh: %s -->\n" % name, "<!-- /refresh -->"
a = text.index(start) + len(start)
b = text.index(end, a)
open(path, "w", encoding="utf-8").write(text[:a] + "```text\n" + body + "\n```\n" + text[b:])
PY
}

(cd "$work" && "$perf" run quick --no-progress > run-quick.out 2> /dev/null || true)
block README.md run-quick "$work/run-quick.out"
"$perf" compare samples/compare/base.json samples/compare/c1-only.json > "$work/compare.out" 2> /dev/null || true
block README.md compare "$work/compare.out"

mvn -B -q -o test -Dtest=PerfYamlReferenceTest -Dsurefire.failIfNoSpecifiedTests=false -Djacoco.skip=true \
  -Dperf.updateGolden=true
git --no-pager diff --stat -- README.md docs samples/compare
