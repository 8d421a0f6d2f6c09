/// Resize-VHD: grow any disk; shrink a VHDX (never below the end of its last partition). The VHD
/// format has no shrink in Hyper-V either.
extension DiskFiles {
    @discardableResult
    public static func resize(_ path: String, to newSize: UInt64) throws(DiskError) -> DiskInfo {
        let layer = try DiskImage.openLayer(path, writable: true, lock: .exclusive)
        try checkResize(layer, to: newSize) { () throws(DiskError) in
            try PartitionTable.end(of: DiskImage(layers: try DiskImage.openParents(of: layer, lock: .shared), writable: false))
        }
        try layer.resize(to: newSize)
        try layer.flush()
        return try info(path)
    }

    /// Hyper-V's rules for a new size of `info`'s disk (the shell checks an online resize with them before the
    /// VM's worker makes it).
    public static func checkResize(_ info: DiskInfo, to newSize: UInt64) throws(DiskError) {
        try checkResize(path: info.path, format: info.format, type: info.type, size: info.size,
                        logicalSectorSize: info.logicalSectorSize, to: newSize) { info.minimumSize }
    }

    static func checkResize(_ layer: any DiskLayer, to newSize: UInt64, minimum: () throws(DiskError) -> UInt64?) throws(DiskError) {
        try checkResize(path: layer.file.path, format: layer.format, type: layer.type, size: layer.virtualSize,
                        logicalSectorSize: layer.logicalSectorSize, to: newSize, minimum: minimum)
    }

    /// `minimum` (the end of the last partition) is asked only for a shrink.
    static func checkResize(path: String, format: DiskFormat, type: DiskType, size oldSize: UInt64, logicalSectorSize: UInt32,
                            to newSize: UInt64, minimum: () throws(DiskError) -> UInt64?) throws(DiskError) {
        func fail(_ message: String) -> DiskError { DiskError(.invalidArgument, path, message) }
        guard newSize > 0, newSize % UInt64(logicalSectorSize) == 0 else {
            throw fail("The size of a virtual hard disk must be a positive multiple of the \(logicalSectorSize)-byte logical sector size; \(newSize) was given.")
        }
        // Hyper-V's rule (ResizeVirtualHardDisk): differencing VHDX files resize, differencing VHDs do not.
        if format == .vhd && type == .differencing && newSize != oldSize {
            throw DiskError(.unsupported, path, "A differencing VHD cannot be resized; only differencing VHDX files can.")
        }
        if newSize < oldSize {
            guard format == .vhdx else { throw DiskError(.unsupported, path, "A VHD cannot be shrunk; only VHDX files can.") }
            if let minimum = try minimum(), newSize < minimum {
                throw fail("The size \(newSize) is smaller than the minimum size \(minimum) of '\(path)' (the end of its last partition).")
            }
        }
        if format == .vhdx, newSize > VHDXLayout.maximumDiskSize {
            throw fail("A VHDX can hold at most 64 TB; \(newSize) bytes were given.")
        }
        if format == .vhd, newSize > VHDFooter.maximumSize {
            throw fail("A VHD can hold at most 2040 GB; \(newSize) bytes were given.")
        }
    }
}

extension DiskImage {
    /// Online resize (a running VM's disk): the open leaf VHDX grows, or shrinks no further than the end of
    /// its last partition, while readers and writers wait on the image's lock. Hyper-V resizes only VHDX
    /// files online, and only those that are not differencing disks.
    public func resize(to newSize: UInt64) throws(DiskError) {
        let top = layers[0]
        guard isWritable else { throw DiskError(.readOnly, path, "The virtual disk '\(path)' is open read-only.") }
        guard top.format == .vhdx else {
            throw DiskError(.unsupported, path, "A VHD cannot be resized while it is in use; only VHDX files can be resized online.")
        }
        guard top.type != .differencing else {
            throw DiskError(.unsupported, path, "A differencing disk cannot be resized while it is in use.")
        }
        // The partition table is read before the lock is taken (reads take it too).
        try DiskFiles.checkResize(top, to: newSize) { () throws(DiskError) in try PartitionTable.end(of: self) }
        try lock.writing { () throws(DiskError) in
            try top.resize(to: newSize)
            try top.flush()
        }
    }
}

extension DiskLayer {
    func resize(to newSize: UInt64) throws(DiskError) {
        guard newSize != virtualSize else { return }
        if let vhdx = self as? VHDXFile { try vhdx.resize(to: newSize) }
        if let vhd = self as? VHDFile { try vhd.grow(to: newSize) }
    }
}

extension DiskLayer {
    /// Before growing: the old last block's bytes past the old end must read as zeros once they
    /// are inside the disk (a shrink may have left data there).
    func zeroTail(from oldSize: UInt64, upTo newSize: UInt64, blockSize: UInt64) throws(DiskError) {
        guard blockSize > 0, oldSize % blockSize != 0 else { return }
        let end = min(roundUp(oldSize, to: blockSize), newSize)
        var present = false
        try map(offset: oldSize - 1, length: 1) { (piece) throws(DiskError) in if case .data = piece { present = true } }
        guard present else { return }
        let zeros = [UInt8](repeating: 0, count: Int(end - oldSize))
        try zeros.withBuffer { (buffer) throws(DiskError) in try write(buffer, at: oldSize) }
    }
}

extension VHDXFile {
    func resize(to newSize: UInt64) throws(DiskError) {
        try beginDataModification()
        let oldSize = metadata.virtualDiskSize
        let block = UInt64(metadata.blockSize)
        let entries = Int(Self.batEntryCount(size: newSize, blockSize: metadata.blockSize,
                                             logicalSectorSize: metadata.logicalSectorSize, differencing: metadata.hasParent))
        if newSize > oldSize {
            try zeroTail(from: oldSize, upTo: newSize, blockSize: block)
            if UInt64(entries) * 8 > batLength { try relocateBAT(entries: entries) }
            if bat.count < entries { bat += [UInt64](repeating: 0, count: entries - bat.count) }
            if type == .fixed {
                // Fixed disks stay fully allocated: the new blocks, contiguous, zeroed.
                let oldBlocks = divideRoundingUp(oldSize, block), newBlocks = divideRoundingUp(newSize, block)
                if newBlocks > oldBlocks {
                    let start = try allocate((newBlocks - oldBlocks) * block)
                    try file.preallocate(offset: start, length: (newBlocks - oldBlocks) * block)
                    for (i, index) in (oldBlocks..<newBlocks).enumerated() {
                        try setEntry(payloadIndex(index), (start + UInt64(i) * block) | Self.fullyPresent)
                    }
                }
            }
            try file.sync()
            try setVirtualSize(newSize)
        } else {
            try setVirtualSize(newSize)
            // Blocks wholly past the new end are dropped; so are sector bitmaps of chunks past it.
            let keepBlocks = divideRoundingUp(newSize, block)
            for index in entries..<bat.count where bat[index] & 7 != Self.notPresent { try setEntry(index, Self.notPresent) }
            for blockIndex in keepBlocks..<divideRoundingUp(oldSize, block) {
                let index = payloadIndex(blockIndex)
                if index < entries, bat[index] & 7 != Self.notPresent { try setEntry(index, Self.notPresent) }
            }
            bat.removeLast(bat.count - entries)
            bitmaps = [:]
            try file.sync()
            try trimFile()
        }
    }

    private func setVirtualSize(_ size: UInt64) throws(DiskError) {
        let old = metadata.encoded(regionLength: Int(metadataLength))
        metadata.virtualDiskSize = size
        try commitThroughLog(replacing: old, with: metadata.encoded(regionLength: Int(metadataLength)), at: metadataOffset)
    }

    /// A BAT too small for the new size moves to the end of the file; the region tables, which
    /// say where it is, change through the log.
    private func relocateBAT(entries: Int) throws(DiskError) {
        let length = roundUp(UInt64(entries) * 8, to: VHDXLayout.megabyte)
        let offset = try allocate(length)
        var bytes = [UInt8](repeating: 0, count: Int(length))
        for (i, entry) in bat.enumerated() { bytes.putLE64(entry, at: i * 8) }
        try file.write(bytes, at: offset)
        try file.sync()
        var table = regionTable
        let oldTable = table.encoded()
        for i in table.entries.indices where table.entries[i].guid == VHDXLayout.batRegion {
            table.entries[i].fileOffset = offset
            table.entries[i].length = UInt32(length)
        }
        let newTable = table.encoded()
        var sectors: [(UInt64, [UInt8])] = []
        for copy in VHDXLayout.regionTableOffsets {
            for start in stride(from: 0, to: newTable.count, by: VHDXLog.sectorSize)
            where !oldTable[start..<(start + VHDXLog.sectorSize)].elementsEqual(newTable[start..<(start + VHDXLog.sectorSize)]) {
                sectors.append((copy + UInt64(start), Array(newTable[start..<(start + VHDXLog.sectorSize)])))
            }
        }
        try commitThroughLog(sectors)
        regionTable = table
        batOffset = offset
        batLength = length
    }

    /// Cuts the file after its last structure or block.
    func trimFile() throws(DiskError) {
        var end = max(VHDXLayout.megabyte, batOffset + batLength, metadataOffset + UInt64(metadataLength))
        if header.logLength > 0 { end = max(end, header.logOffset + UInt64(header.logLength)) }
        for (index, entry) in bat.enumerated() {
            let state = entry & 7
            let isBitmap = UInt64(index + 1) % (chunkRatio + 1) == 0
            if isBitmap && state == Self.fullyPresent && metadata.hasParent {
                end = max(end, (entry & Self.offsetMask) + VHDXLayout.megabyte)
            } else if !isBitmap && (state == Self.fullyPresent || state == Self.partiallyPresent) {
                end = max(end, (entry & Self.offsetMask) + UInt64(metadata.blockSize))
            }
        }
        end = roundUp(end, to: VHDXLayout.megabyte)
        if try file.size() > end {
            try file.truncate(to: end)
            try file.sync()
        }
        fileEnd = end
    }
}

extension VHDFile {
    func grow(to newSize: UInt64) throws(DiskError) {
        let oldSize = footer.currentSize
        if footer.diskType == VHDFooter.fixed {
            try file.truncate(to: newSize + UInt64(VHDFooter.size))
            // The old footer's place is now data: zeros.
            try file.writeZeros(at: oldSize, count: UInt64(VHDFooter.size))
            try file.preallocate(offset: oldSize, length: newSize - oldSize)
            footer.currentSize = newSize
            footerOffset = newSize
            try file.write(footer.encoded(), at: footerOffset)
            return try file.sync()
        }
        guard var header = dynamicHeader else { return }
        try zeroTail(from: oldSize, upTo: newSize, blockSize: UInt64(header.blockSize))
        let entries = UInt32(divideRoundingUp(newSize, UInt64(header.blockSize)))
        if entries > header.maxTableEntries {
            // The table grows in place when the space behind it is free, else moves to the end.
            let needed = roundUp(UInt64(entries) * 4, to: 512)
            var nextStructure = footerOffset
            for entry in bat where entry != Self.unallocated { nextStructure = min(nextStructure, UInt64(entry) * 512) }
            for locator in header.locators where locator.dataOffset > header.tableOffset {
                nextStructure = min(nextStructure, locator.dataOffset)
            }
            if header.tableOffset + needed > nextStructure {
                let newTable = footerOffset
                let newFooter = newTable + needed
                try file.truncate(to: newFooter + UInt64(VHDFooter.size))
                header.tableOffset = newTable
                footerOffset = newFooter
            }
            bat += [UInt32](repeating: Self.unallocated, count: Int(entries - header.maxTableEntries))
            var table = [UInt8](repeating: 0xFF, count: Int(needed))
            for (i, entry) in bat.enumerated() { table.putBE32(entry, at: i * 4) }
            try file.write(table, at: header.tableOffset)
            header.maxTableEntries = entries
        }
        footer.currentSize = newSize
        try file.sync()
        dynamicHeader = header
        try file.write(header.encoded(), at: footer.dataOffset)
        try writeFooters()
    }

    /// The footer at the end and its copy at the start.
    func writeFooters() throws(DiskError) {
        let bytes = footer.encoded()
        try file.write(bytes, at: footerOffset)
        if footer.diskType != VHDFooter.fixed { try file.write(bytes, at: 0) }
        try file.sync()
    }
}
