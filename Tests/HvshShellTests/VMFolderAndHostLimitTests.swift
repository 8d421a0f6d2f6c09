import Foundation
import XCTest

/// What lab scripts check right after New-VM and at Start-VM, through the real `hvsh -File` in a
/// sandbox: the VM's folder exists at once (Hyper-V makes it), a VM with more virtual processors than
/// the host has logical processors (one imported from a bigger host) is refused with Hyper-V's error,
/// and Test-Path's answers for blank and missing paths are pwsh's.
final class VMFolderAndHostLimitTests: HvshScriptTestCase {
    override var runsSandboxed: Bool { true }
    override var scriptTimeout: TimeInterval { 120 }

    func testTheVMFolderExistsRightAfterNewVM() throws {
        let result = try runScript("""
            $vm = New-VM -Name web -Path C:\\Lab\\VMs
            "$($vm.Path) $(Test-Path $vm.Path -PathType Container) $((Get-Item $vm.Path).Name)"
            Test-Path (Get-VM web).ConfigurationLocation
            (New-VM -Name plain).Path | Test-Path
            Get-ChildItem C:\\Lab\\VMs | ForEach-Object Name
            """)
        XCTAssertEqual(result.stdout, """
            C:\\Lab\\VMs\\web True web
            True
            True
            web

            """, result.stderr)
        XCTAssertEqual(result.stderr, "")
    }

    func testStartVMRefusesMoreVirtualProcessorsThanTheHostHas() throws {
        let processors = ProcessInfo.processInfo.activeProcessorCount
        let result = try runScript("""
            New-VM -Name big | Out-Null
            Export-VM -Name big -Path ./exp
            $config = (Get-ChildItem './exp/big/Virtual Machines/*.vmcx').FullName
            # As if exported on a host with many more processors than this one.
            (Get-Content $config -Raw) -replace '"count" : 1(?=\\s*[,}])', '"count" : \(processors + 1)' | Set-Content $config
            Remove-VM big -Force
            $big = Import-VM -Path $config
            "imported with $((Get-VMProcessor -VM $big).Count - (Get-VMHost).LogicalProcessorCount) more than the host"
            try { Start-VM -VM $big -ErrorAction Stop } catch {
                $_.FullyQualifiedErrorId
                "$($_.CategoryInfo)"
                $_.Exception.Message -replace $big.Id.ToString().ToUpper(), 'ID'
            }
            (Get-VM big).State
            """)
        XCTAssertEqual(result.stdout, """
            imported with 1 more than the host
            OperationFailed,Microsoft.HyperV.PowerShell.Commands.StartVM
            NotSpecified: (:) [Start-VM], VirtualizationException
            'big' failed to start.
            'big' could not initialize.
            The processor settings for the virtual machine are incompatible with the host.
            'big' failed to start. (Virtual machine ID ID)
            'big' failed to start worker process: Unspecified error (0x80004005). (Virtual machine ID ID)
            'big' could not initialize. (Virtual machine ID ID)
            The processor topology specified for the virtual machine cannot be supported by this host. For instance, this can happen when the virtual processor or socket count for the virtual machine exceeds the logical processor or socket count for the host.
            Off

            """, result.stderr)
    }

    func testTestPathOfBlankAndMissingPaths() throws {
        let result = try runScript("""
            Test-Path ''
            Test-Path '  '
            Test-Path -Path @() -ErrorVariable e -ErrorAction SilentlyContinue
            "$($e[0].FullyQualifiedErrorId) | $($e[0].CategoryInfo.Category) | $($e[0])"
            $missing = $null
            if (Test-Path $missing -ErrorAction SilentlyContinue) { 'exists' } else { 'not there' }
            Test-Path -LiteralPath '', C:\\
            """)
        XCTAssertEqual(result.stdout, """
            False
            False
            NullPathNotPermitted,Microsoft.PowerShell.Commands.TestPathCommand | InvalidArgument | Value cannot be null. (Parameter 'The provided Path argument was null or an empty collection.')
            not there
            False
            True

            """, result.stderr)
        XCTAssertEqual(result.stderr, "")
    }
}
