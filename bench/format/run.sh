#!/bin/sh
# Formatting and pipeline benchmarks, release build, beside python3 doing comparable work.
#   bench/format/run.sh
# The hvsh figures come from PSCommandsTests.FormatBenchmarkTests run in a release build: each
# pipeline runs in a fresh ShellSession (no process start-up included), best of 5.
set -eu
cd "$(dirname "$0")/../.."
swift build -c release --build-tests -Xswiftc -enable-testing >/dev/null
OUT=$(mktemp)
HVSH_BENCH=1 HVSH_BENCH_OUT="$OUT" swift test -c release -Xswiftc -enable-testing --skip-build --filter FormatBenchmarkTests >/dev/null 2>&1 || true
cat "$OUT"; rm -f "$OUT"

best() { # best wall time in seconds of 5 runs of "$@"
    b=""
    for _ in 1 2 3 4 5; do
        s=$(date +%s.%N); "$@" >/dev/null 2>&1; e=$(date +%s.%N)
        t=$(echo "$e - $s" | bc)
        if [ -z "$b" ] || [ "$(echo "$t < $b" | bc)" = 1 ]; then b=$t; fi
    done
    printf '%.3f' "$b"
}
echo "python3 startup (pass):             $(best python3 -c pass) s"
echo "python3 10k dicts -> aligned table: $(best python3 bench/format/table.py) s (includes start-up)"
echo "python3 sum of 1e6 doubled ints:    $(best python3 bench/format/sum.py) s (includes start-up)"
