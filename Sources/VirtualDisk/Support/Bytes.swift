/// Little- and big-endian fields of on-disk structures held in byte arrays. Callers read a
/// structure whole (its fixed size) before looking at fields, and check variable offsets taken
/// from the file against the array's count first: the files are untrusted.
extension Array where Element == UInt8 {
    func le16(_ at: Int) -> UInt16 { UInt16(self[at]) | UInt16(self[at + 1]) << 8 }
    func le32(_ at: Int) -> UInt32 { UInt32(le16(at)) | UInt32(le16(at + 2)) << 16 }
    func le64(_ at: Int) -> UInt64 { UInt64(le32(at)) | UInt64(le32(at + 4)) << 32 }
    func be16(_ at: Int) -> UInt16 { UInt16(self[at]) << 8 | UInt16(self[at + 1]) }
    func be32(_ at: Int) -> UInt32 { UInt32(be16(at)) << 16 | UInt32(be16(at + 2)) }
    func be64(_ at: Int) -> UInt64 { UInt64(be32(at)) << 32 | UInt64(be32(at + 4)) }

    mutating func putLE16(_ v: UInt16, at: Int) { self[at] = UInt8(truncatingIfNeeded: v); self[at + 1] = UInt8(truncatingIfNeeded: v >> 8) }
    mutating func putLE32(_ v: UInt32, at: Int) { putLE16(UInt16(truncatingIfNeeded: v), at: at); putLE16(UInt16(truncatingIfNeeded: v >> 16), at: at + 2) }
    mutating func putLE64(_ v: UInt64, at: Int) { putLE32(UInt32(truncatingIfNeeded: v), at: at); putLE32(UInt32(truncatingIfNeeded: v >> 32), at: at + 4) }
    mutating func putBE16(_ v: UInt16, at: Int) { self[at] = UInt8(truncatingIfNeeded: v >> 8); self[at + 1] = UInt8(truncatingIfNeeded: v) }
    mutating func putBE32(_ v: UInt32, at: Int) { putBE16(UInt16(truncatingIfNeeded: v >> 16), at: at); putBE16(UInt16(truncatingIfNeeded: v), at: at + 2) }
    mutating func putBE64(_ v: UInt64, at: Int) { putBE32(UInt32(truncatingIfNeeded: v >> 32), at: at); putBE32(UInt32(truncatingIfNeeded: v), at: at + 4) }

    mutating func put(_ bytes: [UInt8], at: Int) { replaceSubrange(at..<(at + bytes.count), with: bytes) }

    /// Whether the bytes at `at` spell `ascii` (signatures such as "vhdxfile" or "conectix").
    func matches(_ ascii: String, at: Int = 0) -> Bool {
        let expected = Array(ascii.utf8)
        guard at >= 0, at + expected.count <= count else { return false }
        return self[at..<(at + expected.count)].elementsEqual(expected)
    }

    var isAllZero: Bool { allSatisfy { $0 == 0 } }
}

/// Whether every byte of the buffer is zero (Optimize-VHD and conversions skip such blocks).
func isAllZero(_ buffer: UnsafeRawBufferPointer) -> Bool {
    var i = 0
    let count = buffer.count
    while i + 8 <= count {
        if buffer.loadUnaligned(fromByteOffset: i, as: UInt64.self) != 0 { return false }
        i += 8
    }
    while i < count {
        if buffer[i] != 0 { return false }
        i += 1
    }
    return true
}

@inline(__always) func roundUp(_ value: UInt64, to multiple: UInt64) -> UInt64 {
    (value + multiple - 1) / multiple * multiple
}

@inline(__always) func divideRoundingUp(_ value: UInt64, _ divisor: UInt64) -> UInt64 {
    (value + divisor - 1) / divisor
}

/// UTF-16 text as VHDX parent locators (little-endian) and VHD parent names (big-endian) store it.
enum UTF16Text {
    static func encode(_ text: String, bigEndian: Bool = false) -> [UInt8] {
        var bytes = [UInt8]()
        for unit in text.utf16 {
            if bigEndian { bytes += [UInt8(unit >> 8), UInt8(unit & 0xFF)] } else { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        }
        return bytes
    }

    /// Decodes up to the first NUL; invalid sequences become U+FFFD rather than failing.
    static func decode(_ bytes: ArraySlice<UInt8>, bigEndian: Bool = false) -> String {
        var units = [UInt16]()
        var i = bytes.startIndex
        while i + 1 < bytes.endIndex {
            let unit = bigEndian ? UInt16(bytes[i]) << 8 | UInt16(bytes[i + 1]) : UInt16(bytes[i + 1]) << 8 | UInt16(bytes[i])
            if unit == 0 { break }
            units.append(unit)
            i += 2
        }
        return String(decoding: units, as: UTF16.self)
    }
}

/// The standard library's buffer accessors rethrow untyped errors; these keep `DiskError` typed.
extension Array where Element == UInt8 {
    mutating func withMutableBuffer(_ body: (UnsafeMutableRawBufferPointer) throws(DiskError) -> Void) throws(DiskError) {
        var failure: DiskError?
        withUnsafeMutableBytes { buffer in
            do throws(DiskError) { try body(buffer) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    func withBuffer(_ body: (UnsafeRawBufferPointer) throws(DiskError) -> Void) throws(DiskError) {
        var failure: DiskError?
        withUnsafeBytes { buffer in
            do throws(DiskError) { try body(buffer) } catch { failure = error }
        }
        if let failure { throw failure }
    }
}
