import XCTest
@testable import PSRuntime

/// The culture order of `-lt` and Sort-Object: ASCII text takes a path of its own, which must give
/// exactly what the per-character weights give.
final class CultureCollationTests: XCTestCase {
    func testKnownOrder() {
        let sorted = ["\t", " x", "_x", "-x", "~", "$", "1", "9", "a", "A", "ab", "aB", "Ab", "b", "B", "b\r\nc", "é"]
        for (i, a) in sorted.enumerated() {
            for (j, b) in sorted.enumerated() {
                XCTAssertEqual(CultureCollation.compare(a, b, caseSensitive: true), i < j ? -1 : (i == j ? 0 : 1),
                               "\(a.debugDescription) against \(b.debugDescription)")
            }
        }
        XCTAssertEqual(CultureCollation.compare("abc", "ABC", caseSensitive: false), 0)
        XCTAssertEqual(CultureCollation.compare("abc", "ABC", caseSensitive: true), -1)
        XCTAssertEqual(CultureCollation.compare("ab", "ABC", caseSensitive: false), -1)
    }

    func testASCIIPathAgreesWithCharacterWeights() {
        let pieces = ["a", "A", "z", "Z", "0", "9", "_", "-", " ", "\t", "\r", "\n", "\r\n", "~", "`", "[", "\u{7F}", "\u{0}", "é"]
        var generator = SystemRandomNumberGenerator()
        func text() -> String {
            (0..<Int.random(in: 0...6, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
        }
        for _ in 0..<20000 {
            let a = text(), b = text()
            for caseSensitive in [false, true] {
                XCTAssertEqual(CultureCollation.compare(a, b, caseSensitive: caseSensitive),
                               CultureCollation.compareByCharacterWeights(a, b, caseSensitive: caseSensitive),
                               "\(a.debugDescription) against \(b.debugDescription), caseSensitive \(caseSensitive)")
            }
        }
    }
}
