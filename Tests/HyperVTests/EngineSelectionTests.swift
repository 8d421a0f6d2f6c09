import Foundation
import XCTest
import Inventory
import VMM
@testable import HyperV

/// Which engine runs a VM (hvsh extension): the native VMM for the built-in firmware and direct kernels, QEMU
/// for what only a BIOS or UEFI can boot; Set-VM -Engine overrides it; Get-VM shows both.
final class EngineSelectionTests: XCTestCase {
    func testAutomaticPicksQEMUForBootableMediaAndSetVMOverridesIt() throws {
        let shell = try HyperVShell(self)
        try shell.requireEvaluator()
        let iso = shell.root + "/setup.iso"
        let bootDisk = shell.root + "/boot.raw", blankDisk = shell.root + "/blank.raw"
        var sector = [UInt8](repeating: 0, count: 1024)
        sector[510] = 0x55
        sector[511] = 0xAA
        // A bootable ISO carries an El Torito boot record at sector 17; a data ISO does not (it stays a medium).
        var image = [UInt8](repeating: 0, count: 18 * 2048)
        image.replaceSubrange((17 * 2048)..<(17 * 2048 + 30), with: [0] + Array("CD001".utf8) + [1] + Array("EL TORITO SPECIFICATION".utf8))
        XCTAssertTrue(FileManager.default.createFile(atPath: iso, contents: Data(image)))
        let dataISO = shell.root + "/data.iso"
        XCTAssertTrue(FileManager.default.createFile(atPath: dataISO, contents: Data(count: 18 * 2048)))
        XCTAssertTrue(FileManager.default.createFile(atPath: bootDisk, contents: Data(sector)))
        XCTAssertTrue(FileManager.default.createFile(atPath: blankDisk, contents: Data(count: 1024)))
        let run = shell.run("""
            function Engines($name) { $vm = Get-VM $name; "$($vm.Engine)/$($vm.EngineInUse)" }
            New-VM -Name G2 -Generation 2 | Out-Null
            Engines G2
            Add-VMHardDiskDrive -VMName G2 -Path '\(blankDisk)'
            Engines G2
            Add-VMDvdDrive -VMName G2 -Path '\(dataISO)'
            Engines G2
            Set-VMDvdDrive -VMName G2 -Path '\(iso)'
            Engines G2
            Set-VM -Name G2 -Engine Native
            Engines G2
            Set-VM -Name G2 -Engine Automatic
            Engines G2
            Set-VMDvdDrive -VMName G2 -Path $null
            Engines G2
            Set-VM -Name G2 -Engine QEMU
            Engines G2
            New-VM -Name G1 -Generation 1 -VHDPath '\(bootDisk)' | Out-Null
            Engines G1
            Set-VMFirmware -VMName G1 -KernelPath builtin:counter
            Engines G1
            (Get-VM G1).EngineInUse -eq [Hvsh.VMEngine]::Native
            Set-VM -Name G1 -Engine Bogus
            """)
        XCTAssertEqual(run.output.split(separator: "\n").map(String.init), [
            "Automatic/Native", "Automatic/Native", "Automatic/Native", "Automatic/QEMU", "Native/Native", "Automatic/QEMU", "Automatic/Native",
            "QEMU/QEMU", "Automatic/QEMU", "Automatic/Native", "True",
        ], run.other)
        XCTAssertTrue(run.other.contains("Bogus"), run.other)
    }

    /// A host without QEMU: starting a VM that needs it names the Debian packages; everything else still works.
    func testAHostWithoutQEMUNamesThePackagesWhenSuchAVMStarts() throws {
        let shell = try HyperVShell(self)
        try shell.requireEvaluator()
        let absent = QEMUInstallation(emulator: "/nonexistent/qemu-system-x86_64", seaBIOS: "/nonexistent/bios-256k.bin",
                                      ovmfDirectory: "/nonexistent/OVMF")
        HyperVSession.configure(.init(monitor: { VMMRuntime(root: $0.root, qemuInstallation: absent) }, switches: { _ in NoSwitches() },
                                      hostInfo: { ServiceFixture.testHost }))
        let iso = shell.root + "/setup.iso"
        XCTAssertTrue(FileManager.default.createFile(atPath: iso, contents: Data(count: 4096)))
        let run = shell.run("""
            New-VM -Name Installer -Generation 2 | Out-Null
            Add-VMDvdDrive -VMName Installer -Path '\(iso)'
            Set-VM -Name Installer -Engine QEMU
            Start-VM -Name Installer
            $Error[0].FullyQualifiedErrorId
            (Get-VM Installer).State
            """)
        XCTAssertEqual(run.output, "NotInstalled,Microsoft.HyperV.PowerShell.Commands.StartVM\nOff\n", run.other)
        XCTAssertTrue(run.other.contains("'Installer' failed to start."), run.other)
        XCTAssertTrue(run.other.contains("lacks qemu-system-x86, ovmf"), run.other)
        XCTAssertTrue(run.other.contains("apt-get install qemu-system-x86 ovmf seabios"), run.other)
        XCTAssertFalse(FileManager.default.fileExists(atPath: shell.root + "/run"), "no worker was started")
    }
}
