#!/usr/bin/env bash
# hvsh startup benchmark: release build, median wall time of
#   1. hvsh -NoProfile -Command 'exit'
#   2. hvsh -NoProfile -File twenty-lines.ps1   (a 20-line lab-style script)
# and the resident memory of an idle REPL (started on a tmux pseudo-terminal, read from /proc).
# Usage: bench/startup/run.sh [runs]      (default 200 runs each)
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS="${1:-200}"
swift build -c release --product hvsh >/dev/null
HVSH="$(swift build -c release --show-bin-path)/hvsh"
SCRATCH="$(mktemp -d /tmp/hvsh-bench-XXXXXX)"
trap 'tmux -L "hvsh-bench-$$" kill-server 2>/dev/null || true; rm -rf "$SCRATCH"' EXIT
export HOME="$SCRATCH" HVSH_HOME="$SCRATCH/state" NO_COLOR=1

python3 - "$HVSH" "$RUNS" "bench/startup/twenty-lines.ps1" <<'PY'
import os, resource, statistics, subprocess, sys, time
hvsh, runs, script = sys.argv[1], int(sys.argv[2]), sys.argv[3]
def measure(args):
    for _ in range(10):   # warm the page cache
        subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    times, cpu = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        done = subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append((time.perf_counter() - start) * 1000)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        # CPU time of the child (user + system): unlike wall time, not inflated by other load.
        cpu.append((after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000)
        if done.returncode != 0:
            sys.exit(f"{args} exited with {done.returncode}")
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.9)], times[0], statistics.median(cpu)
for label, args in [("-Command 'exit'", [hvsh, "-NoProfile", "-Command", "exit"]),
                    ("-File twenty-lines.ps1", [hvsh, "-NoProfile", "-File", script])]:
    median, p90, best, cpu = measure(args)
    print(f"{label:24} wall median {median:6.2f} ms  p90 {p90:6.2f}  min {best:6.2f}   CPU median {cpu:5.2f} ms  ({runs} runs)")
print(f"load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
PY

# Idle REPL memory: start it on a pseudo-terminal, wait for the prompt, read VmRSS.
tmux -L "hvsh-bench-$$" -f /dev/null new-session -d -x 120 -y 30 "$HVSH -NoProfile -NoLogo"
for _ in $(seq 100); do
  tmux -L "hvsh-bench-$$" capture-pane -p | grep -q '^PS ' && break
  sleep 0.05
done
PID="$(tmux -L "hvsh-bench-$$" list-panes -F '#{pane_pid}')"
sleep 0.5
echo "idle REPL                    $(grep VmRSS /proc/"$PID"/status | awk '{printf "%.1f MB RSS", $2/1024}')"
