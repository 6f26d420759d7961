#!/usr/bin/env bash
# Installs perf for the current user: scripts/install.sh [--prefix DIR] [--jar FILE]
#   DIR/share/perf/perf.jar                          the shaded jar (built with Maven when --jar is not given)
#   DIR/bin/perf                                     a launcher that works through symlinks and from any directory
#   DIR/share/perf/perf-<jdk>.jsa                    a class-data-sharing archive of perf's classes for that JDK
#   DIR/share/man/man1/perf*.1                       man pages of perf and every subcommand (man perf-run)
#   DIR/share/bash-completion/completions/perf       bash completion
#   DIR/share/zsh/site-functions/_perf               zsh completion
# DIR defaults to ~/.local. It warns when another perf (Linux's perf tool) comes first on the PATH.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
prefix="$HOME/.local"
jar=""
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) prefix="$2"; shift 2 ;;
    --prefix=*) prefix="${1#--prefix=}"; shift ;;
    --jar) jar="$2"; shift 2 ;;
    --jar=*) jar="${1#--jar=}"; shift ;;
    -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "install.sh: unknown argument '$1' (use --prefix DIR, --jar FILE)" >&2; exit 2 ;;
  esac
done
mkdir -p "$prefix"
prefix="$(cd "$prefix" && pwd)"
if [ -z "$jar" ]; then
  jar="$root/target/perf.jar"
  if [ ! -f "$jar" ] || [ -n "$(find "$root/pom.xml" "$root/src/main" -newer "$jar" -type f -print -quit)" ]; then
    echo "install.sh: building $jar (mvn package)..." >&2
    mvn -q -B -f "$root/pom.xml" -DskipTests -Dspotless.check.skip=true package >&2
  fi
fi
[ -f "$jar" ] || { echo "install.sh: no jar at $jar" >&2; exit 2; }
java="java"
[ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && java="$JAVA_HOME/bin/java"
command -v "$java" >/dev/null || { echo "install.sh: no java on the PATH (perf needs JDK 17 or newer)" >&2; exit 2; }

share="$prefix/share/perf"
mkdir -p "$share" "$prefix/bin" "$prefix/share/man/man1" "$prefix/share/bash-completion/completions" \
  "$prefix/share/zsh/site-functions"
cp "$jar" "$share/perf.jar.tmp" && mv "$share/perf.jar.tmp" "$share/perf.jar"
rm -f "$share"/perf-*.jsa   # archives of an older jar would not match it

cat > "$prefix/bin/perf.tmp" <<'LAUNCHER'
#!/usr/bin/env bash
# perf's launcher (installed by scripts/install.sh): finds its jar through any symlink to this file.
set -euo pipefail
share="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../share/perf" && pwd)"
java="java"
[ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && java="$JAVA_HOME/bin/java"
home="$(dirname "$(dirname "$(readlink -f "$(command -v "$java")")")")"
major="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release" 2>/dev/null || true)"
flags=()
# JDK 23+ warns when JMH (inside perf) uses sun.misc.Unsafe: allow it there (JDK 17 refuses the option)
if [ -n "$major" ] && [ "$major" -ge 23 ]; then
  flags+=("--sun-misc-unsafe-memory-access=allow")
fi
# class-data sharing: perf's classes mapped from an archive made for this JDK (faster start); JDK 19+
# makes it itself on the first run without one, JDK 17/18 use the one install.sh made
jsa="$share/perf-${major:-0}.jsa"
if [ -n "$major" ] && [ "$major" -ge 19 ]; then
  flags+=("-XX:+AutoCreateSharedArchive" "-XX:SharedArchiveFile=$jsa" "-Xlog:cds=off" "-Xlog:cds+dynamic=off")
elif [ -f "$jsa" ]; then
  flags+=("-XX:SharedArchiveFile=$jsa" "-Xshare:auto" "-Xlog:cds=off" "-Xlog:cds+dynamic=off")
fi
# `perf run` drives load loops for minutes: a fixed, pre-touched initial heap keeps perf's own memory flat
# (G1 would otherwise grow its young generation for minutes) and its collections steady. PERF_JAVA_OPTS, when
# set, replaces this choice with the user's own JVM options.
if [ -n "${PERF_JAVA_OPTS:-}" ]; then
  read -r -a extra <<< "$PERF_JAVA_OPTS"
  flags+=("${extra[@]}")
elif [ "${1:-}" = "run" ]; then
  flags+=("-Xms512m" "-XX:+AlwaysPreTouch")
  # in 2 MiB pages where the kernel lends them on request: touching the heap then takes ~0.05 s, not ~0.8 s
  # before the first request (an old JVM or a kernel without them would warn, so only where it can)
  if grep -qE '\[(always|madvise)\]' /sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null; then
    flags+=("-XX:+UseTransparentHugePages")
  fi
fi
exec "$java" "${flags[@]}" -jar "$share/perf.jar" "$@"
LAUNCHER
chmod +x "$prefix/bin/perf.tmp" && mv "$prefix/bin/perf.tmp" "$prefix/bin/perf"

home="$(dirname "$(dirname "$(readlink -f "$(command -v "$java")")")")"
major="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release" 2>/dev/null || true)"
# the archive holds the classes of a short load run (suite, event loops, HTTP, recorder, result and summary
# writers: the path to a run's first request) against perf's own demo server on 127.0.0.1
train="$(mktemp -d)"
cat > "$train/perf.yaml" <<'SUITE'
name: cds-training
benchmarks:
  - load:
      name: hello
      target: { http: { url: "http://{demo-server}/hello" } }
      load: { rate: 200/s, duration: 1s, warmup: 0s }
      targets: { p99: { acceptable: 1s }, errorRate: { acceptable: 1% } }
SUITE
training=(run -s "$train/perf.yaml" -o "$train/result.json" -q --no-progress)
if [ -n "$major" ] && [ "$major" -lt 19 ]; then
  "$java" -XX:ArchiveClassesAtExit="$share/perf-$major.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off \
    -jar "$share/perf.jar" "${training[@]}" >/dev/null 2>&1 || true
else
  "$prefix/bin/perf" "${training[@]}" >/dev/null 2>&1 || true   # JDK 19+: the launcher makes it on this run
fi
rm -rf "$train"
"$prefix/bin/perf" manpages "$prefix/share/man/man1" 2>/dev/null
"$prefix/bin/perf" completion bash > "$prefix/share/bash-completion/completions/perf"
"$prefix/bin/perf" completion zsh > "$prefix/share/zsh/site-functions/_perf"

echo "perf: installed $("$prefix/bin/perf" --version | head -1) into $prefix"
echo "  launcher   $prefix/bin/perf"
echo "  man pages  $prefix/share/man/man1 (man perf, man perf-run, ...)"
echo "  completion $prefix/share/bash-completion/completions/perf, $prefix/share/zsh/site-functions/_perf"
found="$(command -v perf 2>/dev/null || true)"
if [ -z "$found" ]; then
  echo "perf: $prefix/bin is not on your PATH: add  export PATH=\"$prefix/bin:\$PATH\"  to your shell's profile" >&2
elif [ "$(readlink -f "$found")" != "$(readlink -f "$prefix/bin/perf")" ]; then
  echo "perf: another perf comes first on your PATH: $found (Linux's perf tool?); put $prefix/bin before it:" \
    " export PATH=\"$prefix/bin:\$PATH\"" >&2
fi
