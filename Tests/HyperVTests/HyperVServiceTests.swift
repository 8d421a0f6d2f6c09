import Foundation
import XCTest
import Inventory
import VirtualDisk
@testable import HyperV

final class HyperVServiceTests: XCTestCase {
    func testNewVMGetsANetworkAdapterWhosePoolMacComesAtFirstStartAndPersists() throws {
        let f = try ServiceFixture(self)
        let created = try f.newVM("Server2016")
        XCTAssertEqual(created.networkAdapters.map(\.name), ["Network Adapter"])
        XCTAssertNil(created.networkAdapters[0].macAddress, "New-VM takes no address from the pool")
        XCTAssertEqual(try f.host.inventory.read { try $0.macAddressLeases() }.count, 0)
        let vm = try f.host.assignDynamicMACs(created)
        let mac = try XCTUnwrap(vm.networkAdapters[0].macAddress)
        let pool = try f.host.macAddressPool()
        XCTAssertTrue(mac >= pool.minimum && mac <= pool.maximum)
        XCTAssertEqual(try f.host.inventory.read { try $0.leaseHolder(of: mac) }, vm.networkAdapters[0].adapterId)
        XCTAssertEqual(try f.host.assignDynamicMACs(vm), vm, "the address is kept once taken")
        // A second process (a new store on the same root) sees the same VM.
        let again = HyperVHost(inventory: try Inventory(root: f.root), info: ServiceFixture.testHost)
        XCTAssertEqual(try again.vm(id: vm.id), vm)
        XCTAssertEqual(vm.dvdDrives.count, 0, "generation 2 has no DVD by default")
        XCTAssertEqual(try f.newVM("Gen1", generation: 1).dvdDrives.count, 1)
    }

    func testRemoveVMReleasesMacsDeletesCheckpointsAndKeepsDisks() throws {
        let f = try ServiceFixture(self)
        var request = NewVMRequest()
        request.name = "WithDisk"
        request.generation = 2
        request.newVHDPath = f.root + "/disks/WithDisk.vhdx"
        request.newVHDSizeBytes = 64 * 1_048_576
        let vm = try f.host.createVM(request)
        XCTAssertEqual(vm.hardDrives.first?.controllerType, .SCSI)
        _ = try f.host.checkpoint(vm, name: "one")
        try f.host.removeVM(try f.host.vm(id: vm.id)!)
        XCTAssertNil(try f.host.vm(id: vm.id))
        XCTAssertEqual(try f.host.allSnapshots().records.count, 0)
        XCTAssertEqual(try f.host.inventory.read { try $0.macAddressLeases() }.count, 0)
        XCTAssertTrue(FileManager.default.fileExists(atPath: request.newVHDPath!))
    }

    func testNetworkAdapterAddSetStaticDynamicAndRemove() throws {
        let f = try ServiceFixture(self)
        let vm = try f.newVM("Net")
        let added = try f.host.addNetworkAdapter(to: vm, name: "Second", switchName: nil, staticMacAddress: "00-15-5D-AA-BB-CC",
                                                 isLegacy: false, deviceNaming: nil)
        XCTAssertEqual(added.macAddress?.compact, "00155DAABBCC")
        XCTAssertFalse(added.dynamicMacAddressEnabled)
        assertHyperVError("InvalidParameter") {
            _ = try f.host.addNetworkAdapter(to: vm, name: nil, switchName: nil, staticMacAddress: "01155DAABBCC", isLegacy: false, deviceNaming: nil)
        }
        assertHyperVError("InvalidParameter") {
            _ = try f.host.addNetworkAdapter(to: vm, name: nil, switchName: "NoSuchSwitch", staticMacAddress: nil, isLegacy: false, deviceNaming: nil)
        }
        assertHyperVError("InvalidParameter") {
            _ = try f.host.addNetworkAdapter(to: vm, name: nil, switchName: nil, staticMacAddress: nil, isLegacy: true, deviceNaming: nil)
        }
        XCTAssertNil(vm.networkAdapters[0].macAddress, "a dynamic MAC is taken at the first start")
        let first = try f.host.assignDynamicMACs(vm).networkAdapters[0]
        XCTAssertNotNil(first.macAddress)
        let spoofing = try f.host.updateNetworkAdapter(first.adapterId, of: vm) { $0.macAddressSpoofing = .On }
        XCTAssertEqual(spoofing.macAddressSpoofing, .On)
        let madeStatic = try f.host.updateNetworkAdapter(first.adapterId, of: vm, staticMacAddress: "00155D123456")
        XCTAssertEqual(try f.host.inventory.read { try $0.leaseHolder(of: first.macAddress!) }, nil, "dynamic lease released")
        XCTAssertEqual(madeStatic.macAddress?.compact, "00155D123456")
        let dynamicAgain = try f.host.updateNetworkAdapter(first.adapterId, of: vm, dynamicMac: true)
        XCTAssertTrue(dynamicAgain.dynamicMacAddressEnabled)
        XCTAssertNil(dynamicAgain.macAddress, "back to 000000000000 until the next start")
        try f.host.removeNetworkAdapter(first.adapterId, from: vm)
        XCTAssertEqual(try f.host.vm(id: vm.id)?.networkAdapters.map(\.name), ["Second"])
        XCTAssertEqual(try f.host.inventory.read { try $0.macAddressLeases() }.count, 0)
    }

    func testCheckpointRestoreRemoveRenameOfAnOffVM() throws {
        let f = try ServiceFixture(self)
        let vm = try f.newVM("Snap")
        let first = try f.host.checkpoint(vm, name: nil)
        XCTAssertTrue(first.name.hasPrefix("Snap - ("))
        try f.host.setProcessor(of: vm) { $0.count = 3 }
        let second = try f.host.checkpoint(try f.host.vm(id: vm.id)!, name: "three cpus")
        XCTAssertEqual(second.parentSnapshotId, first.id)
        let restored = try f.host.restore(first)
        XCTAssertEqual(restored.processor.count, 1)
        XCTAssertEqual(restored.parentSnapshotId, first.id)
        try f.host.renameSnapshot(second, to: "renamed")
        try f.host.removeSnapshot(first, includeChildren: false)
        let left = try f.host.snapshots(of: vm.id)
        XCTAssertEqual(left.map(\.name), ["renamed"])
        XCTAssertNil(left[0].parentSnapshotId, "child moved up to the removed checkpoint's parent")
        XCTAssertNil(try f.host.vm(id: vm.id)?.parentSnapshotId)
        assertHyperVError("InvalidState") { try f.host.removeSavedState(of: try f.host.vm(id: vm.id)!) }
    }

    func testDrivesGoToFreeSlotsAndRespectGeneration() throws {
        let f = try ServiceFixture(self)
        let disk = try VirtualHardDisks.createForNewVM(path: f.root + "/a.vhd", size: 8 * 1_048_576)
        let gen2 = try f.newVM("G2")
        assertHyperVError("InvalidParameter") {
            _ = try f.host.addHardDisk(to: gen2, path: disk.path, controllerType: .IDE, controllerNumber: nil, controllerLocation: nil)
        }
        let a = try f.host.addHardDisk(to: gen2, path: disk.path, controllerType: nil, controllerNumber: nil, controllerLocation: nil)
        let b = try f.host.addHardDisk(to: gen2, path: nil, controllerType: nil, controllerNumber: nil, controllerLocation: nil)
        XCTAssertEqual([a.controllerLocation, b.controllerLocation], [0, 1])
        let gen1 = try f.newVM("G1", generation: 1)
        let dvd = try f.host.addDvdDrive(to: gen1, path: nil, controllerNumber: nil, controllerLocation: nil)
        XCTAssertEqual([dvd.controllerNumber, dvd.controllerLocation], [0, 0], "IDE 1:0 already holds the default DVD")
    }

    /// The service side of the VHD cmdlets: real VHD/VHDX files by extension, Hyper-V's messages for
    /// the library's failures.
    func testDisksForNewVMAreRealFilesOfTheirExtensionsFormat() throws {
        let f = try ServiceFixture(self)
        let vhd = try VirtualHardDisks.createForNewVM(path: f.root + "/sub/dynamic.vhd", size: 10 * 1_048_576)
        XCTAssertEqual(vhd.format, .vhd)
        XCTAssertEqual(vhd.type, .dynamic)
        let vhdx = try VirtualHardDisks.createForNewVM(path: f.root + "/dynamic.vhdx", size: 16 * 1_048_576)
        XCTAssertEqual(vhdx.format, .vhdx)
        XCTAssertEqual(vhdx.size, 16 * 1_048_576)
        XCTAssertEqual(vhdx.fileSize, 4 * 1_048_576)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: vhdx.path))
        XCTAssertEqual(String(decoding: bytes[0..<8], as: UTF8.self), "vhdxfile")
        assertHyperVError("InvalidParameter") { _ = try VirtualHardDisks.createForNewVM(path: f.root + "/disk.img", size: 1_048_576) }
        assertHyperVError("InvalidParameter") { _ = try VirtualHardDisks.createForNewVM(path: f.root + "/dynamic.vhdx", size: 1_048_576) }
        let exists = VirtualHardDisks.error(DiskError(.exists, "/x.vhdx", ""), .create)
        XCTAssertEqual(exists.message, "Failed to create the virtual hard disk.\nThe system failed to create '/x.vhdx': The file exists. (0x80070050)")
    }

    func testSetHostChangesPathsAndMacRange() throws {
        let f = try ServiceFixture(self)
        try f.host.setHost(virtualMachinePath: "/srv/vms", virtualHardDiskPath: nil, macMinimum: "00155D000000",
                           macMaximum: "00155D0000FF", enableEnhancedSessionMode: nil, numaSpanningEnabled: nil)
        XCTAssertEqual(try f.host.hostSettings().virtualMachinePath, "/srv/vms")
        XCTAssertEqual(try f.host.macAddressPool().minimum.compact, "00155D000000")
        assertHyperVError("InvalidParameter") {
            try f.host.setHost(virtualMachinePath: nil, virtualHardDiskPath: nil, macMinimum: "00155D0000FF",
                               macMaximum: "00155D000000", enableEnhancedSessionMode: nil, numaSpanningEnabled: nil)
        }
        XCTAssertEqual(try f.newVM("AfterMove").path, "/srv/vms")
    }
}
