#!/bin/sh
# Runtime benchmarks: the evaluator (release build) beside python3 doing the same work, same run.
#   bench/runtime/run.sh        builds the release runner, runs each benchmark RUNS times (default 5)
#                               and prints the best wall-clock time of each and the ratio.
# The runner (bench/runtime, a small package over the repository's PSLanguage/PSRuntime/PSCommands
# sources) runs the text through ShellSession with the core cmdlets, as `hvsh -Command` does;
# its times include process start-up and printing the result.
set -eu
cd "$(dirname "$0")"
swift build -c release >/dev/null
RUNNER=$(swift build -c release --show-bin-path)/RuntimeBench
RUNS=${RUNS:-5}

best() { # best wall time in seconds of RUNS runs of "$@"
    b=""
    for _ in $(seq "$RUNS"); do
        s=$(date +%s.%N); "$@" >/dev/null 2>&1; e=$(date +%s.%N)
        t=$(echo "$e - $s" | bc)
        if [ -z "$b" ] || [ "$(echo "$t < $b" | bc)" = 1 ]; then b=$t; fi
    done
    printf '%.3f' "$b"
}

LOOP='$s=0; foreach ($i in 1..1000000) { $s += $i }; $s'
PIPE='1..1000000 | ForEach-Object { $_ * 2 } | Measure-Object -Sum'

start=$(best "$RUNNER" 'exit')
loop=$(best "$RUNNER" "$LOOP")
pyloop=$(best python3 loop.py)
pipe=$(best "$RUNNER" "$PIPE")
pypipe=$(best python3 pipeline.py)
echo "runner start-up (exit):                     $start s"
echo "foreach 1..1e6 sum:          hvsh $loop s   python3 $pyloop s   ratio $(echo "scale=2; $loop / $pyloop" | bc)"
echo "1..1e6 | % {\$_*2} | measure: hvsh $pipe s   python3 $pypipe s   ratio $(echo "scale=2; $pipe / $pypipe" | bc)"
