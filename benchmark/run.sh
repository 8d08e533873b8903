#!/usr/bin/env bash
# Times Redis's own replication and the sync engine on the same data; prints both and the ratio.
# Usage: benchmark/run.sh [keys] [writes-per-second]   (defaults 1000000, 50000). Not part of the test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -pl benchmark -am package dependency:build-classpath \
  -DskipTests -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
java -Xmx1g -cp "benchmark/target/classes:$(cat benchmark/target/classpath.txt)" \
  dev.redismigrate.benchmark.SyncBenchmark "${1:-1000000}" "${2:-50000}"
