/// Optimize-VHD: blocks that hold nothing of their own are given back (a differencing block whose sector
/// bitmap marks no sector present, always; with the zero scan, blocks that read as zeros), the remaining
/// blocks move down into the gaps and the file is cut. Nothing any reader of the chain sees changes.
extension DiskFiles {
    /// `zeroBlocks`: scan block contents for zeros (Hyper-V's Full and Prezeroed modes) rather than only
    /// reclaiming what the file's own structures say is unused (Quick, Pretrimmed).
    @discardableResult
    public static func optimize(_ path: String, zeroBlocks: Bool = true) throws(DiskError) -> DiskInfo {
        let layer = try DiskImage.openLayer(path, writable: true, lock: .exclusive)
        guard layer.type != .fixed else {
            throw DiskError(.unsupported, path, "The virtual disk '\(path)' is fixed; only dynamic and differencing disks can be optimized.")
        }
        // A differencing disk's zeros shadow its parent's bytes: they may go only where the parent chain
        // reads zeros as well, so the chain is opened (shared) to look.
        var parent: ParentView?
        if zeroBlocks, layer.type == .differencing {
            let chain = try DiskImage.openParents(of: layer, lock: .shared)
            parent = ParentView(DiskImage(layers: Array(chain.dropFirst()), writable: false))
        }
        if let vhdx = layer as? VHDXFile { try vhdx.optimize(zeroBlocks: zeroBlocks, parent: parent) }
        if let vhd = layer as? VHDFile { try vhd.optimize(zeroBlocks: zeroBlocks, parent: parent) }
        return try info(path)
    }
}

/// What a differencing disk's parent chain reads, for the zero scan: past the parent's end (the child was
/// grown) it reads zeros.
struct ParentView {
    let image: DiskImage
    init(_ image: DiskImage) { self.image = image }

    func read(at offset: UInt64, count: Int) throws(DiskError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        guard offset < image.size else { return bytes }
        let inside = Int(min(UInt64(count), image.size - offset))
        let head = try image.read(at: offset, count: inside)
        bytes.replaceSubrange(0..<inside, with: head)
        return bytes
    }
}

extension VHDXFile {
    func optimize(zeroBlocks: Bool, parent: ParentView?) throws(DiskError) {
        // Moving or dropping blocks changes no sector a reader sees: only the FileWriteGuid changes.
        try updateHeaders { _ in }
        let block = Int(metadata.blockSize)
        let sector = Int(metadata.logicalSectorSize)
        let sectorsPerBlock = block / sector
        var buffer = [UInt8](repeating: 0, count: block)
        func readBlock(_ entry: UInt64) throws(DiskError) {
            try buffer.withMutableBuffer { (bytes) throws(DiskError) in try file.read(into: bytes, at: entry & Self.offsetMask) }
        }
        for index in 0..<Int(payloadBlockCount) {
            let entryIndex = payloadIndex(UInt64(index))
            let entry = bat[entryIndex]
            let start = UInt64(index) * UInt64(block)
            switch entry & 7 {
            case Self.fullyPresent where zeroBlocks:
                try readBlock(entry)
                guard buffer.isAllZero else { continue }
                // A zero block of a dynamic disk, or of a child whose parent reads zeros there too, holds
                // nothing; a child's zeros over the parent's data stay zeros without the space (PAYLOAD_BLOCK_ZERO).
                if let parent, !(try parent.read(at: start, count: block).isAllZero) {
                    try setEntry(entryIndex, Self.zeroState)
                } else {
                    try setEntry(entryIndex, Self.notPresent)
                }
            case Self.partiallyPresent:
                let chunk = UInt64(index) / chunkRatio
                let bitmap = try loadBitmap(chunk: chunk)
                let firstBit = (index % Int(chunkRatio)) * sectorsPerBlock
                func present(_ bit: Int) -> Bool { bitmap[bit >> 3] & (1 << UInt8(bit & 7)) != 0 }
                var kept = (0..<sectorsPerBlock).filter { present(firstBit + $0) }
                if zeroBlocks, !kept.isEmpty, let parent {
                    // Present zero sectors over parent sectors that read zeros too are the parent's again.
                    try readBlock(entry)
                    let inParent = try parent.read(at: start, count: block)
                    let dropped = kept.filter { s in
                        buffer[(s * sector)..<((s + 1) * sector)].allSatisfy { $0 == 0 } && inParent[(s * sector)..<((s + 1) * sector)].allSatisfy { $0 == 0 }
                    }
                    if !dropped.isEmpty {
                        try clearPresent(chunk: chunk, bits: dropped.map { firstBit + $0 })
                        kept.removeAll { dropped.contains($0) }
                    }
                }
                if kept.isEmpty { try setEntry(entryIndex, Self.notPresent) }
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

    /// Clears sector bitmap bits (sectors that read the same from the parent) and writes the bytes that changed.
    private func clearPresent(chunk: UInt64, bits: [Int]) throws(DiskError) {
        guard var bitmap = bitmaps[chunk], let first = bits.min(), let last = bits.max() else { return }
        for bit in bits { bitmap[bit >> 3] &= ~(1 << UInt8(bit & 7)) }
        bitmaps[chunk] = bitmap
        let from = first >> 3, to = (last >> 3) + 1
        try file.write(Array(bitmap[from..<to]), at: (bat[bitmapIndex(chunk: chunk)] & Self.offsetMask) + UInt64(from))
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
    func optimize(zeroBlocks: Bool, parent: ParentView?) throws(DiskError) {
        guard let header = dynamicHeader else { return }
        let block = Int(header.blockSize)
        var buffer = [UInt8](repeating: 0, count: block)
        let differencing = footer.diskType == VHDFooter.differencing
        for index in bat.indices where bat[index] != Self.unallocated {
            let start = UInt64(bat[index]) * 512
            var empty = false
            if differencing {
                var bitmap = try file.read(at: start, count: Int(bitmapSize))
                if zeroBlocks, let parent, !bitmap.isAllZero {
                    // Present zero sectors (bits most significant first) over parent zeros are the parent's again.
                    try buffer.withMutableBuffer { (bytes) throws(DiskError) in try file.read(into: bytes, at: start + bitmapSize) }
                    let inParent = try parent.read(at: UInt64(index) * UInt64(block), count: block)
                    var changed = false
                    for s in 0..<(block / 512) where bitmap[s >> 3] & (0x80 >> UInt8(s & 7)) != 0 {
                        let range = (s * 512)..<((s + 1) * 512)
                        if buffer[range].allSatisfy({ $0 == 0 }) && inParent[range].allSatisfy({ $0 == 0 }) {
                            bitmap[s >> 3] &= ~(0x80 >> UInt8(s & 7))
                            changed = true
                        }
                    }
                    if changed { try file.write(bitmap, at: start) }
                }
                empty = bitmap.isAllZero
            } else if zeroBlocks {
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
