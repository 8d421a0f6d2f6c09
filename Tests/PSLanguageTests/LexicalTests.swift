import XCTest
@testable import PSLanguage

/// Characters and layout: BOM, CRLF, comments, continuations, Unicode spaces, `#Requires`, positions.
final class LexicalTests: XCTestCase {
    private func flat(_ s: String) -> String { ASTDump.renderFlat(Parser.parse(s).scriptBlock) }
    private func flat(bytes: [UInt8]) -> String { ASTDump.renderFlat(Parser.parse(bytes: bytes).scriptBlock) }

    func testByteOrderMarkIsSkipped() {
        let r = Parser.parse(bytes: [0xEF, 0xBB, 0xBF] + Array("Get-VM".utf8))
        XCTAssertEqual(r.errors, [])
        XCTAssertEqual(ASTDump.renderFlat(r.scriptBlock), #"(script (pipeline (command (bare "Get-VM"))))"#)
        // Columns do not count the BOM.
        XCTAssertEqual(r.source.location(of: 3), SourceLocation(line: 1, column: 1))
    }

    func testCRLFAndCRLineEndings() {
        let expected = #"(script (assign = (var a) (pipeline (expr (num Int32 1)))) (pipeline (expr (var a))))"#
        XCTAssertEqual(flat("$a = 1\r\n$a\r\n"), expected)
        XCTAssertEqual(flat("$a = 1\r$a"), expected)
        let r = Parser.parse("$a = 1\r\n\r\n$b +")
        XCTAssertEqual(r.errors.first?.location, SourceLocation(line: 3, column: 5))
    }

    func testHereStringWithCRLF() {
        XCTAssertEqual(flat("@'\r\nline1\r\nline2\r\n'@"), #"(script (pipeline (expr (here "line1\r\nline2"))))"#)
        XCTAssertEqual(flat("@\"\r\n$x\r\n\"@"), #"(script (pipeline (expr (expand-here (var x)))))"#)
    }

    func testComments() {
        XCTAssertEqual(flat("# just a comment"), "(script)")
        XCTAssertEqual(flat("Get-VM # trailing"), #"(script (pipeline (command (bare "Get-VM"))))"#)
        XCTAssertEqual(flat("<# block\n comment #> Get-VM"), #"(script (pipeline (command (bare "Get-VM"))))"#)
        XCTAssertEqual(flat("1 <# inline #> + 2"), "(script (pipeline (expr (+ (num Int32 1) (num Int32 2)))))")
        XCTAssertEqual(flat("#region Setup\n$x = 1\n#endregion"), "(script (assign = (var x) (pipeline (expr (num Int32 1)))))")
        XCTAssertEqual(flat("'#not a comment'"), ##"(script (pipeline (expr (str "#not a comment"))))"##)
    }

    func testRequiresLinesAreRecorded() {
        let r = Parser.parse("#Requires -Version 7.0\n#requires -RunAsAdministrator\n#Requirements are not this\nGet-VM")
        XCTAssertEqual(r.scriptBlock.requirements, ["-Version 7.0", "-RunAsAdministrator"])
        XCTAssertEqual(r.errors, [])
    }

    func testUsingStatementsAtTop() {
        let r = Parser.parse("using namespace System.Text\nusing module Hyper-V\n$x = 1")
        XCTAssertEqual(r.errors, [])
        XCTAssertEqual(r.scriptBlock.usingStatements, ["namespace System.Text", "module Hyper-V"])
    }

    func testBacktickContinuation() {
        let expected = #"(script (pipeline (command (bare "New-VM") (param Name) (bare "a") (param Generation) (num Int32 2))))"#
        XCTAssertEqual(flat("New-VM `\n  -Name a `\n  -Generation 2"), expected)
        XCTAssertEqual(flat("New-VM `\r\n  -Name a `\r\n  -Generation 2"), expected)
    }

    func testUnicodeSpacesSeparateTokens() {
        // NBSP, NEL, en space, ideographic space
        for space in ["\u{00A0}", "\u{0085}", "\u{2002}", "\u{3000}", "\u{202F}"] {
            XCTAssertEqual(flat("Get-VM\(space)-Name\(space)x"), #"(script (pipeline (command (bare "Get-VM") (param Name) (bare "x"))))"#,
                           "space U+\(String(space.unicodeScalars.first!.value, radix: 16))")
        }
        XCTAssertEqual(flat("1\u{00A0}+\u{00A0}2"), "(script (pipeline (expr (+ (num Int32 1) (num Int32 2)))))")
    }

    func testEveryDashCharacterStartsAParameterAndAnOperator() {
        for dash in ["-", "\u{2013}", "\u{2014}", "\u{2015}"] {
            XCTAssertEqual(flat("Get-VM \(dash)Name x"), #"(script (pipeline (command (bare "Get-VM") (param Name) (bare "x"))))"#)
            XCTAssertEqual(flat("$a \(dash)eq 1"), "(script (pipeline (expr (-eq (var a) (num Int32 1)))))")
            XCTAssertEqual(flat("\(dash)5"), "(script (pipeline (expr (num Int32 -5))))")
        }
    }

    func testEveryQuoteCharacterDelimitsStrings() {
        for (open, close) in [("'", "'"), ("\u{2018}", "\u{2019}"), ("\u{2019}", "\u{2018}"), ("\u{201A}", "\u{2019}"), ("\u{201B}", "'")] {
            XCTAssertEqual(flat("\(open)a b\(close)"), #"(script (pipeline (expr (str "a b"))))"#)
        }
        for (open, close) in [("\"", "\""), ("\u{201C}", "\u{201D}"), ("\u{201E}", "\u{201C}"), ("\u{201D}", "\"")] {
            XCTAssertEqual(flat("\(open)a $x\(close)"), #"(script (pipeline (expr (expand "a " (var x)))))"#)
        }
        // Doubling any member of the class escapes it.
        XCTAssertEqual(flat("'it\u{2019}\u{2019}s'"), "(script (pipeline (expr (str \"it\u{2019}s\"))))")
        XCTAssertEqual(flat("\"say \u{201C}\u{201C}hi\u{201D}\u{201D}\""), "(script (pipeline (expr (dstr \"say \u{201C}hi\u{201D}\"))))")
    }

    func testSourceRangesAreUTF8Offsets() throws {
        let src = "New-VMSwitch -Name “SwitchName” -SwitchType Internal"
        let r = Parser.parse(src)
        guard case .pipeline(let p)? = r.scriptBlock.endBlock?.body.statements.first,
              case .command(let c) = p.elements[0] else { return XCTFail("no command") }
        XCTAssertEqual(c.range, SourceRange(start: 0, end: src.utf8.count))
        XCTAssertEqual(r.source.text(c.name.range), "New-VMSwitch")
        XCTAssertEqual(r.source.text(c.elements[0].range), "-Name")
        XCTAssertEqual(r.source.text(c.elements[1].range), "“SwitchName”")
        XCTAssertEqual(c.elements[1].range.length, 16) // 10 ASCII + two 3-byte quotes
        XCTAssertEqual(r.source.location(of: c.elements[2].range.start), SourceLocation(line: 1, column: 33))
    }

    func testVariableForms() {
        let r = Parser.parse("$env:PATH; ${a b}; $script:x; $using:y")
        let paths: [VariablePath] = r.scriptBlock.endBlock!.body.statements.compactMap {
            guard case .pipeline(let p) = $0, case .expression(let e) = p.elements[0],
                  case .variable(let v) = e.expression else { return nil }
            return v.path
        }
        XCTAssertEqual(paths.map(\.qualifier), ["env", nil, "script", "using"])
        XCTAssertEqual(paths.map(\.name), ["PATH", "a b", "x", "y"])
        XCTAssertEqual(paths.map(\.scope), [nil, nil, .script, .using])
        XCTAssertTrue(paths[1].isBraced)
    }

    func testNumberValuesAreTyped() {
        func value(_ s: String) -> NumberValue? {
            guard case .pipeline(let p)? = Parser.parse(s).scriptBlock.endBlock?.body.statements.first,
                  case .expression(let e) = p.elements[0], case .number(let n) = e.expression else { return nil }
            return n.value
        }
        XCTAssertEqual(value("256GB"), .int64(274_877_906_944))
        XCTAssertEqual(value("0xFFFFFFFF"), .int32(-1))
        XCTAssertEqual(value("0xFFFFFFFFu"), .uint32(4_294_967_295))
        XCTAssertEqual(value("1.30Dmb"), .decimal(Decimal(string: "1363148.8")!))
        XCTAssertEqual(value("0b1010"), .int32(10))
        XCTAssertEqual(value("1e3"), .double(1000))
        XCTAssertEqual(value("0x10Gb"), .int64(17_179_869_184))
        XCTAssertEqual(value("9223372036854775808"), .decimal(Decimal(string: "9223372036854775808")!))
        XCTAssertEqual(value("12n"), .bigInteger("12"))
        XCTAssertEqual(value("2uL")?.typeName, "UInt64")
    }

    func testNumbersThatDoNotFitTheirSuffixAreErrors() {
        for s in ["300y", "70000s", "256uy", "99999999999999999999l"] {
            let r = Parser.parse("$x + \(s)")
            XCTAssertEqual(r.errors.first?.id, "BadNumericConstant", s)
        }
    }
}
