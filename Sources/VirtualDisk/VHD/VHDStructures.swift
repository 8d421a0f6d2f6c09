#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The VHD footer (Virtual Hard Disk Image Format Specification): 512 big-endian bytes at the end
/// of every VHD, and copied at the start of dynamic and differencing ones.
struct VHDFooter: Equatable {
    static let size = 512
    static let fixed: UInt32 = 2, dynamic: UInt32 = 3, differencing: UInt32 = 4
    /// Seconds from the Unix epoch to 2000-01-01 00:00:00 UTC, the VHD epoch.
    static let epoch: Int = 946_684_800
    /// The creator Hyper-V writes. QEMU takes the footer's size as the disk size only for creators
    /// it knows to mean it ('win ' among them); for others it rounds to the CHS geometry.
    static let hyperVCreator = Array("win ".utf8)
    /// 2040 GiB: the largest VHD Hyper-V makes.
    static let maximumSize: UInt64 = 2040 << 30

    var dataOffset: UInt64
    var timestamp: UInt32
    var creatorApplication: [UInt8] = hyperVCreator
    var creatorVersion: UInt32 = 0x000A_0000
    var creatorHostOS: UInt32 = 0x5769_326B       // "Wi2k"
    var originalSize: UInt64
    var currentSize: UInt64
    var diskType: UInt32
    var uniqueId: GUID
    var savedState: UInt8 = 0

    init(dataOffset: UInt64, size: UInt64, diskType: UInt32, uniqueId: GUID) {
        self.dataOffset = dataOffset
        self.timestamp = VHDFooter.now()
        self.originalSize = size
        self.currentSize = size
        self.diskType = diskType
        self.uniqueId = uniqueId
    }

    static func now() -> UInt32 { UInt32(clamping: max(0, Int(time(nil)) - epoch)) }

    enum Problem: Error { case noCookie, badChecksum }

    static func parse(_ bytes: [UInt8]) throws(Problem) -> VHDFooter {
        guard bytes.count == size, bytes.matches("conectix") else { throw .noCookie }
        guard bytes.be32(64) == checksum(bytes, skipping: 64..<68) else { throw .badChecksum }
        var footer = VHDFooter(dataOffset: bytes.be64(16), size: bytes.be64(48), diskType: bytes.be32(60), uniqueId: GUID(bytes[68..<84]))
        footer.timestamp = bytes.be32(24)
        footer.creatorApplication = Array(bytes[28..<32])
        footer.creatorVersion = bytes.be32(32)
        footer.creatorHostOS = bytes.be32(36)
        footer.originalSize = bytes.be64(40)
        footer.savedState = bytes[84]
        return footer
    }

    func encoded() -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: Self.size)
        bytes.put(Array("conectix".utf8), at: 0)
        bytes.putBE32(2, at: 8)                         // features: the reserved bit, always set
        bytes.putBE32(0x0001_0000, at: 12)              // file format version 1.0
        bytes.putBE64(dataOffset, at: 16)
        bytes.putBE32(timestamp, at: 24)
        bytes.put(creatorApplication, at: 28)
        bytes.putBE32(creatorVersion, at: 32)
        bytes.putBE32(creatorHostOS, at: 36)
        bytes.putBE64(originalSize, at: 40)
        bytes.putBE64(currentSize, at: 48)
        let (cylinders, heads, sectors) = Self.geometry(size: currentSize)
        bytes.putBE16(cylinders, at: 56)
        bytes[58] = heads
        bytes[59] = sectors
        bytes.putBE32(diskType, at: 60)
        bytes.put(uniqueId.bytes, at: 68)
        bytes[84] = savedState
        bytes.putBE32(Self.checksum(bytes, skipping: 64..<68), at: 64)
        return bytes
    }

    /// One's complement of the byte sum, the checksum field itself left out.
    static func checksum(_ bytes: [UInt8], skipping field: Range<Int>) -> UInt32 {
        var sum: UInt32 = 0
        for (i, byte) in bytes.enumerated() where !field.contains(i) { sum &+= UInt32(byte) }
        return ~sum
    }

    /// The CHS geometry by the specification's algorithm (appendix "CHS calculation").
    static func geometry(size: UInt64) -> (UInt16, UInt8, UInt8) {
        let totalSectors = min(size / 512, 65535 * 16 * 255)
        var sectorsPerTrack: UInt64, heads: UInt64, cylinderTimesHeads: UInt64
        if totalSectors >= 65535 * 16 * 63 {
            sectorsPerTrack = 255
            heads = 16
            cylinderTimesHeads = totalSectors / sectorsPerTrack
        } else {
            sectorsPerTrack = 17
            cylinderTimesHeads = totalSectors / sectorsPerTrack
            heads = max(4, (cylinderTimesHeads + 1023) / 1024)
            if cylinderTimesHeads >= heads * 1024 || heads > 16 {
                sectorsPerTrack = 31
                heads = 16
                cylinderTimesHeads = totalSectors / sectorsPerTrack
            }
            if cylinderTimesHeads >= heads * 1024 {
                sectorsPerTrack = 63
                heads = 16
                cylinderTimesHeads = totalSectors / sectorsPerTrack
            }
        }
        return (UInt16(clamping: cylinderTimesHeads / heads), UInt8(heads), UInt8(sectorsPerTrack))
    }
}

/// The dynamic disk header (1024 bytes at the footer's data offset) of dynamic and differencing VHDs.
struct VHDDynamicHeader: Equatable {
    static let size = 1024
    /// Platform codes of parent locators: Windows absolute and relative paths, UTF-16 little-endian.
    static let absoluteLocator: UInt32 = 0x5732_6B75    // "W2ku"
    static let relativeLocator: UInt32 = 0x5732_7275    // "W2ru"

    struct Locator: Equatable {
        var platformCode: UInt32
        var dataSpace: UInt32
        var dataLength: UInt32
        var dataOffset: UInt64
    }

    var tableOffset: UInt64
    var maxTableEntries: UInt32
    var blockSize: UInt32
    var parentUniqueId: GUID = .zero
    var parentTimestamp: UInt32 = 0
    var parentName: String = ""
    var locators: [Locator] = []

    init(tableOffset: UInt64, maxTableEntries: UInt32, blockSize: UInt32) {
        self.tableOffset = tableOffset
        self.maxTableEntries = maxTableEntries
        self.blockSize = blockSize
    }

    /// nil when the cookie or checksum is wrong.
    init?(_ bytes: [UInt8]) {
        guard bytes.count == Self.size, bytes.matches("cxsparse"),
              bytes.be32(36) == VHDFooter.checksum(bytes, skipping: 36..<40) else { return nil }
        tableOffset = bytes.be64(16)
        maxTableEntries = bytes.be32(28)
        blockSize = bytes.be32(32)
        parentUniqueId = GUID(bytes[40..<56])
        parentTimestamp = bytes.be32(56)
        parentName = UTF16Text.decode(bytes[64..<576], bigEndian: true)
        for i in 0..<8 {
            let at = 576 + i * 24
            let code = bytes.be32(at)
            guard code != 0 else { continue }
            locators.append(Locator(platformCode: code, dataSpace: bytes.be32(at + 4), dataLength: bytes.be32(at + 8),
                                    dataOffset: bytes.be64(at + 16)))
        }
    }

    func encoded() -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: Self.size)
        bytes.put(Array("cxsparse".utf8), at: 0)
        bytes.putBE64(UInt64.max, at: 8)                 // data offset: unused, all ones
        bytes.putBE64(tableOffset, at: 16)
        bytes.putBE32(0x0001_0000, at: 24)
        bytes.putBE32(maxTableEntries, at: 28)
        bytes.putBE32(blockSize, at: 32)
        bytes.put(parentUniqueId.bytes, at: 40)
        bytes.putBE32(parentTimestamp, at: 56)
        bytes.put(Array(UTF16Text.encode(parentName, bigEndian: true).prefix(512)), at: 64)
        for (i, locator) in locators.prefix(8).enumerated() {
            let at = 576 + i * 24
            bytes.putBE32(locator.platformCode, at: at)
            bytes.putBE32(locator.dataSpace, at: at + 4)
            bytes.putBE32(locator.dataLength, at: at + 8)
            bytes.putBE64(locator.dataOffset, at: at + 16)
        }
        bytes.putBE32(VHDFooter.checksum(bytes, skipping: 36..<40), at: 36)
        return bytes
    }
}
