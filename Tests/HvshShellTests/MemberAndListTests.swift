import Foundation
import XCTest

/// Objects with many members, Format-List's calculated properties and ConvertTo-Csv's quoting,
/// through the real `hvsh -File` (the code paths the fuzz targets' speed-ups of 2026-12-07 changed).
final class MemberAndListTests: HvshScriptTestCase {
    func testFormatListComputesACalculatedPropertyOncePerObject() throws {
        // PowerShell's list view has no alignment to find, so nothing is computed ahead of the entries.
        let result = try runScript("""
            $script:n = 0
            [pscustomobject]@{ a = 1 } | Format-List -Property @{ n = 'X'; e = { $script:n++; 'v' } } | Out-String | Out-Null
            "one object: $script:n"
            $script:n = 0
            [pscustomobject]@{ a = 1 }, [pscustomobject]@{ a = 2 } | Format-List -Property a, @{ n = 'X'; e = { $script:n++; 'v' } }
            "two objects: $script:n"
            """)
        XCTAssertEqual(result.stdout, """
            one object: 1

            a : 1
            X : v

            a : 2
            X : v

            two objects: 2

            """, result.stderr)
        XCTAssertEqual(result.status, 0)
    }

    func testObjectsOfManyMembersFindThemInAnyCase() throws {
        // 40 columns: past the size where an object indexes its members.
        let result = try runScript("""
            $header = (1..40 | ForEach-Object { "Col$_" }) -join ','
            $row = (1..40 | ForEach-Object { $_ * 10 }) -join ','
            $o = "$header`n$row" | ConvertFrom-Csv
            $o.col33, $o.COL40, $o.Col1 -join ' '
            $o | Add-Member -NotePropertyName cOL7 -NotePropertyValue 'replaced' -Force
            $o.Col7
            @($o.PSObject.Properties).Count
            $o.PSObject.Properties.Remove('COL2')
            @($o.PSObject.Properties).Count
            ($o.PSObject.Properties | Select-Object -First 3).Name -join ','
            $o.col3
            $small = [pscustomobject]@{ Name = 'vm1'; State = 'Off' }
            $small.NAME, $small.state -join ' '
            """)
        XCTAssertEqual(result.stdout, "330 400 10\nreplaced\n40\n39\nCol1,Col3,Col4\n30\nvm1 Off\n", result.stderr)
        XCTAssertEqual(result.status, 0)
    }

    func testConvertToCsvAsNeededQuotesLineBreaksAndQuotes() throws {
        let result = try runScript("""
            [pscustomobject]@{ A = "one`r`ntwo"; B = 'say "hi"'; C = 'plain'; D = "x`ny" } | ConvertTo-Csv -UseQuotes AsNeeded
            """)
        XCTAssertEqual(result.stdout, "A,B,C,D\n\"one\r\ntwo\",\"say \"\"hi\"\"\",plain,\"x\ny\"\n", result.stderr)
        XCTAssertEqual(result.status, 0)
    }

    func testConvertFromCsvRowsAreObjectsOfTheirOwn() throws {
        // The rows start as copies of one object: each must keep its own values and members.
        let result = try runScript("""
            $rows = "#TYPE Lab.Vm`nName,Mem,Cpu`nvm1,1GB,2`nvm2,2GB`nvm3,4GB,8,extra" | ConvertFrom-Csv
            $rows[0].Name = 'changed'
            $rows[1] | Add-Member -NotePropertyName Note -NotePropertyValue 'only here'
            foreach ($r in $rows) { '{0}|{1}|{2}|{3}|{4}' -f $r.name, $r.MEM, ($null -eq $r.cpu), $r.Note, $r.PSObject.TypeNames[0] }
            try { "A,a`n1,2" | ConvertFrom-Csv } catch { $_.FullyQualifiedErrorId }
            """)
        XCTAssertEqual(result.stdout, """
            changed|1GB|False||Lab.Vm
            vm2|2GB|True|only here|Lab.Vm
            vm3|4GB|False||Lab.Vm
            AlreadyPresentPSMemberInfoInternalCollectionAdd,Microsoft.PowerShell.Commands.ConvertFromCsvCommand

            """, result.stderr)
        XCTAssertEqual(result.status, 0)
    }
}
