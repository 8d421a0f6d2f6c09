import XCTest
import PSLanguage

/// Parse errors print like PowerShell 7's ConciseView: header, `Line |`, the line, a `~` marker under
/// the error's extent, and the message.
final class ErrorRenderingTests: XCTestCase {
    func testConsoleInput() {
        let r = Parser.parse("if ($x {\n}")
        XCTAssertEqual(ParseErrorRenderer.render(r), """
        ParserError: 
        Line |
           1 |  if ($x {
             |         ~
             | Missing closing ')' after expression in 'if' statement.

        """)
    }

    func testScriptFileShowsPathAndLine() {
        let r = Parser.parse("Get-VM\n\n$a = 'unterminated", fileName: "/labs/setup.ps1")
        XCTAssertEqual(ParseErrorRenderer.render(r), """
        ParserError: /labs/setup.ps1:3
        Line |
           3 |  $a = 'unterminated
             |       ~~~~~~~~~~~~~
             | The string is missing the terminator: '.

        """)
    }

    func testUnderlineCoversTheOffendingToken() {
        let r = Parser.parse("$a -foo 3")
        XCTAssertEqual(ParseErrorRenderer.render(r), """
        ParserError: 
        Line |
           1 |  $a -foo 3
             |     ~~~~
             | Unexpected token '-foo' in expression or statement.

        """)
    }

    func testLongLineNumbersWidenTheGutter() {
        let script = String(repeating: "\n", count: 12344) + "1 +"
        let r = Parser.parse(script, fileName: "big.ps1")
        XCTAssertEqual(ParseErrorRenderer.render(r), """
        ParserError: big.ps1:12345
         Line |
        12345 |  1 +
              |     ~
              | You must provide a value expression following the '+' operator.

        """)
    }

    func testColumnsCountCharactersNotBytes() {
        let r = Parser.parse("$s = “ä” -foo 1")
        let text = ParseErrorRenderer.render(r)
        XCTAssertTrue(text.contains("   1 |  $s = “ä” -foo 1\n     |           ~~~~\n"), text)
    }

    func testMultiLineMessagesAreJoined() {
        let r = Parser.parse("foreach ($x $y")
        let text = ParseErrorRenderer.render(r)
        XCTAssertTrue(text.hasSuffix("     | Missing 'in' after variable in foreach loop. The correct form is: foreach ($a in $b) {...}\n"), text)
    }

    func testEveryErrorIsRendered() {
        let r = Parser.parse("1 2\n3 4")
        XCTAssertEqual(r.errors.count, 2)
        XCTAssertEqual(ParseErrorRenderer.render(r).components(separatedBy: "ParserError: ").count, 3)
    }
}
