#!/usr/bin/env python3
"""What a real guest costs on each engine (run as root; release build of hvsh):

  1. QEMU engine: `Start-VM` of a Generation 1 VM whose DVD holds the test guest ISO, to the guest's first own
     console line (`hvsh-guest: up`), timed inside hvsh around Start-VM (Get-VMConsole polled every 10 ms);
  2. plain QEMU: the same ISO on the same machine shape (pc, SeaBIOS, 1 vCPU, 256 MiB, DVD on IDE 1:0, std VGA,
     no NIC) started by a `qemu-system-x86_64` command line with the serial port on a pipe, spawn to that line;
  3. memory: at that moment, QEMU's RSS in both cases, and the hvsh worker's RSS beside the engine's QEMU;
  4. native VMM: Start-VM of a VM running hvsh's built-in firmware to its first console line (this machine's KVM
     cannot run a guest kernel, so the two engines have no boot image in common here).

Runs alternate between the cases so a change of machine load hits both; medians are reported.

Usage: bench/guests/bench.py <guest.iso> [runs] [hvsh]   (the ISO: swift run -c release GuestBench make-iso guest.iso)
"""
import os, statistics, subprocess, sys, tempfile, time

ISO = os.path.abspath(sys.argv[1])
RUNS = int(sys.argv[2]) if len(sys.argv) > 2 else 5
HVSH = os.path.abspath(sys.argv[3] if len(sys.argv) > 3 else ".build/release/hvsh")
QEMU = "/usr/bin/qemu-system-x86_64"
LINE = b"hvsh-guest: up"


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def children_named(parent_name, child_name):
    """(parent pid, child pid) pairs of running processes."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            with open(f"/proc/{entry}/comm") as f:
                comm = f.read().strip()
        except OSError:
            continue
        if comm.startswith(child_name):
            ppid = int(fields[1])
            try:
                with open(f"/proc/{ppid}/comm") as f:
                    if f.read().strip().startswith(parent_name):
                        found.append((ppid, int(entry)))
            except OSError:
                pass
    return found


def plain_qemu():
    """ms from spawn to the guest's line; QEMU's RSS then (KiB)."""
    args = [QEMU, "-machine", "pc,accel=tcg", "-cpu", "max", "-smp", "1", "-m", "256M", "-nodefaults", "-no-user-config",
            "-display", "none", "-vga", "std", "-cdrom", ISO, "-boot", "order=d,strict=on", "-serial", "stdio"]
    t0 = time.perf_counter()
    process = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    seen = b""
    while LINE not in seen:
        chunk = process.stdout.read1(4096)
        if not chunk:
            raise SystemExit("plain QEMU ended before the guest's line")
        seen += chunk
    elapsed = (time.perf_counter() - t0) * 1000
    rss = rss_kib(process.pid)
    process.kill()
    process.wait()
    return elapsed, rss


ENGINE_SCRIPT = """
$ErrorActionPreference = 'Stop'
New-VM -Name G -Generation 1 -MemoryStartupBytes 256MB -NoVHD | Out-Null
Get-VMNetworkAdapter -VMName G | Remove-VMNetworkAdapter
Set-VMDvdDrive -VMName G -ControllerNumber 1 -ControllerLocation 0 -Path '{iso}'
$t0 = [DateTime]::Now
Start-VM -Name G 3>$null
while (-not ((Get-VMConsole -VMName G) -match 'hvsh-guest: up')) {{ Start-Sleep -Milliseconds 10 }}
"first-line-ms " + ([DateTime]::Now - $t0).TotalMilliseconds + " " + (Get-VM G).EngineInUse
Start-Sleep -Seconds 2
Stop-VM -Name G -TurnOff
"""

NATIVE_SCRIPT = """
$ErrorActionPreference = 'Stop'
New-VM -Name N -Generation 2 -MemoryStartupBytes 128MB -NoVHD | Out-Null
$t0 = [DateTime]::Now
Start-VM -Name N
while (-not (Get-VMConsole -VMName N)) { Start-Sleep -Milliseconds 1 }
"first-line-ms " + ([DateTime]::Now - $t0).TotalMilliseconds + " " + (Get-VM N).EngineInUse
Stop-VM -Name N -TurnOff
"""


def hvsh(script, measure_memory=False):
    """ms reported by the script; (QEMU RSS, worker RSS) in KiB while the guest runs, when asked."""
    home = tempfile.mkdtemp(prefix="hvsh-guestbench-")
    process = subprocess.Popen([HVSH, "-Sandbox", "-NoProfile", "-Command", script], stdin=subprocess.DEVNULL,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=dict(os.environ, HOME=home))
    result, memory = None, None
    for line in process.stdout:
        text = line.decode().strip()
        if text.startswith("first-line-ms"):
            _, ms, engine = text.split()
            result = (float(ms), engine)
            if measure_memory:
                pairs = children_named("hvsh-worker", "qemu-system")
                if pairs:
                    worker, qemu = pairs[0]
                    memory = (rss_kib(qemu), rss_kib(worker))
    error = process.stderr.read().decode()
    process.wait()
    subprocess.run(["rm", "-rf", home])
    if result is None:
        raise SystemExit(f"hvsh did not report: {error}")
    return result, memory


def main():
    if os.geteuid() != 0:
        raise SystemExit("run as root (hvsh -Sandbox makes namespaces)")
    engine, plain, native, engine_rss, worker_rss, plain_rss = [], [], [], [], [], []
    for run in range(RUNS):
        (ms, name), memory = hvsh(ENGINE_SCRIPT.format(iso=ISO.replace("'", "''")), measure_memory=True)
        assert name == "QEMU", name
        engine.append(ms)
        if memory:
            engine_rss.append(memory[0])
            worker_rss.append(memory[1])
        ms, rss = plain_qemu()
        plain.append(ms)
        plain_rss.append(rss)
        (ms, name), _ = hvsh(NATIVE_SCRIPT)
        assert name == "Native", name
        native.append(ms)
        print(f"run {run + 1}: engine {engine[-1]:.0f} ms, plain QEMU {plain[-1]:.0f} ms, native {native[-1]:.1f} ms", flush=True)
    median = statistics.median
    print(f"load average at the end: {os.getloadavg()[0]:.1f}")
    print(f"QEMU engine, Start-VM to first guest line: median {median(engine):.0f} ms (min {min(engine):.0f}, max {max(engine):.0f})")
    print(f"plain qemu-system-x86_64, spawn to first guest line: median {median(plain):.0f} ms (min {min(plain):.0f}, max {max(plain):.0f})")
    print(f"hvsh's share: {100 * (median(engine) / median(plain) - 1):+.1f} % (target at most +5 %)")
    print(f"native VMM, Start-VM to first console line (built-in firmware): median {median(native):.1f} ms")
    if engine_rss:
        print(f"memory at the guest's first line: engine QEMU RSS {median(engine_rss) / 1024:.1f} MiB + hvsh-worker RSS "
              f"{median(worker_rss) / 1024:.1f} MiB; plain QEMU RSS {median(plain_rss) / 1024:.1f} MiB (guest RAM 256 MiB, touched part included)")


main()
