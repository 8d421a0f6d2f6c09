import Foundation
import XCTest

/// Export-VM, Export-VMSnapshot and Import-VM through the real `hvsh -File` in a sandbox: Hyper-V's
/// folder layout, disks copied as they are (the checkpoint's .avhdx chain re-pointed at the copied
/// parent), Hyper-V's error for an id clash, -Copy -GenerateNewId beside the original, and registering
/// an export in place.
final class ExportImportTests: XCTestCase {
    func testExportThenImportCopyWithNewIdAndRegisterInPlace() throws {
        try HvshProcess.requireExecutable()
        guard getuid() == 0 else { throw XCTSkip("-Sandbox needs root to create its namespaces") }
        let home = HvshProcess.makeHome()
        defer { home.remove() }
        let script = home.write("export.ps1", """
            $root = (Get-Location).Path
            function Show($Path) { $Path.Replace($root, '~') -replace '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}', 'GUID' }
            $src = New-VM -Name src -Generation 2 -NewVHDPath "$root/src.vhdx" -NewVHDSizeBytes 16MB
            Set-VMProcessor src -Count 2
            Checkpoint-VM src -SnapshotName one
            Set-VMMemory src -StartupBytes 768MB
            Export-VM -Name src -Path ./exp
            Get-ChildItem ./exp/src -Recurse -File | ForEach-Object { Show $_.FullName } | Sort-Object
            $disk = (Get-ChildItem './exp/src/Virtual Hard Disks/*.avhdx').FullName
            Show (Get-VHD $disk).ParentPath
            $config = (Get-ChildItem './exp/src/Virtual Machines/*.vmcx').FullName
            '--- clash'
            try { Import-VM -Path $config -ErrorAction Stop } catch { $_.FullyQualifiedErrorId; $_.Exception.Message.Split([char]10)[1] -replace $src.Id.ToString().ToUpper(), 'ID' }
            '--- copy'
            $copy = Import-VM -Path $config -Copy -GenerateNewId -VhdDestinationPath ./copies -VirtualMachinePath ./vms
            "$($copy.Name) $($copy.Id -ne $src.Id) $(@(Get-VM).Count) $(Show $copy.Path)"
            $copyDisk = (Get-VMHardDiskDrive -VM $copy).Path
            "$(Show $copyDisk) -> $(Show (Get-VHD $copyDisk).ParentPath)"
            "$((Get-VMProcessor -VM $copy).Count) $((Get-VMMemory -VM $copy).Startup / 1MB)"
            $snap = Get-VMSnapshot -VM $copy
            "$($snap.Name) $($snap.Id -ne (Get-VMSnapshot -VMName src | Where-Object VMId -eq $src.Id).Id) $($copy.ParentCheckpointId -eq $snap.Id)"
            (Get-VMNetworkAdapter -VM $copy).MacAddress
            '--- register'
            Remove-VM -VM (Get-VM | Where-Object Id -eq $src.Id) -Force
            $again = Import-VM -Path $config
            "$($again.Id -eq $src.Id) $(Show $again.Path) $(Show (Get-VMHardDiskDrive -VM $again).Path)"
            (Get-VMSnapshot -VM $again).Name
            '--- checkpoint'
            Get-VMSnapshot -VM $again | Export-VMCheckpoint -Path ./snapexp
            $only = (Get-ChildItem './snapexp/src/Virtual Machines/*.vmcx').FullName
            $one = Import-VM -Path $only -Copy -GenerateNewId -VhdDestinationPath ./one -VirtualMachinePath ./onevm
            "$((Get-VMProcessor -VM $one).Count) $((Get-VMMemory -VM $one).Startup / 1MB) $(@(Get-VMSnapshot -VM $one).Count)"
            @(Get-ChildItem ./snapexp/src/Snapshots).Count
            """)
        let result = try HvshProcess.run(["-Sandbox", "-NoProfile", "-File", script], home: home.path, directory: home.path, timeout: 120)
        XCTAssertEqual(result.stdout, """
            ~/exp/src/Snapshots/GUID.vmcx
            ~/exp/src/Virtual Hard Disks/src_GUID.avhdx
            ~/exp/src/Virtual Hard Disks/src.vhdx
            ~/exp/src/Virtual Machines/GUID.vmcx
            ~/exp/src/Virtual Hard Disks/src.vhdx
            --- clash
            OperationFailed,Microsoft.HyperV.PowerShell.Commands.ImportVM
            A virtual machine with the identifier ID already exists on this host. Use -Copy -GenerateNewId to import 'src' as a new virtual machine.
            --- copy
            src True 2 ~/vms
            ~/copies/src_GUID.avhdx -> ~/copies/src.vhdx
            2 768
            one True True
            000000000000
            --- register
            True ~/exp/src ~/exp/src/Virtual Hard Disks/src_GUID.avhdx
            one
            --- checkpoint
            2 1024 0
            0

            """, result.stderr)
    }
}
