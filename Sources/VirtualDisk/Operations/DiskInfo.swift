/// What Get-VHD shows about a disk file.
public struct DiskInfo: Sendable, Equatable {
    public var path: String
    public var format: DiskFormat
    public var type: DiskType
    /// Bytes the file takes on the host's disk.
    public var fileSize: UInt64
    /// The virtual size.
    public var size: UInt64
    /// The end of the last partition (the smallest size Resize-VHD may shrink to); nil when the
    /// disk has no partition table or its chain cannot be read.
    public var minimumSize: UInt64?
    public var logicalSectorSize: UInt32
    public var physicalSectorSize: UInt32
    /// 0 for fixed disks, as Hyper-V shows them.
    public var blockSize: UInt32
    /// The parent of a differencing disk as found (or as stored, when it cannot be found).
    public var parentPath: String?
    public var diskIdentifier: GUID
    /// Share of allocated blocks that do not follow the previous one in the file.
    public var fragmentationPercentage: Int
    /// 1 when every block's data starts on a 4 KiB boundary of the file, else 0.
    public var alignment: Int
}

extension DiskFiles {
    /// Reads a disk's properties. Only the file itself must be readable; the chain is opened too
    /// (for the parent's path and the partition table) but a broken chain does not fail this.
    public static func info(_ path: String) throws(DiskError) -> DiskInfo {
        let layer = try DiskImage.openLayer(path, writable: false, lock: .none)
        let chain = try? DiskImage.openParents(of: layer, lock: .none)
        let offsets = layer.allocatedBlockOffsets()
        let allocated = offsets.compactMap { $0 }
        var fragmented = 0
        let stride = roundUp(UInt64(layer.blockSize) + ((layer as? VHDFile)?.bitmapSize ?? 0), to: 4096)
        for (previous, next) in zip(allocated, allocated.dropFirst()) where next <= previous || next - previous > stride {
            fragmented += 1
        }
        var parentPath: String?
        if let reference = layer.parent {
            parentPath = chain.map { $0[1].file.path } ?? reference.candidates.first ?? reference.storedPath
        }
        return DiskInfo(
            path: path, format: layer.format, type: layer.type,
            fileSize: try layer.file.size(), size: layer.virtualSize,
            minimumSize: chain.flatMap { try? PartitionTable.end(of: DiskImage(layers: $0, writable: false)) },
            logicalSectorSize: layer.logicalSectorSize, physicalSectorSize: layer.physicalSectorSize,
            blockSize: layer.type == .fixed ? 0 : layer.blockSize, parentPath: parentPath,
            diskIdentifier: layer.diskIdentifier,
            fragmentationPercentage: allocated.count < 2 ? 0 : fragmented * 100 / (allocated.count - 1),
            alignment: allocated.allSatisfy { $0 % 4096 == 0 } ? 1 : 0)
    }

    /// Test-VHD: whether the disk and its whole chain open and check out (without locks, so a
    /// disk in use can be tested).
    public static func test(_ path: String) -> Result<Void, DiskError> {
        do {
            _ = try DiskImage.open(path, writable: false, lock: .none)
            return .success(())
        } catch {
            return .failure(error)
        }
    }
}

/// The end of the last partition of an MBR or GPT partition table.
enum PartitionTable {
    static func end(of disk: DiskImage) throws(DiskError) -> UInt64? {
        let sector = UInt64(disk.logicalSectorSize)
        guard disk.size >= 2 * sector else { return nil }
        let mbr = try disk.read(at: 0, count: 512)
        guard mbr[510] == 0x55, mbr[511] == 0xAA else { return nil }
        var end: UInt64 = 0
        var protective = false
        for i in 0..<4 {
            let at = 446 + i * 16
            let type = mbr[at + 4], start = UInt64(mbr.le32(at + 8)), count = UInt64(mbr.le32(at + 12))
            if type == 0xEE { protective = true; continue }
            if type != 0 && count > 0 { end = max(end, (start + count) * sector) }
        }
        if protective, let gpt = try gptEnd(disk, sector: sector) { end = max(end, gpt) }
        return end > 0 ? min(end, disk.size) : nil
    }

    /// GPT: the last partition's end, plus room for the backup table and header the end of a
    /// GPT disk must keep.
    private static func gptEnd(_ disk: DiskImage, sector: UInt64) throws(DiskError) -> UInt64? {
        let header = try disk.read(at: sector, count: 92)
        guard header.matches("EFI PART") else { return nil }
        let entriesLBA = header.le64(72), count = UInt64(header.le32(80)), entrySize = UInt64(header.le32(84))
        guard count <= 1024, entrySize >= 128, entrySize <= 4096,
              entriesLBA < disk.size / sector, (disk.size / sector - entriesLBA) * sector >= count * entrySize else { return nil }
        let entries = try disk.read(at: entriesLBA * sector, count: Int(count * entrySize))
        var last: UInt64 = 0
        for i in 0..<Int(count) {
            let at = i * Int(entrySize)
            guard !entries[at..<(at + 16)].allSatisfy({ $0 == 0 }) else { continue }
            last = max(last, entries.le64(at + 40))
        }
        guard last > 0 else { return nil }
        let backup = divideRoundingUp(count * entrySize, sector) + 1
        return (last + 1 + backup) * sector
    }
}
