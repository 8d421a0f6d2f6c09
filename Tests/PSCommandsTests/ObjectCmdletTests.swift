import XCTest
import Foundation

final class ObjectCmdletTests: ScriptTestCase {
    func testJsonRoundTripAndLayout() {
        assertOutput("[pscustomobject]@{Name='vm1';Count=2;On=$true;Tags=@('a','b')} | ConvertTo-Json",
                     "{\n  \"Name\": \"vm1\",\n  \"Count\": 2,\n  \"On\": true,\n  \"Tags\": [\n    \"a\",\n    \"b\"\n  ]\n}\n")
        assertOutput("@{a=1} | ConvertTo-Json -Compress", "{\"a\":1}\n")
        assertOutput("1,2 | ConvertTo-Json -Compress", "[1,2]\n")
        assertOutput("('{\"a\":{\"b\":[1,2]}}' | ConvertFrom-Json).a.b[1]", "2\n")
        let r = ScriptHarness.run("try { '{bad' | ConvertFrom-Json } catch { 'caught' }")
        XCTAssertEqual(r.output, "caught\n")
    }

    /// A document of white space only (spaces, tabs, line breaks, no-break and line-separator spaces)
    /// converts to nothing, without an error; one with anything else in it is read as JSON.
    func testJsonOfOnlyWhiteSpaceIsNothing() {
        let r = ScriptHarness.run("""
            $s = " `t`r`n" + [char]0xA0 + [char]0x2028 + [char]0x3000
            @($s | ConvertFrom-Json).Count
            try { ($s + 'x') | ConvertFrom-Json } catch { 'refused' }
            """)
        XCTAssertEqual(r.output, "0\nrefused\n")
        XCTAssertEqual(r.errors, "")
    }

    func testJsonDepthWarning() {
        let r = ScriptHarness.run("@{a=@{b=@{c=@{d=1}}}} | ConvertTo-Json -Compress")
        XCTAssertEqual(r.output, "{\"a\":{\"b\":{\"c\":\"System.Collections.Hashtable\"}}}\n")
        XCTAssertTrue(r.errors.contains("Resulting JSON is truncated as serialization has exceeded the set depth of 2."), r.errors)
    }

    func testCsvConvertAndFiles() throws {
        assertOutput("[pscustomobject]@{Name='vm1';State='Off'} | ConvertTo-Csv", "\"Name\",\"State\"\n\"vm1\",\"Off\"\n")
        assertOutput("'Name,State','vm1,Off' | ConvertFrom-Csv | ForEach-Object { $_.State }", "Off\n")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hvsh-csv-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        assertOutput("[pscustomobject]@{a=1;b='x'} | Export-Csv \(dir)/t.csv; [pscustomobject]@{a=2;b='y'} | Export-Csv \(dir)/t.csv -Append; (Import-Csv \(dir)/t.csv).b -join ','",
                     "x,y\n")
    }

    func testAddMemberAndGetMember() {
        assertOutput("$o = New-Object PSObject; $o | Add-Member -MemberType NoteProperty -Name a -Value 1; $o | Add-Member NoteProperty b 2 -PassThru | ForEach-Object { $_.a + $_.b }", "3\n")
        assertOutput("$o = [pscustomobject]@{a=2}; $o | Add-Member -MemberType ScriptProperty -Name d -Value { $this.a * 2 }; $o.d", "4\n")
        let r = ScriptHarness.run("$o = [pscustomobject]@{a=1}; $o | Add-Member -NotePropertyName a -NotePropertyValue 2")
        XCTAssertTrue(r.errors.contains("because a member with that name already exists"), r.errors)
        assertOutput("[pscustomobject]@{a=1} | Get-Member -MemberType NoteProperty | ForEach-Object Definition", "int a=1\n")
    }

    /// Whether -MemberType was named comes from the binder: a splatted key names it, an unnamed first
    /// argument does not, whatever the command's text looks like.
    func testAddMemberKnowsANamedMemberTypeFromTheBinder() {
        let splatted = ScriptHarness.run("$o = [pscustomobject]@{}; $p = @{ MemberType = 'Property'; Name = 'D' }; try { $o | Add-Member @p } catch { $_.FullyQualifiedErrorId }")
        XCTAssertEqual(splatted.output, "CannotAddMemberType,Microsoft.PowerShell.Commands.AddMemberCommand\n", splatted.errors)
        assertOutput("$o = [pscustomobject]@{}; Add-Member -InputObject $o Property ' -Type x'; $o.Property", " -Type x\n")
    }

    func testNewObjectProperty() {
        assertOutput("(New-Object -TypeName PSObject -Property @{Name='x'}).Name", "x\n")
        let r = ScriptHarness.run("try { New-Object No.Such.Type } catch { $_.FullyQualifiedErrorId }")
        XCTAssertEqual(r.output, "TypeNotFound,Microsoft.PowerShell.Commands.NewObjectCommand\n", r.errors)
    }
}
