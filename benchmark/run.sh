#!/usr/bin/env bash
# Times Redis's own replication and the sync engine on the same data; prints both and the ratio.
# Usage: benchmark/run.sh [keys] [writes-per-second]   (defaults 1000000, 50000)
#        benchmark/run.sh verify [keys] [rate...]     verify --mode full against native replication of the same keys
# Not part of the test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
main=dev.redismigrate.benchmark.SyncBenchmark
if [[ "${1:-}" == verify ]]; then
  main=dev.redismigrate.benchmark.VerifyBenchmark
  shift
fi
./mvnw -q -B -pl benchmark -am package dependency:build-classpath \
  -DskipTests -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
java -Xmx1g -cp "benchmark/target/classes:$(cat benchmark/target/classpath.txt)" "$main" "${@:-1000000}"
