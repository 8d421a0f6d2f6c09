import Foundation
import XCTest

/// Scripts whose parse cost grew faster than their length (issue 17, item 11), run by the real hvsh:
/// each must end with its parse errors well inside the time limit. Both shapes were found by the
/// parser fuzz target; at the sizes here the old parser ran for minutes.
final class ParseCostTests: XCTestCase {
    private var home: ScratchDirectory!

    override func setUpWithError() throws {
        try HvshProcess.requireExecutable()
        home = HvshProcess.makeHome()
    }

    override func tearDown() { home?.remove() }

    /// The message of an error view, its wrapped lines (`     | text`) joined again.
    static func messageText(_ view: String) -> String {
        view.split(separator: "\n").compactMap { line -> Substring? in
            guard let bar = line.firstIndex(of: "|"), line[..<bar].allSatisfy({ $0 == " " }), bar != line.startIndex else { return nil }
            return line[line.index(after: bar)...].drop { $0 == " " }
        }.joined(separator: " ")
    }

    /// Brackets that look like a param block's attributes but are not, each holding the next: every
    /// level was parsed twice per level above it (2^n), below the nesting limit and past it.
    func testNestedFalseParamBlocksParseOnce() throws {
        for (count, tooDeep) in [(40, false), (60, true)] {
            let script = home.write("nested\(count).ps1", String(repeating: "{ [a((x] param($y) ", count: count))
            let r = try HvshProcess.run(["-NoProfile", "-File", script], home: home.path, timeout: 60)
            XCTAssertEqual(r.status, 1, r.stderr)
            let message = Self.messageText(r.stderr)
            XCTAssertTrue(message.contains("Missing closing ')' in expression."), r.stderr)
            XCTAssertEqual(message.contains("Processing was stopped because the script is too complex."), tooDeep, r.stderr)
        }
    }

    /// A block comment that never ends, after nested parentheses: each level rewound and scanned the
    /// comment to the end of the script again (levels × length; a 2.7 KB parser fuzz input took 38 ms,
    /// and this 4 MB script about two minutes in a debug build). Each comment is scanned once now.
    func testAnUnterminatedCommentIsScannedOnce() throws {
        let script = home.write("comment.ps1", String(repeating: "(", count: 80) + "<# " + String(repeating: "x", count: 4 << 20) + "\n")
        let r = try HvshProcess.run(["-NoProfile", "-File", script], home: home.path, timeout: 60)
        XCTAssertEqual(r.status, 1, "hvsh did not end with the script's parse errors: \(r.stderr.prefix(2000))")
        XCTAssertTrue(Self.messageText(r.stderr).contains("The terminator '#>' is missing from the multiline comment."),
                      "the missing terminator was not reported: \(r.stderr.prefix(2000))")
        XCTAssertEqual(r.stdout, "", "a script with parse errors runs nothing")
    }

    /// One long line with an error every two bytes: each error's column was counted from the start of
    /// the line (n errors × n bytes).
    func testManyErrorsOnOneLongLineAreFound() throws {
        let script = home.write("line.ps1", "'first'; " + String(repeating: ") ", count: 200_000))
        let r = try HvshProcess.run(["-NoProfile", "-File", script], home: home.path, timeout: 60)
        XCTAssertEqual(r.status, 1, r.stderr)
        XCTAssertTrue(Self.messageText(r.stderr).contains("Unexpected token ')' in expression or statement."), r.stderr)
        XCTAssertEqual(r.stdout, "", "a script with parse errors runs nothing")
    }
}
