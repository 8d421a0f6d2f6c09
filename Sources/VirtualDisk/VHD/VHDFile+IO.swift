/// Reads and writes of a VHD's data: fixed disks directly, dynamic and differencing disks through
/// the BAT, with sector bitmaps (most significant bit first) deciding child or parent for
/// differencing blocks.
extension VHDFile {
    func map(offset: UInt64, length: Int, _ visit: (Piece) throws(DiskError) -> Void) throws(DiskError) {
        guard footer.diskType != VHDFooter.fixed else { return try visit(.data(fileOffset: offset, length: length)) }
        let blockSize = UInt64(self.blockSize)
        let differencing = footer.diskType == VHDFooter.differencing
        var offset = offset, remaining = length
        while remaining > 0 {
            let block = Int(offset / blockSize), inBlock = offset % blockSize
            let n = Int(min(UInt64(remaining), blockSize - inBlock))
            let entry = bat[block]
            if entry == Self.unallocated {
                try visit(differencing ? .parent(length: n) : .zero(length: n))
            } else {
                let base = UInt64(entry) * 512 + bitmapSize
                if differencing {
                    try mapDifferencing(block: block, base: base, inBlock: inBlock, length: n, visit)
                } else {
                    // Dynamic disks: an allocated block holds all its sectors (blocks are zeroed
                    // when allocated), which is how QEMU and Hyper-V read them too.
                    try visit(.data(fileOffset: base + inBlock, length: n))
                }
            }
            offset += UInt64(n)
            remaining -= n
        }
    }

    private func mapDifferencing(block: Int, base: UInt64, inBlock: UInt64, length: Int,
                                 _ visit: (Piece) throws(DiskError) -> Void) throws(DiskError) {
        let bitmap = try loadBitmap(block: block)
        func present(_ position: UInt64) -> Bool {
            let sector = Int(position / 512)
            return bitmap[sector >> 3] & (0x80 >> UInt8(sector & 7)) != 0
        }
        var position = inBlock
        let end = inBlock + UInt64(length)
        while position < end {
            let here = present(position)
            var runEnd = min(end, (position / 512 + 1) * 512)
            while runEnd < end && present(runEnd) == here { runEnd = min(end, runEnd + 512) }
            let n = Int(runEnd - position)
            try visit(here ? .data(fileOffset: base + position, length: n) : .parent(length: n))
            position = runEnd
        }
    }

    private func loadBitmap(block: Int) throws(DiskError) -> [UInt8] {
        if let cached = bitmapLock.withLock({ bitmaps[block] }) { return cached }
        let bitmap = try file.read(at: UInt64(bat[block]) * 512, count: Int(bitmapSize))
        bitmapLock.withLock { if bitmaps[block] == nil { bitmaps[block] = bitmap } }
        return bitmap
    }

    func write(_ buffer: UnsafeRawBufferPointer, at offset: UInt64) throws(DiskError) {
        guard footer.diskType != VHDFooter.fixed else { return try file.write(buffer, at: offset) }
        let blockSize = UInt64(self.blockSize)
        let differencing = footer.diskType == VHDFooter.differencing
        var done = 0
        while done < buffer.count {
            let position = offset + UInt64(done)
            let block = Int(position / blockSize), inBlock = position % blockSize
            let n = Int(min(UInt64(buffer.count - done), blockSize - inBlock))
            let piece = UnsafeRawBufferPointer(rebasing: buffer[done..<(done + n)])
            if bat[block] == Self.unallocated {
                try allocate(block: block, markingAll: !differencing || UInt64(n) == blockSize)
            }
            try file.write(piece, at: UInt64(bat[block]) * 512 + bitmapSize + inBlock)
            if differencing { try markPresent(block: block, inBlock: inBlock, length: UInt64(n)) }
            done += n
        }
    }

    /// Sets the bitmap bits of whole sectors and writes the bytes that changed.
    private func markPresent(block: Int, inBlock: UInt64, length: UInt64) throws(DiskError) {
        if bitmaps[block] == nil { _ = try loadBitmap(block: block) }
        let first = Int(inBlock / 512), last = Int((inBlock + length) / 512)
        var changed = false
        for sector in first..<last where bitmaps[block]![sector >> 3] & (0x80 >> UInt8(sector & 7)) == 0 {
            bitmaps[block]![sector >> 3] |= 0x80 >> UInt8(sector & 7)
            changed = true
        }
        guard changed else { return }
        let from = first >> 3, to = ((last - 1) >> 3) + 1
        try file.write(Array(bitmaps[block]![from..<to]), at: UInt64(bat[block]) * 512 + UInt64(from))
    }

    /// A new block where the footer was: its data starts on a 4 KiB boundary (the bitmap just
    /// before it), the footer moves behind it, and only then does the BAT point at it.
    private func allocate(block: Int, markingAll: Bool) throws(DiskError) {
        let blockSize = UInt64(self.blockSize)
        let bitmapStart = roundUp(footerOffset + bitmapSize, to: 4096) - bitmapSize
        let newFooter = bitmapStart + bitmapSize + blockSize
        guard bitmapStart / 512 < UInt64(Self.unallocated) else {
            throw DiskError(.invalidArgument, file.path, "The file '\(file.path)' cannot grow further: VHD block offsets are 32-bit sector numbers.")
        }
        try file.truncate(to: newFooter + UInt64(VHDFooter.size))
        try file.write(footer.encoded(), at: newFooter)
        if bitmapStart > footerOffset {
            try file.writeZeros(at: footerOffset, count: min(bitmapStart - footerOffset, UInt64(VHDFooter.size)))
        }
        let bitmap = [UInt8](repeating: markingAll ? 0xFF : 0, count: Int(bitmapSize))
        try file.write(bitmap, at: bitmapStart)
        try file.dataSync()
        bitmaps[block] = bitmap
        footerOffset = newFooter
        bat[block] = UInt32(bitmapStart / 512)
        var entry = [UInt8](repeating: 0, count: 4)
        entry.putBE32(bat[block], at: 0)
        try file.write(entry, at: dynamicHeader!.tableOffset + UInt64(block) * 4)
    }
}
