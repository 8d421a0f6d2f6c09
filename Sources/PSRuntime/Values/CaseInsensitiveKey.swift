extension String {
    /// `lowercased()`, the key of PowerShell's case-insensitive name tables (members, variables),
    /// without its cost in the common case: a name that is ASCII and already lower case comes back
    /// as it is (no new string), other ASCII is lowered eight bytes at a time, and only a name with
    /// non-ASCII characters goes through Unicode's case mapping. Member and variable lookups lowercase
    /// a name each time; `lowercased()` was 5-8 % of the fuzz targets that format objects. Words, not
    /// bytes: a loop over bytes made a coverage callback per comparison in the fuzz build.
    public var caseInsensitiveKey: String {
        let lowered: String?? = utf8.withContiguousStorageIfAvailable { bytes -> String? in
            guard let start = bytes.baseAddress else { return self }
            let count = bytes.count
            var any: UInt64 = 0, upper: UInt64 = 0
            var offset = 0
            while offset < count {
                let word = ASCIIWords.load(start, offset, count)
                any |= word
                upper |= ASCIIWords.upperCaseBits(word)
                offset += 8
            }
            if any & ASCIIWords.highBits != 0 { return nil }
            if upper == 0 { return self }
            return String(unsafeUninitializedCapacity: count) { out in
                var offset = 0
                while offset < count {
                    let word = ASCIIWords.load(start, offset, count)
                    // An upper-case letter's marker bit (0x80) shifted to 0x20 lowers it.
                    let lowered = word | (ASCIIWords.upperCaseBits(word) >> 2)
                    let destination = UnsafeMutableRawPointer(out.baseAddress! + offset)
                    withUnsafeBytes(of: lowered) { destination.copyMemory(from: $0.baseAddress!, byteCount: Swift.min(8, count - offset)) }
                    offset += 8
                }
                return count
            }
        }
        if let lowered, let lowered { return lowered }
        return lowercased()
    }
}

/// Eight bytes of UTF-8 as one little-endian word.
enum ASCIIWords {
    static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// The eight bytes at `offset` (fewer at the end, the rest zero).
    @inline(__always) static func load(_ start: UnsafePointer<UInt8>, _ offset: Int, _ count: Int) -> UInt64 {
        if count - offset >= 8 { return UnsafeRawPointer(start + offset).loadUnaligned(as: UInt64.self) }
        var word: UInt64 = 0
        withUnsafeMutableBytes(of: &word) { $0.copyMemory(from: UnsafeRawBufferPointer(start: start + offset, count: count - offset)) }
        return word
    }

    /// 0x80 in each byte of `word` that is an ASCII upper-case letter ('A' 0x41 ... 'Z' 0x5A). Each
    /// byte's low seven bits plus 0x3F reach 0x80 from 'A' up, plus 0x25 from past 'Z' up, and no sum
    /// carries into the next byte.
    @inline(__always) static func upperCaseBits(_ word: UInt64) -> UInt64 {
        let low = word & 0x7F7F_7F7F_7F7F_7F7F
        let fromA = low &+ 0x3F3F_3F3F_3F3F_3F3F
        let pastZ = low &+ 0x2525_2525_2525_2525
        return fromA & ~pastZ & ~word & highBits
    }
}
