extension String {
    /// `lowercased()`, the key of PowerShell's case-insensitive name tables (members, variables),
    /// without its cost in the common case: a name that is ASCII and already lower case comes back
    /// as it is (no new string), other ASCII is lowered byte by byte, and only a name with non-ASCII
    /// characters goes through Unicode's case mapping. Member and variable lookups lowercase a name
    /// each time; `lowercased()` was 5-6 % of the fuzz targets that format objects.
    public var caseInsensitiveKey: String {
        let lowered: String?? = utf8.withContiguousStorageIfAvailable { bytes -> String? in
            var upper = false
            for b in bytes {
                if b >= 0x80 { return nil }
                if b &- UInt8(ascii: "A") < 26 { upper = true }
            }
            guard upper else { return self }
            return String(unsafeUninitializedCapacity: bytes.count) { out in
                for (i, b) in bytes.enumerated() { out[i] = b &- UInt8(ascii: "A") < 26 ? b | 0x20 : b }
                return bytes.count
            }
        }
        if let lowered, let lowered { return lowered }
        return lowercased()
    }
}
