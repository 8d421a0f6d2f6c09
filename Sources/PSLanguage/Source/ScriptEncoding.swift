/// The text encodings a `.ps1` file may come in. PowerShell reads UTF-8 (with or without a BOM) and,
/// by their byte-order marks, UTF-16 and UTF-32 in either byte order: Windows PowerShell's editors
/// save "Unicode" (UTF-16LE with BOM) by default. The front end works on UTF-8, so the others are
/// converted first; malformed units become U+FFFD, as .NET's decoders do.
public enum ScriptEncoding {
    /// The UTF-8 bytes of a file's contents.
    public static func utf8(_ bytes: [UInt8]) -> [UInt8] {
        if bytes.starts(with: [0xFF, 0xFE, 0x00, 0x00]) { return utf32(bytes.dropFirst(4), bigEndian: false) }
        if bytes.starts(with: [0x00, 0x00, 0xFE, 0xFF]) { return utf32(bytes.dropFirst(4), bigEndian: true) }
        if bytes.starts(with: [0xFF, 0xFE]) { return utf16(bytes.dropFirst(2), bigEndian: false) }
        if bytes.starts(with: [0xFE, 0xFF]) { return utf16(bytes.dropFirst(2), bigEndian: true) }
        return bytes
    }

    private static func utf16(_ bytes: ArraySlice<UInt8>, bigEndian: Bool) -> [UInt8] {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2 + 1)
        var i = bytes.startIndex
        while i + 1 < bytes.endIndex {
            let a = UInt16(bytes[i]), b = UInt16(bytes[i + 1])
            units.append(bigEndian ? a << 8 | b : b << 8 | a)
            i += 2
        }
        if i < bytes.endIndex { units.append(0xFFFD) }  // an odd byte at the end
        return Array(String(decoding: units, as: UTF16.self).utf8)
    }

    private static func utf32(_ bytes: ArraySlice<UInt8>, bigEndian: Bool) -> [UInt8] {
        var scalars = String.UnicodeScalarView()
        var i = bytes.startIndex
        while i + 3 < bytes.endIndex {
            let b = (0..<4).map { UInt32(bytes[i + $0]) }
            let value = bigEndian ? b[0] << 24 | b[1] << 16 | b[2] << 8 | b[3] : b[3] << 24 | b[2] << 16 | b[1] << 8 | b[0]
            scalars.append(Unicode.Scalar(value) ?? "\u{FFFD}")
            i += 4
        }
        if i < bytes.endIndex { scalars.append("\u{FFFD}") }
        return Array(String(scalars).utf8)
    }
}
