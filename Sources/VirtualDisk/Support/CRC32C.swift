/// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), the checksum of VHDX headers, region
/// tables and log entries. Slicing-by-8: the 64 KiB region tables and log entries are checked on
/// every open, so the byte-at-a-time loop would show.
enum CRC32C {
    private static let tables: [[UInt32]] = {
        var tables = [[UInt32]](repeating: [UInt32](repeating: 0, count: 256), count: 8)
        for n in 0..<256 {
            var c = UInt32(n)
            for _ in 0..<8 { c = (c & 1) != 0 ? (c >> 1) ^ 0x82F6_3B78 : c >> 1 }
            tables[0][n] = c
        }
        for n in 0..<256 {
            for k in 1..<8 {
                let previous = tables[k - 1][n]
                tables[k][n] = (previous >> 8) ^ tables[0][Int(previous & 0xFF)]
            }
        }
        return tables
    }()

    static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        let t = tables
        var crc: UInt32 = 0xFFFF_FFFF
        var i = 0
        let count = bytes.count
        while i + 8 <= count {
            let lo = crc ^ bytes.loadUnaligned(fromByteOffset: i, as: UInt32.self).littleEndian
            let hi = bytes.loadUnaligned(fromByteOffset: i + 4, as: UInt32.self).littleEndian
            crc = t[7][Int(lo & 0xFF)] ^ t[6][Int((lo >> 8) & 0xFF)] ^ t[5][Int((lo >> 16) & 0xFF)] ^ t[4][Int(lo >> 24)]
                ^ t[3][Int(hi & 0xFF)] ^ t[2][Int((hi >> 8) & 0xFF)] ^ t[1][Int((hi >> 16) & 0xFF)] ^ t[0][Int(hi >> 24)]
            i += 8
        }
        while i < count {
            crc = (crc >> 8) ^ t[0][Int((crc ^ UInt32(bytes[i])) & 0xFF)]
            i += 1
        }
        return ~crc
    }

    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBytes { checksum($0) }
    }

    /// The checksum of a structure whose own 4-byte checksum field at `field` counts as zero.
    static func checksum(_ bytes: [UInt8], zeroingFieldAt field: Int) -> UInt32 {
        var copy = bytes
        copy.putLE32(0, at: field)
        return checksum(copy)
    }
}
