#!/usr/bin/env bash
# Prints the calibration table of perf compare's verdict policy: A/A family-wise false fails and power on
# simulated 20-benchmark suites (seeded; the same simulation VerdictPolicyTest asserts on, with more suites).
# SUITES (default 4000) sets the suites per cell. Pure CPU, a few minutes on 2 cores.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
mvn -q -B -o test-compile -Dspotless.check.skip=true 2>/dev/null || mvn -q -B test-compile -Dspotless.check.skip=true
cp="$(mktemp)"
trap 'rm -f "$cp"' EXIT
mvn -q -B dependency:build-classpath -Dmdep.outputFile="$cp" -Dmdep.includeScope=test >/dev/null
SUITES="${SUITES:-4000}" java -cp "target/test-classes:target/classes:$(cat "$cp")" dev.perf.compare.VerdictCalibration
