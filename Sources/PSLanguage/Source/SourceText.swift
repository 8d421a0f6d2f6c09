/// The script text as UTF-8 bytes plus a table of line starts, so that offsets stored in the AST
/// can be turned into line/column pairs and source lines only when an error is shown.
public struct SourceText: Sendable {
    /// The raw UTF-8 bytes, including any BOM.
    public let bytes: [UInt8]
    /// Byte offsets at which each line starts (line 1 starts at index 0).
    public let lineStarts: [Int]
    /// Name of the file the text came from, if any (used in error output).
    public let fileName: String?
    /// How many scalars start before each `scalarBlock`-byte block: a column is then found by scanning
    /// at most two blocks, not the whole line up to the offset. The parser positions every error it
    /// reports (also while trying alternatives), so on one long line scanning from the line's start
    /// made parsing quadratic (a 22 KB line took 0.4 s, almost all of it in this function).
    let scalarsBeforeBlock: [Int]
    static let scalarBlock = 256

    public init(_ text: String, fileName: String? = nil) {
        self.init(bytes: Array(text.utf8), fileName: fileName)
    }

    public init(bytes: [UInt8], fileName: String? = nil) {
        self.bytes = bytes
        self.fileName = fileName
        var starts = [0]
        starts.reserveCapacity(bytes.count / 32 + 1)
        bytes.withUnsafeBufferPointer { buf in
            var i = 0
            let n = buf.count
            while i < n {
                let b = buf[i]
                if b > UInt8(ascii: "\r") { i += 1; continue }
                if b == UInt8(ascii: "\n") {
                    starts.append(i + 1)
                } else if b == UInt8(ascii: "\r") {
                    if i + 1 < n && buf[i + 1] == UInt8(ascii: "\n") { i += 1 }
                    starts.append(i + 1)
                }
                i += 1
            }
        }
        lineStarts = starts
        var counts = [0]
        if bytes.count >= Self.scalarBlock {
            counts.reserveCapacity(bytes.count / Self.scalarBlock + 1)
            bytes.withUnsafeBufferPointer { buf in
                var total = 0
                var blockEnd = Self.scalarBlock
                while blockEnd <= buf.count {
                    for i in (blockEnd - Self.scalarBlock)..<blockEnd where buf[i] & 0xC0 != 0x80 { total += 1 }
                    counts.append(total)
                    blockEnd += Self.scalarBlock
                }
            }
        }
        scalarsBeforeBlock = counts
    }

    /// The number of Unicode scalars that start in `bytes[0..<offset]` (a continuation byte starts none).
    func scalars(before offset: Int) -> Int {
        let block = offset / Self.scalarBlock
        var count = scalarsBeforeBlock[block]
        var i = block * Self.scalarBlock
        bytes.withUnsafeBytes { raw in
            // Eight bytes at a time: a continuation byte (10xxxxxx) has its top bit set and the next
            // one clear. The parser positions every error it reports, and fuzzed text reports many:
            // byte by byte this was a tenth of the parser's time.
            while i + 8 <= offset {
                let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                let continuations = word & ~(word << 1) & 0x8080_8080_8080_8080
                count += 8 - continuations.nonzeroBitCount
                i += 8
            }
            while i < offset {
                if raw[i] & 0xC0 != 0x80 { count += 1 }
                i += 1
            }
        }
        return count
    }

    /// The text covered by `range`, decoded leniently.
    public func text(_ range: SourceRange) -> String {
        let s = max(0, min(range.start, bytes.count))
        let e = max(s, min(range.end, bytes.count))
        return String(decoding: bytes[s..<e], as: UTF8.self)
    }

    /// 0-based index of the line holding `offset`.
    public func lineIndex(of offset: Int) -> Int {
        var lo = 0
        var hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    /// The 1-based line and column of `offset`; columns count Unicode scalars, a BOM is not counted.
    public func location(of offset: Int) -> SourceLocation {
        let li = lineIndex(of: offset)
        var start = lineStarts[li]
        if li == 0 && bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF {
            start = Swift.min(3, offset)
        }
        let stop = Swift.min(offset, bytes.count)
        var column = 1
        if start < stop { column += scalars(before: stop) - scalars(before: start) }
        if offset > bytes.count { column += offset - bytes.count }
        return SourceLocation(line: li + 1, column: column)
    }

    /// The terminator that ends the 1-based line `line` (`"\n"`, `"\r\n"`, or `""` for the last line).
    public func lineTerminator(_ line: Int) -> String {
        guard line >= 1 && line < lineStarts.count else { return "" }
        let e = lineStarts[line]
        if e >= 2 && bytes[e - 2] == UInt8(ascii: "\r") && bytes[e - 1] == UInt8(ascii: "\n") { return "\r\n" }
        return e >= 1 && bytes[e - 1] == UInt8(ascii: "\r") ? "\r" : "\n"
    }

    /// The text of the 1-based line `line`, without its line terminator.
    public func lineText(_ line: Int) -> String {
        guard line >= 1 && line <= lineStarts.count else { return "" }
        var s = lineStarts[line - 1]
        if line == 1 && bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { s = 3 }
        var e = line < lineStarts.count ? lineStarts[line] : bytes.count
        while e > s && (bytes[e - 1] == UInt8(ascii: "\n") || bytes[e - 1] == UInt8(ascii: "\r")) { e -= 1 }
        return String(decoding: bytes[s..<e], as: UTF8.self)
    }
}
