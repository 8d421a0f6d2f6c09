import PSLanguage
import XCTest

/// The line scanner the shell uses to skip parsing statements that are certainly unfinished: it must
/// follow strings, here-strings, comments and brackets exactly enough never to call a finished
/// statement open, whatever brackets its strings and comments hold.
final class OpenGroupScannerTests: XCTestCase {
    private func isOpen(_ lines: [String]) -> Bool {
        var scanner = OpenGroupScanner()
        for line in lines { scanner.feed(line: line) }
        return scanner.isCertainlyOpen
    }

    func testOpenBracketsStringsAndHereStringsAreOpen() {
        XCTAssertTrue(isOpen(["function f {"]))
        XCTAssertTrue(isOpen(["$a = @("]))
        XCTAssertTrue(isOpen(["$h = @{ a = 1"]))
        XCTAssertTrue(isOpen(["'unfinished"]))
        XCTAssertTrue(isOpen(["\"unfinished $(1 + "]))
        XCTAssertTrue(isOpen(["$x = @\"", "{ ( ["]))
        XCTAssertTrue(isOpen(["<# a block", "comment"]))
        XCTAssertTrue(isOpen(["$x = ‘typographic"]))
    }

    func testFinishedStatementsAreNotOpenWhateverTheirStringsAndCommentsHold() {
        for lines in [
            ["function f { 'a' }"],
            ["'{ ( [' + \"} ) ]\""],
            ["'it''s' + \"say \"\"hi\"\" `\" {\""],
            ["$x = @\"", "{ ( [ \"", "\"@"],
            ["$x = @'", " '@ indented is no end {", "'@"],
            ["\"$( '(' + \")\" )\""],
            ["# { ( [ a comment"],
            ["1 + <# { #> 2"],
            ["${odd { name} = 1"],
            ["echo `{ `("],
            ["$x = ‘it’’s’ + “a { ”"],
            ["echo a#b"],
        ] {
            XCTAssertFalse(isOpen(lines), "\(lines)")
        }
    }

    func testAStrayCloserTurnsTheScannerOff() {
        XCTAssertFalse(isOpen(["}", "{"]), "after a closer that matches nothing the scanner claims nothing")
    }
}
