#!/usr/bin/env bash
# bench/disk: reads and writes through hvsh's VHDX code (VirtualDisk, release build) against
# `qemu-img bench` on the same kind of file (a 1 GiB dynamic VHDX with 32 MiB blocks, made by
# qemu-img create for both), with the same buffer sizes, counts, start offset and step, in the same
# run, rows alternating between the two. Page cache on both sides (qemu-img bench -t writeback;
# VirtualDisk uses buffered pread/pwrite), no flushes inside the timed part. qemu-img bench keeps 64
# requests in flight on its thread pool (its default); DiskBench keeps one per CPU (THREADS, default
# the number of CPUs) on as many threads.
# "Strided" rows jump a prime number of buffers per request, modulo the disk (qemu-img bench has no
# random mode; this visits every buffer-sized slot of the disk once, in scattered order).
# Usage: bench/disk/run.sh [rounds]   (median of the rounds per row)
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v qemu-img >/dev/null || { echo "needs qemu-img (Debian package qemu-utils)"; exit 1; }
swift build -c release --product DiskBench >/dev/null
BENCH=.build/release/DiskBench
ROUNDS=${1:-3}
THREADS=${THREADS:-$(nproc)}
DIR=$(mktemp -d /var/tmp/hvsh-diskbench.XXXXXX)   # on the disk, not a tmpfs
trap 'rm -rf "$DIR"' EXIT
SIZE=$((1 << 30))
K4=4096; M1=$((1 << 20))
STRIDE4K=$((104729 * K4)); STRIDE1M=$((619 * M1))

fresh() { rm -f "$1"; qemu-img create -q -f vhdx -o subformat=dynamic,block_size=32M "$1" $SIZE; }

# qemu_run FILE read|write BUF COUNT STEP -> seconds
qemu_run() {
  local w=""; [ "$2" = write ] && w="-w"
  sync
  qemu-img bench -f vhdx -t writeback $w -s "$3" -c "$4" -S "$5" "$1" | sed -n 's/^Run completed in \([0-9.]*\) seconds.*/\1/p'
}
hvsh_run() { sync; "$BENCH" "$1" "$2" "$3" "$4" "$5" "$THREADS"; }

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# row NAME MODE BUF COUNT STEP PREPARE(fresh|filled)
declare -a ROWS
row() {
  local name=$1 mode=$2 buf=$3 count=$4 step=$5 prep=$6 q=() h=()
  for _ in $(seq "$ROUNDS"); do
    for tool in qemu hvsh; do
      local f="$DIR/$tool.vhdx"
      if [ "$prep" = fresh ]; then fresh "$f"; fi
      if [ $tool = qemu ]; then q+=("$(qemu_run "$f" "$mode" "$buf" "$count" "$step")"); else h+=("$(hvsh_run "$f" "$mode" "$buf" "$count" "$step")"); fi
    done
  done
  local qs hs bytes
  qs=$(median "${q[@]}"); hs=$(median "${h[@]}"); bytes=$((buf * count))
  printf '| %s | %.0f MiB/s (%.3f s) | %.0f MiB/s (%.3f s) | %.2f× |\n' "$name" \
    "$(echo "$bytes / 1048576 / $hs" | bc -l)" "$hs" "$(echo "$bytes / 1048576 / $qs" | bc -l)" "$qs" "$(echo "$qs / $hs" | bc -l)"
}

echo "| row (1 GiB dynamic VHDX, 32 MiB blocks) | hvsh VirtualDisk | qemu-img bench | hvsh speed-up |"
echo "|---|---|---|---|"
row "sequential write 4 KiB × 262144 (fresh disk)" write $K4 262144 $K4 fresh
row "strided write 4 KiB × 262144 (fresh disk)" write $K4 262144 $STRIDE4K fresh
row "sequential write 1 MiB × 4096 (fresh disk, 4 passes)" write $M1 4096 $M1 fresh
row "strided write 1 MiB × 4096 (fresh disk, 4 passes)" write $M1 4096 $STRIDE1M fresh
# The read rows read the disk the last write row filled completely.
row "sequential read 4 KiB × 262144" read $K4 262144 $K4 filled
row "strided read 4 KiB × 262144" read $K4 262144 $STRIDE4K filled
row "sequential read 1 MiB × 4096 (4 passes)" read $M1 4096 $M1 filled
row "strided read 1 MiB × 4096 (4 passes)" read $M1 4096 $STRIDE1M filled
