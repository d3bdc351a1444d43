#!/usr/bin/env bash
# Issue 17: "in-process start to first answered request under 1 s warm (measure it)".
#
#   bench/junit-start.sh [RUNS]     (default 10)
#
# Starts the JUnit extension's server (dev.parley.junit.ParleyServer: parley in this JVM, a fresh
# temporary SQLite data dir, port 0) RUNS times in one JVM and prints, per start, the milliseconds
# to "started", to the first answered request (GET /_parley/clock), to a new workspace's first
# GET /me, and to stop; then the warm median (runs 2..RUNS). Uses target/parley-junit.jar with the
# dependencies its pom names (so it also checks that the junit jar runs without parley.jar);
# builds the jars with Maven when they are missing. Prints figures; asserts nothing.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
RUNS="${1:-10}"
cd "$ROOT"
if [ ! -f target/parley-junit.jar ]; then
  mvn -B -q package -DskipTests
fi
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
mvn -B -q -o -Dstyle.color=never dependency:build-classpath -Dmdep.includeScope=runtime \
  -Dmdep.outputFile="$WORK/classpath.txt" >/dev/null
CP="target/parley-junit.jar:$(cat "$WORK/classpath.txt")"
mkdir -p "$WORK/classes"
javac -d "$WORK/classes" -cp "$CP" src/test/java/dev/parley/bench/JunitStartBench.java
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"
PARLEY_LOG_LEVEL=WARN java -Xmx256m -cp "$CP:$WORK/classes" dev.parley.bench.JunitStartBench "$RUNS"
