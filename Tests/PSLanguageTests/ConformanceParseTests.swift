import Foundation
import XCTest
import PSLanguage

/// Every script of the PowerShell conformance cases (`Tests/conformance/*.json`) parses
/// without errors, and the shapes the cases rely on are the ones PowerShell gives them.
final class ConformanceParseTests: XCTestCase {
    struct Case: Decodable {
        let id: String
        let script: String
    }

    /// The cases of every Tests/conformance/*.json file.
    static func loadCases() throws -> [Case] {
        let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("conformance")
        var all: [Case] = []
        for f in try FileManager.default.contentsOfDirectory(atPath: dir.path).filter({ $0.hasSuffix(".json") }).sorted() {
            all += try JSONDecoder().decode([Case].self, from: Data(contentsOf: dir.appendingPathComponent(f)))
        }
        return all
    }

    func testEveryConformanceScriptParses() throws {
        let cases = try Self.loadCases()
        XCTAssertGreaterThanOrEqual(cases.count, 40)
        for c in cases {
            let result = Parser.parse(c.script)
            XCTAssertEqual(result.errors, [], "\(c.id): \(c.script)")
        }
    }

    private func dump(_ s: String) -> String { ASTDump.renderFlat(Parser.parse(s).scriptBlock) }

    /// `0 ?1kb:0xf` is a ternary whose branches are numeric literals with a multiplier and hex.
    func testTernaryWithNumericLiterals() {
        XCTAssertEqual(dump("0 ?1kb:0xf"), "(script (pipeline (expr (?: (num Int32 0) (num Int32 1024) (num Int32 15)))))")
    }

    /// `$a[+0..2+4..6+8]`: ranges bind tighter than `+`.
    func testIndexWithRangesAndPlus() {
        XCTAssertEqual(dump("$a[0,2+4..6]"),
                       "(script (pipeline (expr (index (var a) (+ (array (num Int32 0) (num Int32 2)) (.. (num Int32 4) (num Int32 6)))))))")
    }

    /// The comma binds tighter than comparison: `'abc' -eq 'abc', 'def'` compares with an array.
    func testCommaBindsTighterThanComparison() {
        XCTAssertEqual(dump("'abc' -eq 'abc', 'def'"),
                       #"(script (pipeline (expr (-eq (str "abc") (array (str "abc") (str "def"))))))"#)
    }

    /// `"foo`u{2195}abc"` decodes the escape while lexing.
    func testUnicodeEscape() {
        XCTAssertEqual(dump("\"foo`u{2195}abc\""), "(script (pipeline (expr (dstr \"foo↕abc\"))))")
    }
}
