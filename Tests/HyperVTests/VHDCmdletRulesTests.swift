import Foundation
import XCTest
import VirtualDisk
@testable import HyperV

/// Hyper-V's rules for the VHD cmdlets beyond the basics: what Resize-VHD refuses, Merge-VHD partway up a
/// chain, Convert-VHD in every direction, Set-VHD -LeafPath. Data goes in and is read back through the
/// VirtualDisk library (the shell has no way to write inside a disk).
final class VHDCmdletRulesTests: XCTestCase {
    private func lines(_ text: String) -> [String] { text.split(separator: "\n").map(String.init) }

    private func write(_ text: String, at offset: UInt64, to path: String) throws {
        let disk = try DiskImage.open(path, writable: true)
        try disk.write(Array(text.utf8), at: offset)
        try disk.flush()
    }

    private func read(_ count: Int, at offset: UInt64, from path: String) throws -> String {
        String(decoding: try DiskImage.open(path).read(at: offset, count: count), as: UTF8.self)
    }

    /// An MBR whose one partition ends at 5 MiB: the disk's MinimumSize.
    private func writePartitionTable(to path: String) throws {
        var mbr = [UInt8](repeating: 0, count: 512)
        mbr[446 + 4] = 0x07
        for (i, byte) in withUnsafeBytes(of: UInt32(2048).littleEndian, Array.init).enumerated() { mbr[446 + 8 + i] = byte }
        for (i, byte) in withUnsafeBytes(of: UInt32(8192).littleEndian, Array.init).enumerated() { mbr[446 + 12 + i] = byte }
        mbr[510] = 0x55
        mbr[511] = 0xAA
        let disk = try DiskImage.open(path, writable: true)
        try disk.write(mbr, at: 0)
        try disk.flush()
    }

    func testResizeRefusesWhereHyperVRefuses() throws {
        let shell = try HyperVShell(self)
        try shell.requireEvaluator()
        let root = shell.root
        let setup = shell.run("""
            New-VHD "\(root)/base.vhd" 8MB | Out-Null
            New-VHD "\(root)/child.avhd" -ParentPath "\(root)/base.vhd" | Out-Null
            New-VHD "\(root)/parted.vhdx" 16MB | Out-Null
            New-VM -Name Held -Generation 2 -NewVHDPath "\(root)/held.vhdx" -NewVHDSizeBytes 16MB | Out-Null
            Checkpoint-VM -Name Held -SnapshotName one
            (Get-VM Held).Id.ToString()
            (Get-VMHardDiskDrive -VMName Held).Path
            """)
        let out = lines(setup.output)
        XCTAssertEqual(out.count, 2, setup.output + setup.other)
        guard out.count == 2, let id = UUID(uuidString: out[0]) else { return }
        let avhdx = out[1]
        XCTAssertTrue(avhdx.hasSuffix(".avhdx"), avhdx)
        try writePartitionTable(to: root + "/parted.vhdx")

        let run = shell.run("""
            Resize-VHD "\(root)/child.avhd" 16MB 2>&1 | ForEach-Object { $_.FullyQualifiedErrorId; "$_".Split("`n")[1] }
            Resize-VHD "\(root)/held.vhdx" 32MB 2>&1 | ForEach-Object { $_.FullyQualifiedErrorId; "$_".Split("`n")[1] }
            (Resize-VHD "\(avhdx)" 32MB -Passthru).Size
            Convert-VHD "\(root)/held.vhdx" "\(root)/copy.vhd" -DeleteSource 2>&1 | ForEach-Object { $_.FullyQualifiedErrorId }
            Test-Path "\(root)/held.vhdx", "\(root)/copy.vhd"
            (Get-VHD "\(root)/parted.vhdx").MinimumSize
            Resize-VHD "\(root)/parted.vhdx" 4MB 2>&1 | ForEach-Object { $_.FullyQualifiedErrorId; "$_".Split("`n")[1] }
            (Resize-VHD "\(root)/parted.vhdx" -ToMinimumSize -Passthru).Size
            (Resize-VHD "\(root)/parted.vhdx" 24MB -Passthru).Size
            """)
        XCTAssertEqual(lines(run.output), [
            "NotSupported,Microsoft.Vhd.PowerShell.Cmdlets.ResizeVHD",
            "The system failed to resize '\(root)/child.avhd': A differencing VHD cannot be resized; only differencing VHDX files can.",
            "InvalidOperation,Microsoft.Vhd.PowerShell.Cmdlets.ResizeVHD",
            "The system failed to resize '\(root)/held.vhdx': The virtual hard disk is the parent of the differencing disk '\(avhdx)'; changing it would break that chain.",
            "33554432",
            "InvalidOperation,Microsoft.Vhd.PowerShell.Cmdlets.ConvertVHD", "True", "False",
            "5242880",
            "InvalidParameter,Microsoft.Vhd.PowerShell.Cmdlets.ResizeVHD",
            "The system failed to resize '\(root)/parted.vhdx': The size 4194304 is smaller than the minimum size 5242880 of '\(root)/parted.vhdx' (the end of its last partition).",
            "5242880", "25165824",
        ], run.output + run.other)
        XCTAssertEqual(try DiskFiles.info(avhdx).parentPath, root + "/held.vhdx")
        XCTAssertTrue(DiskFiles.test(avhdx).isSuccess, "the checkpoint's chain is intact")

        // A running VM holds the parents of its disk open as well: in use.
        shell.monitor.set(.Running, for: id)
        let running = shell.run("""
            Resize-VHD "\(root)/held.vhdx" 32MB 2>&1 | ForEach-Object { $_.FullyQualifiedErrorId }
            Set-VHD "\(root)/held.vhdx" -ResetDiskIdentifier 2>&1 | ForEach-Object { $_.FullyQualifiedErrorId }
            (Get-VHD "\(avhdx)").Attached
            (Get-VHD "\(root)/held.vhdx").Attached
            """)
        XCTAssertEqual(lines(running.output), [
            "ObjectInUse,Microsoft.Vhd.PowerShell.Cmdlets.ResizeVHD", "ObjectInUse,Microsoft.Vhd.PowerShell.Cmdlets.SetVHD", "True", "False",
        ], running.output + running.other)
    }

    func testMergeVHDWithADestinationPartwayUpTheChain() throws {
        let shell = try HyperVShell(self)
        try shell.requireEvaluator()
        let root = shell.root
        // Each disk gets its data before a child is made on it (writing a parent changes its identity).
        _ = shell.run("New-VHD \"\(root)/base.vhdx\" 16MB -BlockSizeBytes 1MB | Out-Null")
        try write("base", at: 0, to: root + "/base.vhdx")
        for (name, parent, text, offset) in [("a", "base", "in-a", UInt64(1) << 20), ("b", "a", "in-b", 2 << 20), ("c", "b", "in-c", 3 << 20)] {
            _ = shell.run("New-VHD \"\(root)/\(name).vhdx\" -ParentPath \"\(root)/\(parent).vhdx\" | Out-Null")
            try write(text, at: offset, to: root + "/\(name).vhdx")
        }
        try write("c-over-b", at: (2 << 20) + 4, to: root + "/c.vhdx")
        let baseBytes = try Data(contentsOf: URL(fileURLWithPath: root + "/base.vhdx"))
        let run = shell.run("""
            Merge-VHD "\(root)/c.vhdx" -DestinationPath "\(root)/a.vhdx" -Passthru | ForEach-Object { "$($_.Path) $($_.VhdType) $($_.ParentPath)" }
            Test-Path "\(root)/b.vhdx", "\(root)/c.vhdx"
            Test-VHD "\(root)/a.vhdx"
            New-VHD "\(root)/x.vhdx" -ParentPath "\(root)/a.vhdx" | Out-Null
            Merge-VHD "\(root)/x.vhdx" -DestinationPath "\(root)/c.vhdx" 2>&1 | ForEach-Object { $_.FullyQualifiedErrorId; "$_".Split("`n")[1] }
            Test-Path "\(root)/x.vhdx"
            """)
        XCTAssertEqual(lines(run.output), [
            "\(root)/a.vhdx Differencing \(root)/base.vhdx", "False", "False", "True",
            "InvalidParameter,Microsoft.Vhd.PowerShell.Cmdlets.MergeVHD",
            "The system failed to merge '\(root)/x.vhdx': '\(root)/c.vhdx' is not a parent of '\(root)/x.vhdx'.", "True",
        ], run.output + run.other)
        XCTAssertEqual(try read(4, at: 0, from: root + "/a.vhdx"), "base")
        XCTAssertEqual(try read(4, at: 1 << 20, from: root + "/a.vhdx"), "in-a")
        XCTAssertEqual(try read(12, at: 2 << 20, from: root + "/a.vhdx"), "in-bc-over-b")
        XCTAssertEqual(try read(4, at: 3 << 20, from: root + "/a.vhdx"), "in-c")
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: root + "/base.vhdx")), baseBytes, "the chain below the destination is untouched")
    }

    func testConvertVHDInEveryDirection() throws {
        let shell = try HyperVShell(self)
        try shell.requireEvaluator()
        let root = shell.root
        _ = shell.run("New-VHD \"\(root)/src.vhdx\" 12MB -BlockSizeBytes 1MB | Out-Null")
        try write("source-data", at: 5 << 20, to: root + "/src.vhdx")
        _ = shell.run("New-VHD \"\(root)/child.vhdx\" -ParentPath \"\(root)/src.vhdx\" | Out-Null")
        try write("child-data", at: 7 << 20, to: root + "/child.vhdx")
        var script = ""
        let targets = [("f.vhd", "Fixed"), ("d.vhd", "Dynamic"), ("f.vhdx", "Fixed"), ("d.vhdx", "Dynamic")]
        for (name, type) in targets {
            script += "Convert-VHD \"\(root)/src.vhdx\" \"\(root)/\(name)\" -VHDType \(type) -Passthru | ForEach-Object { \"$($_.VhdFormat) $($_.VhdType) $($_.Size)\" }\n"
        }
        // Back again: each VHD into a VHDX of the other type, removing the source.
        script += """
            Convert-VHD "\(root)/f.vhd" "\(root)/f2d.vhdx" -VHDType Dynamic -BlockSizeBytes 1MB -DeleteSource
            Convert-VHD "\(root)/d.vhd" "\(root)/d2f.vhdx" -VHDType Fixed -DeleteSource
            Test-Path "\(root)/f.vhd", "\(root)/d.vhd"
            (Get-VHD "\(root)/d2f.vhdx").VhdType
            Convert-VHD "\(root)/child.vhdx" "\(root)/flat.vhdx" -VHDType Dynamic -Passthru | ForEach-Object { "$($_.VhdType) [$($_.ParentPath)]" }
            Convert-VHD "\(root)/child.vhdx" "\(root)/child2.vhdx" -Passthru | ForEach-Object { "$($_.VhdType) $($_.ParentPath)" }
            Convert-VHD "\(root)/child.vhdx" "\(root)/child.vhd" 2>&1 | ForEach-Object { $_.FullyQualifiedErrorId }
            Test-Path "\(root)/child.vhd"
            """
        let run = shell.run(script)
        XCTAssertEqual(lines(run.output), [
            "VHD Fixed 12582912", "VHD Dynamic 12582912", "VHDX Fixed 12582912", "VHDX Dynamic 12582912",
            "False", "False", "Fixed",
            "Dynamic []", "Differencing \(root)/src.vhdx",
            "InvalidParameter,Microsoft.Vhd.PowerShell.Cmdlets.ConvertVHD", "False",
        ], run.output + run.other)
        for name in ["f.vhdx", "d.vhdx", "f2d.vhdx", "d2f.vhdx", "flat.vhdx", "child2.vhdx"] {
            XCTAssertEqual(try read(11, at: 5 << 20, from: root + "/" + name), "source-data", name)
        }
        XCTAssertEqual(try read(10, at: 7 << 20, from: root + "/flat.vhdx"), "child-data")
        XCTAssertEqual(try read(10, at: 7 << 20, from: root + "/child2.vhdx"), "child-data")
        XCTAssertEqual(try DiskFiles.info(root + "/f2d.vhdx").type, .dynamic)
        XCTAssertLessThan(try DiskFiles.info(root + "/f2d.vhdx").fileSize, 12 << 20, "a dynamic copy stores no zero blocks")
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/qemu-img") {
            for name in ["f.vhdx", "d.vhdx", "f2d.vhdx", "d2f.vhdx", "flat.vhdx"] {
                XCTAssertEqual(system("qemu-img check -q -f vhdx '\(root)/\(name)'"), 0, "qemu-img check \(name)")
            }
        }
    }

    func testConvertVHDMovesADifferencingChainFromVHDToVHDX() throws {
        let shell = try HyperVShell(self)
        try shell.requireEvaluator()
        let root = shell.root
        _ = shell.run("New-VHD \"\(root)/base.vhd\" 8MB | Out-Null")
        try write("vhd-base", at: 4096, to: root + "/base.vhd")
        _ = shell.run("New-VHD \"\(root)/child.vhd\" -ParentPath \"\(root)/base.vhd\" | Out-Null")
        try write("vhd-child", at: (3 << 20) + 100, to: root + "/child.vhd")
        let run = shell.run("""
            Convert-VHD "\(root)/base.vhd" "\(root)/base.vhdx"
            Convert-VHD "\(root)/child.vhd" "\(root)/child.vhdx" -VHDType Differencing -ParentPath "\(root)/base.vhdx" -Passthru |
                ForEach-Object { "$($_.VhdFormat) $($_.VhdType) $($_.ParentPath)" }
            Test-VHD "\(root)/child.vhdx"
            """)
        XCTAssertEqual(lines(run.output), ["VHDX Differencing \(root)/base.vhdx", "True"], run.output + run.other)
        XCTAssertEqual(try read(8, at: 4096, from: root + "/child.vhdx"), "vhd-base")
        XCTAssertEqual(try read(9, at: (3 << 20) + 100, from: root + "/child.vhdx"), "vhd-child")
        XCTAssertEqual(try DiskImage.open(root + "/child.vhdx").chain, [root + "/child.vhdx", root + "/base.vhdx"])
    }

    func testSetVHDLeafPath() throws {
        let shell = try HyperVShell(self)
        try shell.requireEvaluator()
        let root = shell.root
        let run = shell.run("""
            New-VHD "\(root)/base.vhdx" 8MB | Out-Null
            New-VHD "\(root)/mid.vhdx" -ParentPath "\(root)/base.vhdx" | Out-Null
            New-VHD "\(root)/leaf.vhdx" -ParentPath "\(root)/mid.vhdx" | Out-Null
            New-VHD "\(root)/other.vhdx" 8MB | Out-Null
            Copy-Item "\(root)/base.vhdx" "\(root)/copy.vhdx"
            Set-VHD "\(root)/mid.vhdx" -ParentPath "\(root)/copy.vhdx" -LeafPath "\(root)/other.vhdx" 2>&1 | ForEach-Object { $_.FullyQualifiedErrorId; "$_".Split("`n")[1] }
            Set-VHD "\(root)/mid.vhdx" -ParentPath "\(root)/copy.vhdx" -LeafPath "\(root)/leaf.vhdx" -Passthru | ForEach-Object ParentPath
            Test-VHD "\(root)/leaf.vhdx"
            (Get-VHD "\(root)/leaf.vhdx").ParentPath
            """)
        XCTAssertEqual(lines(run.output), [
            "InvalidParameter,Microsoft.Vhd.PowerShell.Cmdlets.SetVHD",
            "The virtual hard disk '\(root)/mid.vhdx' is not in the chain of the leaf '\(root)/other.vhdx'.",
            "\(root)/copy.vhdx", "True", "\(root)/mid.vhdx",
        ], run.output + run.other)
        XCTAssertEqual(try DiskImage.open(root + "/leaf.vhdx").chain, [root + "/leaf.vhdx", root + "/mid.vhdx", root + "/copy.vhdx"])
    }
}
