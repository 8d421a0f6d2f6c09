#!/usr/bin/env python3
"""Reads a virtual disk through dissect.hypervisor (an implementation independent of hvsh and of
QEMU) and writes its whole content to a raw file. Usage: dissect_read.py vhdx|vhd DISK OUT.

Reads go block by block from block-aligned offsets: dissect's differencing reader handles a read
that crosses a block boundary only when it starts at one."""
import sys
from pathlib import Path

from dissect.hypervisor.disk.vhd import VHD
from dissect.hypervisor.disk.vhdx import VHDX

kind, disk, out = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
if kind == "vhdx":
    image = VHDX(disk)
    step = image.block_size
else:
    image = VHD(disk.open("rb"))
    step = 1 << 20
with open(out, "wb") as output:
    offset = 0
    while offset < image.size:
        count = min(step, image.size - offset)
        image.seek(offset)
        data = image.read(count)
        if len(data) != count:
            sys.exit(f"short read at {offset}: {len(data)} of {count}")
        output.write(data)
        offset += count
print(f"size {image.size}")
