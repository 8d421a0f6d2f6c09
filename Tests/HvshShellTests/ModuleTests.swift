import Foundation
import XCTest

/// Script modules as lab scripts use them (a helper .psm1 next to the script, a module folder with a
/// .psd1 manifest on $env:PSModulePath), through the real `hvsh -File`.
final class ModuleTests: HvshScriptTestCase {
    override var scriptColumns: Int? { 120 }
    override var scriptEnvironment: [String: String] { ["PSModulePath": home.path + "/modules"] }

    override func setUpWithError() throws {
        try super.setUpWithError()
        _ = home.write("lab/LabHelpers.psm1", """
            $script:Calls = 0
            $ModuleSecret = 'kept inside'
            function Get-LabVMName { param([int]$Index) $script:Calls++; "lab-vm-$Index (call $script:Calls, root $(Split-Path -Leaf $PSScriptRoot), caller [$CallerOnly])" }
            function Create-LabSwitch { 'switch' }
            function Format-LabName { param($Name) $Name.ToUpper() }
            Set-Alias glvm Get-LabVMName
            """)
        _ = home.write("lab/Exported.psm1", """
            function Get-Public { 'public+' + (Get-Private) }
            function Get-Private { 'private' }
            $LabDefaults = @{ Memory = 2GB }
            Export-ModuleMember -Function Get-Public -Variable LabDefaults
            """)
        _ = home.write("modules/LabTools/1.2.0/LabTools.psd1", """
            @{
                RootModule = 'LabTools.psm1'
                ModuleVersion = '1.2.0'
                GUID = '6a4f3b1e-1111-2222-3333-444455556666'
                Author = 'Lab Admin'
                Description = 'Helpers for the nested lab'
                FunctionsToExport = @('Get-LabTool', 'Set-LabTool')
                NestedModules = @('Nested.psm1')
            }
            """)
        _ = home.write("modules/LabTools/1.2.0/LabTools.psm1", """
            function Get-LabTool { "tool using $(Get-NestedHelper)" }
            function Set-LabTool { 'set' }
            function Test-Internal { 'internal' }
            """)
        _ = home.write("modules/LabTools/1.2.0/Nested.psm1", "function Get-NestedHelper { 'the nested helper' }")
        _ = home.write("modules/LabTools/0.9.0/LabTools.psd1", "@{ RootModule = 'LabTools.psm1'; ModuleVersion = '0.9.0' }")
        _ = home.write("modules/LabTools/0.9.0/LabTools.psm1", "function Get-LabTool { 'old tool' }")
        _ = home.write("modules/Cleanup/Cleanup.psm1", "function Remove-LabLeftovers { 'cleaned' }")
    }

    func testAScriptModuleExportsItsFunctionsAndAliasesAndKeepsItsScope() throws {
        let result = try runScript("""
            $CallerOnly = 'from the script'
            Import-Module .\\lab\\LabHelpers.psm1
            Get-LabVMName 1
            glvm 2
            "secret [$ModuleSecret] calls [$Calls]"
            (Get-Command Get-LabVMName).Source
            """)
        // Like pwsh, hvsh writes warnings to standard output.
        XCTAssertEqual(result.stdout, """
            WARNING: The names of some imported commands from the module 'LabHelpers' include unapproved verbs that might make them less discoverable. To find the commands with unapproved verbs, run the Import-Module command again with the Verbose parameter. For a list of approved verbs, type Get-Verb.
            lab-vm-1 (call 1, root lab, caller [])
            lab-vm-2 (call 2, root lab, caller [])
            secret [] calls []
            LabHelpers

            """, result.stderr)
        XCTAssertEqual(result.stderr, "")
    }

    /// A script block belongs to the session state it was written in: handed to a module function it
    /// still sees the caller's variables (not the function's of the same name) however the module runs
    /// it, and a block the module hands out sees the module's variables wherever it is called.
    func testScriptBlocksRunInTheSessionStateTheyWereWrittenIn() throws {
        _ = home.write("lab/Retry.psm1", """
            $script:Attempts = 3
            $type = 'module'
            function Invoke-Call { param($Action) $type = 'function'; & $Action }
            function Invoke-Dot { param($Action) $type = 'function'; . $Action }
            function Invoke-Method { param($Action) $type = 'function'; $Action.Invoke() }
            function Invoke-Each { param($Action) $type = 'function'; 1 | ForEach-Object $Action }
            function Invoke-Where { param($Action) $type = 'function'; 'a', 'b' | Where-Object $Action }
            function Invoke-Nested { param($Action) $type = 'function'; & { $type = 'inner'; & $Action } }
            function Get-AttemptsBlock { { "attempts $Attempts, type $type" } }
            """)
        let result = try runScript("""
            Import-Module ./lab/Retry.psm1
            $type = 'script'
            Invoke-Call { "call sees $type" }
            Invoke-Dot { "dot sees $type"; $madeByDot = 'here' }
            "dot-sourced into the caller: $madeByDot"
            Invoke-Method { "method sees $type" }
            Invoke-Each { "each sees $type" }
            Invoke-Where { $type -eq 'script' -and $_ -eq 'b' }
            Invoke-Nested { "nested sees $type" }
            function Test-FromFunction { $type = 'caller function'; Invoke-Call { "call from a function sees $type" } }
            Test-FromFunction
            $Attempts = 99
            & (Get-AttemptsBlock)
            """)
        XCTAssertEqual(result.stdout, """
            call sees script
            dot sees script
            dot-sourced into the caller: here
            method sees script
            each sees script
            b
            nested sees script
            call from a function sees caller function
            attempts 3, type module

            """, result.stderr)
    }

    func testVerboseImportRecords() throws {
        let result = try runScript("Import-Module ./lab/LabHelpers.psm1 -Verbose -WarningAction SilentlyContinue 4>&1 | ForEach-Object { \"$_\" }")
        let path = home.path + "/lab/LabHelpers.psm1"
        XCTAssertEqual(result.stdout, """
            Loading module from path '\(path)'.
            Exporting function 'Create-LabSwitch'.
            Exporting function 'Format-LabName'.
            Exporting function 'Get-LabVMName'.
            Exporting alias 'glvm'.
            The 'Create-LabSwitch' command in the LabHelpers' module was imported, but because its name does not include an approved verb, it might be difficult to find. The suggested alternative verbs are "New".
            Importing function 'Create-LabSwitch'.
            Importing function 'Format-LabName'.
            Importing function 'Get-LabVMName'.
            Importing alias 'glvm'.

            """, result.stderr)
        let quiet = try runScript("Import-Module ./lab/LabHelpers.psm1 -DisableNameChecking\n'loaded'")
        XCTAssertEqual(quiet.stdout, "loaded\n", "no warning with -DisableNameChecking")
    }

    func testExportModuleMember() throws {
        let result = try runScript("""
            $m = Import-Module ./lab/Exported.psm1 -PassThru
            Get-Public
            "memory $($LabDefaults.Memory)"
            try { Get-Private } catch { $_.FullyQualifiedErrorId }
            "$($m.Name) $($m.ModuleType) $($m.Version) [$($m.ExportedFunctions.Keys)] [$($m.ExportedVariables.Keys)]"
            try { Export-ModuleMember -Function Get-Public } catch { $_.FullyQualifiedErrorId; "$_" }
            """)
        XCTAssertEqual(result.stdout, """
            public+private
            memory 2147483648
            CommandNotFoundException
            Exported Script 0.0 [Get-Public] [LabDefaults]
            Modules_CanOnlyExecuteExportModuleMemberInsideAModule,Microsoft.PowerShell.Commands.ExportModuleMemberCommand
            The Export-ModuleMember cmdlet can only be called from inside a module.

            """, result.stderr)
    }

    func testManifestModuleFoundOnPSModulePath() throws {
        let result = try runScript("""
            Import-Module LabTools -Verbose 4>&1 | ForEach-Object { "$_" }
            Get-LabTool
            try { Test-Internal } catch { 'Test-Internal is not exported' }
            $m = Get-Module LabTools
            "$($m.Version) $($m.ModuleType) $($m.Author) $($m.Guid) $($m.Description) nested=$($m.NestedModules.Name)"
            Get-Module LabTools | Format-Table | Out-String
            """)
        let base = home.path + "/modules/LabTools/1.2.0"
        XCTAssertEqual(result.stdout, """
            Loading module from path '\(base)/LabTools.psd1'.
            Loading module from path '\(base)/Nested.psm1'.
            Exporting function 'Get-NestedHelper'.
            Importing function 'Get-NestedHelper'.
            Loading module from path '\(base)/LabTools.psm1'.
            Exporting function 'Get-LabTool'.
            Exporting function 'Get-NestedHelper'.
            Exporting function 'Set-LabTool'.
            Exporting function 'Test-Internal'.
            Importing function 'Get-LabTool'.
            Importing function 'Set-LabTool'.
            tool using the nested helper
            Test-Internal is not exported
            1.2.0 Script Lab Admin 6a4f3b1e-1111-2222-3333-444455556666 Helpers for the nested lab nested=Nested

            ModuleType Version    PreRelease Name                                ExportedCommands
            ---------- -------    ---------- ----                                ----------------
            Script     1.2.0                 LabTools                            {Get-LabTool, Set-LabTool}



            """, result.stderr)
        let old = try runScript("Import-Module LabTools -RequiredVersion 0.9.0\nGet-LabTool")
        XCTAssertEqual(old.stdout, "old tool\n", old.stderr)
    }

    func testGetModuleListAvailable() throws {
        let result = try runScript("""
            Get-Module -ListAvailable -Name LabTools, Cleanup | Out-String
            "hyper-v: $((Get-Module -ListAvailable -Name Hyper-V).Name) $((Get-Module Hyper-V).ModuleType)"
            "missing: [$(Get-Module -ListAvailable -Name NoSuchModule)]"
            """)
        XCTAssertEqual(result.stdout, """

                Directory: \(home.path)/modules

            ModuleType Version    PreRelease Name                                PSEdition ExportedCommands
            ---------- -------    ---------- ----                                --------- ----------------
            Script     0.0                   Cleanup                             Desk      {Remove-LabLeftovers}
            Script     1.2.0                 LabTools                            Desk      {Get-LabTool, Set-LabTool}


            hyper-v: Hyper-V Binary
            missing: []

            """, result.stderr)
    }

    func testRemoveModule() throws {
        let result = try runScript("""
            Import-Module ./lab/LabHelpers.psm1 -DisableNameChecking
            Remove-Module LabHelpers -Verbose 4>&1 | ForEach-Object { "$_" }
            try { Get-LabVMName 1 } catch { $_.FullyQualifiedErrorId }
            "[$(Get-Module LabHelpers)]"
            Remove-Module LabHelpers -ErrorVariable e -ErrorAction SilentlyContinue
            $e[0].FullyQualifiedErrorId
            "$($e[0])"
            Import-Module ./lab/NoSuch.psm1 -ErrorVariable e2 -ErrorAction SilentlyContinue
            $e2[0].FullyQualifiedErrorId
            Import-Module Hyper-V
            'built-in modules import quietly'
            """)
        XCTAssertEqual(result.stdout, """
            Removing the imported "Create-LabSwitch" function.
            Removing the imported "Format-LabName" function.
            Removing the imported "Get-LabVMName" function.
            Removing the imported "glvm" alias.
            CommandNotFoundException
            []
            Modules_NoModulesRemoved,Microsoft.PowerShell.Commands.RemoveModuleCommand
            No modules were removed. Verify that the specification of modules to remove is correct and those modules exist in the runspace.
            Modules_ModuleNotFound,Microsoft.PowerShell.Commands.ImportModuleCommand
            built-in modules import quietly

            """, result.stderr)
    }
}
