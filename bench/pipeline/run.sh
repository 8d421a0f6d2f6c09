#!/bin/sh
# The 1e6-object pipeline as a whole process, beside python3 doing the same sum, in the same run:
#   bench/pipeline/run.sh [RUNS]     (default 3; needs `swift build -c release --product hvsh` first)
# Prints the best wall-clock time of RUNS runs of each (alternating, so both see the same machine
# load), their ratio, and the CPU time (user+sys) of hvsh's best run. Each run's output is checked,
# so a fast wrong answer does not count.
set -eu
cd "$(dirname "$0")/../.."
HVSH=${HVSH:-.build/release/hvsh}
RUNS=${1:-3}
PIPE='1..1000000 | ForEach-Object { $_ * 2 } | Measure-Object -Sum'
PY='print(sum(x * 2 for x in range(1, 1000001)))'
# Debian's python3 when present (an optimised build; pyenv's self-compiled 3.11 here needs twice its
# CPU time for this loop), else the interpreter behind python3 on PATH, never a version manager's shim
# script (pyenv's adds ~60 ms of bash per run). PYTHON=... picks another.
if [ -z "${PYTHON:-}" ]; then
    if [ -x /usr/bin/python3 ]; then PYTHON=/usr/bin/python3; else PYTHON=$(python3 -c 'import sys; print(sys.executable)'); fi
fi

now() { date +%s%N; }
best_hvsh=""; best_py=""; cpu_hvsh=""
for _ in $(seq "$RUNS"); do
    s=$(now)
    out=$("$HVSH" -NoProfile -c "$PIPE" 2>&1)
    e=$(now)
    echo "$out" | grep -q 'Sum *: 1000001000000' || { echo "hvsh printed something else:"; echo "$out"; exit 1; }
    t=$(( (e - s) / 1000 ))
    if [ -z "$best_hvsh" ] || [ "$t" -lt "$best_hvsh" ]; then best_hvsh=$t; fi

    s=$(now)
    out=$("$PYTHON" -c "$PY")
    e=$(now)
    [ "$out" = 1000001000000 ] || { echo "python3 printed $out"; exit 1; }
    t=$(( (e - s) / 1000 ))
    if [ -z "$best_py" ] || [ "$t" -lt "$best_py" ]; then best_py=$t; fi
done
# CPU time of one more hvsh run (user + system), from the kernel's accounting.
cpu=$( { /usr/bin/time -f '%U %S' "$HVSH" -NoProfile -c "$PIPE" >/dev/null; } 2>&1 | tail -1 | awk '{printf "%.3f", $1 + $2}')
printf 'hvsh    best of %s: %d.%03d s (CPU of one more run: %s s)\n' "$RUNS" $((best_hvsh / 1000000)) $((best_hvsh / 1000 % 1000)) "$cpu"
printf 'python3 best of %s: %d.%03d s (%s)\n' "$RUNS" $((best_py / 1000000)) $((best_py / 1000 % 1000)) "$PYTHON"
awk -v a="$best_hvsh" -v b="$best_py" 'BEGIN { printf "ratio hvsh/python3: %.2f (target <= 3)\n", a / b }'
printf 'load average: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
