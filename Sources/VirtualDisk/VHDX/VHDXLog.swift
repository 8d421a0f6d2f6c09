/// Replaying the VHDX log (MS-VHDX 2.3): finding the active sequence with the specification's scan
/// and turning its descriptors into writes. A writable open applies them to the file; a read-only
/// open keeps them in memory (`LogOverlay`), as the specification asks of readers that must not
/// change the file.
enum VHDXLog {
    static let sectorSize = 4096
    /// Hyper-V and QEMU use a 1 MiB log; anything past this is refused rather than read into memory.
    static let maximumLength: UInt32 = 64 << 20

    struct Entry {
        var position: UInt64
        var length: UInt64
        var sequenceNumber: UInt64
        var tail: UInt64
        var flushedFileOffset: UInt64
        var lastFileOffset: UInt64
        var operations: [LogOperation]
    }

    struct Replay {
        var operations: [LogOperation]
        var flushedFileOffset: UInt64
        var lastFileOffset: UInt64
    }

    /// The active sequence's writes, in order; nil when the header says the log is empty.
    static func pendingReplay(file: DiskFile, header: VHDXHeader) throws(DiskError) -> Replay? {
        let path = file.path
        guard !header.logGuid.isZero, header.logLength > 0 else { return nil }
        guard header.logVersion == 0 else { throw DiskError(.unsupported, path, "The file '\(path)' has a log of version \(header.logVersion), which hvsh cannot replay.") }
        guard header.logLength % UInt32(VHDXLayout.megabyte) == 0, header.logOffset % VHDXLayout.megabyte == 0,
              header.logOffset >= VHDXLayout.megabyte else {
            throw DiskError.corrupt(path, "the log is not placed on megabyte boundaries")
        }
        guard header.logLength <= maximumLength else {
            throw DiskError(.unsupported, path, "The file '\(path)' has a \(header.logLength)-byte log; hvsh replays logs of up to \(maximumLength) bytes.")
        }
        let log = try file.read(at: header.logOffset, count: Int(header.logLength))
        let sequence = activeSequence(log: log, logGuid: header.logGuid, logOffset: header.logOffset)
        guard let head = sequence.last else {
            throw DiskError.corrupt(path, "its log must be replayed but holds no valid sequence of entries")
        }
        let size = try file.size()
        guard size >= head.flushedFileOffset else {
            throw DiskError(.truncated, path, "The file '\(path)' is truncated: its log says it was at least \(head.flushedFileOffset) bytes long, it is \(size).")
        }
        return Replay(operations: sequence.flatMap(\.operations), flushedFileOffset: head.flushedFileOffset,
                      lastFileOffset: head.lastFileOffset)
    }

    /// The specification's scan (2.3.3): try a sequence at every 4 KiB position, keep the valid one
    /// whose head has the highest sequence number, and return it from its tail entry to its head.
    static func activeSequence(log: [UInt8], logGuid: GUID, logOffset: UInt64) -> [Entry] {
        let length = UInt64(log.count)
        var candidate: [Entry] = []
        // Every start position is tried once around the ring: an invalid start moves on by one
        // sector, a valid sequence by its own length (the specification's "current tail").
        var currentTail: UInt64 = 0, scanned: UInt64 = 0
        while scanned < length {
            var current: [Entry] = []
            var position = currentTail
            var covered: UInt64 = 0
            while covered < length, let entry = parseEntry(log: log, at: position, logGuid: logGuid, logOffset: logOffset),
                  current.isEmpty || entry.sequenceNumber == current.last!.sequenceNumber &+ 1 {
                current.append(entry)
                covered += entry.length
                position = (position + entry.length) % length
            }
            if let head = current.last, let tailIndex = current.firstIndex(where: { $0.position == head.tail }) {
                if head.sequenceNumber > (candidate.last?.sequenceNumber ?? 0) { candidate = Array(current[tailIndex...]) }
                currentTail = position
                scanned += covered
            } else {
                currentTail = (currentTail + UInt64(sectorSize)) % length
                scanned += UInt64(sectorSize)
            }
        }
        return candidate
    }

    /// One entry at `position` of the log, or nil when any of its checks fails.
    static func parseEntry(log: [UInt8], at position: UInt64, logGuid: GUID, logOffset: UInt64) -> Entry? {
        let length = UInt64(log.count)
        func sector(_ index: UInt64) -> ArraySlice<UInt8> {
            let start = Int((position + index * UInt64(sectorSize)) % length)
            return log[start..<(start + sectorSize)]
        }
        let first = Array(sector(0))
        guard first.matches("loge") else { return nil }
        let entryLength = UInt64(first.le32(8)), tail = UInt64(first.le32(12))
        let sequenceNumber = first.le64(16), descriptorCount = UInt64(first.le32(24))
        guard entryLength > 0, entryLength % UInt64(sectorSize) == 0, entryLength <= length,
              tail % UInt64(sectorSize) == 0, tail < length, sequenceNumber > 0,
              GUID(first[32..<48]) == logGuid else { return nil }
        let flushedFileOffset = first.le64(48), lastFileOffset = first.le64(56)
        let descriptorSectors = (64 + 32 * descriptorCount + UInt64(sectorSize) - 1) / UInt64(sectorSize)
        guard descriptorSectors * UInt64(sectorSize) <= entryLength else { return nil }
        let sectors = entryLength / UInt64(sectorSize)
        var entry = [UInt8]()
        entry.reserveCapacity(Int(entryLength))
        for i in 0..<sectors { entry += sector(i) }
        guard first.le32(4) == CRC32C.checksum(entry, zeroingFieldAt: 4) else { return nil }

        var operations: [LogOperation] = []
        var dataSector = descriptorSectors
        for i in 0..<Int(descriptorCount) {
            let at = 64 + i * 32
            let descriptor = Array(entry[at..<(at + 32)])
            guard descriptor.le64(24) == sequenceNumber else { return nil }
            let fileOffset = descriptor.le64(16)
            if descriptor.matches("zero") {
                let zeroLength = descriptor.le64(8)
                guard zeroLength % UInt64(sectorSize) == 0, fileOffset % UInt64(sectorSize) == 0,
                      fileOffset >= 64 << 10, fileOffset <= VHDXLayout.maximumDiskSize * 2, zeroLength <= VHDXLayout.maximumDiskSize * 2,
                      !overlapsLog(fileOffset, zeroLength, logOffset, length) else { return nil }
                operations.append(LogOperation(offset: fileOffset, length: zeroLength, data: nil))
            } else if descriptor.matches("desc") {
                guard dataSector < sectors, fileOffset % UInt64(sectorSize) == 0, fileOffset >= 64 << 10,
                      fileOffset <= VHDXLayout.maximumDiskSize * 2,
                      !overlapsLog(fileOffset, UInt64(sectorSize), logOffset, length) else { return nil }
                let start = Int(dataSector) * sectorSize
                var data = Array(entry[start..<(start + sectorSize)])
                guard data.matches("data"), data.le32(4) == UInt32(sequenceNumber >> 32),
                      data.le32(4092) == UInt32(truncatingIfNeeded: sequenceNumber) else { return nil }
                // The data sector's signature and sequence halves stand in for the first 8 and
                // last 4 bytes of the update, which the descriptor carries.
                data.replaceSubrange(0..<8, with: descriptor[8..<16])
                data.replaceSubrange(4092..<4096, with: descriptor[4..<8])
                operations.append(LogOperation(offset: fileOffset, length: UInt64(sectorSize), data: data))
                dataSector += 1
            } else {
                return nil
            }
        }
        return Entry(position: position, length: entryLength, sequenceNumber: sequenceNumber, tail: tail,
                     flushedFileOffset: flushedFileOffset, lastFileOffset: lastFileOffset, operations: operations)
    }

    private static func overlapsLog(_ offset: UInt64, _ count: UInt64, _ logOffset: UInt64, _ logLength: UInt64) -> Bool {
        offset < logOffset + logLength && logOffset < offset + count
    }

    /// Applies a replay to a writable file: writes, zeroing (only what lies inside the file; the
    /// file's extension supplies the rest), then the size the head entry requires.
    static func apply(_ replay: Replay, to file: DiskFile) throws(DiskError) {
        for operation in replay.operations {
            if let data = operation.data {
                try file.write(data, at: operation.offset)
            } else {
                let size = try file.size()
                if operation.offset < size {
                    try file.writeZeros(at: operation.offset, count: min(operation.length, size - operation.offset))
                }
                if operation.offset + operation.length > size { try file.truncate(to: operation.offset + operation.length) }
            }
        }
        if try file.size() < replay.lastFileOffset { try file.truncate(to: replay.lastFileOffset) }
        try file.sync()
    }
}

/// One write of a log replay: 4 KiB of data, or `length` zero bytes when `data` is nil.
struct LogOperation {
    var offset: UInt64
    var length: UInt64
    var data: [UInt8]?
}

/// A replay kept in memory for a read-only open: reads see the file as it would be after replay.
struct LogOverlay {
    var operations: [LogOperation]
    /// The size the file would have after replay; reads below it past the real end see zeros.
    var minimumFileSize: UInt64

    func apply(to buffer: UnsafeMutableRawBufferPointer, at offset: UInt64) {
        let end = offset + UInt64(buffer.count)
        for operation in operations where operation.offset < end && offset < operation.offset + operation.length {
            let from = max(offset, operation.offset), to = min(end, operation.offset + operation.length)
            let target = UnsafeMutableRawBufferPointer(rebasing: buffer[Int(from - offset)..<Int(to - offset)])
            if let data = operation.data {
                data.withUnsafeBytes { source in
                    target.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[Int(from - operation.offset)..<Int(to - operation.offset)]))
                }
            } else {
                target.initializeMemory(as: UInt8.self, repeating: 0)
            }
        }
    }
}
