import Foundation
import XCTest

/// Optimize-VHD's modes as a user meets them in `hvsh -File` on a disk that is not mounted (hvsh mounts
/// none): Quick (the VHDX default) gives back only what the file marks unused, Full scans for zero blocks
/// (as Hyper-V's Prezeroed), Retrim needs a mounted disk; a running VM's disk is in use.
final class OptimizeScriptTests: XCTestCase {
    private var home: ScratchDirectory!

    override func setUpWithError() throws {
        try HvshProcess.requireExecutable()
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/qemu-img") else { throw XCTSkip("qemu-img (qemu-utils) is not installed") }
        home = HvshProcess.makeHome()
    }

    override func tearDown() { home?.remove() }

    func testQuickKeepsZeroBlocksFullGivesThemBackRetrimNeedsAMount() throws {
        let d = home.path
        // 8 MiB: data in the first MiB, explicit zeros after it; qemu-img -S 0 allocates the zero blocks. Quick (the
        // default) only packs QEMU's layout tighter; the zero blocks go with Full.
        var raw = Data(count: 8 << 20)
        for i in 0..<(1 << 20) { raw[i] = UInt8(truncatingIfNeeded: i &* 31 &+ 7) }
        XCTAssertTrue(FileManager.default.createFile(atPath: d + "/disk.raw", contents: raw))
        let made = try SpawnedTool.run("/usr/bin/qemu-img", ["convert", "-f", "raw", "-O", "vhdx", "-S", "0", "-o", "subformat=dynamic,block_size=1M",
                                                             d + "/disk.raw", d + "/disk.vhdx"], captureOutput: true)
        XCTAssertEqual(made.status, 0, made.output)
        let result = try HvshProcess.run(["-NoProfile", "-File", home.write("optimize.ps1", """
            $before = (Get-VHD "\(d)/disk.vhdx").FileSize
            $quick = (Optimize-VHD "\(d)/disk.vhdx" -Passthru).FileSize
            $quick -lt $before
            (Optimize-VHD "\(d)/disk.vhdx" -Mode Quick -Passthru).FileSize -eq $quick
            (Optimize-VHD "\(d)/disk.vhdx" -Mode Pretrimmed -Passthru).FileSize -eq $quick
            Optimize-VHD "\(d)/disk.vhdx" -Mode Retrim 2>&1 | ForEach-Object { "$($_.FullyQualifiedErrorId) | $($_.Exception.Message.Replace("`n", ' '))" }
            $after = (Optimize-VHD "\(d)/disk.vhdx" -Mode Full -Passthru).FileSize
            ($quick - $after) / 1MB
            """)], home: home.path, directory: home.path, timeout: 60)
        XCTAssertEqual(result.stderr, "")
        XCTAssertEqual(result.stdout.split(separator: "\n").map(String.init), [
            "True", "True", "True",
            "NotSupported,Microsoft.Vhd.PowerShell.Cmdlets.OptimizeVHD | Failed to compact the virtual disk. The system failed to compact '\(d)/disk.vhdx': The Retrim mode sends the trims of a mounted virtual hard disk to its storage, and '\(d)/disk.vhdx' is not mounted.",
            "7",
        ], result.stdout)
        // The same bytes through QEMU's reader, and a consistent file.
        XCTAssertEqual(try SpawnedTool.run("/usr/bin/qemu-img", ["check", d + "/disk.vhdx"], captureOutput: true).status, 0)
        let back = try SpawnedTool.run("/usr/bin/qemu-img", ["convert", "-O", "raw", d + "/disk.vhdx", d + "/back.raw"], captureOutput: true)
        XCTAssertEqual(back.status, 0, back.output)
        XCTAssertEqual(FileManager.default.contents(atPath: d + "/back.raw"), raw)
    }
}
