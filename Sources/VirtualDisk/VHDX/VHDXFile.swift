/// One VHDX file (MS-VHDX): opened, its log replayed if dirty, its structures checked against the
/// file before any I/O (the file is untrusted), its BAT kept in memory.
final class VHDXFile: DiskLayer {
    // Payload BAT entry states (2.5.1.1); sector bitmap entries use 0 and 6 (2.5.1.2).
    static let notPresent: UInt64 = 0, undefined: UInt64 = 1, zeroState: UInt64 = 2, unmapped: UInt64 = 3
    static let fullyPresent: UInt64 = 6, partiallyPresent: UInt64 = 7
    static let offsetMask: UInt64 = ~((1 << 20) - 1)

    let file: DiskFile
    let format = DiskFormat.vhdx
    private(set) var header: VHDXHeader
    private var headerSlot: Int
    var regionTable: VHDXRegionTable
    var metadata: VHDXMetadata
    var batOffset: UInt64
    var batLength: UInt64
    let metadataOffset: UInt64
    let metadataLength: UInt32
    var bat: [UInt64]
    var chunkRatio: UInt64 { VHDXLayout.sectorsPerBitmapBlock * UInt64(metadata.logicalSectorSize) / UInt64(metadata.blockSize) }
    /// Sector bitmap blocks read so far, by chunk (changed only by writers, filled by readers too).
    var bitmaps: [UInt64: [UInt8]] = [:]
    let bitmapLock = CacheLock()
    /// Where the next block goes: past every structure and the file's end, 1 MiB aligned.
    var fileEnd: UInt64
    private var fileWriteRenewed = false
    var dataWriteRenewed = false
    /// BAT entries changed by writes and not yet in the file (see `deferEntry`).
    var pendingEntries: Set<Int> = []

    var type: DiskType { metadata.hasParent ? .differencing : metadata.leaveBlocksAllocated ? .fixed : .dynamic }
    var virtualSize: UInt64 { metadata.virtualDiskSize }
    var logicalSectorSize: UInt32 { metadata.logicalSectorSize }
    var physicalSectorSize: UInt32 { metadata.physicalSectorSize }
    var blockSize: UInt32 { metadata.blockSize }
    var diskIdentifier: GUID { metadata.diskIdentifier }
    var identityForChildren: GUID { header.dataWriteGuid }
    var payloadBlockCount: UInt64 { divideRoundingUp(metadata.virtualDiskSize, UInt64(metadata.blockSize)) }

    static func batEntryCount(size: UInt64, blockSize: UInt32, logicalSectorSize: UInt32, differencing: Bool) -> UInt64 {
        let ratio = VHDXLayout.sectorsPerBitmapBlock * UInt64(logicalSectorSize) / UInt64(blockSize)
        let payload = divideRoundingUp(size, UInt64(blockSize))
        if differencing { return divideRoundingUp(payload, ratio) * (ratio + 1) }
        return payload + (payload - 1) / ratio
    }

    @inline(__always) func payloadIndex(_ block: UInt64) -> Int { Int(block + block / chunkRatio) }
    @inline(__always) func bitmapIndex(chunk: UInt64) -> Int { Int(chunk * (chunkRatio + 1) + chunkRatio) }

    init(file: DiskFile) throws(DiskError) {
        self.file = file
        let path = file.path
        let size = try file.size()
        guard size >= VHDXLayout.megabyte, try file.read(at: 0, count: 8).matches("vhdxfile") else {
            throw DiskError(.notVirtualDisk, path, "The file '\(path)' is not a VHDX file.")
        }
        // The current header: the valid one, or of two valid ones the higher sequence number.
        let candidates = try VHDXLayout.headerOffsets.map { (offset) throws(DiskError) in
            VHDXHeader(try file.read(at: offset, count: VHDXLayout.headerSize))
        }
        switch (candidates[0], candidates[1]) {
        case let (first?, second?): headerSlot = second.sequenceNumber > first.sequenceNumber ? 1 : 0
        case (_?, nil): headerSlot = 0
        case (nil, _?): headerSlot = 1
        case (nil, nil): throw DiskError.corrupt(path, "neither of its two headers has a valid signature and checksum")
        }
        header = candidates[headerSlot]!
        guard header.version == 1 else {
            throw DiskError(.unsupported, path, "The file '\(path)' is VHDX version \(header.version); hvsh reads version 1.")
        }

        if let replay = try VHDXLog.pendingReplay(file: file, header: header) {
            if file.writable {
                // The FileWriteGuid changes before the replay modifies the file, the LogGuid is
                // cleared once the replayed writes are stable.
                var next = header
                next.fileWriteGuid = .random()
                (header, headerSlot) = try Self.writeBothHeaders(next, over: header, slot: headerSlot, file: file)
                fileWriteRenewed = true
                try VHDXLog.apply(replay, to: file)
                next = header
                next.logGuid = .zero
                (header, headerSlot) = try Self.writeBothHeaders(next, over: header, slot: headerSlot, file: file)
            } else {
                file.overlay = LogOverlay(operations: replay.operations, minimumFileSize: max(size, replay.lastFileOffset))
            }
        }

        // Region tables: the first valid copy.
        var table: VHDXRegionTable?
        for offset in VHDXLayout.regionTableOffsets where table == nil {
            table = VHDXRegionTable(try file.read(at: offset, count: VHDXLayout.regionTableSize))
        }
        guard let table else { throw DiskError.corrupt(path, "neither copy of its region table is valid") }
        regionTable = table
        for entry in table.entries where entry.required && entry.guid != VHDXLayout.batRegion && entry.guid != VHDXLayout.metadataRegion {
            throw DiskError(.unsupported, path, "The file '\(path)' needs region \(entry.guid), which hvsh does not know.")
        }
        guard let batEntry = table.entry(VHDXLayout.batRegion), let metadataEntry = table.entry(VHDXLayout.metadataRegion) else {
            throw DiskError.corrupt(path, "its region table lacks the BAT or the metadata region")
        }
        for entry in [batEntry, metadataEntry] {
            guard entry.fileOffset >= VHDXLayout.megabyte, entry.fileOffset % VHDXLayout.megabyte == 0,
                  UInt64(entry.length) % VHDXLayout.megabyte == 0, entry.length > 0 else {
                throw DiskError.corrupt(path, "region \(entry.guid) is not placed on megabyte boundaries")
            }
        }
        batOffset = batEntry.fileOffset
        batLength = UInt64(batEntry.length)
        metadataOffset = metadataEntry.fileOffset
        metadataLength = metadataEntry.length
        metadata = try VHDXMetadata(file: file, regionOffset: metadataOffset, regionLength: metadataLength)

        let entries = Self.batEntryCount(size: metadata.virtualDiskSize, blockSize: metadata.blockSize,
                                         logicalSectorSize: metadata.logicalSectorSize, differencing: metadata.hasParent)
        guard entries * 8 <= batLength else {
            throw DiskError.corrupt(path, "its BAT region holds \(batLength / 8) entries; a disk of this size needs \(entries)")
        }
        let raw = try file.read(at: batOffset, count: Int(entries * 8))
        bat = (0..<Int(entries)).map { raw.le64($0 * 8) }
        fileEnd = 0
        fileEnd = try checkLayout(fileSize: max(size, file.overlay?.minimumFileSize ?? 0))
    }

    /// Checks every structure and allocated block against the file and each other; returns the
    /// first free megabyte past all of them.
    private func checkLayout(fileSize: UInt64) throws(DiskError) -> UInt64 {
        let path = file.path
        var spans: [(start: UInt64, end: UInt64, what: String)] = [
            (0, VHDXLayout.megabyte, "the header section"),
            (batOffset, batOffset + batLength, "the BAT"),
            (metadataOffset, metadataOffset + UInt64(metadataLength), "the metadata region"),
        ]
        if header.logLength > 0 { spans.append((header.logOffset, header.logOffset + UInt64(header.logLength), "the log")) }
        for span in spans where span.end > fileSize {
            throw DiskError(.truncated, path, "The file '\(path)' is truncated: \(span.what) ends at byte \(span.end), the file at \(fileSize).")
        }
        let block = UInt64(metadata.blockSize)
        for (index, entry) in bat.enumerated() {
            let isBitmap = UInt64(index + 1) % (chunkRatio + 1) == 0
            let state = entry & 7
            let offset = entry & Self.offsetMask
            if isBitmap {
                guard state == Self.notPresent || state == Self.fullyPresent else {
                    throw DiskError.corrupt(path, "BAT entry \(index) has the undefined sector bitmap state \(state)")
                }
                guard state == Self.fullyPresent, metadata.hasParent else { continue }
                spans.append((offset, offset + VHDXLayout.megabyte, "the sector bitmap of BAT entry \(index)"))
            } else {
                switch state {
                case Self.fullyPresent: break
                case Self.partiallyPresent:
                    guard metadata.hasParent else { throw DiskError.corrupt(path, "BAT entry \(index) is partially present in a disk without a parent") }
                    let chunk = UInt64(index) / (chunkRatio + 1)
                    guard bat[bitmapIndex(chunk: chunk)] & 7 == Self.fullyPresent else {
                        throw DiskError.corrupt(path, "BAT entry \(index) is partially present but its sector bitmap is not")
                    }
                case Self.notPresent, Self.undefined, Self.zeroState, Self.unmapped: continue
                default: throw DiskError.corrupt(path, "BAT entry \(index) has the reserved state \(state)")
                }
                spans.append((offset, offset + block, "the payload block of BAT entry \(index)"))
            }
        }
        spans.sort { $0.start < $1.start }
        for (i, span) in spans.enumerated() {
            if span.end > fileSize {
                throw DiskError.corrupt(path, "\(span.what) lies outside the file (bytes \(span.start)-\(span.end), the file ends at \(fileSize))")
            }
            if i > 0, spans[i - 1].end > span.start {
                throw DiskError.corrupt(path, "\(span.what) overlaps \(spans[i - 1].what)")
            }
        }
        return roundUp(max(fileSize, spans.last?.end ?? 0), to: VHDXLayout.megabyte)
    }

    /// The specification's header update (2.2.2.1): the non-current header gets the new contents
    /// and the next sequence number, is flushed, and the same is done to the other one, so both
    /// copies are current. The first update of a session gets a new FileWriteGuid.
    func updateHeaders(_ change: (inout VHDXHeader) -> Void) throws(DiskError) {
        var next = header
        change(&next)
        if !fileWriteRenewed {
            next.fileWriteGuid = .random()
            fileWriteRenewed = true
        }
        (header, headerSlot) = try Self.writeBothHeaders(next, over: header, slot: headerSlot, file: file)
    }

    private static func writeBothHeaders(_ contents: VHDXHeader, over current: VHDXHeader, slot: Int,
                                         file: DiskFile) throws(DiskError) -> (VHDXHeader, Int) {
        var (current, slot, next) = (current, slot, contents)
        for _ in 0..<2 {
            next.sequenceNumber = current.sequenceNumber &+ 1
            slot = 1 - slot
            try file.write(next.encoded(), at: VHDXLayout.headerOffsets[slot])
            try file.sync()
            current = next
        }
        return (current, slot)
    }

    /// Before the first change a reader could see: a new DataWriteGuid (2.2.2), which is also
    /// what tells this disk's existing children that their parent changed.
    func beginDataModification() throws(DiskError) {
        guard !dataWriteRenewed else { return }
        try updateHeaders { $0.dataWriteGuid = .random() }
        dataWriteRenewed = true
    }

    var parent: ParentReference? {
        guard metadata.hasParent, let locator = metadata.parentLocator else { return nil }
        var candidates: [String] = []
        if let relative = locator["relative_path"] { candidates.append(WindowsPath.resolve(relative: relative, besideChild: file.path)) }
        if let absolute = locator["absolute_win32_path"], let local = WindowsPath.localPath(absolute) { candidates.append(local) }
        return ParentReference(candidates: candidates, acceptedIdentities: [locator.linkage, locator.linkage2].compactMap { $0 },
                               storedPath: locator["absolute_win32_path"].map { WindowsPath.localPath($0) ?? $0 }
                                   ?? locator["relative_path"] ?? locator["volume_path"] ?? "")
    }

    func allocatedBlockOffsets() -> [UInt64?] {
        (0..<payloadBlockCount).map { block in
            let entry = bat[payloadIndex(block)]
            let state = entry & 7
            return state == Self.fullyPresent || state == Self.partiallyPresent ? entry & Self.offsetMask : nil
        }
    }

    func flush() throws(DiskError) {
        try flushDeferredEntries()
        try file.sync()
    }

    // A disk closed without a flush still gets its BAT entries (errors have nobody to go to here).
    deinit { if !pendingEntries.isEmpty { try? flush() } }
}
