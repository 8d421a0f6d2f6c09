import XCTest
@testable import PSLanguage

/// Line and column of every offset, found from per-block scalar counts (`SourceText`), against a count
/// made the slow way: lines of many blocks, multi-byte characters across block edges, CRLF, a BOM.
final class SourceLocationTests: XCTestCase {
    private func counted(_ bytes: [UInt8], _ offset: Int) -> SourceLocation {
        var line = 1, column = 1
        var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while i < min(offset, bytes.count) {
            let b = bytes[i]
            if b == 0x0A || (b == 0x0D && !(i + 1 < bytes.count && bytes[i + 1] == 0x0A)) {
                line += 1; column = 1
            } else if b & 0xC0 != 0x80 {
                column += 1
            }
            i += 1
        }
        return SourceLocation(line: line, column: column + max(0, offset - bytes.count))
    }

    func testEveryOffsetOfLongMixedLines() {
        var text = "\u{FEFF}"
        for i in 0..<300 { text += i % 7 == 0 ? "é€😀" : "ab" }
        text += "\r\n" + String(repeating: "x€", count: 400) + "\n" + String(repeating: "😀", count: 200) + "\rend"
        let bytes = Array(text.utf8)
        XCTAssertGreaterThan(bytes.count, 4 * SourceText.scalarBlock)
        let source = SourceText(bytes: bytes)
        for offset in 0...(bytes.count + 2) {
            XCTAssertEqual(source.location(of: offset), counted(bytes, offset), "offset \(offset)")
        }
    }

    func testShortTextHasNoBlocksAndStillCounts() {
        let bytes = Array("a€b\nc😀d".utf8)
        let source = SourceText(bytes: bytes)
        for offset in 0...bytes.count { XCTAssertEqual(source.location(of: offset), counted(bytes, offset)) }
    }

    /// Any bytes (fuzzed text is rarely valid UTF-8): counted eight at a time, every offset matches.
    func testEveryOffsetOfArbitraryBytes() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        let bytes: [UInt8] = (0..<(3 * SourceText.scalarBlock + 13)).map { _ in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return UInt8(truncatingIfNeeded: state >> 56)
        }
        let source = SourceText(bytes: bytes)
        for offset in 0...bytes.count {
            XCTAssertEqual(source.location(of: offset), counted(bytes, offset), "offset \(offset)")
        }
    }
}
