import XCTest
import Foundation

/// Assertions of PowerShell's own Format-Table.Tests.ps1, Format-List.Tests.ps1 and
/// Format-Wide.Tests.ps1 (test/powershell/Modules/Microsoft.PowerShell.Utility), checked the way
/// those tests check them: `-Match` (a case-insensitive regex), `-BeExactly`, `-BeNullOrEmpty`.
/// Cases that need Add-Type or Update-FormatData use a PSCustomObject or a built-in enum instead.
final class FormatTestsPort: ScriptTestCase {
    private func matches(_ text: String, _ pattern: String) -> Bool {
        text.range(of: pattern, options: [.regularExpression, .caseInsensitive]) != nil
    }

    private func assertMatch(_ script: String, _ patterns: [String], not: [String] = [], line: UInt = #line) {
        let r = ScriptHarness.run(script)
        XCTAssertEqual(r.errors, "", script, line: line)
        for p in patterns { XCTAssertTrue(matches(r.output, p), "\(script) !~ \(p)\n\(r.output)", line: line) }
        for p in not { XCTAssertFalse(matches(r.output, p), "\(script) =~ \(p)\n\(r.output)", line: line) }
    }

    /// PowerShell's tests compare with spaces shown as `.` and newlines as `^`; plain equality here.
    private func assertTable(_ script: String, _ lines: [String], line: UInt = #line) {
        assertOutput(script, "\n" + lines.joined(separator: "\n") + "\n\n\n", line: line)
    }

    // MARK: Format-Table.Tests.ps1

    func testFormatTableWritesFormatObjects() {
        assertOutput("(Get-Date | Format-Table | Get-Member | Select-Object -First 1).TypeName -match 'Microsoft.Powershell.Commands.Internal.Format'", "True\n")
        for call in ["Get-Date | Format-Table *", "Get-Date | Format-Table -Property Hour", "Get-Date | Format-Table -GroupBy Hour"] {
            XCTAssertEqual(errors(call), "", call)
        }
    }

    func testUnknownViewWithForceStopsThePipeline() {
        let r = ScriptHarness.run("$obj = New-Object -TypeName PSObject; try { $obj | Format-Table -View bar -Force -ErrorAction Stop } catch { $_.FullyQualifiedErrorId; $_.CategoryInfo.Reason }")
        XCTAssertEqual(r.output, "FormatViewNotFound,Microsoft.PowerShell.Commands.FormatTableCommand\nPipelineStoppedException\n", r.errors)
    }

    func testEnumerationLimitVariants() {
        assertMatch("$info = @{}; $info.array = 0..255; $info | Format-Table | Out-String", ["array\\s+\\{0, 1, 2, 3\u{2026}\\}"])
        assertMatch("$FormatEnumerationLimit = -1; Format-Table -InputObject @{'test'= 1, 2} | Out-String", ["test\\s+\\{1, 2\\}"])
        assertMatch("$FormatEnumerationLimit = 1; Format-Table -InputObject @{'test'= 1, 2} | Out-String", ["test\\s+\\{1\u{2026}\\}"])
        assertMatch("$FormatEnumerationLimit = 10; Format-Table -InputObject @{'test'= 1, 2} | Out-String", ["test\\s+\\{1, 2\\}"])
        assertMatch("$FormatEnumerationLimit = 2; Format-Table -InputObject @{'test'= 1, 2} | Out-String", ["test\\s+\\{1, 2\\}"])
    }

    func testNewLineTextAndAddressesInCells() {
        assertMatch("$info = @{}; $info.name = '1\\n2'; $info | Format-Table | Out-String", ["name\\s+1.+2"])
        assertMatch("""
            $IPs = New-Object System.Collections.ArrayList
            $null = $IPs.Add([System.Net.IPAddress]::Parse('1.1.1.1'))
            $null = $IPs.Add([System.Net.IPAddress]::Parse('4fde:0000:0000:0002:0022:f376:255.59.171.63'))
            @{ test = $IPs } | Format-Table | Out-String
            """, ["test\\s+\\{1.1.1.1, 4fde::2:22:f376:ff3b:ab3f\\}"])
    }

    func testAutoSize() {
        assertMatch("""
            $IPs = New-Object System.Collections.ArrayList
            $null = $IPs.Add([PSCustomObject]@{'name'='Bob';'size'=1234;'booleanValue'=$true})
            $null = $IPs.Add([PSCustomObject]@{'name'='Jim';'size'=5678;'booleanValue'=$false})
            $IPs | Format-Table -AutoSize | Out-String
            """, ["name size booleanValue", "---- ---- ------------", "Bob\\s+1234\\s+True", "Jim\\s+5678\\s+False"])
    }

    func testNothingToFormatGivesNothing() {
        // Out-String still writes its (empty) text.
        assertOutput("(@{} | Format-Table -Property 'foo','bar' | Out-String).Length", "0\n")
        assertOutput("($null | Format-Table -Property 'foo','bar' | Out-String).Length", "0\n")
    }

    func testStringsWithForceShowTheRequestedColumns() {
        for input in ["'single line string'", "\"line1`nline2\"", "'line1','line2'"] {
            assertOutput("(\(input) | Format-Table -Property 'fox','bar' -Force | Out-String).Replace(' ','').Replace(\"`n\",'')", "foxbar------\n")
        }
    }

    func testComplexHashtableValues() {
        assertMatch("""
            $info = @{}
            $info.intArray = 1,2,3,4
            $info.arrayList = 'string1','string2'
            $info.enumerable = [System.DayOfWeek]::Sunday
            $info | Format-Table | Out-String
            """, ["intArray\\s+\\{1, 2, 3, 4\\}", "arrayList\\s+\\{string1, string2\\}", "enumerable\\s+Sunday"])
    }

    func testNoTrailingWhitespace() {
        assertOutput("('hello' | Format-Table -Property foo -Force | Out-String).Replace(\"`n\", '')", "foo---\n")
        assertOutput("([pscustomobject]@{a=1;b=2} | Format-Table -HideTableHeaders | Out-String).Replace(\"`n\", '')", "1 2\n")
    }

    func testImplicitAutosizeWhenValuesAreWiderThanHeaders() {
        assertTable("[pscustomobject]@{abc='1234';bcd='123'},[pscustomobject]@{abc='1';bcd='1234'} | Format-Table | Out-String",
                    ["abc  bcd", "---  ---", "1234 123", "1    1234"])
        assertTable("[pscustomobject]@{abc='1234';bcd='1234'},[pscustomobject]@{abc='1';bcd='1'} | Format-Table | Out-String",
                    ["abc  bcd", "---  ---", "1234 1234", "1    1"])
        assertTable("[pscustomobject]@{abc='123';bcd='1234'},[pscustomobject]@{abc='1';bcd='123'} | Format-Table | Out-String",
                    ["abc bcd", "--- ---", "123 1234", "1   123"])
    }

    func testHeaderJustification() {
        assertTable("[PSCustomObject]@{a='abc';b='abc'} | Format-Table | Out-String", ["a   b", "-   -", "abc abc"])
        assertTable("[PSCustomObject]@{a=123;b=123} | Format-Table | Out-String", ["  a   b", "  -   -", "123 123"])
    }

    func testWrappedRows() {
        assertTable("[pscustomobject] @{A=1;B=2;Name=\"This`nIs some random`nmultiline content\"} | Format-Table -Wrap | Out-String",
                    ["A B Name", "- - ----", "1 2 This", "    Is some random", "    multiline content"])
    }

    func testCalculatedColumnCenteredInDeclaredWidth() {
        assertTable("[pscustomobject] @{ one = 1 } | Format-Table @{ l='one'; e='one'; width=10; alignment='center' } | Out-String",
                    ["   one", "   ---", "    1"])
    }

    func testExcludeProperty() {
        assertMatch("[pscustomobject]@{ Name = 'Test'; Age = 30; City = 'Seattle' } | Format-Table -ExcludeProperty Age | Out-String",
                    ["Name", "City"], not: ["Age"])
        assertMatch("[pscustomobject]@{ Prop1 = 1; Prop2 = 2; Other = 3 } | Format-Table -ExcludeProperty Prop* | Out-String",
                    ["Other"], not: ["Prop1", "Prop2"])
        assertMatch("[pscustomobject]@{ Name = 'Test'; Age = 30; City = 'Seattle'; Country = 'USA' } | Format-Table -Property Name, Age, City, Country -ExcludeProperty Age | Out-String",
                    ["Name", "City", "Country"], not: ["Age"])
        assertMatch("[pscustomobject]@{ A = 1; B = 2; C = 3; D = 4 } | Format-Table -ExcludeProperty B, D | Out-String",
                    ["A", "C"], not: ["B", "D"])
    }

    // MARK: Format-List.Tests.ps1

    func testFormatListBasics() {
        let input = "$in = New-Object PSObject; Add-Member -InputObject $in -MemberType NoteProperty -Name testName -Value testValue; "
        assertOutput(input + "$in | Format-List | Out-String", "\ntestName : testValue\n\n\n")
        assertOutput(input + "($in | Format-List | Out-String) -eq ($in | fl | Out-String)", "True\n")
        assertOutput(input + "(Format-List -InputObject $in | Out-String) -eq ($in | fl | Out-String)", "True\n")
    }

    func testFormatListRequestedPropertiesOnly() {
        let out = output("Get-Command | Select-Object -First 5 | Format-List -Property Name,Source | Out-String")
        let lines = out.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        XCTAssertEqual(lines.count, 10, out)
        for l in lines { XCTAssertTrue(matches(String(l), "(Name)|(Source)"), String(l)) }
        let names = output("Get-Command | Select-Object -First 5 | Format-List -Property Name | Out-String")
        for p in ["CommandType :", "Source :", "Module :"] { XCTAssertFalse(names.contains(p), names) }
    }

    func testFormatListHashtableAndComplexValues() {
        assertMatch("$info = @{}; $info.array = 0..255; $info | Format-List | Out-String", ["Name  : array\\s+Value : \\{0, 1, 2, 3\u{2026}\\}"])
        assertMatch("""
            $info = @{}
            $info.intArray = 1,2,3,4
            $info.arrayList = 'string1','string2'
            $info.enumerable = [System.DayOfWeek]::Sunday
            $info | Format-List | Out-String
            """, ["Name  : arrayList", "Value : \\{string1, string2\\}", "Name  : enumerable", "Value : Sunday",
                  "Name  : intArray", "Value : \\{1, 2, 3, 4\\}"])
    }

    func testFormatListForcedPropertiesOnNothingOrStrings() {
        for input in ["@{}", "$null", "'single line string'", "'Line1\\nLine2'", "'Line1','Line2'"] {
            assertOutput("(\(input) | Format-List -Force -Property 'foo','bar' | Out-String).Trim()", "\n")
        }
    }

    func testFormatListObjectsOfSeveralShapes() {
        assertMatch("""
            $a = [pscustomobject]@{Name='name1';Length=1}
            $b = [pscustomobject]@{Name='name2';Value='value2';Length=2}
            $c = [pscustomobject]@{Name='name3';Length=3}
            $a, $b, $c | Format-List | Out-String
            """, ["Name   : name1", "Length : 1", "Name   : name2", "Value  : value2", "Length : 2", "Name   : name3", "Length : 3"])
    }

    func testFormatListOfAFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hvsh-fl-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        assertMatch("$null = New-Item \(dir)/test.txt -ItemType File -Value 'hello' -Force; Get-ChildItem -File \(dir)/test.txt | Format-List | Out-String",
                    ["Name\\s*:\\s*test.txt", "Length\\s*:\\s*5"])
    }

    func testFormatListExcludeProperty() {
        assertMatch("[pscustomobject]@{ Name = 'Test'; Age = 30; City = 'Seattle' } | Format-List -ExcludeProperty Age | Out-String",
                    ["Name", "City"], not: ["Age"])
        assertMatch("[pscustomobject]@{ A = 1; B = 2; C = 3 } | Format-List -ExcludeProperty B | Out-String", ["A", "C"], not: ["B"])
    }

    // MARK: Format-Wide.Tests.ps1

    func testFormatWideInputs() {
        assertMatch("$info = @{}; $info.array = 0..255; $info | Format-Wide | Out-String", ["array"])
        assertOutput("(@{} | Format-Wide | Out-String).Length", "0\n")
        assertOutput("($null | Format-Wide | Out-String).Length", "0\n")
        assertMatch("'single line string' | Format-Wide | Out-String", ["single line string"])
        assertMatch("'Line1','Line2' | Format-Wide | Out-String", ["Line1", "Line2"])
    }

    func testFormatWideGroupBy() {
        assertMatch("""
            $a = [pscustomobject]@{Name='name1';Length=1;GroupingKey='bar'}
            $b = [pscustomobject]@{Name='name2';Length=2;GroupingKey=$null}
            $c = [pscustomobject]@{Name='name3';Length=3;GroupingKey=$null}
            $a, $b, $c | Format-Wide -GroupBy GroupingKey | Out-String
            """, ["GroupingKey: bar", "name1", " GroupingKey:", "name2\\s+name3"])
    }

    func testFormatWideViewAndPropertyTogetherIsAnError() {
        let r = ScriptHarness.run("try { Format-Wide -InputObject (Get-Item /) -Property CreationTime -View aoeu } catch { $_.FullyQualifiedErrorId }")
        XCTAssertEqual(r.output, "FormatCannotSpecifyViewAndProperty,Microsoft.PowerShell.Commands.FormatWideCommand\n", r.errors)
    }

    func testFormatWideExcludeProperty() {
        assertMatch("[pscustomobject]@{ Name = 'Test'; Age = 30; City = 'Seattle' } | Format-Wide -ExcludeProperty Name | Out-String",
                    ["30"], not: ["Test"])
        assertMatch("[pscustomobject]@{ Name = 'Test'; Age = 30; City = 'Seattle'; Country = 'USA' } | Format-Wide -ExcludeProperty Name, Age | Out-String",
                    ["Seattle"], not: ["Test", "30"])
    }
}
