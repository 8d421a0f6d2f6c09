import Foundation
import XCTest
import VirtualDisk
@testable import HyperV

/// The VHD cmdlets through the shell: Hyper-V's parameters, VirtualHardDisk objects, errors, and
/// refusals for disks a running VM holds. (The files themselves are checked against QEMU and
/// dissect.hypervisor in VirtualDiskTests.)
final class VHDCmdletTests: XCTestCase {
    private func lines(_ text: String) -> [String] { text.split(separator: "\n").map(String.init) }

    func testNewVHDAndGetVHDShowTheWholeObject() throws {
        let shell = try HyperVShell(self)
        try shell.requireEvaluator()
        let run = shell.run("""
            New-VHD -Path '\(shell.root)/d.vhdx' -SizeBytes 127GB | Out-Null
            Get-VHD '\(shell.root)/d.vhdx' | Format-List
            (Get-VHD '\(shell.root)/d.vhdx').PSObject.Properties.Name -join ','
            $f = New-VHD '\(shell.root)/f.vhdx' 10MB -Fixed -LogicalSectorSizeBytes 4096 -PhysicalSectorSizeBytes 512
            "$($f.VhdType) $($f.FileSize) $($f.BlockSize) $($f.LogicalSectorSize) $($f.PhysicalSectorSize)"
            $v = New-VHD '\(shell.root)/v.vhd' 100MB
            "$($v.VhdFormat) $($v.VhdType) $($v.Size) $($v.BlockSize) $($v.PhysicalSectorSize)"
            """)
        XCTAssertEqual(run.other, "")
        let out = lines(run.output)
        for expected in ["Path                    : \(shell.root)/d.vhdx", "VhdFormat               : VHDX", "VhdType                 : Dynamic",
                         "FileSize                : 4194304", "Size                    : 136365211648", "MinimumSize             : ",
                         "LogicalSectorSize       : 512", "PhysicalSectorSize      : 4096", "BlockSize               : 33554432",
                         "ParentPath              : ", "FragmentationPercentage : 0", "Alignment               : 1",
                         "Attached                : False", "IsPMEMCompatible        : False", "AddressAbstractionType  : None"] {
            XCTAssertTrue(out.contains(expected), "missing line '\(expected)' in:\n\(run.output)")
        }
        let identifier = out.first { $0.hasPrefix("DiskIdentifier") }?.split(separator: ":").last.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        XCTAssertNotNil(UUID(uuidString: identifier), identifier)
        XCTAssertTrue(out.contains("ComputerName,Path,VhdFormat,VhdType,FileSize,Size,MinimumSize,LogicalSectorSize,PhysicalSectorSize,BlockSize,ParentPath,DiskIdentifier,FragmentationPercentage,Alignment,Attached,DiskNumber,IsPMEMCompatible,AddressAbstractionType,Number"), run.output)
        XCTAssertTrue(out.contains("Fixed \(14 << 20) 0 4096 512"), run.output)
        XCTAssertTrue(out.contains("VHD Dynamic 104857600 2097152 512"), run.output)
    }

    func testDifferencingChainTestVHDAndSetVHDParentPath() throws {
        let shell = try HyperVShell(self)
        try shell.requireEvaluator()
        let root = shell.root
        let run = shell.run("""
            New-VHD "\(root)/base.vhdx" 64MB | Out-Null
            $c = New-VHD -Path "\(root)/child.avhdx" -ParentPath "\(root)/base.vhdx" -Differencing
            "$($c.VhdType) $($c.ParentPath) $($c.BlockSize) $($c.Size)"
            $c.DiskIdentifier -eq (Get-VHD "\(root)/base.vhdx").DiskIdentifier
            Test-VHD "\(root)/child.avhdx"
            Move-Item "\(root)/base.vhdx" "\(root)/moved.vhdx"
            Test-VHD "\(root)/child.avhdx" 2>&1 | ForEach-Object { "$_".Replace("`n", " ") }
            Set-VHD "\(root)/child.avhdx" -ParentPath "\(root)/moved.vhdx" -Passthru | ForEach-Object ParentPath
            Test-VHD -Path "\(root)/child.avhdx"
            New-VHD "\(root)/other.vhdx" 64MB | Out-Null
            Set-VHD "\(root)/child.avhdx" -ParentPath "\(root)/other.vhdx" 2>&1 | ForEach-Object { $_.FullyQualifiedErrorId }
            Set-VHD "\(root)/child.avhdx" -ParentPath "\(root)/other.vhdx" -IgnoreIdMismatch
            (Get-VHD "\(root)/child.avhdx").ParentPath
            """)
        let out = lines(run.output)
        XCTAssertEqual(out.first, "Differencing \(root)/base.vhdx 2097152 67108864", run.output)
        XCTAssertEqual(out[1], "True", "a child has its parent's disk identifier")
        XCTAssertEqual(out[2], "True")
        XCTAssertTrue(out[3].hasPrefix("The virtual hard disk is not usable. The system failed to open '\(root)/child.avhdx': The chain of virtual hard disks is broken."), run.output)
        XCTAssertTrue(out[3].contains("The parent '\(root)/base.vhdx'"), run.output)
        XCTAssertEqual(out[4], "False")
        XCTAssertEqual(Array(out[5...]), ["\(root)/moved.vhdx", "True", "InvalidOperation,Microsoft.Vhd.PowerShell.Cmdlets.SetVHD", "\(root)/other.vhdx"])
    }

    func testResizeConvertMergeOptimize() throws {
        let shell = try HyperVShell(self)
        try shell.requireEvaluator()
        let root = shell.root
        _ = shell.run("""
            New-VHD "\(root)/base.vhdx" 32MB -BlockSizeBytes 1MB | Out-Null
            New-VHD "\(root)/top.vhdx" -ParentPath "\(root)/base.vhdx" | Out-Null
            """)
        // Data through the library: the shell has no way to write inside a disk.
        var data = [UInt8](repeating: 0, count: 3 << 20)
        for i in data.indices { data[i] = UInt8(truncatingIfNeeded: i &* 7 &+ i >> 12) }
        try DiskImage.open(root + "/top.vhdx", writable: true).write(data, at: 1 << 20)
        let run = shell.run("""
            Merge-VHD "\(root)/top.vhdx" -Passthru | ForEach-Object { "$($_.Path) $($_.VhdType)" }
            Test-Path "\(root)/top.vhdx"
            (Resize-VHD "\(root)/base.vhdx" -SizeBytes 48MB -Passthru).Size
            Resize-VHD "\(root)/base.vhdx" -ToMinimumSize 2>&1 | ForEach-Object { "$_".Split("`n")[0] }
            Convert-VHD "\(root)/base.vhdx" "\(root)/fixed.vhd" -VHDType Fixed -Passthru | ForEach-Object { "$($_.VhdFormat) $($_.VhdType) $($_.Size)" }
            Convert-VHD "\(root)/fixed.vhd" "\(root)/again.vhdx" -DeleteSource
            Test-Path "\(root)/fixed.vhd"
            (Get-VHD "\(root)/again.vhdx").VhdType
            Resize-VHD "\(root)/again.vhdx" 16MB 2>&1 | ForEach-Object { "$_".Split("`n")[0] }
            """)
        let out = lines(run.output)
        XCTAssertEqual(out, ["\(root)/base.vhdx Dynamic", "False", "50331648", "Failed to resize the virtual disk.",
                             "VHD Fixed 50331648", "False", "Fixed", ], run.output + run.other)
        XCTAssertEqual(try DiskImage.open(root + "/again.vhdx").read(at: 1 << 20, count: data.count), data, "the data survived merge and two conversions")

        // Optimize: a dynamic disk with two blocks written, one of them with zeros.
        try DiskImage.open(root + "/base.vhdx", writable: true).write([UInt8](repeating: 0, count: 1 << 20), at: 2 << 20)
        let optimize = shell.run("""
            $before = (Get-VHD "\(root)/base.vhdx").FileSize
            $after = (Optimize-VHD "\(root)/base.vhdx" -Mode Full -Passthru).FileSize
            ($before - $after) / 1MB
            Optimize-VHD "\(root)/again.vhdx" 2>&1 | ForEach-Object { $_.CategoryInfo.Category }
            """)
        XCTAssertEqual(lines(optimize.output), ["1", "InvalidOperation"], optimize.output + optimize.other)
    }

    func testDisksOfRunningVMsAreInUse() throws {
        let shell = try HyperVShell(self)
        try shell.requireEvaluator()
        let root = shell.root
        let setup = shell.run("""
            New-VM -Name Busy -Generation 2 -NewVHDPath "\(root)/busy.vhdx" -NewVHDSizeBytes 16MB | Out-Null
            (Get-VM Busy).Id.ToString()
            (Get-VHD "\(root)/busy.vhdx").Attached
            """)
        let out = lines(setup.output)
        XCTAssertEqual(out.count, 2, setup.output + setup.other)
        guard out.count == 2, let id = UUID(uuidString: out[0]) else { return }
        XCTAssertEqual(out[1], "False", "an Off VM's disk is a file nobody has open")
        shell.monitor.set(.Running, for: id)
        let refused = shell.run("""
            Resize-VHD "\(root)/busy.vhdx" 32MB 2>&1 | ForEach-Object { $_.Exception.Message }
            Optimize-VHD "\(root)/busy.vhdx" 2>&1 | ForEach-Object { $_.FullyQualifiedErrorId }
            Convert-VHD "\(root)/busy.vhdx" "\(root)/copy.vhd" 2>&1 | ForEach-Object { $_.CategoryInfo.Category }
            New-VHD "\(root)/child.vhdx" -ParentPath "\(root)/busy.vhdx" 2>&1 | ForEach-Object { $_.CategoryInfo.Category }
            (Get-VHD "\(root)/busy.vhdx").Size
            Test-VHD "\(root)/busy.vhdx"
            (Get-VHD "\(root)/busy.vhdx").Attached
            """)
        XCTAssertEqual(lines(refused.output), [
            "Failed to resize the virtual disk.", "The system failed to resize '\(root)/busy.vhdx': The process cannot access the file because it is being used by another process. (0x80070020)",
            "ObjectInUse,Microsoft.Vhd.PowerShell.Cmdlets.OptimizeVHD", "ResourceUnavailable", "ResourceUnavailable", "16777216", "True", "True",
        ], refused.output + refused.other)
        shell.monitor.set(.Off, for: id)
        let allowed = shell.run("(Resize-VHD \"\(root)/busy.vhdx\" 32MB -Passthru).Size")
        XCTAssertEqual(allowed.output, "33554432\n", allowed.other)
    }

    func testErrorsInHyperVsWords() throws {
        let shell = try HyperVShell(self)
        try shell.requireEvaluator()
        let root = shell.root
        let run = shell.run("""
            New-VHD "\(root)/a.vhdx" 8MB | Out-Null
            New-VHD "\(root)/a.vhdx" 8MB 2>&1 | ForEach-Object { "$_" }
            Get-VHD "\(root)/missing.vhdx" 2>&1 | ForEach-Object { "$_"; $_.FullyQualifiedErrorId }
            New-VHD "\(root)/disk.img" 8MB 2>&1 | ForEach-Object { $_.CategoryInfo.Category }
            New-VHD "\(root)/b.vhd" 8MB -LogicalSectorSizeBytes 4096 2>&1 | ForEach-Object { $_.CategoryInfo.Category }
            New-VHD "\(root)/c.vhdx" 8MB -BlockSizeBytes 3MB 2>&1 | ForEach-Object { "$_".Split("`n")[1] }
            Set-Content "\(root)/junk.vhdx" 'not a disk'
            Test-VHD "\(root)/junk.vhdx" 2>$null
            New-VHD "\(root)/d.vhdx" 8MB -WhatIf
            Test-Path "\(root)/d.vhdx"
            """)
        XCTAssertEqual(lines(run.output), [
            "Failed to create the virtual hard disk.", "The system failed to create '\(root)/a.vhdx': The file exists. (0x80070050)",
            "'\(root)/missing.vhdx' is not an existing virtual hard disk file.", "InvalidParameter,Microsoft.Vhd.PowerShell.Cmdlets.GetVHD",
            "InvalidArgument", "InvalidArgument",
            "The system failed to create '\(root)/c.vhdx': The block size of a VHDX must be a power of two from 1 MB to 256 MB; 3145728 was given.",
            "False",
            "What if: Performing the operation \"New-VHD\" on target \"\(root)/d.vhdx\".", "False",
        ], run.output + run.other)
    }
}
