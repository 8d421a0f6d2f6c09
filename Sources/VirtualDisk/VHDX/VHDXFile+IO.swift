/// Reads and writes of a VHDX file's payload: BAT lookups, sector bitmaps of differencing disks,
/// and block allocation at the end of the file.
extension VHDXFile {
    func map(offset: UInt64, length: Int, _ visit: (Piece) throws(DiskError) -> Void) throws(DiskError) {
        let blockSize = UInt64(metadata.blockSize)
        var offset = offset, remaining = length
        while remaining > 0 {
            let block = offset / blockSize, inBlock = offset % blockSize
            let n = Int(min(UInt64(remaining), blockSize - inBlock))
            let entry = bat[payloadIndex(block)]
            switch entry & 7 {
            case Self.fullyPresent:
                try visit(.data(fileOffset: (entry & Self.offsetMask) + inBlock, length: n))
            case Self.partiallyPresent:
                try mapPartial(block: block, base: entry & Self.offsetMask, inBlock: inBlock, length: n, visit)
            case Self.notPresent:
                try visit(metadata.hasParent ? .parent(length: n) : .zero(length: n))
            default:
                // Undefined, zero and unmapped blocks read as zeros (the specification allows it for
                // all three, and it leaks nothing).
                try visit(.zero(length: n))
            }
            offset += UInt64(n)
            remaining -= n
        }
    }

    /// A partially present block: runs of sectors present here (bit set) or in the parent.
    private func mapPartial(block: UInt64, base: UInt64, inBlock: UInt64, length: Int,
                            _ visit: (Piece) throws(DiskError) -> Void) throws(DiskError) {
        let sector = UInt64(metadata.logicalSectorSize)
        let bitmap = try loadBitmap(chunk: block / chunkRatio)
        let firstSectorOfBlock = (block % chunkRatio) * (UInt64(metadata.blockSize) / sector)
        func present(_ position: UInt64) -> Bool {
            let bit = firstSectorOfBlock + position / sector
            return bitmap[Int(bit >> 3)] & (1 << UInt8(bit & 7)) != 0
        }
        var position = inBlock
        let end = inBlock + UInt64(length)
        while position < end {
            let here = present(position)
            var runEnd = min(end, (position / sector + 1) * sector)
            while runEnd < end && present(runEnd) == here { runEnd = min(end, runEnd + sector) }
            let n = Int(runEnd - position)
            try visit(here ? .data(fileOffset: base + position, length: n) : .parent(length: n))
            position = runEnd
        }
    }

    /// Readers share the disk's lock, so the cache has its own: two readers may fill it at once.
    func loadBitmap(chunk: UInt64) throws(DiskError) -> [UInt8] {
        if let cached = bitmapLock.withLock({ bitmaps[chunk] }) { return cached }
        let entry = bat[bitmapIndex(chunk: chunk)]
        let bitmap = entry & 7 == Self.fullyPresent
            ? try file.read(at: entry & Self.offsetMask, count: Int(VHDXLayout.megabyte))
            : [UInt8](repeating: 0, count: Int(VHDXLayout.megabyte))
        bitmapLock.withLock { if bitmaps[chunk] == nil { bitmaps[chunk] = bitmap } }
        return bitmap
    }

    func write(_ buffer: UnsafeRawBufferPointer, at offset: UInt64) throws(DiskError) {
        try beginDataModification()
        let blockSize = UInt64(metadata.blockSize)
        var done = 0
        while done < buffer.count {
            let position = offset + UInt64(done)
            let block = position / blockSize, inBlock = position % blockSize
            let n = Int(min(UInt64(buffer.count - done), blockSize - inBlock))
            let piece = UnsafeRawBufferPointer(rebasing: buffer[done..<(done + n)])
            let index = payloadIndex(block)
            let entry = bat[index]
            switch entry & 7 {
            case Self.fullyPresent:
                try file.write(piece, at: (entry & Self.offsetMask) + inBlock)
            case Self.partiallyPresent:
                try file.write(piece, at: (entry & Self.offsetMask) + inBlock)
                try markPresent(block: block, inBlock: inBlock, length: UInt64(n))
            case let state:
                // A new block reads as zeros past what is written: right for dynamic and fixed
                // disks and for a differencing block that was zero, undefined or unmapped. A
                // differencing block that was in the parent records which sectors are here now.
                let base = try allocate(blockSize, stable: false)
                try file.write(piece, at: base + inBlock)
                if metadata.hasParent && state == Self.notPresent && UInt64(n) < blockSize {
                    try markPresent(block: block, inBlock: inBlock, length: UInt64(n))
                    deferEntry(index, base | Self.partiallyPresent)
                } else {
                    deferEntry(index, base | Self.fullyPresent)
                }
            }
            done += n
        }
    }

    /// Sets the sector bitmap bits of `length` bytes at `inBlock` of `block` (whole sectors).
    func markPresent(block: UInt64, inBlock: UInt64, length: UInt64) throws(DiskError) {
        let sector = UInt64(metadata.logicalSectorSize)
        let chunk = block / chunkRatio
        if bitmaps[chunk] == nil { _ = try loadBitmap(chunk: chunk) }
        let bitmapEntryIndex = bitmapIndex(chunk: chunk)
        if bat[bitmapEntryIndex] & 7 != Self.fullyPresent {
            let base = try allocate(VHDXLayout.megabyte, stable: false)
            deferEntry(bitmapEntryIndex, base | Self.fullyPresent)
        }
        let first = (block % chunkRatio) * (UInt64(metadata.blockSize) / sector) + inBlock / sector
        let last = first + length / sector
        // Changed in place: a copy of the cached megabyte per write would cost more than the write.
        for bit in first..<last { bitmaps[chunk]![Int(bit >> 3)] |= 1 << UInt8(bit & 7) }
        let from = Int(first >> 3), to = Int((last - 1) >> 3) + 1
        try file.write(Array(bitmaps[chunk]![from..<to]), at: (bat[bitmapEntryIndex] & Self.offsetMask) + UInt64(from))
    }

    /// Space for a block at the end of the file. A stable allocation makes the new size durable
    /// before a BAT entry can point into it (a crash leaves unused space, never an entry past the
    /// end); the I/O path gets the same guarantee from `flush`, which writes its BAT entries only
    /// after the data and size are stable.
    func allocate(_ size: UInt64, stable: Bool = true) throws(DiskError) -> UInt64 {
        let offset = fileEnd
        fileEnd += roundUp(size, to: VHDXLayout.megabyte)
        try file.truncate(to: fileEnd)
        if stable { try file.dataSync() }
        return offset
    }

    func setEntry(_ index: Int, _ value: UInt64) throws(DiskError) {
        bat[index] = value
        var bytes = [UInt8](repeating: 0, count: 8)
        bytes.putLE64(value, at: 0)
        try file.write(bytes, at: batOffset + UInt64(index) * 8)
    }

    /// A BAT change of the I/O path: in memory now (reads see it), in the file at the next flush.
    /// Until a guest flushes, a crash may lose its writes; it can never leave an entry pointing
    /// past the end of the file, and no flush per allocated block is needed.
    func deferEntry(_ index: Int, _ value: UInt64) {
        bat[index] = value
        pendingEntries.insert(index)
    }

    /// Data and size stable first, then the BAT sectors that changed, then those stable too.
    func flushDeferredEntries() throws(DiskError) {
        guard !pendingEntries.isEmpty else { return }
        try file.dataSync()
        let perSector = VHDXLog.sectorSize / 8
        for sector in Set(pendingEntries.map { $0 / perSector }).sorted() {
            let first = sector * perSector, last = min(bat.count, first + perSector)
            var bytes = [UInt8](repeating: 0, count: (last - first) * 8)
            for index in first..<last { bytes.putLE64(bat[index], at: (index - first) * 8) }
            try file.write(bytes, at: batOffset + UInt64(first) * 8)
        }
        pendingEntries.removeAll()
    }
}
