import Foundation
import XCTest
import Inventory
import PSRuntime
@testable import HyperV

/// The configuration cmdlets through the real shell: parameter sets, aliases, wildcards, output.
final class CmdletShellTests: XCTestCase {
    func testGetVMWildcardsIdAndNotFound() throws {
        let shell = try HyperVShell(self)
        try shell.requireEvaluator()
        _ = shell.run("New-VM Server2016; New-VM Server2019; New-VM Client")
        let run = shell.run("""
            (Get-VM).Count
            (Get-VM -Name server20*).Name
            $id = (Get-VM Client).Id
            (Get-VM -Id $id).Name
            Get-VM -VMName Nope*
            Get-VM Nope
            """)
        XCTAssertEqual(run.output, "3\nServer2016\nServer2019\nClient\n")
        XCTAssertTrue(run.other.contains("Hyper-V was unable to find a virtual machine with name \"Nope\"."), run.other)
    }

    func testPipedCheckpointRestoresWithoutPromptWhenConfirmIsFalse() throws {
        let shell = try HyperVShell(self)
        try shell.requireEvaluator()
        let run = shell.run("""
            New-VM -Name Lab -MemoryStartupBytes 1GB | Out-Null
            Checkpoint-VM -Name Lab -SnapshotName before
            Set-VMMemory -VMName Lab -StartupBytes 2GB
            Get-VMSnapshot -VMName Lab | Restore-VMSnapshot -Confirm:$false
            (Get-VMMemory -VMName Lab).Startup / 1MB
            """)
        XCTAssertEqual(run.other, "")
        XCTAssertFalse(run.output.contains("Confirm"), run.output)
        XCTAssertFalse(run.output.contains("Supply values"), run.output)
        XCTAssertEqual(run.output, "1024\n")
    }

    func testSetVMRenameVMAndRemoveVMKeepsDisks() throws {
        let shell = try HyperVShell(self)
        try shell.requireEvaluator()
        let disk = shell.root + "/disk.vhdx"
        let run = shell.run("""
            New-VM -Name Web -MemoryStartupBytes 1GB -Generation 2 -NewVHDPath '\(disk)' -NewVHDSizeBytes 64MB | Out-Null
            Set-VM -Name Web -ProcessorCount 2 -DynamicMemory -MemoryMinimumBytes 512MB -MemoryMaximumBytes 2GB -Notes 'front end'
            $vm = Get-VM Web
            "$($vm.ProcessorCount) $($vm.DynamicMemoryEnabled) $($vm.MemoryMinimum) $($vm.Notes)"
            Rename-VM Web -NewName Web2
            (Get-VM Web2 | Get-VMHardDiskDrive).Path
            Remove-VM Web2 -Force
            @(Get-VM).Count
            Test-Path '\(disk)'
            """)
        XCTAssertEqual(run.other, "")
        XCTAssertEqual(run.output, "2 True 536870912 front end\n\(disk)\n0\nTrue\n")
    }

    func testNetworkAdapterCmdlets() throws {
        let shell = try HyperVShell(self)
        try shell.requireEvaluator()
        let run = shell.run("""
            New-VM -Name Net | Out-Null
            Add-VMNetworkAdapter -VMName Net -Name Second -StaticMacAddress 00155DAABBCC
            (Get-VMNetworkAdapter -VMName Net).Name
            Get-VMNetworkAdapter -VMName Net -Name Second | Rename-VMNetworkAdapter -NewName Renamed
            (Get-VMNetworkAdapter -VMName Net -Name Renamed).MacAddress
            Remove-VMNetworkAdapter -VMName Net -Name Renamed
            @(Get-VMNetworkAdapter -VMName Net).Count
            Connect-VMNetworkAdapter -VMName Net -SwitchName NoSuchSwitch
            """)
        XCTAssertEqual(run.output, "Network Adapter\nSecond\n00155DAABBCC\n1\n")
        XCTAssertTrue(run.other.contains("Hyper-V was unable to find a virtual switch with name \"NoSuchSwitch\"."), run.other)
    }

    func testCheckpointCmdletsAndTheirCheckpointAliases() throws {
        let shell = try HyperVShell(self)
        try shell.requireEvaluator()
        let run = shell.run("""
            New-VM -Name Snap | Out-Null
            Checkpoint-VM -Name Snap -SnapshotName first
            Set-VMProcessor Snap -Count 2
            Checkpoint-VM Snap second -Passthru | ForEach-Object { $_.ParentSnapshotName }
            (Get-VMCheckpoint -VMName Snap).Name
            $ConfirmPreference = 'None'
            $first = Get-VMSnapshot -VMName Snap -Name first
            Restore-VMSnapshot -VMSnapshot $first
            (Get-VMProcessor Snap).Count
            Rename-VMCheckpoint -VMName Snap -Name second -NewName renamed
            Get-VMSnapshot Snap renamed | Get-VMProcessor | ForEach-Object { "$($_.Count) $($_.VMSnapshotName)" }
            Remove-VMCheckpoint -VMName Snap -Name first
            (Get-VMSnapshot -VMName Snap).Name
            Remove-VMSavedState Snap
            """)
        XCTAssertEqual(run.output, "first\nfirst\nsecond\n1\n2 renamed\nrenamed\n")
        XCTAssertTrue(run.other.contains("'Snap' is not in the Saved state"), run.other)
    }

    func testHostVHDAndFirmwareCmdlets() throws {
        let shell = try HyperVShell(self)
        try shell.requireEvaluator()
        let run = shell.run("""
            Set-VMHost -MacAddressMinimum 00155D000100 -MacAddressMaximum 00155D0001FF
            $h = Get-VMHost
            "$($h.MacAddressMinimum) $($h.MacAddressMaximum) $($h.LogicalProcessorCount)"
            (New-VM -Name Fw -Generation 2 | Get-VMNetworkAdapter).MacAddress
            $d = New-VHD -Path '\(shell.root)/d.vhd' -SizeBytes 8MB -Fixed
            "$($d.VhdFormat) $($d.VhdType) $($d.Size) $($d.FileSize)"
            (Get-VHD '\(shell.root)/d.vhd').VhdType
            Set-VMFirmware Fw -KernelPath builtin:counter -KernelCommandLine 'quiet'
            $f = Get-VMFirmware Fw
            "$($f.SecureBoot) $($f.KernelPath) $($f.KernelCommandLine)"
            New-VM -Name G1 -Generation 1 | Out-Null
            Get-VMFirmware G1
            """)
        XCTAssertEqual(run.output, "00155D000100 00155D0001FF 4\n000000000000\nVHD Fixed 8388608 8389120\nFixed\nOn builtin:counter quiet\n")
        XCTAssertTrue(run.other.contains("Generation 1 virtual machines do not support the VMFirmware cmdlets."), run.other)
    }

    func testIntegrationServicesAndDvdDrives() throws {
        let shell = try HyperVShell(self)
        try shell.requireEvaluator()
        let run = shell.run("""
            New-VM -Name Old -Generation 1 | Out-Null
            (Get-VMIntegrationService -VMName Old).Name -join ','
            (Get-VMIntegrationService -VMName Old -Name Heart*).Enabled
            $dvd = Get-VMDvdDrive -VMName Old
            "$($dvd.ControllerType) $($dvd.ControllerNumber) $($dvd.ControllerLocation)"
            Add-VMDvdDrive -VMName Old -Passthru | ForEach-Object { "$($_.ControllerNumber):$($_.ControllerLocation)" }
            """)
        XCTAssertEqual(run.other, "")
        XCTAssertEqual(run.output, "Guest Service Interface,Heartbeat,Key-Value Pair Exchange,Shutdown,Time Synchronization,VSS\nTrue\nIDE 1 0\n0:0\n")
    }

    /// Drives picked by slot or by piped object: Set-VMDvdDrive changes the medium, Remove-VMHardDiskDrive
    /// detaches the disk in the slot asked for and no other.
    func testDrivesBySlotAndByObject() throws {
        let shell = try HyperVShell(self)
        try shell.requireEvaluator()
        let dir = NSTemporaryDirectory() + "hvsh-slots-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        FileManager.default.createFile(atPath: dir + "/disc.iso", contents: Data(count: 2048))
        let run = shell.run("""
            New-VM -Name Slots -Generation 1 | Out-Null
            New-VHD -Path \(dir)/a.vhd -SizeBytes 1MB -Fixed | Out-Null
            New-VHD -Path \(dir)/b.vhd -SizeBytes 1MB -Fixed | Out-Null
            Add-VMHardDiskDrive -VMName Slots -ControllerType IDE -ControllerNumber 0 -ControllerLocation 0 -Path \(dir)/a.vhd
            Add-VMHardDiskDrive -VMName Slots -ControllerType IDE -ControllerNumber 0 -ControllerLocation 1 -Path \(dir)/b.vhd
            (Get-VMHardDiskDrive -VMName Slots -ControllerLocation 1).Path
            Get-VMDvdDrive -VMName Slots | Set-VMDvdDrive -Path \(dir)/disc.iso
            (Get-VMDvdDrive -VMName Slots).Path
            Set-VMDvdDrive -VMName Slots -ControllerNumber 1 -ControllerLocation 0 -Path $null
            "[$((Get-VMDvdDrive -VMName Slots).Path)]"
            Remove-VMHardDiskDrive -VMName Slots -ControllerType IDE -ControllerNumber 0 -ControllerLocation 0
            (Get-VMHardDiskDrive -VMName Slots).Path
            Get-VMHardDiskDrive -VMName Slots | Remove-VMHardDiskDrive
            @(Get-VMHardDiskDrive -VMName Slots).Count
            """)
        XCTAssertEqual(run.other, "")
        XCTAssertEqual(run.output, "\(dir)/b.vhd\n\(dir)/disc.iso\n[]\n\(dir)/b.vhd\n0\n")
    }
}
