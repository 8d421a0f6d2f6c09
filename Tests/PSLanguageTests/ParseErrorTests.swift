import XCTest
import PSLanguage

/// Wrong and unfinished input: PowerShell's error ids, 1-based positions, and whether the input is
/// merely incomplete (a REPL would ask for another line) or wrong.
final class ParseErrorTests: XCTestCase {
    /// (input with `⏎` for newline, id of the first error, line, column, result.isIncomplete)
    static let cases: [(String, String, Int, Int, Bool)] = [
        (##"if ($x {⏎}"##, "MissingEndParenthesisAfterStatement", 1, 8, false),
        (##"if $x { }"##, "MissingOpenParenthesisInIfStatement", 1, 3, false),
        (##"if () { }"##, "IfStatementMissingCondition", 1, 5, false),
        (##"if ($x)"##, "MissingStatementBlock", 1, 7, true),
        (##"data Messages"##, "MissingStatementBlockForDataSection", 1, 14, true),
        (##"data Messages 5"##, "MissingStatementBlockForDataSection", 1, 14, false),
        (##"if ($x) { } else"##, "MissingStatementBlockAfterElse", 1, 17, true),
        (##"{"##, "MissingEndCurlyBrace", 1, 1, true),
        (##"{ 1"##, "MissingEndCurlyBrace", 1, 1, true),
        (##"(1"##, "MissingEndParenthesisInExpression", 1, 3, true),
        (##"$(1"##, "MissingEndParenthesisInSubexpression", 1, 4, true),
        (##"@(1"##, "MissingEndParenthesisInSubexpression", 1, 4, true),
        // Lexed again after a rewind, a memoised bareword or string still reports its errors.
        (##"$a = y$(1"##, "MissingEndParenthesisInSubexpression", 1, 10, true),
        (##"$a = Write-Output y$(1"##, "MissingEndParenthesisInSubexpression", 1, 23, true),
        (##"@{a=1"##, "MissingEndCurlyBrace", 1, 3, true),
        (##"$x[1"##, "MissingEndSquareBracket", 1, 5, true),
        (##"'abc"##, "TerminatorExpectedAtEndOfString", 1, 1, true),
        (##""abc"##, "TerminatorExpectedAtEndOfString", 1, 1, true),
        (##"@'⏎abc"##, "TerminatorExpectedAtEndOfString", 1, 1, true),
        (##"@"⏎abc"##, "TerminatorExpectedAtEndOfString", 1, 1, true),
        (##"<# comment"##, "MissingTerminatorMultiLineComment", 1, 1, true),
        (##"Get-Process |"##, "EmptyPipeElement", 1, 14, true),
        (##"Get-Process | | x"##, "EmptyPipeElement", 1, 14, false),
        (##"$x = 1 +"##, "ExpectedValueExpression", 1, 9, true),
        (##"$x ="##, "ExpectedValueExpression", 1, 5, true),
        (##"-not"##, "MissingExpressionAfterOperator", 1, 5, true),
        (##"1 +"##, "ExpectedValueExpression", 1, 4, true),
        (##"$x."##, "MissingPropertyName", 1, 4, true),
        (##"$x.Foo(1"##, "MissingEndParenthesisInMethodCall", 1, 9, true),
        (##"$x.Foo(1 2)"##, "MissingEndParenthesisInMethodCall", 1, 10, false),
        (##"[int"##, "EndSquareBracketExpectedAtEndOfAttribute", 1, 5, true),
        (##"["##, "MissingTypename", 1, 1, true),
        (##"1 2"##, "UnexpectedToken", 1, 3, false),
        (##"$a -foo 3"##, "UnexpectedToken", 1, 4, false),
        (##"foreach ($x $y) { }"##, "MissingInInForeach", 1, 12, false),
        (##"foreach ($x in $y)"##, "MissingForeachStatement", 1, 19, true),
        (##"foreach (1 in $y) { }"##, "MissingVariableNameAfterForeach", 1, 10, false),
        (##"foreach ($x in) { }"##, "MissingForeachExpression", 1, 15, false),
        (##"while ($x)"##, "MissingLoopStatement", 1, 11, true),
        (##"while () { }"##, "MissingExpressionAfterKeyword", 1, 8, false),
        (##"do { } "##, "MissingWhileOrUntilInDoWhile", 1, 7, true),
        (##"do { } while"##, "MissingOpenParenthesisAfterKeyword", 1, 13, true),
        (##"for ($i = 0; $i -lt 1; $i++)"##, "MissingLoopStatement", 1, 29, true),
        (##"try { }"##, "MissingCatchOrFinally", 1, 8, true),
        (##"try"##, "MissingTryStatementBlock", 1, 4, true),
        (##"function"##, "MissingNameAfterKeyword", 1, 9, true),
        (##"function f"##, "MissingFunctionBody", 1, 11, true),
        (##"switch ($x)"##, "MissingCurlyBraceInSwitchStatement", 1, 12, true),
        (##"switch ($x) { 1 }"##, "MissingSwitchStatementClause", 1, 16, false),
        (##"switch { }"##, "PipelineValueRequired", 1, 7, false),
        (##"switch -bogus ($x) { }"##, "InvalidSwitchFlag", 1, 8, false),
        (##"switch ($x) { default { } default { } }"##, "MultipleSwitchDefaultClauses", 1, 27, false),
        (##"@{ = 1 }"##, "MissingKeyInHashLiteral", 1, 4, false),
        (##"@{ a 1 }"##, "MissingEqualsInHashLiteral", 1, 6, false),
        (##"@{ a = }"##, "MissingStatementInHashLiteral", 1, 8, false),
        (##"1 = 2"##, "InvalidLeftHandSide", 1, 1, false),
        (##"Get-Thing 2>"##, "MissingFileSpecification", 1, 11, true),
        (##"Get-Thing <in.txt"##, "RedirectionNotSupported", 1, 11, false),
        (##"$x = 1 ?"##, "ExpectedValueExpression", 1, 9, true),
        (##"$x ? 1"##, "MissingColonInTernaryExpression", 1, 7, true),
        (##"a &&"##, "EmptyPipelineChainElement", 1, 3, true),
        (##"a && && b"##, "EmptyPipelineChainElement", 1, 3, false),
        (##""`u{110000}""##, "InvalidUnicodeEscapeSequenceValue", 1, 5, false),
        (##""`u{12345678}""##, "TooManyDigitsInUnicodeEscapeSequence", 1, 11, false),
        (##""`u{zz}""##, "InvalidUnicodeEscapeSequence", 1, 5, false),
        (##"${}"##, "EmptyVariableReference", 1, 1, false),
        (##"$env:"##, "InvalidVariableReferenceWithDrive", 1, 1, false),
        // In a string too (Parser.Tests: '"$var:"' is a ParseException): "$name: text" needs ${name}.
        (##""$var:""##, "InvalidVariableReferenceWithDrive", 1, 2, false),
        // #requires lines have a form (Requires.Tests): `requires` and known parameters, -Version a version.
        (##"#requiresappID"##, "ScriptRequiresInvalidFormat", 1, 2, false),
        // A well-formed literal its type cannot hold (Parser.Tests' numeric notation table).
        (##"500sgb"##, "BadNumericConstant", 1, 1, false),
        (##"1uykb"##, "BadNumericConstant", 1, 1, false),
        (##"$x = 0xFFFFy"##, "BadNumericConstant", 1, 6, false),
        (##"#requires -version 1.A"##, "RequiresVersionInvalid", 1, 20, false),
        (##"#requires -version ''"##, "RequiresVersionInvalid", 1, 20, false),
        (##"#requires -Bogus 1"##, "ScriptRequiresInvalidFormat", 1, 11, false),
        (##""a $x: b""##, "InvalidVariableReferenceWithDrive", 1, 4, false),
        (##"Get-Thing -Name:"##, "ParameterRequiresArgument", 1, 17, true),
        (##"1.."##, "ExpectedValueExpression", 1, 4, true),
        (##")"##, "UnexpectedToken", 1, 1, false),
        (##"}"##, "UnexpectedToken", 1, 1, false),
        (##"enum foo {} enum foo {}"##, "MemberAlreadyDefined", 1, 13, false),
        (##"enum foo"##, "MissingTypeBody", 1, 9, true),
        (##"class A { [int] }"##, "IncompleteMemberDefinition", 1, 16, false),
        (##"x; using namespace System"##, "UsingMustBeAtStartOfScript", 1, 4, false),
        (##""$(" "##, "TerminatorExpectedAtEndOfString", 1, 4, true),
        (##"function f($a) { param($b) }"##, "OnlyOneParameterListAllowed", 1, 18, false),
        (##"begin { } 1"##, "MissingNamedBlocks", 1, 11, false),
        (##"$a = 1 + (2 *"##, "ExpectedValueExpression", 1, 14, true),
        (##"[int]"5" + "##, "ExpectedValueExpression", 1, 12, true),
        (##"$x = @(1,"##, "MissingExpressionAfterToken", 1, 9, true),
        (##"1,"##, "MissingExpressionAfterToken", 1, 2, true),
        (##"Get-Thing -a,"##, "MissingArgument", 1, 13, false),

        (##"Get-Thing `"##, "IncompleteLineContinuation", 1, 11, true),
        (##"$a[1abc]"##, "BadNumericConstant", 1, 4, false),
        (##"$x + 1abc"##, "BadNumericConstant", 1, 6, false),
    ]

    func testErrorIdsAndPositions() {
        XCTAssertGreaterThan(Self.cases.count, 70)
        for (input, id, line, column, incomplete) in Self.cases {
            let result = Parser.parse(input.replacingOccurrences(of: "⏎", with: "\n"))
            guard let first = result.errors.first else {
                XCTFail("no error for \(input)")
                continue
            }
            XCTAssertEqual(first.id, id, input)
            XCTAssertEqual(first.location, SourceLocation(line: line, column: column), input)
            XCTAssertEqual(result.isIncomplete, incomplete, "incomplete flag for \(input): \(result.errors)")
        }
    }

    /// The parser keeps going after an error and reports every one, each on its own line.
    func testRecoveryReportsEveryError() {
        let script = """
        if ($x {
        }
        $ok = 1
        1 2
        $y = (3 +)
        Get-Process | | Sort-Object
        foreach ($i 1..3) { $i }
        "fine"
        """
        let result = Parser.parse(script)
        XCTAssertEqual(result.errors.map(\.id), [
            "MissingEndParenthesisAfterStatement", "UnexpectedToken", "ExpectedValueExpression",
            "EmptyPipeElement", "MissingInInForeach", "UnexpectedToken",
        ])
        // A broken foreach ends at the variable, so `1..3` is the next statement and `)` a stray closer.
        XCTAssertEqual(result.errors.map(\.location.line), [1, 4, 5, 6, 7, 7])
        XCTAssertFalse(result.isIncomplete)
        // The good statements around the errors are still in the AST.
        let dump = ASTDump.renderFlat(result.scriptBlock)
        XCTAssertTrue(dump.contains(#"(assign = (var ok) (pipeline (expr (num Int32 1))))"#), dump)
        XCTAssertTrue(dump.hasSuffix(#"(pipeline (expr (dstr "fine"))))"#), dump)
    }

    /// What a REPL sees line by line: incomplete until the construct closes, then complete.
    func testIncompleteUntilClosed() {
        let lines = ["function Get-Lab {", "  param($Name)", "  Get-VM -Name $Name |", "    Where-Object {", "      $_.State -eq 'Running'", "    }", "}"]
        for n in 1..<lines.count {
            let r = Parser.parse(lines[0..<n].joined(separator: "\n"))
            XCTAssertTrue(r.isIncomplete, "after line \(n): \(r.errors)")
        }
        let done = Parser.parse(lines.joined(separator: "\n"))
        XCTAssertEqual(done.errors, [])
        XCTAssertFalse(done.isIncomplete)
    }

    func testIncompleteInputKinds() {
        for s in ["{", "(", "@{", "@(", "$(", "'open", "\"open", "@'\nbody", "@\"\nbody", "Get-VM |", "Get-VM `",
                  "if ($a)", "1 +", "<# open", "try { }", "do { }", "$x = ", "a &&", "$h = @{ a = 1;", "Get-VM -Name:"] {
            let r = Parser.parse(s)
            XCTAssertTrue(r.hasErrors, s)
            XCTAssertTrue(r.isIncomplete, "\(s): \(r.errors)")
        }
    }

    func testWrongInputIsNotIncomplete() {
        for s in ["}", ")", "1 2", "if $x { }", "$a -foo 1", "@{ a 1 }", "1 = 2", "Get-VM | | x", "switch { }",
                  "{ 1 ) }", "Get-Thing <file", "function f($a) { param($b) }"] {
            let r = Parser.parse(s)
            XCTAssertTrue(r.hasErrors, s)
            XCTAssertFalse(r.isIncomplete, "\(s): \(r.errors)")
        }
    }

    /// An incomplete error inside otherwise wrong input does not make the whole input incomplete.
    func testWrongAndIncompleteTogetherIsWrong() {
        let r = Parser.parse("1 2\n{")
        XCTAssertEqual(r.errors.count, 2)
        XCTAssertFalse(r.isIncomplete)
    }

    func testErrorRangesPointIntoTheSource() {
        let r = Parser.parse("$ok = 1\n$a -foo 3")
        let e = r.errors[0]
        XCTAssertEqual(r.source.text(e.range), "-foo")
        XCTAssertEqual(e.location, SourceLocation(line: 2, column: 4))
    }
}
