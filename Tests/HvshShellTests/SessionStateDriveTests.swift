import Foundation
import XCTest

/// pwsh's Alias, Env, Function and Variable drives, through the real `hvsh -File`: Get-PSDrive lists
/// them beside the FileSystem drives, and Get-ChildItem, Get-Item, Test-Path and Remove-Item work on
/// their items as lab scripts use them (`Test-Path Env:LAB_ROOT`, `Remove-Item Function:Helper`).
final class SessionStateDriveTests: XCTestCase {
    private var home: ScratchDirectory!

    override func setUpWithError() throws {
        try HvshProcess.requireExecutable()
        home = HvshProcess.makeHome()
    }

    override func tearDown() { home?.remove() }

    private func run(_ script: String) throws -> HvshProcess.Result {
        try HvshProcess.run(["-NoProfile", "-File", home.write("main.ps1", script)], home: home.path, directory: home.path)
    }

    func testGetPSDriveListsEveryProvidersDrives() throws {
        let result = try run("""
            Get-PSDrive | ForEach-Object { '{0}|{1}|{2}|{3}' -f $_.Name, $_.Provider, $_.Root, ($null -ne $_.Free) }
            (Get-PSDrive Env).Description
            Get-PSDrive -PSProvider Variable, Alias | ForEach-Object Name
            (Get-PSDrive Function).Provider.Name
            """)
        XCTAssertEqual(result.stdout, """
            /|Microsoft.PowerShell.Core\\FileSystem|/|True
            Alias|Microsoft.PowerShell.Core\\Alias||False
            C|Microsoft.PowerShell.Core\\FileSystem|\(home.path)/hvsh-state/C|True
            Env|Microsoft.PowerShell.Core\\Environment||False
            Function|Microsoft.PowerShell.Core\\Function||False
            Temp|Microsoft.PowerShell.Core\\FileSystem|/tmp/|True
            Variable|Microsoft.PowerShell.Core\\Variable||False
            Drive that contains a view of the environment variables for the process
            Alias
            Variable
            Function

            """, result.stderr)
        XCTAssertEqual(result.stderr, "")
    }

    func testItemCmdletsOnEnvFunctionVariableAndAlias() throws {
        let result = try run("""
            $env:HVSH_LAB_ROOT = 'C:\\Lab'
            function Get-LabThing { 'thing' }
            $labCount = 3
            Set-Alias glt Get-LabThing
            '--- test-path'
            Test-Path Env:HVSH_LAB_ROOT, Env:HVSH_NOT_SET, Env:, Env:\\hvsh_lab_root
            Test-Path Function:\\Get-LabThing, Variable:labCount, Alias:glt, Alias:nothing
            Test-Path Env: -PathType Container
            Test-Path Env:HVSH_LAB_ROOT -PathType Container
            '--- get'
            Get-ChildItem Env:HVSH_LAB* | ForEach-Object { "$($_.Name)=$($_.Value) $($_.GetType().FullName)" }
            (Get-Item Env:HVSH_LAB_ROOT).Value
            Get-ChildItem Function:Get-Lab* | ForEach-Object { "$($_.CommandType) $($_.Name)" }
            (Get-Item Variable:labCount).Value
            Get-ChildItem Variable:labCount | Out-String -Stream | Where-Object { $_ }
            (Get-Item Alias:glt).Definition
            Get-ChildItem Alias: -Name | Where-Object { $_ -eq 'glt' }
            (Get-ChildItem Env: | Select-Object -ExpandProperty Name) -join ',' -eq ((Get-ChildItem Env: | Sort-Object Name).Name -join ',')
            Get-Item Env:HVSH_NOT_SET -ErrorVariable e -ErrorAction SilentlyContinue
            "$($e[0].FullyQualifiedErrorId) | $($e[0])"
            '--- remove'
            Remove-Item Env:HVSH_LAB_ROOT
            "env: [$env:HVSH_LAB_ROOT] $(Test-Path Env:HVSH_LAB_ROOT)"
            Remove-Item Function:Get-LabThing
            try { Get-LabThing } catch { $_.FullyQualifiedErrorId }
            Remove-Item Variable:labCount
            "variable: [$labCount]"
            Remove-Item Alias:glt
            Test-Path Alias:glt
            Remove-Item Env:HVSH_NOT_SET -ErrorVariable e2 -ErrorAction SilentlyContinue
            "$($e2[0].FullyQualifiedErrorId) | $($e2[0])"
            '--- file commands refuse them'
            Get-Content Env:PATH -ErrorVariable e3 -ErrorAction SilentlyContinue
            "$($e3[0].FullyQualifiedErrorId)"
            Test-Path "$HOME/Env:PATH"
            """)
        XCTAssertEqual(result.stdout, """
            --- test-path
            True
            False
            True
            True
            True
            True
            True
            False
            True
            False
            --- get
            HVSH_LAB_ROOT=C:\\Lab System.Collections.DictionaryEntry
            C:\\Lab
            Function Get-LabThing
            3
            Name                           Value
            ----                           -----
            labCount                       3
            Get-LabThing
            glt
            True
            PathNotFound,Microsoft.PowerShell.Commands.GetItemCommand | Cannot find path 'Env:/HVSH_NOT_SET' because it does not exist.
            --- remove
            env: [] False
            CommandNotFoundException
            variable: []
            False
            PathNotFound,Microsoft.PowerShell.Commands.RemoveItemCommand | Cannot find path 'Env:/HVSH_NOT_SET' because it does not exist.
            --- file commands refuse them
            NotSupported,Microsoft.PowerShell.Commands.GetContentCommand
            False

            """, result.stderr)
        XCTAssertEqual(result.stderr, "")
    }
}
