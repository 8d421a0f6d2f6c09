#!/usr/bin/env bash
# bench/disk: reads and writes through hvsh's VHDX code (VirtualDisk, release build) against
# `qemu-img bench` on the same kind of file (a 1 GiB dynamic VHDX with 32 MiB blocks, made by
# qemu-img create for both), with the same buffer sizes, counts, start offset and step, in the same
# run, the two alternating row by row. Page cache on both sides (qemu-img bench -t writeback;
# VirtualDisk uses buffered pread/pwrite), no flushes inside the timed part. Both submit alike: a
# main thread keeps 64 requests in flight (qemu-img bench's default depth) and a pool of threads
# serves them (qemu's thread pool; DiskBench's own pool calling DiskImage).
# "Strided" rows jump a prime number of buffers per request, modulo the disk (qemu-img bench has no
# random mode; this visits every buffer-sized slot of the disk, in scattered order).
# Each row shows the median over the rounds of: throughput of the timed requests (wall clock, as
# qemu-img bench reports it) and the whole process's CPU time (user + system, from /usr/bin/time),
# which a loaded machine disturbs much less than wall time.
# Usage: bench/disk/run.sh [rounds]
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v qemu-img >/dev/null || { echo "needs qemu-img (Debian package qemu-utils)"; exit 1; }
swift build -c release --product DiskBench >/dev/null
BENCH=.build/release/DiskBench
ROUNDS=${1:-3}
DEPTH=64
DIR=$(mktemp -d /var/tmp/hvsh-diskbench.XXXXXX)   # on the disk, not a tmpfs
trap 'rm -rf "$DIR"' EXIT
SIZE=$((1 << 30))
K4=4096; M1=$((1 << 20))
STRIDE4K=$((104729 * K4)); STRIDE1M=$((619 * M1))

fresh() { rm -f "$1"; qemu-img create -q -f vhdx -o subformat=dynamic,block_size=32M "$1" $SIZE; }

# Each prints "<timed seconds> <cpu seconds>".
qemu_run() {
  local w=""; [ "$2" = write ] && w="-w"
  sync
  /usr/bin/time -f "cpu %U %S" -o "$DIR/time" qemu-img bench -f vhdx -t writeback -d "$DEPTH" $w -s "$3" -c "$4" -S "$5" "$1" > "$DIR/out"
  echo "$(sed -n 's/^Run completed in \([0-9.]*\) seconds.*/\1/p' "$DIR/out") $(awk '/^cpu/ {print $2 + $3}' "$DIR/time")"
}
hvsh_run() {
  sync
  /usr/bin/time -f "cpu %U %S" -o "$DIR/time" "$BENCH" "$1" "$2" "$3" "$4" "$5" "$DEPTH" > "$DIR/out"
  echo "$(cat "$DIR/out") $(awk '/^cpu/ {print $2 + $3}' "$DIR/time")"
}

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

row() {
  local name=$1 mode=$2 buf=$3 count=$4 step=$5 prep=$6 qw=() qc=() hw=() hc=() r
  for _ in $(seq "$ROUNDS"); do
    for tool in qemu hvsh; do
      local f="$DIR/$tool.vhdx"
      if [ "$prep" = fresh ]; then fresh "$f"; fi
      if [ $tool = qemu ]; then r=$(qemu_run "$f" "$mode" "$buf" "$count" "$step"); qw+=("${r% *}"); qc+=("${r#* }")
      else r=$(hvsh_run "$f" "$mode" "$buf" "$count" "$step"); hw+=("${r% *}"); hc+=("${r#* }"); fi
    done
  done
  local q h mib
  q=$(median "${qw[@]}"); h=$(median "${hw[@]}"); mib=$(echo "$buf * $count / 1048576" | bc -l)
  printf '| %s | %.0f MiB/s, %.2f s CPU | %.0f MiB/s, %.2f s CPU | %.2f× |\n' "$name" \
    "$(echo "$mib / $h" | bc -l)" "$(median "${hc[@]}")" "$(echo "$mib / $q" | bc -l)" "$(median "${qc[@]}")" "$(echo "$q / $h" | bc -l)"
}

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg), rounds $ROUNDS, depth $DEPTH, $(nproc) CPUs"
echo "| row (1 GiB dynamic VHDX, 32 MiB blocks) | hvsh VirtualDisk | qemu-img bench | hvsh speed (wall) |"
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
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
