#!/usr/bin/env bash
# Hyper-V module benchmarks (release build). Prints wall-clock milliseconds, median of the runs.
#   bench/hyperv/run.sh            # builds hvsh in release, runs in a fresh temp $HVSH_HOME
set -euo pipefail
cd "$(dirname "$0")/../.."
swift build -c release --product hvsh >/dev/null
HVSH="$(swift build -c release --show-bin-path)/hvsh"
export HVSH_HOME="$(mktemp -d /tmp/hvsh-bench.XXXXXX)"
trap 'rm -rf "$HVSH_HOME"' EXIT

ms() { local start end; start=$(date +%s%N); "$@" >/dev/null; end=$(date +%s%N); echo $(( (end - start) / 1000000 )); }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

create=$(ms "$HVSH" -File bench/hyperv/new-vm-1000.ps1)
count=$(ls "$HVSH_HOME/Virtual Machines" | wc -l)
echo "New-VM x 1000 (one hvsh -File, process start included): ${create} ms  [$count configs]"

startup=$(for i in 1 2 3 4 5 6 7; do ms "$HVSH" -c 'exit'; done | median)
table=$(for i in 1 2 3 4 5 6 7; do ms "$HVSH" -File bench/hyperv/get-vm-table.ps1; done | median)
echo "Get-VM | Format-Table over $count VMs (fresh process, median of 7): ${table} ms; hvsh -c exit alone: ${startup} ms"
