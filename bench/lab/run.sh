#!/bin/sh
# Article-lab benchmarks (run as root with /dev/kvm, after a release build:
#   swift build -c release --product hvsh && swift build -c release --product hvsh-worker):
#   1. Start-VM to the first answered ping, median over RUNS (default 20) runs, inside one sandbox;
#   2. live switch-port changes on a running VM (live-ports.ps1), medians over RUNS;
#   3. the whole lab from an empty sandbox (the hvsh process started) to the probe received in the
#      outside namespace, LABS (default 5) times; the whole run including cleanup is reported too.
# Everything runs in -Sandbox namespaces that vanish with them.
set -eu
HVSH=${HVSH:-.build/release/hvsh}
DIR=$(dirname "$0")
RUNS=${RUNS:-20} "$HVSH" -Sandbox -NoProfile -File "$DIR/start-to-ping.ps1"
RUNS=${RUNS:-20} "$HVSH" -Sandbox -NoProfile -File "$DIR/live-ports.ps1"

LABS=${LABS:-5}
probe=""; whole=""
i=0
while [ "$i" -lt "$LABS" ]; do
    start=$(date +%s%N)
    line=$("$HVSH" -Sandbox -NoProfile -File "$DIR/lab-to-probe.ps1" | grep '^probe-ticks')
    end=$(date +%s%N)
    ticks=$(echo "$line" | awk '{print $2}')
    # .NET ticks (100 ns since 0001-01-01 UTC) to Unix nanoseconds.
    at=$(( (ticks - 621355968000000000) * 100 ))
    probe="$probe $(( (at - start) / 1000000 ))"
    whole="$whole $(( (end - start) / 1000000 ))"
    i=$((i + 1))
done
median() { echo "$@" | tr ' ' '\n' | grep -v '^$' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "lab-to-probe runs=$LABS median_ms=$(median $probe) all_ms=$probe"
echo "lab-whole-run runs=$LABS median_ms=$(median $whole) all_ms=$whole"
