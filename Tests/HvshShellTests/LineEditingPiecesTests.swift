import XCTest
@testable import HvshShell

final class LineEditingPiecesTests: XCTestCase {
    func testUTF8DecodingOneByteAtATime() {
        let quote = Array("“".utf8) // E2 80 9C
        XCTAssertEqual(UTF8Decoding.decode(Array(quote.prefix(1))), .incomplete)
        XCTAssertEqual(UTF8Decoding.decode(Array(quote.prefix(2))), .incomplete)
        XCTAssertEqual(UTF8Decoding.decode(quote), .scalar(0x201C))
        XCTAssertEqual(UTF8Decoding.decode([0x41]), .scalar(0x41))
        XCTAssertEqual(UTF8Decoding.decode([0xFF]), .invalid)
        XCTAssertEqual(UTF8Decoding.decode([0xE2, 0x41]), .invalid)
    }

    func testCandidateListingFillsColumnsDownward() {
        let text = LineEditor.columns(["a", "bb", "ccc", "d", "e"], width: 12)
        // Column width 5 (widest 3 + 2), two per row, three rows; no trailing spaces.
        XCTAssertEqual(text, "a    d\nbb   e\nccc\n")
    }

    func testColoursOnlyOnATerminalWithoutNoColor() {
        XCTAssertTrue(Terminal(stdinIsTerminal: true, stdoutIsTerminal: true, stderrIsTerminal: true, noColorRequested: false).colorsOnStdout)
        XCTAssertFalse(Terminal(stdinIsTerminal: true, stdoutIsTerminal: true, stderrIsTerminal: true, noColorRequested: true).colorsOnStderr)
        XCTAssertFalse(Terminal(stdinIsTerminal: true, stdoutIsTerminal: false, stderrIsTerminal: false, noColorRequested: false).colorsOnStdout)
        XCTAssertEqual(StreamColor.paint("a\n\nb", with: StreamColor.error), "\u{1B}[31;1ma\u{1B}[0m\n\n\u{1B}[31;1mb\u{1B}[0m")
    }
}
