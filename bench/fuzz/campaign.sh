#!/usr/bin/env bash
# A fuzzing campaign: runs one target at a time through run.sh, for RUN_SECONDS each (default 600),
# always the one with the fewest executions so far in $FUZZ_WORK/results.tsv, until STOP_AT (a UTC
# time of day, e.g. 10:35; the last run is shortened to end by then) or forever when none is given.
#
#   bench/fuzz/campaign.sh [TARGET...]     default: parser evaluator csv inventory control-request json
#
# The fuzz binaries come from the directory named in $FUZZ_BIN_FILE (default
# $FUZZ_WORK/current-bin), read before every run, else from $FUZZ_BIN, else the fuzz package's build:
# a rebuilt set copied to a new directory is switched in between runs, and no running fuzzer loses
# its binary. Runs at FUZZ_NICE (run.sh's default when unset). Keep it running with
#   nohup bench/fuzz/campaign.sh >>/tmp/hvsh-fuzz/campaign.log 2>&1 &
set -uo pipefail
cd "$(dirname "$0")/../.."
WORK=${FUZZ_WORK:-/tmp/hvsh-fuzz}
RUN_SECONDS=${RUN_SECONDS:-600}
BIN_FILE=${FUZZ_BIN_FILE:-$WORK/current-bin}
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(parser evaluator csv inventory control-request json)
stop=""
[ -n "${STOP_AT:-}" ] && stop=$(date -u -d "today $STOP_AT" +%s)
mkdir -p "$WORK"
touch "$WORK/results.tsv"
while :; do
    seconds=$RUN_SECONDS
    if [ -n "$stop" ]; then
        left=$((stop - $(date -u +%s) - 5))
        [ "$left" -ge 30 ] || { echo "$(date -Is) stop time reached"; break; }
        [ "$left" -lt "$seconds" ] && seconds=$left
    fi
    target=$(awk -F'\t' -v want="${targets[*]}" '
        BEGIN { n = split(want, w, " "); for (i = 1; i <= n; i++) executions[w[i]] = 0 }
        ($2 in executions) { executions[$2] += $4 }
        END { for (t in executions) if (best == "" || executions[t] < executions[best]) best = t; print best }' "$WORK/results.tsv")
    bin=${FUZZ_BIN:-}
    [ -s "$BIN_FILE" ] && bin=$(cat "$BIN_FILE")
    echo "$(date -Is) run $target ${seconds}s bin=${bin:-build}"
    if [ -n "$bin" ]; then
        FUZZ_BIN=$bin FUZZ_NO_BUILD=1 bench/fuzz/run.sh "$seconds" "$target"
    else
        FUZZ_NO_BUILD=1 bench/fuzz/run.sh "$seconds" "$target"
    fi
done
