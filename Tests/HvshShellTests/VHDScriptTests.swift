import Foundation
import XCTest

/// The VHD cmdlets as a user meets them: a lab script run by the real `hvsh -File`, its Get-VHD list on
/// stdout and Hyper-V's errors (with Windows' error codes) for damaged files and broken chains on stderr.
final class VHDScriptTests: HvshScriptTestCase {
    override var scriptName: String { "lab.ps1" }
    override var scriptColumns: Int? { 120 }
    override var scriptTimeout: TimeInterval { 60 }

    /// Overwrites bytes of a file in place, as damage on disk would.
    private func damage(_ path: String, at offset: UInt64, with bytes: [UInt8]) throws {
        let handle = try XCTUnwrap(FileHandle(forUpdatingAtPath: path))
        defer { try? handle.close() }
        try handle.seek(toOffset: offset)
        try handle.write(contentsOf: Data(bytes))
    }

    func testGetVHDPrintsHyperVsListAndItsPropertiesInOrder() throws {
        let d = home.path
        let result = try runScript("""
            New-VHD "\(d)/a.vhdx" -SizeBytes 10MB -Fixed | Out-Null
            Get-VHD "\(d)/a.vhdx"
            'after'
            """)
        XCTAssertEqual(result.stderr, "")
        // The identifier is random and the computer name is this host's: both are checked for shape, then masked.
        var text = result.stdout
        let guid = try NSRegularExpression(pattern: "DiskIdentifier          : [0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\n")
        XCTAssertEqual(guid.numberOfMatches(in: text, range: NSRange(text.startIndex..., in: text)), 1, text)
        text = guid.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: "DiskIdentifier          : <id>\n")
        let host = try NSRegularExpression(pattern: "ComputerName            : \\S+\n")
        text = host.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: "ComputerName            : <host>\n")
        XCTAssertEqual(text, """

            ComputerName            : <host>
            Path                    : \(d)/a.vhdx
            VhdFormat               : VHDX
            VhdType                 : Fixed
            FileSize                : 14680064
            Size                    : 10485760
            MinimumSize             : 
            LogicalSectorSize       : 512
            PhysicalSectorSize      : 4096
            BlockSize               : 0
            ParentPath              : 
            DiskIdentifier          : <id>
            FragmentationPercentage : 0
            Alignment               : 1
            Attached                : False
            DiskNumber              : 
            IsPMEMCompatible        : False
            AddressAbstractionType  : None
            Number                  : 

            after

            """)
    }

    func testDamagedFilesAndBrokenChainsGiveHyperVsErrors() throws {
        let d = home.path
        let setup = try runScript("""
            New-VHD "\(d)/header.vhdx" 8MB | Out-Null
            New-VHD "\(d)/bat.vhd" 8MB | Out-Null
            New-VHD "\(d)/base.vhdx" 8MB | Out-Null
            New-VHD "\(d)/child.vhdx" -ParentPath "\(d)/base.vhdx" | Out-Null
            """)
        XCTAssertEqual(setup.stderr, "")
        // Both VHDX headers (64 KiB and 128 KiB into the file) zeroed; the VHD's first BAT entry (after the
        // footer copy and the 1 KiB dynamic header) pointing 16 TiB past its end.
        try damage(d + "/header.vhdx", at: 64 << 10, with: [UInt8](repeating: 0, count: 4096))
        try damage(d + "/header.vhdx", at: 128 << 10, with: [UInt8](repeating: 0, count: 4096))
        try damage(d + "/bat.vhd", at: 1536, with: [0x7F, 0, 0, 0])
        XCTAssertTrue(FileManager.default.createFile(atPath: d + "/junk.vhdx", contents: Data("not a disk".utf8)))

        let result = try runScript("""
            function Show { process { if ($_.FullyQualifiedErrorId) { "$($_.FullyQualifiedErrorId) | $($_.CategoryInfo.Category) | $($_.Exception.Message.Replace("`n", ' '))" } else { "$_" } } }
            Get-VHD "\(d)/header.vhdx" 2>&1 | Show
            Test-VHD "\(d)/bat.vhd" 2>&1 | Show
            Get-VHD "\(d)/junk.vhdx" 2>&1 | Show
            Move-Item "\(d)/base.vhdx" "\(d)/away.vhdx"
            (Get-VHD "\(d)/child.vhdx").ParentPath
            Test-VHD "\(d)/child.vhdx" 2>&1 | Show
            New-VHD "\(d)/base.vhdx" 8MB | Out-Null
            Test-VHD "\(d)/child.vhdx" 2>&1 | Show
            Test-VHD "\(d)/child.vhdx"
            'still running'
            """)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines, [
            "InvalidOperation,Microsoft.Vhd.PowerShell.Cmdlets.GetVHD | InvalidData | Failed to get the virtual hard disk information. The system failed to open '\(d)/header.vhdx': The file or directory is corrupted and unreadable. (0x80070570) The file '\(d)/header.vhdx' is corrupt: neither of its two headers has a valid signature and checksum.",
            "InvalidOperation,Microsoft.Vhd.PowerShell.Cmdlets.TestVHD | InvalidData | The virtual hard disk is not usable. The system failed to open '\(d)/bat.vhd': The file or directory is corrupted and unreadable. (0x80070570) The file '\(d)/bat.vhd' is corrupt: the block of BAT entry 0 lies outside the file (bytes 1090921693184-1090923790848, the footer is at 2048).",
            "False",
            "InvalidOperation,Microsoft.Vhd.PowerShell.Cmdlets.GetVHD | InvalidData | Failed to get the virtual hard disk information. The system failed to open '\(d)/junk.vhdx': The system does not recognize the file format of this virtual hard disk. (0xC03A0004) The file '\(d)/junk.vhdx' is neither a VHDX nor a VHD file.",
            "\(d)/base.vhdx",
            "ObjectNotFound,Microsoft.Vhd.PowerShell.Cmdlets.TestVHD | ObjectNotFound | The virtual hard disk is not usable. The system failed to open '\(d)/child.vhdx': The chain of virtual hard disks is broken. The system cannot locate the parent virtual hard disk for the differencing disk. (0xC03A000D) The parent '\(d)/base.vhdx' of the differencing disk '\(d)/child.vhdx' cannot be found.",
            "False",
            "InvalidOperation,Microsoft.Vhd.PowerShell.Cmdlets.TestVHD | InvalidData | The virtual hard disk is not usable. The system failed to open '\(d)/child.vhdx': The chain of virtual hard disks is corrupted. There is a mismatch in the identifiers of the parent virtual hard disk and differencing disk. (0xC03A000E) The parent '\(d)/base.vhdx' of the differencing disk '\(d)/child.vhdx' is not the disk it was created from (its identity has changed).",
            "False",
            "False",
            "still running",
        ], result.stdout)
        // Left to the error view, the same failure reads as PowerShell 7 shows a cmdlet's error.
        XCTAssertTrue(result.stderr.hasPrefix("Test-VHD: \(d)/lab.ps1:10\n"), result.stderr)
        XCTAssertTrue(result.stderr.contains("(0xC03A000E)"), result.stderr)
    }

    func testRemovingACheckpointTreeLeavesTheVMOnItsVHDX() throws {
        let d = home.path
        let result = try runScript("""
            New-VM -Name Lab -Generation 2 -NewVHDPath "\(d)/Lab.vhdx" -NewVHDSizeBytes 16MB | Out-Null
            Checkpoint-VM -Name Lab -SnapshotName one
            Checkpoint-VM -Name Lab -SnapshotName two
            Restore-VMSnapshot -VMName Lab -Name one -Confirm:$false
            $disk = (Get-VMHardDiskDrive -VMName Lab).Path
            $disk -like '*/Lab_*.avhdx'
            (Get-VHD $disk).ParentPath
            Remove-VMSnapshot -VMName Lab -Name one
            (Get-ChildItem "\(d)" -Filter *.avhdx).Count
            Get-VMSnapshot -VMName Lab | ForEach-Object { "$($_.Name) [$($_.ParentSnapshotName)]" }
            Remove-VMSnapshot -VMName Lab -Name two
            (Get-VMHardDiskDrive -VMName Lab).Path
            @(Get-ChildItem "\(d)" -Filter *.avhdx).Count
            Test-VHD "\(d)/Lab.vhdx"
            """)
        XCTAssertEqual(result.stderr, "")
        XCTAssertEqual(result.stdout, """
            True
            \(d)/Lab.vhdx
            2
            two []
            \(d)/Lab.vhdx
            0
            True

            """)
    }
}
