#!/usr/bin/env bash
# Inputs whose cost once grew with the square of their size (issue 17): one long line of commands,
# a large block that never runs, and a long statement or many statements read by `hvsh -Command -`.
# Each is run at doubling sizes with the release hvsh; linear cost shows as time and memory that
# double (or less) when the size doubles.
#
#   bench/compile/run.sh            builds hvsh (release) and prints one line per input and size:
#                                   wall seconds (best of RUNS, default 3) and peak RSS in MiB
set -eu
cd "$(dirname "$0")/../.."
swift build -c release --product hvsh >/dev/null
HVSH=$(swift build -c release --show-bin-path)/hvsh
RUNS=${RUNS:-3}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# measure LABEL SIZE -- COMMAND...: best wall time and the largest peak RSS of RUNS runs
measure() {
    local label=$1 size=$2; shift 3
    local best="" rss=0
    for _ in $(seq "$RUNS"); do
        /usr/bin/time -f '%e %M' -o "$WORK/time" "$@" >/dev/null 2>&1 || true
        read -r t m <"$WORK/time"
        if [ -z "$best" ] || [ "$(echo "$t < $best" | bc)" = 1 ]; then best=$t; fi
        [ "$m" -gt "$rss" ] && rss=$m
    done
    printf '%-34s %8s %8.2f s %8d MiB\n' "$label" "$size" "$best" $((rss / 1024))
}

for n in 8000 16000 32000 64000; do
    python3 -c "print('function f {}; ' + 'f;' * $n)" >"$WORK/line.ps1"
    measure "one line of n 'f;' (-File)" "$n" -- "$HVSH" -NoProfile -File "$WORK/line.ps1"
done
for kb in 112 224 448 896; do
    python3 -c "
body = 'Write-Output \$x; '
n = $kb * 1024 // len(body)
print('if (0) { ' + body * n + '}')" >"$WORK/never.ps1"
    measure "never-run 'if (0) {...}' (KiB)" "$kb" -- "$HVSH" -NoProfile -File "$WORK/never.ps1"
done
for n in 4000 8000 16000 32000; do
    python3 -c "print('\$a = @('); print('\n'.join('  %d' % i for i in range($n))); print(')'); print('\$a.Count')" >"$WORK/statement.txt"
    measure "-Command -: one statement, n lines" "$n" -- sh -c "\"$HVSH\" -NoProfile -Command - <\"$WORK/statement.txt\""
    python3 -c "print('\n'.join('\$x = %d' % i for i in range($n)))" >"$WORK/lines.txt"
    measure "-Command -: n one-line statements" "$n" -- sh -c "\"$HVSH\" -NoProfile -Command - <\"$WORK/lines.txt\""
done
