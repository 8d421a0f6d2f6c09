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
        sector[0] = 0xEB    // boot code: a BIOS boot loader starts with a short jump
        sector[1] = 0x63
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
        shell.factories = .init(monitor: { VMMRuntime(root: $0.root, qemuInstallation: absent) }, switches: { _ in NoSwitches() },
                                hostInfo: { ServiceFixture.testHost })
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

    /// The boot order decides: a bootable DVD left out of Generation 2's BootOrder no longer makes the VM a QEMU
    /// VM, and QEMU's firmware gets exactly the VM's order; Generation 1 follows Set-VMBios -StartupOrder (CD, IDE,
    /// legacy adapters), where a legacy adapter first is a network boot. A synthetic adapter first is one when the
    /// user put it there with Set-VMFirmware, not in New-VM's own order (every Generation 2 VM made without a disk
    /// has one first).
    func testTheBootOrderDecidesTheEngineAndQEMUsBootOrder() throws {
        let shell = try HyperVShell(self)
        try shell.requireEvaluator()
        let iso = shell.root + "/setup.iso", blank = shell.root + "/blank.raw", boot = shell.root + "/boot.raw"
        var image = [UInt8](repeating: 0, count: 18 * 2048)
        image.replaceSubrange((17 * 2048)..<(17 * 2048 + 30), with: [0] + Array("CD001".utf8) + [1] + Array("EL TORITO SPECIFICATION".utf8))
        XCTAssertTrue(FileManager.default.createFile(atPath: iso, contents: Data(image)))
        XCTAssertTrue(FileManager.default.createFile(atPath: blank, contents: Data(count: 1024)))
        var sector = [UInt8](repeating: 0, count: 1024)
        sector[510] = 0x55
        sector[511] = 0xAA
        sector[0] = 0xEB    // boot code: a BIOS boot loader starts with a short jump
        sector[1] = 0x63
        XCTAssertTrue(FileManager.default.createFile(atPath: boot, contents: Data(sector)))
        // Partitioned for data only: the 0x55 0xAA signature, a Linux partition, no boot code.
        let data = shell.root + "/data.raw"
        var table = [UInt8](repeating: 0, count: 1024)
        table[446 + 4] = 0x83
        table[510] = 0x55
        table[511] = 0xAA
        XCTAssertTrue(FileManager.default.createFile(atPath: data, contents: Data(table)))
        let run = shell.run("""
            function Engine($name) { (Get-VM $name).EngineInUse }
            New-VM -Name Data -Generation 2 -VHDPath '\(data)' | Out-Null
            "data disk: " + (Engine Data)
            New-VM -Name G2 -Generation 2 -VHDPath '\(blank)' | Out-Null
            Get-VMNetworkAdapter -VMName G2 | Set-VMNetworkAdapter -StaticMacAddress 00155D010203
            Add-VMDvdDrive -VMName G2 -Path '\(iso)'
            "default: " + (Engine G2)
            Set-VMFirmware -VMName G2 -BootOrder (Get-VMHardDiskDrive -VMName G2), (Get-VMNetworkAdapter -VMName G2)
            "without the DVD: " + (Engine G2)
            Set-VMFirmware -VMName G2 -FirstBootDevice (Get-VMNetworkAdapter -VMName G2)
            "network first: " + (Engine G2)
            Set-VMFirmware -VMName G2 -BootOrder (Get-VMDvdDrive -VMName G2), (Get-VMNetworkAdapter -VMName G2), (Get-VMHardDiskDrive -VMName G2)
            "DVD, network, disk: " + (Engine G2)
            New-VM -Name G1 -Generation 1 -VHDPath '\(boot)' | Out-Null
            Get-VMNetworkAdapter -VMName G1 | Set-VMNetworkAdapter -StaticMacAddress 00155D010205
            Add-VMNetworkAdapter -VMName G1 -IsLegacy $true -StaticMacAddress 00155D010204
            Set-VMDvdDrive -VMName G1 -ControllerNumber 1 -ControllerLocation 0 -Path '\(iso)'
            "gen 1: " + (Engine G1)
            Set-VMBios -VMName G1 -StartupOrder @('IDE', 'LegacyNetworkAdapter', 'CD', 'Floppy')
            New-VM -Name Pxe -Generation 1 -NoVHD | Out-Null
            Add-VMNetworkAdapter -VMName Pxe -IsLegacy $true
            "gen 1, empty DVD then legacy adapter: " + (Engine Pxe)
            Set-VMBios -VMName Pxe -StartupOrder @('IDE', 'CD', 'Floppy', 'LegacyNetworkAdapter')
            "gen 1, no disk: " + (Engine Pxe)
            Get-VMNetworkAdapter -VMName Pxe | Where-Object IsLegacy | Remove-VMNetworkAdapter
            "gen 1, no legacy adapter: " + (Engine Pxe)
            New-VM -Name Pxe2 -Generation 2 | Out-Null
            Get-VMNetworkAdapter -VMName Pxe2 | Set-VMNetworkAdapter -StaticMacAddress 00155D010206
            "gen 2, New-VM's adapter first: " + (Engine Pxe2)
            Set-VMFirmware -VMName Pxe2 -FirstBootDevice (Get-VMNetworkAdapter -VMName Pxe2)
            "gen 2, adapter chosen first: " + (Engine Pxe2)
            """)
        XCTAssertEqual(run.output, "data disk: Native\ndefault: QEMU\nwithout the DVD: Native\nnetwork first: QEMU\nDVD, network, disk: QEMU\ngen 1: QEMU\n"
                       + "gen 1, empty DVD then legacy adapter: QEMU\ngen 1, no disk: QEMU\ngen 1, no legacy adapter: Native\n"
                       + "gen 2, New-VM's adapter first: Native\ngen 2, adapter chosen first: QEMU\n", run.other)
        let host = HyperVHost(inventory: try Inventory(root: shell.root), info: ServiceFixture.testHost)
        let runtime = VMMRuntime(root: shell.root)
        func qemu(_ name: String) throws -> QEMUMachine? {
            let vm = try XCTUnwrap(try host.resolveVMs(named: [name]).vms.first)
            return try runtime.launchRequest(for: vm).qemu
        }
        // Generation 2: drives in slot order (the disk at SCSI 0:0, the DVD at 0:1), the order as set last.
        let g2 = try XCTUnwrap(try qemu("G2"))
        XCTAssertEqual(g2.drives.map(\.kind), [.hardDisk, .dvd])
        XCTAssertEqual(g2.bootOrder, [.drive(1), .networkAdapter(0), .drive(0)])
        // Generation 1: IDE disk, then the legacy adapter, then the DVD; the synthetic adapter never boots.
        let g1 = try XCTUnwrap(try qemu("G1"))
        XCTAssertEqual(g1.drives.map(\.kind), [.hardDisk, .dvd])
        XCTAssertEqual(g1.networkAdapterModels, [.synthetic, .legacy])
        XCTAssertEqual(g1.bootOrder, [.drive(0), .networkAdapter(1), .drive(1)])
        // A network boot the user chose: OVMF's PXE on the synthetic adapter, the only device in the order.
        let pxe = try XCTUnwrap(try qemu("Pxe2"))
        XCTAssertEqual(pxe.networkAdapterModels, [.synthetic])
        XCTAssertEqual(pxe.bootOrder, [.networkAdapter(0)])
    }
}
