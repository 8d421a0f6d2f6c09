import Foundation

/// The test's own reading and writing of VHDX structures, written from MS-VHDX and independent of
/// the library's code: used to plant dirty logs and corruptions.
struct RawVHDX {
    let path: String
    var data: Data

    init(_ path: String) throws {
        self.path = path
        data = try Data(contentsOf: URL(fileURLWithPath: path))
    }

    func save() throws { try data.write(to: URL(fileURLWithPath: path)) }

    func le32(_ at: Int) -> UInt32 { (0..<4).reduce(UInt32(0)) { $0 | UInt32(data[at + $1]) << (8 * UInt32($1)) } }
    func le64(_ at: Int) -> UInt64 { UInt64(le32(at)) | UInt64(le32(at + 4)) << 32 }
    mutating func put32(_ v: UInt32, at: Int) { for i in 0..<4 { data[at + i] = UInt8(truncatingIfNeeded: v >> (8 * UInt32(i))) } }
    mutating func put64(_ v: UInt64, at: Int) { put32(UInt32(truncatingIfNeeded: v), at: at); put32(UInt32(v >> 32), at: at + 4) }
    mutating func put(_ bytes: [UInt8], at: Int) {
        if at + bytes.count > data.count { data.append(Data(count: at + bytes.count - data.count)) }
        data.replaceSubrange(at..<(at + bytes.count), with: bytes)
    }

    /// CRC-32C bit by bit (the library uses tables; a shared mistake would need both to agree).
    static func crc32c(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0x82F6_3B78 : crc >> 1 }
        }
        return ~crc
    }

    static let batGuid: [UInt8] = [0x66, 0x77, 0xC2, 0x2D, 0x23, 0xF6, 0x00, 0x42, 0x9D, 0x64, 0x11, 0x5E, 0x9B, 0xFD, 0x4A, 0x08]

    /// (offset of the current header, of the other one)
    var headers: (current: Int, other: Int) {
        le64(65536 + 8) >= le64(131072 + 8) ? (65536, 131072) : (131072, 65536)
    }
    var logOffset: Int { Int(le64(headers.current + 72)) }
    var logLength: Int { Int(le32(headers.current + 68)) }

    static let metadataGuid: [UInt8] = [0x06, 0xA2, 0x7C, 0x8B, 0x90, 0x47, 0x9A, 0x4B, 0xB8, 0xFE, 0x57, 0x5F, 0x05, 0x0F, 0x88, 0x6E]
    static let virtualDiskSizeGuid: [UInt8] = [0x24, 0x42, 0xA5, 0x2F, 0x1B, 0xCD, 0x76, 0x48, 0xB2, 0x11, 0x5D, 0xBE, 0xD8, 0x3B, 0xF4, 0xB8]

    private func region(_ guid: [UInt8]) -> Int {
        let table = 196_608
        for i in 0..<Int(le32(table + 8)) {
            let at = table + 16 + i * 32
            if Array(data[at..<(at + 16)]) == guid { return Int(le64(at + 16)) }
        }
        return -1
    }

    var batOffset: Int { region(Self.batGuid) }
    var metadataOffset: Int { region(Self.metadataGuid) }

    /// File offset of the virtual disk size metadata item.
    var virtualDiskSizeOffset: Int {
        let table = metadataOffset
        for i in 0..<Int(data[table + 10]) | Int(data[table + 11]) << 8 {
            let at = table + 32 + i * 32
            if Array(data[at..<(at + 16)]) == Self.virtualDiskSizeGuid { return table + Int(le32(at + 16)) }
        }
        return -1
    }

    /// Writes a new current header: the old one's fields with `logGuid` and a higher sequence number.
    mutating func setLogGuid(_ guid: [UInt8]) {
        let (current, other) = headers
        var header = Array(data[current..<(current + 4096)])
        let sequence = le64(current + 8) + 1
        for i in 0..<8 { header[8 + i] = UInt8(truncatingIfNeeded: sequence >> (8 * UInt64(i))) }
        header.replaceSubrange(48..<64, with: guid)
        header.replaceSubrange(4..<8, with: [0, 0, 0, 0])
        let crc = Self.crc32c(header)
        header.replaceSubrange(4..<8, with: (0..<4).map { UInt8(truncatingIfNeeded: crc >> (8 * UInt32($0))) })
        put(header, at: other)
    }

    enum Descriptor {
        case data(fileOffset: UInt64, sector: [UInt8])
        case zero(fileOffset: UInt64, length: UInt64)
    }

    /// One log entry as MS-VHDX 2.3.1 lays it out, placed at `position` of the log.
    mutating func writeLogEntry(at position: Int, sequence: UInt64, tail: Int, logGuid: [UInt8], descriptors: [Descriptor],
                                flushedFileOffset: UInt64, lastFileOffset: UInt64) {
        let dataCount = descriptors.filter { if case .data = $0 { return true } else { return false } }.count
        let descriptorSectors = (64 + 32 * descriptors.count + 4095) / 4096
        var entry = [UInt8](repeating: 0, count: (descriptorSectors + dataCount) * 4096)
        func put32(_ v: UInt32, _ at: Int) { for i in 0..<4 { entry[at + i] = UInt8(truncatingIfNeeded: v >> (8 * UInt32(i))) } }
        func put64(_ v: UInt64, _ at: Int) { put32(UInt32(truncatingIfNeeded: v), at); put32(UInt32(v >> 32), at + 4) }
        entry.replaceSubrange(0..<4, with: Array("loge".utf8))
        put32(UInt32(entry.count), 8)
        put32(UInt32(tail), 12)
        put64(sequence, 16)
        put32(UInt32(descriptors.count), 24)
        entry.replaceSubrange(32..<48, with: logGuid)
        put64(flushedFileOffset, 48)
        put64(lastFileOffset, 56)
        var dataSector = descriptorSectors
        for (i, descriptor) in descriptors.enumerated() {
            let at = 64 + i * 32
            switch descriptor {
            case .zero(let fileOffset, let length):
                entry.replaceSubrange(at..<(at + 4), with: Array("zero".utf8))
                put64(length, at + 8)
                put64(fileOffset, at + 16)
            case .data(let fileOffset, let sector):
                entry.replaceSubrange(at..<(at + 4), with: Array("desc".utf8))
                entry.replaceSubrange((at + 4)..<(at + 8), with: sector[4092..<4096])
                entry.replaceSubrange((at + 8)..<(at + 16), with: sector[0..<8])
                put64(fileOffset, at + 16)
                let start = dataSector * 4096
                entry.replaceSubrange(start..<(start + 4096), with: sector)
                entry.replaceSubrange(start..<(start + 4), with: Array("data".utf8))
                put32(UInt32(sequence >> 32), start + 4)
                put32(UInt32(truncatingIfNeeded: sequence), start + 4092)
                dataSector += 1
            }
            put64(sequence, at + 24)
        }
        let crc = Self.crc32c(entry)
        put32(crc, 4)
        put(entry, at: logOffset + position)
    }
}
