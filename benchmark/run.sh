#!/usr/bin/env bash
# Reproduces issue 12's table in one run: every migration and verification through the real ./redis-migrate launcher,
# beside Redis's own replication of the same data (replica loading from disk and from the socket). Prints each row as
# it completes, then a markdown table for README. Not part of the test suite.
# Usage: benchmark/run.sh [--quick] [--rows 1,2,...] [--keys N] ...   (benchmark/run.sh --help lists the options)
set -euo pipefail
cd "$(dirname "$0")/.."
# The launcher's jar and the benchmark's classes, built together so the jar is newer than every source.
./mvnw -q -B -pl cli,benchmark -am package dependency:build-classpath \
  -DskipTests -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
java -Xmx1g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "benchmark/target/classes:$(cat benchmark/target/classpath.txt)" \
  dev.redismigrate.benchmark.Benchmark "$@"
