import Foundation
import XCTest
import Inventory
import LinuxSystem
import VirtualDisk
import VMM
@testable import HyperV

/// VMs with VHDX disks under /dev/kvm: the built-in firmware writes through the worker straight into the
/// VHDX files; a checkpoint of the running VM freezes them, applying it brings the earlier bytes back, and
/// removing it merges while the VM runs. The files are checked with the VirtualDisk reader and qemu-img.
final class RunningDiskTests: KVMHostTestCase {
    override var scratchPrefix: String { "hvdk" }

    func waitForConsole(containing text: String, after offset: Int = 0, seconds: Double = 45) throws {
        let deadline = Date().addingTimeInterval(seconds)
        var log = ""
        while Date() < deadline {
            log = try host.consoleLog(of: vm)
            if log.utf8.count > offset, String(log.utf8.dropFirst(offset))?.contains(text) == true { return }
            usleep(10_000)
        }
        XCTFail("console never showed \(text): \(log)")
    }

    /// Types a firmware disk command and waits for its answer line; returns that line.
    @discardableResult
    func run(_ command: String, expecting answer: String) throws -> String {
        let offset = try host.consoleLog(of: vm).utf8.count
        let console = try host.attachConsole(of: vm)
        try console.writeAll(Array((command + "\r").utf8))
        try waitForConsole(containing: answer, after: offset)
        return answer
    }

    func pattern(_ sector: UInt64, _ tag: String) -> [UInt8] {
        let line = Array("hvsh-disk-pattern tag=\(tag) sector=\(sector)\n".utf8)
        return (0..<512).map { line[$0 % line.count] }
    }

    /// The virtual disk's sector as a reader independent of hvsh sees it (qemu-img convert), or through the
    /// VirtualDisk reader when qemu-img is not installed or cannot read the disk (QEMU opens VHDX files with
    /// 512-byte logical sectors only).
    func sector(_ number: UInt64, of path: String, qemuCanRead: Bool = true) throws -> [UInt8] {
        let raw = root + "/converted.raw"
        if qemuCanRead, FileManager.default.isExecutableFile(atPath: "/usr/bin/qemu-img") {
            XCTAssertEqual(system("qemu-img check -q '\(path)'"), 0, "qemu-img check \(path)")
            XCTAssertEqual(system("qemu-img convert -O raw '\(path)' '\(raw)'"), 0)
            defer { try? FileManager.default.removeItem(atPath: raw) }
            let data = try XCTUnwrap(FileManager.default.contents(atPath: raw))
            return Array(data[Int(number) * 512..<Int(number + 1) * 512])
        }
        return try DiskImage.open(path).read(at: number * 512, count: 512)
    }

    /// A generation 2 VM named `name` with `systemDisk` (a new 16 MiB dynamic VHDX) as its only disk, started
    /// and showing the firmware's prompt.
    func startVM(named name: String, systemDisk: String) throws {
        try DiskFiles.create(systemDisk, DiskCreateOptions(format: .vhdx, type: .dynamic, size: 16 << 20))
        var request = NewVMRequest()
        request.name = name
        request.generation = 2
        request.memoryStartupBytes = 64 * 1_048_576
        vm = try host.createVM(request)
        try host.addHardDisk(to: vm, path: systemDisk, controllerType: nil, controllerNumber: nil, controllerLocation: nil)
        try host.start(try current())
        try waitForConsole(containing: "ready\r\n")
    }

    func testTwoDisksAndADVDThroughCheckpointRestoreAndALiveMerge() throws {
        let disks = root + "/Disks"
        try FileManager.default.createDirectory(atPath: disks, withIntermediateDirectories: true)
        let system0 = disks + "/System.vhdx", data1 = disks + "/Data.vhdx", iso = root + "/media.iso"
        try DiskFiles.create(system0, DiskCreateOptions(format: .vhdx, type: .dynamic, size: 16 << 20))
        try DiskFiles.create(data1, DiskCreateOptions(format: .vhdx, type: .fixed, size: 4 << 20, logicalSectorSize: 4096))
        XCTAssertTrue(FileManager.default.createFile(atPath: iso, contents: Data(repeating: 0x43, count: 1 << 20)))

        var request = NewVMRequest()
        request.name = "Disks"
        request.generation = 2
        request.memoryStartupBytes = 64 * 1_048_576
        vm = try host.createVM(request)
        vm = try host.setFirmware(of: vm, touchesGeneration2Settings: false) {
            $0.kernelCommandLine = "diskwrite=0,100,1,alpha diskwrite=1,8,8,data diskread=2,0,1"
        }
        try host.addHardDisk(to: vm, path: system0, controllerType: nil, controllerNumber: nil, controllerLocation: nil)
        try host.addHardDisk(to: vm, path: data1, controllerType: nil, controllerNumber: nil, controllerLocation: nil)
        try host.addDvdDrive(to: try current(), path: iso, controllerNumber: nil, controllerLocation: nil)

        try host.start(try current())
        try waitForConsole(containing: "ready\r\n")
        let banner = try host.consoleLog(of: vm)
        XCTAssertTrue(banner.contains("disk 0: 16 MB (16777216 bytes), sector size 512, physical sector size 4096\r\n"), banner)
        XCTAssertTrue(banner.contains("disk 1: 4 MB (4194304 bytes), sector size 4096, physical sector size 4096\r\n"), banner)
        XCTAssertTrue(banner.contains("disk 2: 1 MB (1048576 bytes), sector size 512, physical sector size 4096, read-only\r\n"), banner)
        XCTAssertTrue(banner.contains("diskwrite 0: sectors 100+1 checksum"), banner)
        XCTAssertTrue(banner.contains("diskwrite 1: sectors 8+8 checksum"), banner)
        XCTAssertTrue(banner.contains("diskread 2: sectors 0+1 checksum"), banner)

        // The guest flushed: killing its worker outright loses nothing, and the VHDX is consistent.
        let pid = try XCTUnwrap((host.monitor as? VMMRuntime)?.worker(for: vm).livePID())
        XCTAssertEqual(kill(pid, SIGKILL), 0)
        XCTAssertTrue(try XCTUnwrap(host.monitor as? VMMRuntime).worker(for: vm).waitForExit(timeoutMilliseconds: 5_000))
        XCTAssertEqual(try sector(100, of: system0), pattern(100, "alpha"))
        XCTAssertEqual(try sector(15, of: data1, qemuCanRead: false), pattern(15, "data"))

        // A checkpoint of the running VM freezes the disks; the VM goes on in .avhdx files.
        vm = try host.setFirmware(of: try current(), touchesGeneration2Settings: false) { $0.kernelCommandLine = "" }
        try host.start(try current())
        try waitForConsole(containing: "ready\r\n")
        let checkpoint = try host.checkpoint(try current(), name: "alpha",
                                             captureRunningState: { try self.host.captureRunning($0, to: $1, changingDisks: $2) })
        XCTAssertEqual(host.status(of: vm).state, .Running)
        let drives = try current().hardDrives.map(\.path)
        XCTAssertTrue(drives.allSatisfy { $0.hasSuffix(".avhdx") }, "\(drives)")
        XCTAssertEqual(try DiskFiles.info(drives[0]).parentPath, system0)
        try run("diskwrite=0,100,1,beta", expecting: "tag beta\r\n")
        try run("diskread=0,100,1", expecting: "diskread 0: sectors 100+1 checksum")
        XCTAssertEqual(try DiskImage.open(system0).read(at: 100 * 512, count: 512), pattern(100, "alpha"), "the frozen .vhdx keeps alpha")

        // Applying the checkpoint turns the VM off, leaves it Saved at that moment, on new differencing disks.
        let restored = try host.restore(checkpoint, stopRunning: { try self.host.turnOffForRestore($0) })
        XCTAssertEqual(host.status(of: restored).state, .Saved)
        XCTAssertFalse(FileManager.default.fileExists(atPath: drives[0]), "the state since the checkpoint is gone")
        try host.start(restored)
        try run("diskread=0,100,1", expecting: "tag alpha\r\n")

        // Removing the checkpoint of the running VM merges its disks back into the .vhdx files, live.
        let before = try current().hardDrives.map(\.path)
        try host.removeSnapshot(checkpoint, includeChildren: false,
                                changeRunningDisks: { try self.host.changeRunningDisks($0, operation: "Failed to remove the checkpoint.", $1) })
        XCTAssertEqual(host.status(of: vm).state, .Running)
        XCTAssertEqual(try current().hardDrives.map(\.path), [system0, data1])
        XCTAssertFalse(before.contains { FileManager.default.fileExists(atPath: $0) }, "merged differencing disks are removed")
        try run("diskwrite=0,101,1,gamma", expecting: "tag gamma\r\n")
        try run("diskread=0,100,1", expecting: "tag alpha\r\n")
        try host.stop(try current(), mode: .turnOff) { false }
        XCTAssertEqual(try sector(100, of: system0), pattern(100, "alpha"))
        XCTAssertEqual(try sector(101, of: system0), pattern(101, "gamma"))
        XCTAssertEqual(Array(try Data(contentsOf: URL(fileURLWithPath: iso))), [UInt8](repeating: 0x43, count: 1 << 20), "the DVD is unchanged")
    }

    func testRemovingTheCheckpointsOfARunningVMsTreeMergesLive() throws {
        let system0 = root + "/Disks/System.vhdx"
        try FileManager.default.createDirectory(atPath: root + "/Disks", withIntermediateDirectories: true)
        try startVM(named: "Tree", systemDisk: system0)
        let capture = { (vm: VMConfiguration, file: String, change: DiskFileChange) throws -> VMState in
            try self.host.captureRunning(vm, to: file, changingDisks: change)
        }
        let merge = { (vm: VMConfiguration, change: DiskFileChange) throws in
            try self.host.changeRunningDisks(vm, operation: "Failed to remove the checkpoint.", change)
        }
        try run("diskwrite=0,100,1,alpha", expecting: "tag alpha\r\n")
        let one = try host.checkpoint(try current(), name: "one", captureRunningState: capture)
        try run("diskwrite=0,101,1,beta", expecting: "tag beta\r\n")
        let two = try host.checkpoint(try current(), name: "two", captureRunningState: capture)
        let branch = try XCTUnwrap(two.configuration.hardDrives.first?.path)

        // Applying one makes a tree: the .vhdx now has two children, two's branch and the VM's new disk.
        try host.start(try host.restore(one, stopRunning: { try self.host.turnOffForRestore($0) }))
        try run("diskwrite=0,102,1,gamma", expecting: "tag gamma\r\n")
        let now = try XCTUnwrap(try current().hardDrives.first?.path)
        try host.removeSnapshot(one, includeChildren: false, changeRunningDisks: merge)
        XCTAssertTrue(FileManager.default.fileExists(atPath: branch) && FileManager.default.fileExists(atPath: now),
                      "with two children the .vhdx takes in neither")

        // Removing two deletes its branch and merges the running VM's disk into the .vhdx, live.
        try host.removeSnapshot(try XCTUnwrap(try host.snapshots(of: vm.id).first), includeChildren: false, changeRunningDisks: merge)
        XCTAssertEqual(host.status(of: vm).state, .Running)
        XCTAssertEqual(try current().hardDrives.map(\.path), [system0])
        XCTAssertFalse(FileManager.default.fileExists(atPath: branch))
        XCTAssertFalse(FileManager.default.fileExists(atPath: now))
        try run("diskread=0,102,1", expecting: "tag gamma\r\n")
        try run("diskwrite=0,103,1,delta", expecting: "tag delta\r\n")
        try host.stop(try current(), mode: .turnOff) { false }
        XCTAssertEqual(try sector(100, of: system0), pattern(100, "alpha"))
        XCTAssertEqual(try sector(101, of: system0), [UInt8](repeating: 0, count: 512), "two's branch went with it")
        XCTAssertEqual(try sector(102, of: system0), pattern(102, "gamma"))
        XCTAssertEqual(try sector(103, of: system0), pattern(103, "delta"))
    }

    func testSetVHDLeafPathRepointsARunningVMsChain() throws {
        let disks = root + "/Disks"
        try FileManager.default.createDirectory(atPath: disks, withIntermediateDirectories: true)
        let system0 = disks + "/System.vhdx", copy = disks + "/Copy.vhdx"
        try startVM(named: "Leaf", systemDisk: system0)
        try run("diskwrite=0,100,1,alpha", expecting: "tag alpha\r\n")
        _ = try host.checkpoint(try current(), name: "c", captureRunningState: { try self.host.captureRunning($0, to: $1, changingDisks: $2) })
        let leaf = try XCTUnwrap(try current().hardDrives.first?.path)
        // The frozen parent copied elsewhere is the same disk (same identity): the chain may point there.
        try FileManager.default.copyItem(atPath: system0, toPath: copy)
        let change = { () throws -> [String: String] in
            try DiskFiles.setParent(leaf, parentPath: copy)
            return [:]
        }
        XCTAssertThrowsError(try VirtualHardDisks.refuseIfInUse(leaf, .setParent, host: host), "without -LeafPath the leaf is in use")
        XCTAssertThrowsError(try SetVHDCommand.setParentOnline(leaf, leaf: system0, host: host, change), "the leaf's chain must hold the disk")
        try SetVHDCommand.setParentOnline(leaf, leaf: leaf, host: host, change)
        XCTAssertEqual(host.status(of: vm).state, .Running)
        // The worker let go of the old parent and serves the old parent's sectors from the copy.
        let pid = try XCTUnwrap((host.monitor as? VMMRuntime)?.worker(for: vm).livePID())
        let open = try FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd").compactMap {
            try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/fd/\($0)")
        }
        XCTAssertTrue(open.contains(copy) && open.contains(leaf), "\(open)")
        XCTAssertFalse(open.contains(system0), "\(open)")
        XCTAssertEqual(rename(system0, disks + "/Gone.vhdx"), 0)
        try run("diskread=0,100,1", expecting: "tag alpha\r\n")
        try host.stop(try current(), mode: .turnOff) { false }
        XCTAssertEqual(try DiskImage.open(leaf).chain, [leaf, copy])
    }
}
