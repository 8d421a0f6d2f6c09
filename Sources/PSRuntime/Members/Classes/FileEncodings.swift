/// The encodings a cmdlet's -Encoding names (Out-File, Set-Content, Tee-Object, Export-Csv, ...), as
/// PowerShell 7's ArgumentToEncodingTransformation reads them: its own names (`utf8` is UTF-8 without
/// a byte order mark, `utf8BOM` with one, `default`, `oem` and `ansi` are UTF-8 without one on Linux),
/// then a code page number or a .NET encoding name, which bring .NET's own preamble (65001 writes a BOM).
public struct FileEncoding: Sendable {
    let encoding: TextEncodings.Encoding
    /// The bytes written at the start of a new file.
    public let preamble: [UInt8]

    /// UTF-8 without a byte order mark: what PowerShell 7 writes when no -Encoding is given.
    public static let utf8NoBOM = FileEncoding(encoding: TextEncodings.utf8NoBOM, preamble: [])

    /// The encoding `name` stands for, nil when PowerShell would not know it.
    public static func named(_ name: String) -> FileEncoding? {
        let lower = name.lowercased()
        switch lower {
        case "utf8", "utf8nobom", "default", "oem", "ansi": return utf8NoBOM
        case "utf8bom": return FileEncoding(encoding: TextEncodings.utf8, preamble: TextEncodings.utf8.preamble)
        case "ascii", "unicode", "bigendianunicode", "utf32", "latin1":
            let e = TextEncodings.named(lower)!
            return FileEncoding(encoding: e, preamble: e.preamble)
        case "bigendianutf32": return FileEncoding(encoding: TextEncodings.bigEndianUTF32, preamble: TextEncodings.bigEndianUTF32.preamble)
        case "utf7": return FileEncoding(encoding: TextEncodings.utf7, preamble: [])
        default:
            let value: PSValue = Int32(name).map { .int($0) } ?? .string(name)
            return TextEncodings.lookup(value).map { FileEncoding(encoding: $0, preamble: $0.preamble) }
        }
    }

    /// The text's bytes, without the preamble.
    public func bytes(_ text: String) -> [UInt8] { TextEncodings.encode(encoding, text) }

    /// A file's text as .NET's StreamReader reads it with this encoding: a byte order mark at the
    /// start says which Unicode encoding it is (and is dropped), else the bytes are this encoding's.
    public func text(_ bytes: [UInt8]) -> String {
        let marks: [([UInt8], TextEncodings.Encoding)] = [
            ([0xEF, 0xBB, 0xBF], TextEncodings.utf8), ([0xFF, 0xFE, 0, 0], TextEncodings.utf32),
            ([0, 0, 0xFE, 0xFF], TextEncodings.bigEndianUTF32), ([0xFF, 0xFE], TextEncodings.unicode),
            ([0xFE, 0xFF], TextEncodings.bigEndianUnicode),
        ]
        for (mark, e) in marks where bytes.starts(with: mark) {
            return TextEncodings.decode(e, Array(bytes.dropFirst(mark.count)))
        }
        return TextEncodings.decode(encoding, bytes)
    }
}
