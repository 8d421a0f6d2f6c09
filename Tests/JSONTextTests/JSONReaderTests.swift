import JSONText
import XCTest

/// The one JSON reader in both grammars: strict (the inventory's files) and lenient (ConvertFrom-Json).
final class JSONReaderTests: XCTestCase {
    /// Texts only the lenient grammar takes, with what it reads.
    static let lenientOnly: [(String, JSONNode)] = [
        ("[1, 2,]", .array([.int(1), .int(2)])),
        ("{\"a\": 1,}", .object([("a", .int(1))])),
        ("['single']", .array([.string("single")])),
        ("{'key': null}", .object([("key", .null)])),
        ("// comment\n[1 /* inline */]", .array([.int(1)])),
        ("\u{FEFF}[true]", .array([.bool(true)])),
        ("+5", .int(5)),
        ("\"\\q\"", .string("q")),
        ("\"tab\there\"", .string("tab\there")),
        ("\"\\ud800x\"", .string("\u{FFFD}x")),
    ]

    /// Texts both grammars read the same way.
    static let both: [(String, JSONNode)] = [
        ("  {\"b\": [true, false, null], \"a\": -0.5e3}  ", .object([("b", .array([.bool(true), .bool(false), .null])), ("a", .number("-0.5e3"))])),
        ("9223372036854775807", .int(Int64.max)),
        ("-9223372036854775808", .int(Int64.min)),
        ("18446744073709551615", .number("18446744073709551615")),
        ("\"\\u00e9\\ud83d\\ude00\\/\\\"\\\\\\n\"", .string("é😀/\"\\\n")),
        ("[]", .array([])),
        ("{}", .object([])),
        ("{\"k\": 1, \"k\": 2}", .object([("k", .int(1)), ("k", .int(2))])),
    ]

    func testBothGrammarsReadStandardJSON() throws {
        for (text, expected) in Self.both {
            XCTAssertEqual(try JSONReader.read(text, grammar: .strict), expected, text)
            XCTAssertEqual(try JSONReader.read(text, grammar: .lenient), expected, text)
        }
    }

    func testOnlyTheLenientGrammarTakesPowerShellsExtensions() throws {
        for (text, expected) in Self.lenientOnly {
            XCTAssertEqual(try JSONReader.read(text, grammar: .lenient), expected, text)
            XCTAssertThrowsError(try JSONReader.read(text, grammar: .strict), text)
        }
    }

    func testErrorsAreWordedAsJsonNetWordsThem() {
        let cases: [(String, String)] = [
            ("{\"a\": }", "Unexpected character encountered while parsing value: }. Path '', line 1, position 6."),
            ("[1, 2", "Unexpected end when reading JSON. Path '', line 1, position 5."),
            ("{\"a\": 1} x", "Additional text encountered after finished reading JSON content: x. Path '', line 1, position 9."),
            ("\"open", "Unterminated string. Expected delimiter: \". Path '', line 1, position 5."),
            ("[1.2.3]", "Input string '1.2.3' is not a valid number. Path '', line 1, position 6."),
            ("{\"a\" 1}", "Invalid character after parsing property name. Expected ':'. Path 'a', line 1, position 5."),
        ]
        for (text, message) in cases {
            XCTAssertThrowsError(try JSONReader.read(text)) { error in
                XCTAssertEqual((error as? JSONReadError)?.message, message, text)
            }
        }
    }

    /// Nesting past the limit is an error naming where, not a recursion as deep as the input.
    func testMaxDepthNamesThePath() {
        XCTAssertThrowsError(try JSONReader.read("{\"a\": [0, {\"b\": [[1]]}]}", maxDepth: 4)) { error in
            XCTAssertEqual((error as? JSONReadError)?.message,
                           "The reader's MaxDepth of 4 has been exceeded. Path 'a[1].b[0]', line 1, position 18.")
        }
        XCTAssertThrowsError(try JSONReader.read(String(repeating: "[", count: 100_000), grammar: .strict, maxDepth: 512))
        XCTAssertNoThrow(try JSONReader.read(String(repeating: "[", count: 4) + String(repeating: "]", count: 4), maxDepth: 4))
    }
}
