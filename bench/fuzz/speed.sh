#!/usr/bin/env bash
# How fast each fuzz target runs one input, in executions per CPU second (CPU time, not wall time: the
# machine is shared, and a fuzzer's wall-clock rate says more about the load than about the target).
#
#   bench/fuzz/speed.sh [-n INPUTS] [-r RUNS] [-f MUTATIONS] [TARGET...]     all targets when none is named
#
# Each target's binary (FUZZ_BIN=<directory>, else the fuzz package's release build) runs a fixed
# sample of inputs RUNS times each (default 10) through libFuzzer's replay mode; the CPU time of
# starting the process (one run of one input) is subtracted. The sample is the first INPUTS (default
# 400) files, by name, of $FUZZ_SAMPLE/<target> (default /tmp/hvsh-fuzz/corpus: what earlier runs
# found, the inputs a long run spends its time on), else of the committed seeds fuzz/corpus/<target>.
# Fuzzing itself costs more per input than replaying (libFuzzer collects coverage and mutates); the
# replay rate is the target's own cost, which is what a change to a harness or to hvsh moves.
# With -f, each target instead fuzzes: it loads the sample (a scratch copy) and runs MUTATIONS
# executions in all from a fixed seed, with run.sh's options; the rate then includes libFuzzer's
# own work, and is the one a long run gets (per CPU second).
set -uo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
inputs=400
runs=10
mutations=0
while getopts "n:r:f:" option; do
    case $option in
        n) inputs=$OPTARG ;;
        r) runs=$OPTARG ;;
        f) mutations=$OPTARG ;;
        *) exit 2 ;;
    esac
done
shift $((OPTIND - 1))
targets=("$@")
[ ${#targets[@]} -eq 0 ] && mapfile -t targets < <(bench/fuzz/run.sh --list)
BIN=${FUZZ_BIN:-$(swift build -c release --sanitize fuzzer --package-path fuzz --show-bin-path)}
SAMPLE=${FUZZ_SAMPLE:-/tmp/hvsh-fuzz/corpus}
export SWIFT_BACKTRACE=enable=no

cpu_seconds() { /usr/bin/time -f "%U %S" "$@" 2>&1 >/dev/null | tail -1 | awk '{print $1 + $2}'; }

printf '%-16s %7s %5s %10s %14s\n' target inputs runs cpu-s execs/cpu-s
for t in "${targets[@]}"; do
    exe="$BIN/fuzz-$t"
    [ -x "$exe" ] || { echo "no such target: $exe"; continue; }
    folder="$SAMPLE/$t"
    [ -d "$folder" ] || folder="$ROOT/fuzz/corpus/$t"
    mapfile -t files < <(find "$folder" -maxdepth 1 -type f | sort | head -n "$inputs")
    [ ${#files[@]} -gt 0 ] || { echo "no inputs in $folder"; continue; }
    start=$(cpu_seconds "$exe" -runs=1 "${files[0]}")
    if [ "$mutations" -gt 0 ]; then
        scratch=$(mktemp -d)
        cp "${files[@]}" "$scratch/"
        # shellcheck disable=SC2046
        total=$(cpu_seconds "$exe" -seed=1 -runs="$mutations" -max_len="$(bench/fuzz/run.sh --max-len "$t")" \
            $(bench/fuzz/run.sh --dictionary "$t") "$scratch")
        rm -rf "$scratch"
        executions=$mutations
        runs=fuzz
    else
        total=$(cpu_seconds "$exe" -runs="$runs" "${files[@]}")
        executions=$((${#files[@]} * runs))
    fi
    printf '%-16s %7d %5s %10.2f %14.0f\n' "$t" "${#files[@]}" "$runs" "$(echo "$total - $start" | bc -l)" \
        "$(echo "$executions / ($total - $start)" | bc -l)"
done
