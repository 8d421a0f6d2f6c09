import Foundation
import XCTest

/// Resize-VHD of running VMs' disks as a user meets it in a lab script (`hvsh -Sandbox -File`, VMs under
/// KVM): a Generation 2 VM's SCSI VHDX grows while it runs, Get-VHD shows the new size at once, the guest's
/// firmware reads the new capacity; what Hyper-V resizes only offline (a VHD file, a Generation 1 VM's IDE
/// disk, a checkpoint's differencing disk, the parent under it, which the running VM reads) keeps Hyper-V's errors.
final class OnlineResizeScriptTests: XCTestCase {
    private var home: ScratchDirectory!

    override func setUpWithError() throws {
        try HvshProcess.requireExecutable()
        guard getuid() == 0 else { throw XCTSkip("running VMs in a sandbox needs root") }
        guard access("/dev/kvm", R_OK | W_OK) == 0 else { throw XCTSkip("running VMs needs /dev/kvm") }
        let worker = (HvshProcess.executable as NSString).deletingLastPathComponent + "/hvsh-worker"
        guard FileManager.default.isExecutableFile(atPath: worker) else { throw XCTSkip("hvsh-worker was not built next to hvsh") }
        home = HvshProcess.makeHome()
    }

    override func tearDown() { home?.remove() }

    func testGrowingARunningVMsDiskAndHyperVsRefusals() throws {
        let d = home.path
        let script = home.write("resize.ps1", """
            function Show { process { "$($_.FullyQualifiedErrorId) | $($_.CategoryInfo.Category) | $($_.Exception.Message.Replace("`n", ' '))" } }
            New-VM -Name Grow -Generation 2 -MemoryStartupBytes 64MB -NewVHDPath "\(d)/Grow.vhdx" -NewVHDSizeBytes 32MB | Out-Null
            New-VHD "\(d)/Old.vhd" -SizeBytes 8MB | Out-Null
            Add-VMHardDiskDrive -VMName Grow -Path "\(d)/Old.vhd"
            New-VM -Name Legacy -Generation 1 -MemoryStartupBytes 64MB -NewVHDPath "\(d)/Legacy.vhdx" -NewVHDSizeBytes 16MB | Out-Null
            Start-VM Grow, Legacy
            Start-Sleep -Milliseconds 500
            Resize-VHD "\(d)/Grow.vhdx" -SizeBytes 64MB
            Get-VHD "\(d)/Grow.vhdx" | ForEach-Object { "$($_.Size) $($_.Attached) $($_.VhdType)" }
            Connect-VMConsole Grow -Keys 'diskinfo=0'
            Resize-VHD "\(d)/Grow.vhdx" -ToMinimumSize 2>&1 | Show
            Resize-VHD "\(d)/Old.vhd" -SizeBytes 16MB 2>&1 | Show
            Resize-VHD "\(d)/Legacy.vhdx" -SizeBytes 32MB 2>&1 | Show
            Checkpoint-VM Grow -SnapshotName one
            $leaf = (Get-VMHardDiskDrive -VMName Grow)[0].Path
            Resize-VHD $leaf -SizeBytes 96MB 2>&1 | Show
            Resize-VHD "\(d)/Grow.vhdx" -SizeBytes 96MB 2>&1 | Show
            Stop-VM Grow, Legacy -TurnOff
            (Get-VHD "\(d)/Grow.vhdx").Size
            """)
        let result = try HvshProcess.run(["-Sandbox", "-NoProfile", "-File", script], home: home.path, timeout: 120)
        XCTAssertEqual(result.stderr, "")
        let leaf = try XCTUnwrap(try FileManager.default.contentsOfDirectory(atPath: d).first { $0.hasSuffix(".avhdx") })
        let inUse = "The process cannot access the file because it is being used by another process. (0x80070020)"
        XCTAssertEqual(result.stdout.split(separator: "\n").map(String.init), [
            "67108864 True Dynamic",
            "diskinfo 0: 67108864 bytes, configuration changed, generation 1",
            "NotSupported,Microsoft.Vhd.PowerShell.Cmdlets.ResizeVHD | InvalidOperation | Failed to resize the virtual disk. The system failed to resize '\(d)/Grow.vhdx': The disk has no partition table, so it has no minimum size.",
            "ObjectInUse,Microsoft.Vhd.PowerShell.Cmdlets.ResizeVHD | ResourceUnavailable | Failed to resize the virtual disk. The system failed to resize '\(d)/Old.vhd': \(inUse)",
            "ObjectInUse,Microsoft.Vhd.PowerShell.Cmdlets.ResizeVHD | ResourceUnavailable | Failed to resize the virtual disk. The system failed to resize '\(d)/Legacy.vhdx': \(inUse)",
            "ObjectInUse,Microsoft.Vhd.PowerShell.Cmdlets.ResizeVHD | ResourceUnavailable | Failed to resize the virtual disk. The system failed to resize '\(d)/\(leaf)': \(inUse)",
            "ObjectInUse,Microsoft.Vhd.PowerShell.Cmdlets.ResizeVHD | ResourceUnavailable | Failed to resize the virtual disk. The system failed to resize '\(d)/Grow.vhdx': \(inUse)",
            "67108864",
        ], result.stdout)
        // After the VMs stopped, QEMU's reader finds the grown file consistent and of the new size.
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/qemu-img") else { return }
        let check = try SpawnedTool.run("/usr/bin/qemu-img", ["check", "\(d)/Grow.vhdx"], captureOutput: true)
        XCTAssertEqual(check.status, 0, check.output)
        let info = try SpawnedTool.run("/usr/bin/qemu-img", ["info", "--output=json", "\(d)/Grow.vhdx"], captureOutput: true)
        XCTAssertTrue(info.output.contains("\"virtual-size\": 67108864"), info.output)
    }
}
