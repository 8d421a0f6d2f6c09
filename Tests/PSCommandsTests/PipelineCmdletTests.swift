import XCTest

final class PipelineCmdletTests: ScriptTestCase {
    func testWhereObjectBothForms() {
        assertOutput("1..6 | Where-Object { $_ -gt 4 }", "5\n6\n")
        let objs = "$o = [pscustomobject]@{Name='a';State='Off'}, [pscustomobject]@{Name='b';State='Running'};"
        assertOutput(objs + " $o | Where-Object State -eq 'running' | ForEach-Object Name", "b\n")
        assertOutput(objs + " $o | Where-Object Name -like 'a*' | ForEach-Object Name", "a\n")
        assertOutput(objs + " $o | Where-Object State -CEQ 'running' | ForEach-Object Name", "")
        assertOutput(objs + " ($o | ? Name -in 'a','b').Count", "2\n")
    }

    func testForEachObjectBeginProcessEnd() {
        assertOutput("1..3 | ForEach-Object -Begin { 'start' } -Process { $_ * 10 } -End { 'done' }", "start\n10\n20\n30\ndone\n")
        assertOutput("1..2 | % { 'b' } { $_ } { 'e' }", "b\n1\n2\ne\n")
        assertOutput("'a.b' | ForEach-Object -MemberName Split -ArgumentList '.'", "a\nb\n")
    }

    func testSelectObject() {
        assertOutput("[pscustomobject]@{Name='vm1';State='Off';Count=3} | Select-Object Name, Count | Format-List", "\nName  : vm1\nCount : 3\n\n")
        assertOutput("[pscustomobject]@{Name='vm1';Tags=@('x','y')} | Select-Object -ExpandProperty Tags", "x\ny\n")
        assertOutput("1..10 | Select-Object -Last 2", "9\n10\n")
        assertOutput("1..10 | Select-Object -Skip 8", "9\n10\n")
        assertOutput("1..10 | Select-Object -Index 1,3", "2\n4\n")
        assertOutput("[pscustomobject]@{a=1} | Select-Object @{Name='b';Expression={$_.a + 1}} | ForEach-Object b", "2\n")
        let r = ScriptHarness.run("[pscustomobject]@{a=1} | Select-Object -ExpandProperty nope")
        XCTAssertTrue(r.errors.contains("Property \"nope\" cannot be found."), r.errors)
    }

    func testSortObject() {
        assertOutput("3,1,2 | Sort-Object", "1\n2\n3\n")
        assertOutput("3,1,2 | Sort-Object -Descending", "3\n2\n1\n")
        assertOutput("'b','A','a','B' | Sort-Object -Unique", "A\nb\n")
        let objs = "[pscustomobject]@{n='x';v=2},[pscustomobject]@{n='y';v=1},[pscustomobject]@{n='z';v=2}"
        assertOutput("\(objs) | Sort-Object v | ForEach-Object n", "y\nx\nz\n")
        assertOutput("\(objs) | Sort-Object @{e='v';Descending=$true}, n | ForEach-Object n", "x\nz\ny\n")
    }

    func testGroupObject() {
        let script = "'a','b','a' | Group-Object"
        assertOutput(script, "\nCount Name                      Group\n----- ----                      -----\n    2 a                         {a, a}\n    1 b                         {b}\n\n")
        assertOutput("(1..5 | Group-Object { $_ % 2 } -AsHashTable)[1].Count", "3\n")
    }

    func testMeasureObject() {
        assertOutput("(1..4 | Measure-Object -Sum -Average -Maximum -Minimum) | ForEach-Object { \"$($_.Count) $($_.Sum) $($_.Average) $($_.Maximum) $($_.Minimum)\" }",
                     "4 10 2.5 4 1\n")
        assertOutput("1..3 | Measure-Object",
                     "\nCount             : 3\nAverage           : \nSum               : \nMaximum           : \nMinimum           : \nStandardDeviation : \nProperty          : \n\n")
        assertOutput("('one two', 'three') | Measure-Object -Line -Word -Character | ForEach-Object { \"$($_.Lines) $($_.Words) $($_.Characters)\" }",
                     "2 3 12\n")
    }

    func testCompareObject() {
        assertOutput("Compare-Object 1,2,3 2,3,4",
                     "\nInputObject SideIndicator\n----------- -------------\n          4 =>\n          1 <=\n\n")
        assertOutput("(Compare-Object a,b a,b -IncludeEqual).SideIndicator", "==\n==\n")
    }

    func testGetUniqueAndTee() {
        assertOutput("1,1,2,2,1 | Get-Unique", "1\n2\n1\n")
        assertOutput("1,2 | Tee-Object -Variable t | Out-Null; $t.Count", "2\n")
    }

    /// -MemberName with a name the object lacks: $null, or an error under strict mode 2.
    func testForEachObjectMemberNameMissing() {
        assertOutput("(1 | ForEach-Object -MemberName Nope | Measure-Object).Count; 'abc' | ForEach-Object ToUpper", "1\nABC\n")
        let r = ScriptHarness.run("Set-StrictMode -Version 2; 1 | ForEach-Object Nope; $Error[0].FullyQualifiedErrorId")
        XCTAssertTrue(r.errors.contains("The input name \"Nope\" cannot be resolved to a member."), r.errors)
        XCTAssertEqual(r.output, "PropertyOrMethodNotFound,Microsoft.PowerShell.Commands.ForEachObjectCommand\n")
    }
}
