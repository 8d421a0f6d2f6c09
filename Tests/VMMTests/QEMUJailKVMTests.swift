import Foundation
import LinuxSystem
@testable import VMM
import XCTest

/// QEMU's jail when QEMU uses KVM (hvsh picks KVM only on a CPU with VT-x or AMD-V, so the shell's tests here run
/// QEMU under TCG): the jail holds a /dev/kvm node of the VM's own uid, mode 0600, through which the jailed QEMU
/// makes its VM, while the host's /dev/kvm stays root's. SeaBIOS with nothing to boot is enough to show it.
final class QEMUJailKVMTests: XCTestCase {
    var temporary: TemporaryDirectory!
    override func setUp() { temporary = TemporaryDirectory("hvsh-qemu-kvm") }
    override func tearDown() { temporary.cleanup() }

    /// Skips unless root may run QEMU on KVM here at all, with the CPU model the worker asks for, asked of QEMU
    /// itself outside any jail: it starts on KVM, answers its monitor and quits. (A software KVM without VT-x
    /// refuses `-cpu host`'s MSRs, and hvsh runs such hosts' QEMU VMs under TCG.)
    func requireQEMUOnKVM() throws {
        guard getuid() == 0 else { throw XCTSkip("QEMU's jail is built by root") }
        guard access("/dev/kvm", R_OK | W_OK) == 0 else { throw XCTSkip("QEMU on KVM needs /dev/kvm") }
        let installation = QEMUInstallation()
        if let missing = installation.missing(for: .pc, secureBoot: false) { throw XCTSkip(missing.description) }
        let probe = Process()
        // Through a shell that forbids core files: a QEMU that KVM refuses aborts, and its core would land in the
        // test's working directory.
        probe.executableURL = URL(fileURLWithPath: "/bin/sh")
        probe.arguments = ["-c", "ulimit -c 0; exec \"$0\" \"$@\"", installation.emulator, "-machine", "pc,accel=kvm", "-cpu", "host,-vmx,-svm", "-nodefaults", "-display", "none", "-S", "-m", "64M", "-qmp", "stdio"]
        let input = Pipe(), output = Pipe()
        probe.standardInput = input
        probe.standardOutput = output
        probe.standardError = output
        try probe.run()
        input.fileHandleForWriting.write(Data("{\"execute\":\"qmp_capabilities\"}\n{\"execute\":\"quit\"}\n".utf8))
        try? input.fileHandleForWriting.close()
        let said = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        probe.waitUntilExit()
        guard probe.terminationStatus == 0 else {
            throw XCTSkip("QEMU cannot run a VM on this host's KVM (exit \(probe.terminationStatus)): \(said)")
        }
    }

    func testAJailedQEMUMakesItsVMThroughAKVMNodeOfItsOwnUid() throws {
        try requireQEMUOnKVM()
        let request = WorkerLaunchRequest(name: "kvm-jail", machine: MachineConfiguration(vcpuCount: 1, memorySize: 64 << 20),
                                          runtimeDirectory: temporary.path + "/run", savedStateDirectory: temporary.path + "/saved",
                                          qemu: QEMUMachine(chipset: .pc, firmware: .bios, accelerator: .kvm, drives: [], bootOrder: []))
        let worker = try VMWorker.launch(request, timeoutMilliseconds: 60_000)
        defer { worker.kill() }
        XCTAssertEqual(worker.status().state, .running, "the VM on KVM is not running: \(worker.status())")
        let workerPID = try XCTUnwrap(worker.livePID(), "no worker pid")
        let children = FileSystem.readText("/proc/\(workerPID)/task/\(workerPID)/children") ?? ""
        let qemu = try XCTUnwrap(Int32(children.split(separator: " ").first ?? ""), "the worker has no QEMU child")

        let uidLine = (FileSystem.readText("/proc/\(qemu)/status") ?? "").split(separator: "\n").first { $0.hasPrefix("Uid:") } ?? ""
        let uid = try XCTUnwrap(uidLine.split(whereSeparator: { $0 == "\t" || $0 == " " }).dropFirst().first.flatMap { UInt32($0) },
                                "QEMU's Uid line: \(uidLine)")
        XCTAssertTrue(uid >= 1_900_000_000 && uid < 1_900_065_536, "QEMU runs as uid \(uid), outside the jail's range")
        // Its VM was made through the jail's node (the only /dev/kvm it can reach).
        let held = ((try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(qemu)/fd")) ?? []).compactMap {
            try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(qemu)/fd/\($0)")
        }
        XCTAssertTrue(held.contains("anon_inode:kvm-vm"), "QEMU holds no KVM VM: \(held)")
        let node = try FileSystem.status("/proc/\(qemu)/root/dev/kvm")
        let host = try FileSystem.status("/dev/kvm")
        XCTAssertEqual(node.owner, uid, "the jail's /dev/kvm belongs to uid \(node.owner), not QEMU's")
        XCTAssertEqual(node.group, uid, "the jail's /dev/kvm group")
        XCTAssertEqual(node.permissions, 0o600, "the jail's /dev/kvm mode")
        XCTAssertEqual(node.specialDevice, host.specialDevice, "the jail's /dev/kvm is another device")
        XCTAssertEqual(host.owner, 0, "the host's /dev/kvm changed owner")
        XCTAssertNotEqual(node.inode, host.inode, "the jail's /dev/kvm is the host's node")

        try worker.turnOff()
        XCTAssertEqual(worker.status().state, .off, "Stop-VM -TurnOff left the VM \(worker.status().state)")
    }
}
