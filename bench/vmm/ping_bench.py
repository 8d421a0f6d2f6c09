#!/usr/bin/env python3
"""Worker start to the first ping the built-in firmware answers (run as root; needs iproute2).

A network namespace is made with a persistent tap (192.168.77.1/24, up) that each worker attaches to; a
thread inside the namespace pings 192.168.77.2 every millisecond from the moment the worker is spawned and
stops at the first echo reply. Median over many runs. Everything is removed afterwards.

Usage: bench/vmm/ping_bench.py [path to hvsh-worker]   (RUNS=30 by default)
"""
import ctypes, os, socket, statistics, struct, subprocess, sys, tempfile, threading, time

WORKER = sys.argv[1] if len(sys.argv) > 1 else ".build/release/hvsh-worker"
NS = f"hvsh-pingbench-{os.getpid()}"
ROOT = tempfile.mkdtemp(prefix="hvsh-pingbench-")
libc = ctypes.CDLL(None, use_errno=True)


def checksum(data):
    if len(data) % 2:
        data += b"\0"
    total = sum(struct.unpack(f"!{len(data) // 2}H", data))
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return ~total & 0xFFFF


def first_reply(sequence_base, started, result):
    fd = os.open(f"/run/netns/{NS}", os.O_RDONLY)
    libc.setns(fd, 0x40000000)  # CLONE_NEWNET, this thread only
    os.close(fd)
    s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
    s.settimeout(0.001)
    for n in range(20000):
        seq = (sequence_base + n) & 0xFFFF
        header = struct.pack("!BBHHH", 8, 0, 0, 0x4856, seq)
        packet = struct.pack("!BBHHH", 8, 0, checksum(header + b"bench"), 0x4856, seq) + b"bench"
        s.sendto(packet, ("192.168.77.2", 0))
        try:
            while True:
                data = s.recv(1500)
                ihl = (data[0] & 0x0F) * 4
                if data[ihl] == 0 and struct.unpack("!H", data[ihl + 4:ihl + 6])[0] == 0x4856:
                    result.append(time.perf_counter_ns() - started)
                    return
        except socket.timeout:
            pass


def main():
    subprocess.run(["ip", "netns", "add", NS], check=True)
    try:
        ns = ["ip", "netns", "exec", NS]
        subprocess.run(ns + ["ip", "tuntap", "add", "dev", "hvb0", "mode", "tap"], check=True)
        subprocess.run(ns + ["ip", "addr", "add", "192.168.77.1/24", "dev", "hvb0"], check=True)
        subprocess.run(ns + ["ip", "link", "set", "hvb0", "up"], check=True)
        runs = int(os.environ.get("RUNS", "30"))
        times = []
        for i in range(runs):
            d = os.path.join(ROOT, f"vm{i}")
            os.makedirs(d)
            with open(os.path.join(d, "vm.conf"), "w") as f:
                f.write(f"name=ping\nvcpus=1\nmemory={128 << 20}\nruntime={d}\nboot=firmware\n"
                        f"cmdline=ip=192.168.77.2::192.168.77.1:24\nmac=00:15:5d:77:00:02\ntap=hvb0\n"
                        f"netns=/run/netns/{NS}\n")
            result = []
            started = time.perf_counter_ns()
            pinger = threading.Thread(target=first_reply, args=(i * 1000, started, result))
            pinger.start()
            subprocess.Popen([WORKER, d], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL).wait()
            pinger.join()
            while not os.path.exists(os.path.join(d, "control.sock")):
                time.sleep(0.001)
            s = socket.socket(socket.AF_UNIX)
            s.connect(os.path.join(d, "control.sock"))
            s.sendall(b"turn-off\n")
            s.recv(100)
            s.close()
            pid = int(open(os.path.join(d, "worker.pid")).read()) if os.path.exists(os.path.join(d, "worker.pid")) else None
            while pid and os.path.exists(f"/proc/{pid}") and open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()[0] != "Z":
                time.sleep(0.001)
            if result:
                times.append(result[0] / 1e6)
        times.sort()
        print(f"worker start to first answered ping: median {statistics.median(times):.1f} ms, "
              f"min {times[0]:.1f} ms, p90 {times[int(len(times) * 0.9)]:.1f} ms ({len(times)}/{runs} answered)")
    finally:
        subprocess.run(["ip", "netns", "del", NS])
        subprocess.run(["rm", "-rf", ROOT])


if __name__ == "__main__":
    main()
