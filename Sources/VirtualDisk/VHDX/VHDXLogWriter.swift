/// Changes to VHDX metadata structures (region tables, the metadata region) through the log, as
/// MS-VHDX 2.3 requires: the entry is written and flushed, the changes applied and flushed, and the
/// log marked empty again. Payload and BAT writes of normal I/O do not use it (the file is kept
/// with an empty log and a clean header between operations).
extension VHDXFile {
    /// Set by tests to stop after the log entry is stable, as a crash there would.
    nonisolated(unsafe) static var stopAfterLoggingForTesting = false

    /// Writes `new` over `old` (the same structure at `offset`), logging only the 4 KiB sectors
    /// that differ.
    func commitThroughLog(replacing old: [UInt8], with new: [UInt8], at offset: UInt64) throws(DiskError) {
        var sectors: [(UInt64, [UInt8])] = []
        for start in stride(from: 0, to: new.count, by: VHDXLog.sectorSize) {
            let end = start + VHDXLog.sectorSize
            if old.count < end || !old[start..<end].elementsEqual(new[start..<end]) {
                sectors.append((offset + UInt64(start), Array(new[start..<end])))
            }
        }
        try commitThroughLog(sectors)
    }

    func commitThroughLog(_ sectors: [(offset: UInt64, data: [UInt8])]) throws(DiskError) {
        guard !sectors.isEmpty else { return }
        let size = try file.size()
        guard header.logLength > 0 else {
            for sector in sectors { try file.write(sector.data, at: sector.offset) }
            return try file.sync()
        }
        let logGuid = GUID.random()
        try updateHeaders { $0.logGuid = logGuid }
        let entry = VHDXLog.encodeEntry(sequenceNumber: 1, tail: 0, logGuid: logGuid,
                                        flushedFileOffset: size / VHDXLayout.megabyte * VHDXLayout.megabyte,
                                        lastFileOffset: roundUp(max(size, fileEnd), to: VHDXLayout.megabyte), writes: sectors)
        guard entry.count <= Int(header.logLength) else {
            throw DiskError(.unsupported, file.path, "The change to '\(file.path)' is larger than its log.")
        }
        try file.write(entry, at: header.logOffset)
        try file.sync()
        if Self.stopAfterLoggingForTesting {
            throw DiskError(.system(errno: 5), file.path, "Stopped after logging (test).")
        }
        for sector in sectors { try file.write(sector.data, at: sector.offset) }
        try file.sync()
        try updateHeaders { $0.logGuid = .zero }
    }
}

extension VHDXLog {
    /// One log entry (2.3.1) of 4 KiB data descriptors: descriptor sectors, then data sectors
    /// whose first 8 and last 4 bytes travel in the descriptors.
    static func encodeEntry(sequenceNumber: UInt64, tail: UInt32, logGuid: GUID, flushedFileOffset: UInt64,
                            lastFileOffset: UInt64, writes: [(offset: UInt64, data: [UInt8])]) -> [UInt8] {
        let descriptorSectors = (64 + 32 * writes.count + sectorSize - 1) / sectorSize
        var entry = [UInt8](repeating: 0, count: (descriptorSectors + writes.count) * sectorSize)
        entry.put(Array("loge".utf8), at: 0)
        entry.putLE32(UInt32(entry.count), at: 8)
        entry.putLE32(tail, at: 12)
        entry.putLE64(sequenceNumber, at: 16)
        entry.putLE32(UInt32(writes.count), at: 24)
        entry.put(logGuid.bytes, at: 32)
        entry.putLE64(flushedFileOffset, at: 48)
        entry.putLE64(lastFileOffset, at: 56)
        for (i, write) in writes.enumerated() {
            let at = 64 + i * 32
            entry.put(Array("desc".utf8), at: at)
            entry.put(Array(write.data[4092..<4096]), at: at + 4)
            entry.put(Array(write.data[0..<8]), at: at + 8)
            entry.putLE64(write.offset, at: at + 16)
            entry.putLE64(sequenceNumber, at: at + 24)
            let data = (descriptorSectors + i) * sectorSize
            entry.put(write.data, at: data)
            entry.put(Array("data".utf8), at: data)
            entry.putLE32(UInt32(sequenceNumber >> 32), at: data + 4)
            entry.putLE32(UInt32(truncatingIfNeeded: sequenceNumber), at: data + 4092)
        }
        entry.putLE32(CRC32C.checksum(entry), at: 4)
        return entry
    }
}
