/// The fixed part of a VHDX file (MS-VHDX 2.2): file type identifier at 0, two 4 KiB headers at
/// 64 KiB and 128 KiB, two copies of the region table at 192 KiB and 256 KiB. Everything after the
/// first megabyte is placed by the region table and the BAT, 1 MiB aligned.
enum VHDXLayout {
    static let megabyte: UInt64 = 1 << 20
    static let headerOffsets: [UInt64] = [64 << 10, 128 << 10]
    static let regionTableOffsets: [UInt64] = [192 << 10, 256 << 10]
    static let headerSize = 4096
    static let regionTableSize = 64 << 10
    static let maximumDiskSize: UInt64 = 64 << 40
    static let minimumBlockSize: UInt32 = 1 << 20
    static let maximumBlockSize: UInt32 = 256 << 20
    /// Sectors described by one 1 MiB sector bitmap block.
    static let sectorsPerBitmapBlock: UInt64 = 1 << 23

    static let batRegion = GUID("2DC27766-F623-4200-9D64-115E9BFD4A08")!
    static let metadataRegion = GUID("8B7CA206-4790-4B9A-B8FE-575F050F886E")!
}

/// One of the two headers (MS-VHDX 2.2.2).
struct VHDXHeader: Equatable {
    var sequenceNumber: UInt64
    var fileWriteGuid: GUID
    var dataWriteGuid: GUID
    var logGuid: GUID
    var logVersion: UInt16 = 0
    var version: UInt16 = 1
    var logLength: UInt32
    var logOffset: UInt64

    /// Parses a 4 KiB header; nil when its signature or checksum is wrong (it is then not "valid"
    /// in the specification's sense and the other header is used).
    init?(_ bytes: [UInt8]) {
        guard bytes.count == VHDXLayout.headerSize, bytes.matches("head"),
              bytes.le32(4) == CRC32C.checksum(bytes, zeroingFieldAt: 4) else { return nil }
        sequenceNumber = bytes.le64(8)
        fileWriteGuid = GUID(bytes[16..<32])
        dataWriteGuid = GUID(bytes[32..<48])
        logGuid = GUID(bytes[48..<64])
        logVersion = bytes.le16(64)
        version = bytes.le16(66)
        logLength = bytes.le32(68)
        logOffset = bytes.le64(72)
    }

    init(sequenceNumber: UInt64, fileWriteGuid: GUID, dataWriteGuid: GUID, logGuid: GUID, logLength: UInt32, logOffset: UInt64) {
        self.sequenceNumber = sequenceNumber
        self.fileWriteGuid = fileWriteGuid
        self.dataWriteGuid = dataWriteGuid
        self.logGuid = logGuid
        self.logLength = logLength
        self.logOffset = logOffset
    }

    func encoded() -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: VHDXLayout.headerSize)
        bytes.put(Array("head".utf8), at: 0)
        bytes.putLE64(sequenceNumber, at: 8)
        bytes.put(fileWriteGuid.bytes, at: 16)
        bytes.put(dataWriteGuid.bytes, at: 32)
        bytes.put(logGuid.bytes, at: 48)
        bytes.putLE16(logVersion, at: 64)
        bytes.putLE16(version, at: 66)
        bytes.putLE32(logLength, at: 68)
        bytes.putLE64(logOffset, at: 72)
        bytes.putLE32(CRC32C.checksum(bytes), at: 4)
        return bytes
    }
}

/// A region table (MS-VHDX 2.2.3): where the BAT and the metadata region are.
struct VHDXRegionTable: Equatable {
    struct Entry: Equatable {
        var guid: GUID
        var fileOffset: UInt64
        var length: UInt32
        var required: Bool
    }
    var entries: [Entry]

    init(entries: [Entry]) { self.entries = entries }

    init?(_ bytes: [UInt8]) {
        guard bytes.count == VHDXLayout.regionTableSize, bytes.matches("regi"),
              bytes.le32(4) == CRC32C.checksum(bytes, zeroingFieldAt: 4) else { return nil }
        let count = Int(bytes.le32(8))
        guard count <= 2047 else { return nil }
        entries = (0..<count).map { i in
            let at = 16 + i * 32
            return Entry(guid: GUID(bytes[at..<(at + 16)]), fileOffset: bytes.le64(at + 16),
                         length: bytes.le32(at + 24), required: bytes.le32(at + 28) & 1 != 0)
        }
    }

    func encoded() -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: VHDXLayout.regionTableSize)
        bytes.put(Array("regi".utf8), at: 0)
        bytes.putLE32(UInt32(entries.count), at: 8)
        for (i, entry) in entries.enumerated() {
            let at = 16 + i * 32
            bytes.put(entry.guid.bytes, at: at)
            bytes.putLE64(entry.fileOffset, at: at + 16)
            bytes.putLE32(entry.length, at: at + 24)
            bytes.putLE32(entry.required ? 1 : 0, at: at + 28)
        }
        bytes.putLE32(CRC32C.checksum(bytes), at: 4)
        return bytes
    }

    func entry(_ guid: GUID) -> Entry? { entries.first { $0.guid == guid } }
}
