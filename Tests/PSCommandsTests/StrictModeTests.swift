import XCTest
import PSRuntime
@testable import PSCommands

/// Set-StrictMode: each version's rules, the errors' wording and reason, scoping and -Off.
final class StrictModeTests: ScriptTestCase {
    func testWithoutStrictModeEverythingReadsAsNull() {
        let r = ScriptHarness.run("$x = $never; $o = [pscustomobject]@{a=1}; $o.b; (1..3)[7]; \"[$never]\"; 'done'")
        XCTAssertEqual(r.output, "[]\ndone\n")
        XCTAssertEqual(r.errors, "")
    }

    func testVersionOneRefusesUnsetVariablesButNotInStrings() {
        let r = ScriptHarness.run("Set-StrictMode -Version 1.0\n\"[$never]\"\n$a -gt 5\n$o = [pscustomobject]@{a=1}; $o.b\n'next'")
        XCTAssertEqual(r.output, "[]\nnext\n")
        XCTAssertEqual(r.errors, """
        InvalidOperation: \nLine |
           3 |  $a -gt 5
             |  ~~
             | The variable '$a' cannot be retrieved because it has not been set.

        """)
    }

    func testVersionTwoRefusesStringsMissingPropertiesAndMethodSyntax() {
        let r = ScriptHarness.run("""
        Set-StrictMode -Version 2.0
        function add ($a, $b) { $a + $b }
        $o = [pscustomobject]@{a=1; n=$null}
        $h = @{}
        "n is [$($o.n)], h.x is [$($h.x)]"
        add 3 4
        add(3,4)
        $o.Month
        "[$never]"
        """)
        XCTAssertEqual(r.output, "n is [], h.x is []\n7\n")
        XCTAssertTrue(r.errors.contains("InvalidOperation: \nLine |\n   7 |  add(3,4)"), r.errors)
        XCTAssertTrue(r.errors.contains("| The function or command was called as if it were a method. Parameters should be separated by spaces."), r.errors)
        XCTAssertTrue(r.errors.contains("PropertyNotFoundException: \nLine |\n   8 |  $o.Month"), r.errors)
        XCTAssertTrue(r.errors.contains("| The property 'Month' cannot be found on this object. Verify that the property exists."), r.errors)
        XCTAssertTrue(r.errors.contains("| The variable '$never' cannot be retrieved because it has not been set."), r.errors)
    }

    func testLatestRefusesIndexesOutOfRange() {
        let r = ScriptHarness.run("Set-StrictMode -Version Latest; $a = 1..3; $a[2]; $a[-3]; $a[3]")
        XCTAssertEqual(r.output, "3\n1\n")
        XCTAssertEqual(r.errors, "OperationStopped: Index was outside the bounds of the array.\n")
        XCTAssertEqual(ScriptHarness.run("Set-StrictMode -Version 2; $a = 1..3; $a[3]; 'ok'").output, "ok\n")
    }

    func testScopeInheritanceAndOff() {
        // A child scope's setting ends with it; the parent's applies to children until -Off.
        XCTAssertEqual(ScriptHarness.run("& { Set-StrictMode -Version 1; 'in' }; $outside; 'out'").output, "in\nout\n")
        let r = ScriptHarness.run("Set-StrictMode -Version 1; function f { $inner }; f; Set-StrictMode -Off; $gone; 'off'")
        XCTAssertEqual(r.output, "off\n")
        XCTAssertTrue(r.errors.hasPrefix("InvalidOperation: The variable '$inner' cannot be retrieved"), r.errors)
        XCTAssertFalse(r.errors.contains("$gone"), r.errors)
        XCTAssertEqual(ScriptHarness.run("Set-StrictMode -Version 1; try { $x } catch { $_.FullyQualifiedErrorId }").output,
                       "VariableIsUndefined\n")
    }

    func testBadVersionIsAClearError() {
        let r = ScriptHarness.run("Set-StrictMode -Version 7.5; 'next'")
        XCTAssertEqual(r.output, "next\n")
        XCTAssertTrue(r.errors.hasPrefix("Set-StrictMode: Cannot validate argument on parameter 'Version'. '7.5' is not a strict mode version: use 1.0, 2.0, 3.0 or Latest."), r.errors)
        XCTAssertEqual(SetStrictModeCommand.version("Latest"), 3)
        XCTAssertEqual(SetStrictModeCommand.version("2"), 2)
        XCTAssertEqual(SetStrictModeCommand.version("3.0"), 3)
        XCTAssertNil(SetStrictModeCommand.version("1.5"))
        XCTAssertNil(SetStrictModeCommand.version("0"))
    }

    /// Scripts (`$x.Prop`, strict mode) and cmdlets that read properties by name (Select-Object,
    /// Sort-Object) use one table for the .NET properties of built-in scalars, so they agree.
    func testScriptsAndCmdletsReadScalarPropertiesAlike() {
        let date = "[datetime]'2024-01-02T03:04:05.0071230'"
        let guid = "[guid]'0f8fad5b-d9cb-469f-a165-70867728950e'"
        assertOutput("(\(date)).Microsecond; \(date) | Select-Object -ExpandProperty Microsecond", "123\n123\n")
        assertOutput("(\(date)).DayOfWeek; (\(date) | Select-Object DayOfWeek).DayOfWeek.GetType().Name", "Tuesday\nDayOfWeek\n")
        assertOutput("Set-StrictMode -Version Latest; (\(guid)).Guid; \(guid) | Select-Object -ExpandProperty Guid",
                     "0f8fad5b-d9cb-469f-a165-70867728950e\n0f8fad5b-d9cb-469f-a165-70867728950e\n")
        assertOutput("([version]'1.2.3.4' | Select-Object Major, Revision | ConvertTo-Csv -NoTypeInformation)[1]", "\"1\",\"4\"\n")
    }
}
