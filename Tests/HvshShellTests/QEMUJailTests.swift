import Foundation
import GuestImages
import VMM
import XCTest

/// The jail of a VM on the QEMU engine (README "Security"), read from /proc as an administrator would, while a
/// real guest runs: QEMU and its worker under the VM's own uid and gid, no capability, no new privileges,
/// seccomp on every thread; QEMU in a mount namespace of its own whose root holds the host's /usr read-only, a
/// few harmless devices and its own /proc, and nothing of the VM's files but the descriptors it was handed
/// (the NVRAM, the DVD image); the worker's root only its runtime directory. Then the same VM keeps working
/// through the cmdlets: a checkpoint (written through a folder handed to the worker) and a DVD changed while it
/// runs (the image handed to QEMU as a descriptor set).
final class QEMUJailTests: XCTestCase {
    private var home: ScratchDirectory!
    private var iso = ""

    override func setUpWithError() throws {
        try HvshProcess.requireExecutable()
        guard getuid() == 0 else { throw XCTSkip("QEMU's jail is built by root (its own uid and mount namespace)") }
        iso = try RealGuestTests.guestISO(needing: ["/usr/bin/qemu-system-x86_64", "/usr/share/OVMF/OVMF_CODE_4M.fd"],
                                          install: "qemu-system-x86 and ovmf")
        home = HvshProcess.makeHome()
    }

    override func tearDown() {
        if let home { ArticleLab.killWorkers(under: home.path + "/hvsh-state") }
        home?.remove()
    }

    /// RealGuestTests' prelude: stop at the first error, and Wait-Console.
    private func hvsh(_ script: String, testRequests: Bool = false) throws -> HvshProcess.Result {
        let file = home.write("script-\(UUID().uuidString.prefix(8)).ps1", RealGuestTests.prelude + script)
        return try HvshProcess.run(["-NoProfile", "-File", file], home: home.path,
                                   environment: testRequests ? ["HVSH_WORKER_TEST_REQUESTS": "1"] : [:], timeout: 900)
    }

    private func statusFields(_ pid: Int32, task: String? = nil) -> [String: String] {
        let path = "/proc/\(pid)" + (task.map { "/task/\($0)" } ?? "") + "/status"
        var fields: [String: String] = [:]
        for line in ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            if parts.count == 2 { fields[String(parts[0])] = parts[1].trimmingCharacters(in: .whitespaces) }
        }
        return fields
    }

    private func ids(_ pid: Int32, _ field: String) -> [UInt32] {
        (statusFields(pid)[field] ?? "").split(whereSeparator: { $0 == "\t" || $0 == " " }).compactMap { UInt32($0) }
    }

    /// Mount points (field 5 of mountinfo) with their options and file system type.
    private func mounts(_ pid: Int32) -> [(point: String, options: [String], type: String)] {
        ((try? String(contentsOfFile: "/proc/\(pid)/mountinfo", encoding: .utf8)) ?? "").split(separator: "\n").compactMap { line in
            let fields = line.split(separator: " ").map(String.init)
            guard fields.count > 8, let dash = fields.firstIndex(of: "-"), dash + 1 < fields.count else { return nil }
            return (fields[4], fields[5].split(separator: ",").map(String.init), fields[dash + 1])
        }
    }

    private func listing(_ path: String) -> [String] { ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted() }

    func testAQEMUVMRunsAsItsOwnUserInItsOwnRootAndStillCheckpointsAndChangesItsDVD() throws {
        let vhdx = home.path + "/caged.vhdx"
        let start = try hvsh("""
            New-VM -Name Caged -MemoryStartupBytes 512MB -Generation 2 | Out-Null
            Set-VMFirmware -VMName Caged -EnableSecureBoot Off
            New-VHD -Path '\(vhdx)' -SizeBytes 16MB | Out-Null
            Add-VMHardDiskDrive -VMName Caged -Path '\(vhdx)'
            Add-VMDvdDrive -VMName Caged -Path '\(iso)'
            Set-VMFirmware -VMName Caged -BootOrder (Get-VMDvdDrive -VMName Caged), (Get-VMHardDiskDrive -VMName Caged)
            Start-VM -Name Caged
            Wait-Console Caged 'hvsh-guest: ready' | Out-Null
            $dir = "$env:HVSH_HOME/run/" + (Get-VM Caged).Id.ToString().Substring(0, 8)
            "$dir " + (Get-Content "$dir/worker.pid" | Select-Object -First 1)
            """, testRequests: true)
        XCTAssertEqual(start.stderr, "", start.stdout)
        let line = start.stdout.split(separator: "\n").last.map { $0.split(separator: " ").map(String.init) } ?? []
        guard line.count == 2, let workerPID = Int32(line[1]) else { return XCTFail("no runtime directory and worker pid in: \(start.stdout)") }
        let runtime = line[0]
        let qemuChildren = WorkerProcesses.children(of: workerPID)
        guard qemuChildren.count == 1, let qemu = qemuChildren.first else { return XCTFail("the worker \(workerPID) has no single QEMU child: \(qemuChildren)") }
        XCTAssertTrue(WorkerProcesses.commandLine(qemu)?.contains("qemu-system-x86_64") == true, WorkerProcesses.commandLine(qemu) ?? "")

        // The VM's own uid and gid (real, effective, saved, file system), from the documented range, no groups;
        // the worker took the same one.
        let uids = ids(qemu, "Uid")
        XCTAssertEqual(uids.count, 4, "QEMU's Uid line")
        XCTAssertEqual(Set(uids).count, 1, "QEMU's uids differ: \(uids)")
        XCTAssertEqual(ids(qemu, "Gid"), uids, "QEMU's gids are not its uid")
        XCTAssertTrue(uids.allSatisfy { $0 >= 1_900_000_000 && $0 < 1_900_065_536 }, "QEMU's uid is outside the jail's range: \(uids)")
        XCTAssertEqual(statusFields(qemu)["Groups"] ?? "?", "", "QEMU has supplementary groups")
        XCTAssertEqual(ids(workerPID, "Uid"), uids, "the worker's uid is not QEMU's")
        XCTAssertEqual(ids(workerPID, "Gid"), uids, "the worker's gid is not QEMU's")
        // Every thread of both: no capability at all, no new privileges, a seccomp filter (QEMU's -sandbox, the worker's own).
        for pid in [qemu, workerPID] {
            let tasks = listing("/proc/\(pid)/task")
            XCTAssertFalse(tasks.isEmpty, "no threads listed for \(pid)")
            for task in tasks {
                let fields = statusFields(pid, task: task)
                for set in ["CapEff", "CapPrm", "CapInh", "CapBnd", "CapAmb"] {
                    XCTAssertEqual(fields[set], "0000000000000000", "\(set) of \(pid)/\(task)")
                }
                XCTAssertEqual(fields["NoNewPrivs"], "1", "NoNewPrivs of \(pid)/\(task)")
                XCTAssertEqual(fields["Seccomp"], "2", "Seccomp of \(pid)/\(task)")
            }
        }
        // The worker stays undumpable, so QEMU (the same uid) can neither trace it nor read its memory: its /proc
        // files belong to root.
        let workerMemory = try FileManager.default.attributesOfItem(atPath: "/proc/\(workerPID)/mem")
        XCTAssertEqual((workerMemory[.ownerAccountID] as? NSNumber)?.intValue, 0, "the worker is dumpable")

        // Mount namespaces of their own, not the host's and not each other's.
        let own = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/ns/mnt")
        let qemuNamespace = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(qemu)/ns/mnt")
        let workerNamespace = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(workerPID)/ns/mnt")
        XCTAssertNotEqual(qemuNamespace, own, "QEMU shares the host's mount namespace")
        XCTAssertNotEqual(workerNamespace, own, "the worker shares the host's mount namespace")
        XCTAssertNotEqual(qemuNamespace, workerNamespace, "QEMU shares its worker's mount namespace")

        // QEMU's root: a read-only tmpfs with the host's /usr read-only (and the links into it), the loader's cache,
        // a /dev of harmless devices and its /proc. No runtime directory, no inventory, no home, no other /etc.
        let root = "/proc/\(qemu)/root"
        let top = listing(root)
        XCTAssertTrue(Set(top).isSubset(of: ["usr", "dev", "proc", "etc", "lib", "lib64", "lib32", "libx32", "bin", "sbin"]), "QEMU's root holds \(top)")
        XCTAssertTrue(Set(["usr", "dev", "proc"]).isSubset(of: Set(top)), "QEMU's root lacks usr, dev or proc: \(top)")
        XCTAssertTrue(Set(listing(root + "/etc")).isSubset(of: ["ld.so.cache"]), "QEMU's /etc holds \(listing(root + "/etc"))")
        for hidden in [runtime, home.path, vhdx, iso, "/etc/shadow", "/root", "/var", "/tmp"] {
            XCTAssertFalse(FileManager.default.fileExists(atPath: root + hidden), "QEMU sees \(hidden)")
        }
        let devices = listing(root + "/dev")
        XCTAssertTrue(Set(devices).isSubset(of: ["null", "zero", "full", "random", "urandom", "kvm"]), "QEMU's /dev holds \(devices)")
        let usesKVM = WorkerProcesses.commandLine(qemu)?.contains("accel=kvm") == true
        XCTAssertEqual(devices.contains("kvm"), usesKVM, "QEMU's /dev/kvm while its accelerator is \(usesKVM ? "KVM" : "TCG"): \(devices)")
        if usesKVM {
            let kvm = try FileManager.default.attributesOfItem(atPath: root + "/dev/kvm")
            XCTAssertEqual((kvm[.ownerAccountID] as? NSNumber)?.uint32Value, uids.first, "QEMU's /dev/kvm belongs to another uid")
            XCTAssertEqual((kvm[.posixPermissions] as? NSNumber)?.intValue, 0o600, "QEMU's /dev/kvm mode")
        }
        let qemuMounts = mounts(qemu)
        let rootMount = qemuMounts.last { $0.point == "/" }
        XCTAssertEqual(rootMount?.type, "tmpfs", "QEMU's root: \(qemuMounts)")
        XCTAssertTrue(rootMount?.options.contains("ro") == true, "QEMU's root is writable: \(qemuMounts)")
        XCTAssertTrue(qemuMounts.first { $0.point == "/usr" }?.options.contains("ro") == true, "QEMU's /usr is writable: \(qemuMounts)")
        for mount in qemuMounts where mount.point != "/" && mount.point != "/proc" {
            XCTAssertTrue(mount.options.contains("ro"), "QEMU's \(mount.point) is writable")
        }
        // What it reaches of the VM's files, it holds as descriptors: the NVRAM and the DVD image among them.
        let held = Array(WorkerProcesses.descriptorTargets(qemu).values)
        XCTAssertTrue(held.contains(iso), "QEMU holds no descriptor of the DVD image: \(held)")
        XCTAssertTrue(held.contains { $0.contains("/Virtual Machines/") && $0.hasSuffix(".fd") }, "QEMU holds no descriptor of its NVRAM: \(held)")
        XCTAssertTrue(held.contains { $0.hasPrefix("/usr/share/OVMF/") }, "QEMU holds no descriptor of the firmware code: \(held)")

        // The worker's root: its runtime directory at its own path and its /proc, nothing else. What it opens by
        // path: its own runtime files; not the VM's NVRAM, disk or DVD image (it holds those open), the inventory
        // or the host's files.
        XCTAssertEqual(mounts(workerPID).map(\.point).sorted(), ["/", "/proc", runtime].sorted(), "the worker's mounts")
        let caller = VMWorker(runtimeDirectory: runtime)
        func opens(_ path: String) -> String {
            do { try caller.send(.openFileForTest(path: path)); return "ok" } catch { return "\(error)" }
        }
        XCTAssertEqual(opens(runtime + "/vm.conf"), "ok", "the worker cannot open its own vm.conf")
        let nvram = held.first { $0.contains("/Virtual Machines/") && $0.hasSuffix(".fd") } ?? ""
        for path in [nvram, vhdx, iso, home.path + "/hvsh-state/.lock", "/etc/shadow", "/dev/kvm", "/proc/1/status"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: path), "\(path) is missing on the host")
            XCTAssertTrue(opens(path).contains("No such file or directory"), "the worker opens \(path): \(opens(path))")
        }

        let isoDescriptors = { WorkerProcesses.descriptorTargets(qemu).values.filter { $0 == self.iso }.count }
        let isoHeldBefore = isoDescriptors()
        let after = try hvsh("""
            Checkpoint-VM -Name Caged -SnapshotName jailed
            "checkpoint: " + (Get-VMSnapshot -VMName Caged).Name + " " + (Get-VM Caged).State
            Get-VMDvdDrive -VMName Caged | Set-VMDvdDrive -Path $null
            Get-VMDvdDrive -VMName Caged | Set-VMDvdDrive -Path '\(iso)'
            # The guest may see the new medium only after the drive reports the change: it retries for a while.
            Connect-VMConsole -VMName Caged -Keys 'n=0; until dd if=/dev/sr0 of=/dev/null bs=2048 count=1 2>/dev/null; do n=$((n+1)); [ $n -gt 60 ] && break; sleep 1; done; [ $n -le 60 ] && echo medium-$((5+5))' -QuietMilliseconds 1 | Out-Null
            "medium: " + (Wait-Console Caged '^medium-10')
            """)
        XCTAssertEqual(after.stderr, "", after.stdout)
        let lines = after.stdout.split(separator: "\n").map(String.init)
        for expected in ["checkpoint: jailed Running", "medium: medium-10"] {
            XCTAssertTrue(lines.contains(expected), "missing \(expected.debugDescription) in:\n\(after.stdout)")
        }
        // The ejected medium's descriptor set was removed: QEMU holds the image no more often than before.
        XCTAssertLessThanOrEqual(isoDescriptors(), isoHeldBefore, "QEMU kept the ejected medium's descriptors")
        let stop = try hvsh("""
            Stop-VM -Name Caged -TurnOff
            "off: " + (Get-VM Caged).State
            """)
        XCTAssertEqual(stop.stdout, "off: Off\n", stop.stderr)
        XCTAssertTrue(WorkerProcesses.wait(seconds: 30) { !WorkerProcesses.isAlive(qemu) }, "QEMU \(qemu) outlived Stop-VM")
    }
}
