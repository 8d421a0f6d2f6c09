/// Optimize-VHD: dynamic disks give up blocks that hold only zeros, differencing disks blocks that
/// hold no sector of their own; the remaining blocks move down into the gaps and the file is cut.
extension DiskFiles {
    @discardableResult
    public static func optimize(_ path: String) throws(DiskError) -> DiskInfo {
        let layer = try DiskImage.openLayer(path, writable: true, lock: .exclusive)
        guard layer.type != .fixed else {
            throw DiskError(.unsupported, path, "The virtual disk '\(path)' is fixed; only dynamic and differencing disks can be optimized.")
        }
        if let vhdx = layer as? VHDXFile { try vhdx.optimize() }
        if let vhd = layer as? VHDFile { try vhd.optimize() }
        return try info(path)
    }
}

extension VHDXFile {
    func optimize() throws(DiskError) {
        // Moving or dropping blocks changes no sector a reader sees: only the FileWriteGuid changes.
        try updateHeaders { _ in }
        let block = Int(metadata.blockSize)
        var buffer = [UInt8](repeating: 0, count: block)
        for index in 0..<Int(payloadBlockCount) {
            let entryIndex = payloadIndex(UInt64(index))
            let entry = bat[entryIndex]
            switch entry & 7 {
            case Self.fullyPresent where !metadata.hasParent:
                var empty = false
                try buffer.withMutableBuffer { (bytes) throws(DiskError) in
                    try file.read(into: bytes, at: entry & Self.offsetMask)
                    empty = isAllZero(UnsafeRawBufferPointer(bytes))
                }
                if empty { try setEntry(entryIndex, Self.notPresent) }
            case Self.partiallyPresent:
                let bitmap = try loadBitmap(chunk: UInt64(index) / chunkRatio)
                let bitsPerBlock = block / Int(metadata.logicalSectorSize)
                let first = (index % Int(chunkRatio)) * bitsPerBlock / 8
                if bitmap[first..<(first + bitsPerBlock / 8)].allSatisfy({ $0 == 0 }) { try setEntry(entryIndex, Self.notPresent) }
            default:
                break
            }
        }
        // Sector bitmaps no partially present block needs any more.
        if metadata.hasParent {
            for chunk in 0..<divideRoundingUp(payloadBlockCount, chunkRatio) {
                let index = bitmapIndex(chunk: chunk)
                guard bat[index] & 7 == Self.fullyPresent else { continue }
                let blocks = (chunk * chunkRatio)..<min((chunk + 1) * chunkRatio, payloadBlockCount)
                if !blocks.contains(where: { bat[payloadIndex($0)] & 7 == Self.partiallyPresent }) {
                    try setEntry(index, Self.notPresent)
                    bitmaps[chunk] = nil
                }
            }
        }
        try file.sync()
        try compact()
    }

    /// Moves every allocated block to the lowest free megabyte-aligned place below it, in file
    /// order, then cuts the file. Each block's copy is stable before its BAT entry changes.
    private func compact() throws(DiskError) {
        var fixed: [(start: UInt64, end: UInt64)] = [(0, VHDXLayout.megabyte), (batOffset, batOffset + batLength),
                                                      (metadataOffset, metadataOffset + UInt64(metadataLength))]
        if header.logLength > 0 { fixed.append((header.logOffset, header.logOffset + UInt64(header.logLength))) }
        fixed.sort { $0.start < $1.start }
        var blocks: [(index: Int, offset: UInt64, length: UInt64)] = []
        for (index, entry) in bat.enumerated() {
            let state = entry & 7
            let isBitmap = UInt64(index + 1) % (chunkRatio + 1) == 0
            if isBitmap ? (state == Self.fullyPresent && metadata.hasParent) : (state == Self.fullyPresent || state == Self.partiallyPresent) {
                blocks.append((index, entry & Self.offsetMask, isBitmap ? VHDXLayout.megabyte : UInt64(metadata.blockSize)))
            }
        }
        blocks.sort { $0.offset < $1.offset }
        var cursor = VHDXLayout.megabyte
        func place(_ length: UInt64) -> UInt64 {
            var start = cursor
            while let obstacle = fixed.first(where: { $0.start < start + length && start < $0.end }) { start = obstacle.end }
            return start
        }
        var chunk = [UInt8](repeating: 0, count: Int(VHDXLayout.megabyte))
        for block in blocks {
            let target = place(block.length)
            if target < block.offset {
                var done: UInt64 = 0
                while done < block.length {
                    try chunk.withMutableBuffer { (bytes) throws(DiskError) in
                        try file.read(into: bytes, at: block.offset + done)
                        try file.write(UnsafeRawBufferPointer(bytes), at: target + done)
                    }
                    done += VHDXLayout.megabyte
                }
                try file.dataSync()
                try setEntry(block.index, target | (bat[block.index] & 7))
                cursor = target + block.length
            } else {
                cursor = block.offset + block.length
            }
        }
        try file.sync()
        try trimFile()
    }
}

extension VHDFile {
    func optimize() throws(DiskError) {
        guard let header = dynamicHeader else { return }
        let block = Int(header.blockSize)
        var buffer = [UInt8](repeating: 0, count: block)
        let differencing = footer.diskType == VHDFooter.differencing
        for index in bat.indices where bat[index] != Self.unallocated {
            let start = UInt64(bat[index]) * 512
            var empty = false
            if differencing {
                empty = try file.read(at: start, count: Int(bitmapSize)).isAllZero
            } else {
                try buffer.withMutableBuffer { (bytes) throws(DiskError) in
                    try file.read(into: bytes, at: start + bitmapSize)
                    empty = isAllZero(UnsafeRawBufferPointer(bytes))
                }
            }
            if empty { try setEntry(index, Self.unallocated) }
        }
        bitmaps = [:]
        try file.sync()

        // Compaction: blocks in file order, each to the lowest place after the tables whose data
        // starts on a 4 KiB boundary.
        var tablesEnd = header.tableOffset + roundUp(UInt64(header.maxTableEntries) * 4, to: 512)
        for locator in header.locators where locator.dataLength > 0 {
            tablesEnd = max(tablesEnd, locator.dataOffset + roundUp(UInt64(locator.dataLength), to: 512))
        }
        tablesEnd = max(tablesEnd, footer.dataOffset + UInt64(VHDDynamicHeader.size))
        let span = bitmapSize + UInt64(block)
        var cursor = tablesEnd
        var copy = [UInt8](repeating: 0, count: Int(span))
        for index in bat.indices.filter({ bat[$0] != Self.unallocated }).sorted(by: { bat[$0] < bat[$1] }) {
            let offset = UInt64(bat[index]) * 512
            let target = roundUp(cursor + bitmapSize, to: 4096) - bitmapSize
            if target < offset {
                try copy.withMutableBuffer { (bytes) throws(DiskError) in
                    try file.read(into: bytes, at: offset)
                    try file.write(UnsafeRawBufferPointer(bytes), at: target)
                }
                try file.dataSync()
                try setEntry(index, UInt32(target / 512))
                cursor = target + span
            } else {
                cursor = offset + span
            }
        }
        footerOffset = cursor
        try file.truncate(to: footerOffset + UInt64(VHDFooter.size))
        try writeFooters()
    }

    private func setEntry(_ index: Int, _ value: UInt32) throws(DiskError) {
        bat[index] = value
        var bytes = [UInt8](repeating: 0, count: 4)
        bytes.putBE32(value, at: 0)
        try file.write(bytes, at: dynamicHeader!.tableOffset + UInt64(index) * 4)
    }
}
