import Foundation
import XCTest

/// Get-ItemProperty, Get-ItemPropertyValue, Set-ItemProperty and Clear-ItemProperty on files, and the
/// registry paths lab scripts probe (`HKLM:`), through the real `hvsh -File`.
final class ItemPropertyTests: HvshScriptTestCase {

    func testGetItemPropertyReadsFileProperties() throws {
        let result = try runScript("""
            Set-Content data.txt 'hello'
            $p = Get-ItemProperty -Path .\\data.txt -Name Length, Name
            "$($p.Length) $($p.Name) $($p.PSChildName) $($p.PSDrive) $($p.PSProvider)"
            $p.PSPath -eq "Microsoft.PowerShell.Core\\FileSystem::$HOME/data.txt"
            ($p.PSObject.Properties.Name) -join ','
            (Get-ItemProperty data.txt).GetType().FullName
            (Get-ItemProperty data.txt).FullName -eq "$HOME/data.txt"
            Get-ItemPropertyValue data.txt -Name Length
            Get-ItemPropertyValue -Path data.txt -Name Mode, Attributes, IsReadOnly
            Get-ItemProperty data.txt -Name NoSuch -ErrorVariable e -ErrorAction SilentlyContinue
            "missing: $($e[0].FullyQualifiedErrorId) | $($e[0])"
            Get-ItemProperty nothing.txt -Name Length -ErrorAction SilentlyContinue -ErrorVariable e2
            "no item: $($e2[0].FullyQualifiedErrorId)"
            """)
        XCTAssertEqual(result.stdout, """
            6 data.txt data.txt / Microsoft.PowerShell.Core\\FileSystem
            True
            Length,Name,PSPath,PSParentPath,PSChildName,PSDrive,PSProvider
            System.IO.FileInfo
            True
            6
            -----
            Normal
            False
            missing: GetValueError,Microsoft.PowerShell.Commands.GetItemPropertyCommand | The property NoSuch does not exist or was not found.
            no item: PathNotFound,Microsoft.PowerShell.Commands.GetItemPropertyCommand

            """, result.stderr)
    }

    func testSetItemPropertyChangesTheFile() throws {
        let file = home.path + "/data.txt"
        let result = try runScript("""
            Set-Content data.txt 'hello'
            Set-ItemProperty -Path data.txt -Name IsReadOnly -Value $true
            "readonly: $((Get-Item data.txt).IsReadOnly) $((Get-Item data.txt).Attributes)"
            Clear-ItemProperty -Path data.txt -Name Attributes -PassThru | ForEach-Object { "cleared: $($_.Attributes)" }
            "after clear: $((Get-Item data.txt).IsReadOnly)"
            Set-ItemProperty data.txt -Name LastWriteTime -Value ([datetime]'2020-02-03 04:05:06')
            (Get-Item data.txt).LastWriteTime.ToString('yyyy-MM-dd HH:mm:ss')
            $r = Set-ItemProperty data.txt -Name Attributes -Value 'ReadOnly' -PassThru
            "passthru: $($r.Attributes) $($r.PSChildName)"
            Set-ItemProperty data.txt -Name Length -Value 3 -ErrorVariable e -ErrorAction SilentlyContinue
            "length: $($e.Count) $((Get-Item data.txt).Length)"
            Clear-ItemProperty data.txt -Name IsReadOnly -ErrorVariable e2 -ErrorAction SilentlyContinue
            "clear other: $($e2[0].FullyQualifiedErrorId)"
            Set-ItemProperty data.txt -Name IsReadOnly -Value $false -WhatIf
            """)
        XCTAssertEqual(result.stdout, """
            readonly: True ReadOnly
            cleared: Normal
            after clear: False
            2020-02-03 04:05:06
            passthru: ReadOnly data.txt
            length: 1 6
            clear other: ClearPropertyArgumentError,Microsoft.PowerShell.Commands.ClearItemPropertyCommand
            What if: Performing the operation "Set Property File" on target "Item: \(file) Property: IsReadOnly Value: False".

            """, result.stderr)
        let mode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int ?? -1
        XCTAssertEqual(mode & 0o222, 0, "ReadOnly clears every write bit, as .NET does on Unix")
    }

    func testRegistryPathsFailAsOnPwshForLinux() throws {
        let result = try runScript("""
            $v = Get-ItemProperty -Path 'HKLM:\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion' -Name ProductName -ErrorAction SilentlyContinue
            "silent: [$v] $($Error.Count) $($Error[0].FullyQualifiedErrorId)"
            try {
                Get-ItemPropertyValue -Path 'HKLM:\\SYSTEM\\CurrentControlSet\\Control' -Name x -ErrorAction Stop
            } catch [System.Management.Automation.DriveNotFoundException] {
                "caught: $($_.CategoryInfo.Category) $_"
            }
            try { Set-ItemProperty -Path HKCU:\\Software\\Lab -Name x -Value 1 } catch { 'not reached: non-terminating' }
            "after set: $($Error[0].Exception.Message)"
            "done"
            """)
        XCTAssertEqual(result.stdout, """
            silent: [] 1 DriveNotFound,Microsoft.PowerShell.Commands.GetItemPropertyCommand
            caught: ObjectNotFound Cannot find drive. A drive with the name 'HKLM' does not exist.
            after set: Cannot find drive. A drive with the name 'HKCU' does not exist.
            done

            """)
        XCTAssertTrue(result.stderr.contains("Set-ItemProperty: ") && result.stderr.contains("| Cannot find drive. A drive with the name 'HKCU' does not exist."), result.stderr)
    }
}
