#!/bin/sh
# Formatting and pipeline benchmarks: hvsh (release build) beside python3 doing comparable work.
#   bench/format/run.sh
# Every figure is the best wall time of 5 runs of a whole process (start-up included); the
# start-up of each interpreter alone is measured too, so the work can be told apart.
set -eu
cd "$(dirname "$0")/../.."
swift build -c release --product hvsh >/dev/null
HVSH=$(swift build -c release --show-bin-path)/hvsh

best() { # best wall time in seconds of 5 runs of "$@"
    b=""
    for _ in 1 2 3 4 5; do
        s=$(date +%s.%N); "$@" >/dev/null 2>&1; e=$(date +%s.%N)
        t=$(echo "$e - $s" | bc)
        if [ -z "$b" ] || [ "$(echo "$t < $b" | bc)" = 1 ]; then b=$t; fi
    done
    printf '%.3f' "$b"
}

FT='1..10000 | ForEach-Object { [pscustomobject]@{ Name = "vm$_"; State = '"'"'Off'"'"'; Count = $_ } } | Format-Table -AutoSize | Out-String'
SUM='1..1000000 | ForEach-Object { $_ * 2 } | Measure-Object -Sum'

echo "hvsh start-up (-Command exit):      $(best "$HVSH" -NoProfile -Command exit) s"
echo "hvsh 10k objects | ft -AutoSize:    $(best "$HVSH" -NoProfile -Command "$FT") s"
echo "hvsh 1e6 | % { \$_*2 } | measure:   $(best "$HVSH" -NoProfile -Command "$SUM") s"
echo "python3 start-up (pass):            $(best python3 -c pass) s"
echo "python3 10k dicts -> aligned table: $(best python3 bench/format/table.py) s"
echo "python3 sum of 1e6 doubled ints:    $(best python3 bench/format/sum.py) s"
