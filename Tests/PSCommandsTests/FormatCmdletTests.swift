import XCTest

/// Format-Table / Format-List / Format-Wide / Out-String through scripts, with PowerShell's
/// expected text (Format-Table.Tests.ps1, Format-List.Tests.ps1 and the docs).
final class FormatCmdletTests: ScriptTestCase {
    func testImplicitTableAndListFromOutDefault() {
        assertOutput("[pscustomobject]@{a=1;b=2}", "\na b\n- -\n1 2\n\n")
        assertOutput("[pscustomobject]@{a=1;b=2;c=3;d=4;e=5}", "\na : 1\nb : 2\nc : 3\nd : 4\ne : 5\n\n")
    }

    func testFormatTablePropertyWildcardsAndCalculated() {
        assertOutput("[pscustomobject]@{Name='vm1';State='Off';Count=3} | Format-Table Na*, @{n='Double';e={$_.Count * 2}}",
                     "\nName Double\n---- ------\nvm1       6\n\n")
        assertOutput("[pscustomobject]@{Name='vm1';State='Off'} | Format-Table -Property State -HideTableHeaders", "\nOff\n\n")
    }

    func testFormatTableGroupBy() {
        let script = """
        [pscustomobject]@{Name='a';State='Off'}, [pscustomobject]@{Name='b';State='Off'}, [pscustomobject]@{Name='c';State='Running'} |
            Format-Table Name -GroupBy State
        """
        assertOutput(script, "\n   State: Off\n\nName\n----\na\nb\n\n   State: Running\n\nName\n----\nc\n\n")
    }

    func testFormatListSelectedAndStar() {
        assertOutput("[pscustomobject]@{Name='vm1';State='Off';Count=3} | Format-List Name, Count",
                     "\nName  : vm1\nCount : 3\n\n")
        assertOutput("[pscustomobject]@{a=1;bb=@(1,2,3,4,5)} | fl *", "\na  : 1\nbb : {1, 2, 3, 4…}\n\n")
    }

    func testFormatWide() {
        assertOutput("'a','b','c' | ForEach-Object { [pscustomobject]@{Name=$_} } | Format-Wide -Column 3",
                     "\na" + String(repeating: " ", count: 39) + "b" + String(repeating: " ", count: 39) + "c\n\n")
    }

    func testOutStringStreamAndWidth() {
        assertOutput("[pscustomobject]@{a=1} | Out-String -Stream | ForEach-Object { \"<$_>\" }", "<>\n<a>\n<->\n<1>\n<>\n")
        assertOutput("$s = [pscustomobject]@{Name='x'*30} | Format-Table | Out-String -Width 20; $s.Split(\"`n\")[3]", "xxxxxxxxxxxxxxxxxxx…\n")
    }

    func testCalculatedPropertyErrors() {
        let r = ScriptHarness.run("try { 1 | Format-Table @{n='a';bogus=1} } catch { $_.FullyQualifiedErrorId }")
        XCTAssertEqual(r.output, "DictionaryKeyIllegal,Microsoft.PowerShell.Commands.FormatTableCommand\n", r.errors)
    }

    func testHashtableAndScalarsThroughOutDefault() {
        assertOutput("@{ key = 'value' }", "\nName                           Value\n----                           -----\nkey                            value\n\n")
        assertOutput("1; 'two'; $true", "1\ntwo\nTrue\n")
    }

    /// A DateTime prints as text; an object of another type after it is not folded into that text
    /// (both are System.Objects) but shown on its own, as a list.
    func testObjectAfterDateTimeIsNotPrintedAsText() {
        let out = output("Get-Date -Date '2024-01-02'; [pscustomobject]@{a=1}")
        XCTAssertTrue(out.hasPrefix("\nTuesday, January 2, 2024 12:00:00 AM\n\na : 1\n"), out)
    }
}
