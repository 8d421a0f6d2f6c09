#!/bin/sh
# Hyper-V module benchmarks, release build.
#   bench/hyperv/run.sh
# In-process figures come from HyperVTests.HyperVBenchmarkTests in a release build: the scripts run
# through a ShellSession (parser, binder, cmdlets, inventory with fsync, formatter) in a fresh temp
# $HVSH_HOME under /tmp; process start-up is not included. If the hvsh executable ships the
# Hyper-V module, the same scripts are also timed as whole `hvsh -File` processes.
set -eu
cd "$(dirname "$0")/../.."
swift build -c release --build-tests -Xswiftc -enable-testing >/dev/null
OUT=$(mktemp)
HVSH_BENCH=1 HVSH_BENCH_OUT="$OUT" swift test -c release -Xswiftc -enable-testing --skip-build --filter HyperVBenchmarkTests >/dev/null 2>&1 || true
cat "$OUT"; rm -f "$OUT"

HVSH="$(swift build -c release --show-bin-path)/hvsh"
if [ -x "$HVSH" ] && "$HVSH" -c 'Get-Command Get-VM' >/dev/null 2>&1; then
    HVSH_HOME=$(mktemp -d /tmp/hvsh-bench.XXXXXX); export HVSH_HOME
    ms() { s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
    echo "hvsh -File new-vm-1000.ps1 (whole process): $(ms "$HVSH" -File bench/hyperv/new-vm-1000.ps1) ms"
    best=""
    for _ in 1 2 3 4 5; do
        t=$(ms "$HVSH" -File bench/hyperv/get-vm-table.ps1)
        if [ -z "$best" ] || [ "$t" -lt "$best" ]; then best=$t; fi
    done
    echo "hvsh -File get-vm-table.ps1 over 1000 VMs (whole process, best of 5): $best ms; hvsh -c exit: $(ms "$HVSH" -c exit) ms"
    rm -rf "$HVSH_HOME"
fi
