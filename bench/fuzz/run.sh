#!/usr/bin/env bash
# Runs hvsh's libFuzzer targets (fuzz/), one at a time, at a modest CPU priority (nice 5; FUZZ_NICE
# sets another: the machine's builders and test runs come first, but a fuzzer at nice 19 on a busy
# machine ran at a tenth of its speed).
#
#   bench/fuzz/run.sh [SECONDS] [TARGET...]   fuzz each target for SECONDS (default 60); all targets
#                                             when none is named
#   bench/fuzz/run.sh --smoke [SECONDS]       CI: each target for SECONDS (default 5) from the
#                                             committed corpus only, nothing written back
#   bench/fuzz/run.sh --list                  the target names
#
# The targets are built once, in release mode with libFuzzer's instrumentation:
#   swift build -c release --sanitize fuzzer --package-path fuzz
# (FUZZ_NO_BUILD=1 skips that; FUZZ_BIN=<directory> runs the targets found there instead, e.g. a copy
# kept while the build directory is rebuilt). Inputs that grow coverage go to $FUZZ_WORK/corpus/<target> (default
# /tmp/hvsh-fuzz; the committed seeds in fuzz/corpus/<target> are read, not written); a crash, hang
# or out-of-memory input goes to $FUZZ_WORK/findings/<target>/. Each run appends one line to
# $FUZZ_WORK/results.tsv: date, target, seconds, executions, findings, CPU seconds (the last only
# from runs since 2026-12-07: a fuzzer's wall-clock rate follows the machine's load). Copy a finding into
# fuzz/corpus/<target>/ once it is fixed: FuzzCorpusTests replays that folder in `swift test`.
set -uo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
ALL=(parser evaluator json csv inventory control-request virtqueue netlink-reply)
WORK=${FUZZ_WORK:-/tmp/hvsh-fuzz}
mkdir -p "$WORK"

max_len() {
    case $1 in
        evaluator) echo 2048 ;;
        control-request) echo 1024 ;;
        inventory|virtqueue) echo 8192 ;;
        *) echo 4096 ;;
    esac
}

dictionary() {
    case $1 in
        parser|evaluator) echo "-dict=$ROOT/fuzz/dictionaries/powershell.dict" ;;
    esac
}

smoke=0
seconds=""
if [ "${1:-}" = "--list" ]; then printf '%s\n' "${ALL[@]}"; exit 0; fi
# For speed.sh: the options a target runs with.
if [ "${1:-}" = "--max-len" ]; then max_len "$2"; exit 0; fi
if [ "${1:-}" = "--dictionary" ]; then dictionary "$2"; exit 0; fi
if [ "${1:-}" = "--smoke" ]; then smoke=1; shift; seconds=${1:-5}; [ $# -gt 0 ] && shift
elif [[ "${1:-}" =~ ^[0-9]+$ ]]; then seconds=$1; shift
fi
seconds=${seconds:-60}
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=("${ALL[@]}")

if [ -n "${FUZZ_BIN:-}" ]; then
    BIN=$FUZZ_BIN
else
    if [ "${FUZZ_NO_BUILD:-0}" != 1 ]; then
        echo "building the fuzz targets (release, -sanitize=fuzzer)..."
        nice -n 19 swift build -c release --sanitize fuzzer --package-path fuzz >"$WORK.build.log" 2>&1 || {
            tail -30 "$WORK.build.log"; echo "fuzz build failed (log: $WORK.build.log)"; exit 1; }
    fi
    BIN=$(swift build -c release --sanitize fuzzer --package-path fuzz --show-bin-path)
fi

# Swift's crash backtracer takes many seconds per crash; libFuzzer prints its own stack.
export SWIFT_BACKTRACE=enable=no
status=0
printf '%-16s %10s %8s %12s %9s %s\n' target seconds cpu-s executions findings note
for t in "${targets[@]}"; do
    exe="$BIN/fuzz-$t"
    [ -x "$exe" ] || { echo "no such target: $t"; status=1; continue; }
    findings="$WORK/findings/$t"
    mkdir -p "$findings"
    before=$(find "$findings" -type f | wc -l)
    log="$WORK/logs/$t-$(date +%Y%m%d-%H%M%S).log"
    mkdir -p "$WORK/logs"
    if [ $smoke = 1 ]; then
        # Fuzz from the committed seeds, keeping nothing: new inputs go to a throw-away folder.
        scratch=$(mktemp -d)
        corpora=("$scratch" "$ROOT/fuzz/corpus/$t")
    else
        mkdir -p "$WORK/corpus/$t"
        scratch=""
        corpora=("$WORK/corpus/$t" "$ROOT/fuzz/corpus/$t")
    fi
    # shellcheck disable=SC2046
    nice -n "${FUZZ_NICE:-5}" /usr/bin/time -f "%U %S" -o "$log.cpu" "$exe" -max_total_time="$seconds" -max_len="$(max_len "$t")" -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="$findings/" $(dictionary "$t") "${corpora[@]}" >"$log" 2>&1
    code=$?
    [ -n "$scratch" ] && rm -rf "$scratch"
    execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
    cpu=$(tail -1 "$log.cpu" 2>/dev/null | awk '{printf "%.0f", $1 + $2}')
    rm -f "$log.cpu"
    after=$(find "$findings" -type f | wc -l)
    found=$((after - before))
    note=""
    if [ "$code" != 0 ] || [ "$found" != 0 ]; then
        note="see $log"
        status=1
    fi
    printf '%-16s %10s %8s %12s %9s %s\n' "$t" "$seconds" "${cpu:-?}" "${execs:-?}" "$found" "$note"
    [ $smoke = 1 ] || printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -Is)" "$t" "$seconds" "${execs:-0}" "$found" "${cpu:-}" >>"$WORK/results.tsv"
done
exit $status
