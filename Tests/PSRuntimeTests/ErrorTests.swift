import XCTest
@testable import PSRuntime

final class ErrorTests: XCTestCase {
    func testTryCatchFinallyThrow() {
        assertCases([
            ("try { throw 'boom' } catch { \"caught: $_\" }", "caught: boom\n"),
            ("try { throw 'boom' } catch { $_.Exception.Message }", "boom\n"),
            ("try { throw 'x' } finally { 'fin' }", "fin\n"),
            ("try { 1/0 } catch { $_.Exception.Message }", "Attempted to divide by zero.\n"),
            ("try { [int]'abc' } catch [System.Management.Automation.PSInvalidCastException] { 'cast' } catch { 'other' }", "cast\n"),
            ("try { throw [System.IO.FileNotFoundException]::new('nf') } catch [System.IO.IOException] { \"io: $($_.Exception.Message)\" }", "io: nf\n"),
            ("try { throw [System.ArgumentException]::new('bad arg') } catch [ArgumentException] { 'arg' }", "arg\n"),
            ("try { NoSuchCommand } catch [System.Management.Automation.CommandNotFoundException] { 'cnf' }", "cnf\n"),
            ("try { try { throw 'in' } finally { 'f1' } } catch { \"outer $_\" }", "f1\nouter in\n"),
            ("try { try { throw 'in' } catch { throw \"re-$_\" } } catch { \"$_\" }", "re-in\n"),
            ("function f { try { return 'r' } finally { 'fin' } }; f", "r\nfin\n"),
            ("foreach ($i in 1..3) { try { if ($i -eq 2) { continue }; $i } finally { \"f$i\" } }", "1\nf1\nf2\n3\nf3\n"),
            ("try { throw @{code=5} } catch { $_.TargetObject.code }", "5\n"),
            ("$e = try { throw 'v' } catch { $_ }; $e.GetType().Name", "ErrorRecord\n"),
            ("try { throw 'x' } catch { $_.FullyQualifiedErrorId }", "x\n"),
            ("try { throw } catch { $_.Exception.Message }", "ScriptHalted\n"),
            ("try { Get-Nope } catch { $_.CategoryInfo.Category }", "ObjectNotFound\n"),
            ("try { $null.Foo() } catch { $_.Exception.Message }", "You cannot call a method on a null-valued expression.\n"),
            ("try { $a = $null; $a[0] } catch { $_.Exception.Message }", "Cannot index into a null array.\n"),
            ("try { 'x'.Substring(5) } catch { $_.Exception.Message }", "Exception calling \"Substring\" with \"1\" argument(s): \"startIndex cannot be larger than length of string. (Parameter 'startIndex')\"\n"),
        ])
    }

    func testNonTerminatingAndPreferences() {
        assertCases([
            ("1/0; 'continues'", "continues\n"), ("NoSuchThing; 'continues'", "continues\n"),
            ("$ErrorActionPreference = 'Stop'; try { NoSuchThing; 'no' } catch { 'stopped' }", "stopped\n"),
            ("NoSuchThing; $?", "False\n"), ("NoSuchThing 2>$null; $Error.Count", "1\n"),
            ("$Error.Clear(); 'x'", "x\n"), ("try { NoSuchThing } catch { }; $Error.Count", "1\n"),
            
            ("$ErrorActionPreference = 'SilentlyContinue'; NoSuchThing; 'quiet'", "quiet\n"),
            ("trap { 'trapped'; continue }; throw 'e'; 'after'", "trapped\nafter\n"),
            ("function f { trap { \"t: $_\"; continue }; 1/0; 'next' }; f", "t: Attempted to divide by zero.\nnext\n"),
            ("throw 'stop here'; 'never'", ""), ("exit 3; 'never'", ""),
            ("function f { exit 4 }; f; 'never'", ""),
        ])
        XCTAssertEqual(runScript("exit 3").exit, 3)
        XCTAssertEqual(runScript("throw 'x'").exit, 1)
        XCTAssertEqual(runScript("'fine'").exit, 0)
        XCTAssertEqual(runScript("NoSuchThing").exit, 0)
    }

    func testErrorMessages() {
        assertErrorCases([
            ("NoSuchCommand", "The term 'NoSuchCommand' is not recognized as a name of a cmdlet, function, script file, or executable program.\nCheck the spelling of the name, or if a path was included, verify that the path is correct and try again."),
            ("[int]'abc'", "Cannot convert value \"abc\" to type \"System.Int32\". Error: \"The input string 'abc' was not in a correct format.\""),
            ("[NoSuchType]'x'", "Unable to find type [NoSuchType]."), ("throw 'custom message'", "custom message"),
            ("$null.Foo()", "You cannot call a method on a null-valued expression."),
            ("'abc'.NoMethod()", "Method invocation failed because [System.String] does not contain a method named 'NoMethod'."),
            ("@{a=1} + @{a=2}", "Item has already been added. Key in dictionary: 'a'  Key being added: 'a'"),
            ("$o = [pscustomobject]@{a=1}; $o.b = 2", "The property 'b' cannot be found on this object. Verify that the property exists and can be set."),
            ("function f { param([ValidateNotNullOrEmpty()]$v) }; f ''", "Cannot validate argument on parameter 'v'. The argument is null or empty. Provide an argument that is not null or empty, and then try the command again."),
            ("function f { param([ValidatePattern('^vm')]$v) }; f host", "Cannot validate argument on parameter 'v'. The argument \"host\" does not match the \"^vm\" pattern."),
            ("$true = 1", "Cannot overwrite variable true because it is read-only or constant."),
        ])
    }

    func testConciseErrorViewInScripts() {
        let r = runScript("'a'\nNoSuchCommand -x 1\n", path: "/labs/setup.ps1")
        XCTAssertEqual(r.errors, """
        NoSuchCommand: /labs/setup.ps1:2
        Line |
           2 |  NoSuchCommand -x 1
             |  ~~~~~~~~~~~~~
             | The term 'NoSuchCommand' is not recognized as a name of a cmdlet, function, script file, or executable program.
             | Check the spelling of the name, or if a path was included, verify that the path is correct and try again.

        """)
    }

    /// In a script file the message is one paragraph wrapped to the 120-column console before the last
    /// word that fits, as PowerShell 7 prints it (this layout is a real pwsh transcript's), and only the
    /// command name is marked.
    func testConciseViewWrapsLongMessagesInScripts() {
        let r = runScript("function f {\n                $Text = Convert-TaShortenedLinks -TweetText $Text\n}\nf", path: "/labs/tweets.ps1")
        XCTAssertEqual(r.errors, """
        Convert-TaShortenedLinks: /labs/tweets.ps1:2
        Line |
           2 |                  $Text = Convert-TaShortenedLinks -TweetText $Text
             |                          ~~~~~~~~~~~~~~~~~~~~~~~~
             | The term 'Convert-TaShortenedLinks' is not recognized as a name of a cmdlet, function, script file, or
             | executable program. Check the spelling of the name, or if a path was included, verify that the path is correct
             | and try again.

        """)
        // Without a script file the message keeps its own line breaks.
        XCTAssertEqual(runScript("Convert-TaShortenedLinks").errors,
                       "Convert-TaShortenedLinks: The term 'Convert-TaShortenedLinks' is not recognized as a name of a cmdlet, function, script file, or executable program.\nCheck the spelling of the name, or if a path was included, verify that the path is correct and try again.\n")
    }
}

extension ErrorTests {
    /// The wrapping itself: cut before the last space that fits (a word longer than a line where the
    /// line ends), later lines trimmed. A message of 200 KB (a script with hundreds of parse errors
    /// lists them all in one) wraps in one pass: it took 19 s when each line copied the remainder.
    func testWrappingCutsBeforeTheLastSpaceAndKeepsEveryWord() {
        XCTAssertEqual(ErrorRendering.wrapped("aaa bbb  ccc\tdddddddddddd e", prefix: "> ", width: 9),
                       ["> aaa", "> bbb ", "> ccc", "> ddddddd", "> ddddd e"])
        let words = (0..<40_000).map { "w\($0 % 977)" }
        let lines = ErrorRendering.wrapped(words.joined(separator: " "), prefix: "  | ", width: 120)
        XCTAssertTrue(lines.allSatisfy { $0.count <= 120 && $0.hasPrefix("  | ") }, "a line is too long or lost its prefix")
        XCTAssertEqual(lines.flatMap { $0.dropFirst(4).split(separator: " ").map(String.init) }, words)
    }
}

extension ErrorTests {
    /// The word before the colon follows PowerShell 7's error view: `Exception` for a `throw` of a value (`OperationStopped` for a
    /// thrown .NET exception), the command's
    /// name, the category unless NotSpecified, else the exception's short type name.
    func testConciseViewNamesTheReasonLikePowerShell() {
        let cases: [(String, String)] = [
            ("throw 'custom'", "Exception: custom\n"),
            ("throw [System.ArgumentException]::new('bad')", "OperationStopped: bad\n"),
            ("1/0", "RuntimeException: Attempted to divide by zero.\n"),
            ("$null.Foo()", "InvalidOperation: You cannot call a method on a null-valued expression.\n"),
            ("[int]'abc'", "InvalidArgument: Cannot convert value \"abc\" to type \"System.Int32\". Error: \"The input string 'abc' was not in a correct format.\"\n"),
            ("nosuchcmd", "nosuchcmd: The term 'nosuchcmd' is not recognized as a name of a cmdlet, function, script file, or executable program.\nCheck the spelling of the name, or if a path was included, verify that the path is correct and try again.\n"),
        ]
        for (script, expected) in cases {
            XCTAssertEqual(runScript(script).errors, expected, script)
        }
    }

    /// A parse error typed at the prompt, and a runtime error on a later line of multi-line input, get the
    /// position block with an empty location, as PowerShell's view shows them.
    func testConciseViewPositionBlockWithoutAFile() {
        XCTAssertEqual(runScript("if ($x) {").errors, """
        ParserError: \nLine |
           1 |  if ($x) {
             |          ~
             | Missing closing '}' in statement block or type definition.

        """)
        XCTAssertEqual(runScript("'a'\n$null.Foo()").errors, """
        InvalidOperation: \nLine |
           2 |  $null.Foo()
             |  ~~~~~~~~~~~
             | You cannot call a method on a null-valued expression.

        """)
    }
}

final class RecursionTests: XCTestCase {
    func testDeepRecursionWorksAndRunawayRecursionIsAnError() {
        assertCases([("function d($n) { if ($n -le 0) { 0 } else { 1 + (d ($n - 1)) } }; d 300", "300\n")])
        let r = runScript("function f { f }; f; 'after'")
        XCTAssertTrue(r.errors.contains("The script failed due to call depth overflow."), r.errors)
        XCTAssertEqual(r.output, "after\n")
    }
}
