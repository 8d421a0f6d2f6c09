import Foundation
import XCTest

/// Runtime rules lab scripts lean on, checked through the real `hvsh -File`: preference variables set
/// to Stop, assigning `$input`, missing static members, and single objects used as collections.
final class ScriptRuntimeTests: HvshScriptTestCase {
    override var scriptName: String { "script.ps1" }

    private func stopMessage(_ variable: String, _ text: String) -> String {
        "The running command stopped because the preference variable \"\(variable)\" or common parameter is set to Stop: \(text)"
    }

    func testEveryPreferenceVariableSetToStopEndsTheScript() throws {
        let cases: [(setting: String, command: String, variable: String, shown: String?)] = [
            ("$WarningPreference = 'Stop'", "Write-Warning 'disk low'", "WarningPreference", "WARNING: disk low"),
            ("$VerbosePreference = 'Stop'", "Write-Verbose 'disk low'", "VerbosePreference", "VERBOSE: disk low"),
            ("$DebugPreference = 'Stop'", "Write-Debug 'disk low'", "DebugPreference", "DEBUG: disk low"),
            // Information under Stop is not shown (only Continue shows it); Write-Host always is.
            ("$InformationPreference = 'Stop'", "Write-Information 'disk low'", "InformationPreference", nil),
            ("$InformationPreference = 'Stop'", "Write-Host 'disk low'", "InformationPreference", "disk low"),
            ("", "Write-Warning 'disk low' -WarningAction Stop", "WarningPreference", "WARNING: disk low"),
            ("", "Write-Information 'disk low' -InformationAction Stop", "InformationPreference", nil),
        ]
        for c in cases {
            let result = try runScript("\(c.setting)\n'before'\n\(c.command)\n'after'\n")
            XCTAssertEqual(result.stdout, "before\n" + (c.shown.map { $0 + "\n" } ?? ""), c.command)
            XCTAssertEqual(result.status, 1, c.command)
            let command = String(c.command.split(separator: " ")[0])
            XCTAssertTrue(result.stderr.hasPrefix(command + ": "), result.stderr)
            XCTAssertTrue(result.stderr.replacingOccurrences(of: "\n     | ", with: " ").contains(stopMessage(c.variable, "disk low")),
                          result.stderr)
        }
    }

    func testPreferenceStopIsCatchableWithPowerShellsRecord() throws {
        let result = try runScript("""
            function Test-Lab {
                [CmdletBinding()] param()
                Write-Warning 'nested virtualization is off'
                'not reached'
            }
            try { Test-Lab -WarningAction Stop } catch {
                $_.FullyQualifiedErrorId
                $_.CategoryInfo.ToString()
                $_.Exception.GetType().FullName
                $_.Exception.Message
            }
            'after'
            """)
        XCTAssertEqual(result.stdout, """
            WARNING: nested virtualization is off
            ActionPreferenceStop
            OperationStopped: (:) [Write-Warning], ActionPreferenceStopException
            System.Management.Automation.ActionPreferenceStopException
            \(stopMessage("WarningPreference", "nested virtualization is off"))
            after

            """, result.stderr)
        XCTAssertEqual(result.status, 0)
    }

    func testAssigningInputReplacesIt() throws {
        let result = try runScript("""
            function Get-Names { $input = @($input | ForEach-Object { "vm-$_" }); $input -join ',' }
            1, 2, 3 | Get-Names
            function Get-Each { process { $input = "[$_]"; $input } }
            'a', 'b' | Get-Each
            """)
        XCTAssertEqual(result.stdout, "vm-1,vm-2,vm-3\n[a]\n[b]\n", result.stderr)
    }

    func testMissingStaticMemberIsNullOutsideStrictMode() throws {
        let result = try runScript("""
            "[$([int]::NoSuchMember)] [$($null -eq [System.Environment]::NoSuchThing)] $([int]::MaxValue)"
            Set-StrictMode -Version 2
            try { [int]::NoSuchMember } catch { $_.FullyQualifiedErrorId; "$_" }
            """)
        XCTAssertEqual(result.stdout, """
            [] [True] 2147483647
            PropertyNotFoundStrict
            The property 'NoSuchMember' cannot be found on this object. Verify that the property exists.

            """, result.stderr)
    }

    func testASingleObjectIndexesAndCountsLikeACollectionOfOne() throws {
        let result = try runScript("""
            $vm = [pscustomobject]@{ Name = 'lab-01'; State = 'Off' }
            "$($vm[0].Name) $($vm[-1].Name) [$($vm[1])] [$($null -eq $vm[5])] $($vm.Count) $($vm.Length)"
            $n = 42
            "$($n[0]) $($n[-1]) [$($n[1])] $($n.Count) $($n.Length) $($null.Count) $($null.Length)"
            $one = @(Get-Date)[0]
            "$($one[0] -eq $one) $((Get-Item $PSCommandPath)[0].Name)"
            Set-StrictMode -Version 2
            "$($vm[0].Name) $($vm[-1].Name)"
            try { $vm[1] } catch { $_.FullyQualifiedErrorId; "$_" }
            try { $vm.Count } catch { $_.FullyQualifiedErrorId }
            @(1, 2).Count
            'abc'.Length
            """)
        XCTAssertEqual(result.stdout, """
            lab-01 lab-01 [] [True] 1 1
            42 42 [] 1 1 0 0
            True script.ps1
            lab-01 lab-01
            CannotIndex
            Unable to index into an object of type System.Management.Automation.PSCustomObject.
            PropertyNotFoundStrict
            2
            3

            """, result.stderr)
    }
}
