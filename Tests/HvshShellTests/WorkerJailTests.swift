import Foundation
import VMM
import XCTest

/// The worker's jail (issue 17), read from /proc as an administrator would: its own uid and gid, a mount
/// namespace holding only its runtime directory and its own /proc, seccomp filter on, no capabilities, no
/// new privileges; it cannot open the host's files; a call outside the filter kills that worker only,
/// which Get-VM then reports like any worker that died.
final class WorkerJailTests: WorkerTestCase {
    /// The worker answers the test-only requests (a forbidden call on demand) only when asked to.
    private let testRequests = ["HVSH_WORKER_TEST_REQUESTS": "1"]

    private func statusFields(_ pid: Int32) -> [String: String] {
        let text = (try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)) ?? ""
        var fields: [String: String] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            if parts.count == 2 { fields[String(parts[0])] = parts[1].trimmingCharacters(in: .whitespaces) }
        }
        return fields
    }

    func testJailedWorkerHasAFilterNoCapabilitiesAndDiesAloneOnAForbiddenCall() throws {
        let start = try runScript("""
            foreach ($name in 'Caged', 'Neighbour') {
                New-VM -Name $name -MemoryStartupBytes 32MB | Out-Null
                Start-VM $name
                $dir = "$env:HVSH_HOME/run/" + (Get-VM $name).Id.ToString().Substring(0, 8)
                "$dir " + (Get-Content "$dir/worker.pid" | Select-Object -First 1)
            }
            """, environment: testRequests)
        let lines = start.stdout.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
        XCTAssertEqual(lines.count, 2, start.stdout + start.stderr)
        guard lines.count == 2, lines.allSatisfy({ $0.count == 2 }),
              let caged = Int32(lines[0][1]), let neighbour = Int32(lines[1][1]) else { return }

        let status = statusFields(caged)
        XCTAssertEqual(status["Seccomp"], "2", "filter mode")
        XCTAssertEqual(status["NoNewPrivs"], "1")
        XCTAssertEqual(status["CapEff"], "0000000000000000")
        XCTAssertEqual(status["CapPrm"], "0000000000000000")
        XCTAssertEqual(status["CapInh"], "0000000000000000")
        XCTAssertEqual(status["CapBnd"], "0000000000000000")
        // Its own uid and gid (real, effective, saved, file system), from the documented range, no groups;
        // another VM's worker has another.
        let ids = { (pid: Int32, field: String) in (self.statusFields(pid)[field] ?? "").split(whereSeparator: { $0 == "\t" || $0 == " " }).compactMap { UInt32($0) } }
        let uids = ids(caged, "Uid"), gids = ids(caged, "Gid")
        XCTAssertEqual(uids.count, 4)
        XCTAssertEqual(Set(uids).count, 1, "\(uids)")
        XCTAssertEqual(gids, uids)
        XCTAssertTrue(uids.allSatisfy { $0 >= 1_900_000_000 && $0 < 1_900_065_536 }, "\(uids)")
        XCTAssertEqual(status["Groups"] ?? "", "")
        XCTAssertNotEqual(ids(neighbour, "Uid").first, uids.first, "two VMs' workers share a uid")
        // vCPU threads started after the jail carry it too.
        for task in (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(caged)/task")) ?? [] {
            let text = (try? String(contentsOfFile: "/proc/\(caged)/task/\(task)/status", encoding: .utf8)) ?? ""
            XCTAssertTrue(text.contains("Seccomp:\t2"), "thread \(task) unfiltered")
            XCTAssertTrue(text.contains("CapEff:\t0000000000000000"), "thread \(task) has capabilities")
            XCTAssertTrue(text.contains("Uid:\t\(uids.first ?? 0)\t"), "thread \(task) kept another uid")
        }

        // Its mount namespace: a read-only tmpfs root, its runtime directory at its own path, its /proc.
        let runtime = lines[0][0]
        let mounts = ((try? String(contentsOfFile: "/proc/\(caged)/mountinfo", encoding: .utf8)) ?? "").split(separator: "\n").map {
            $0.split(separator: " ").map(String.init)
        }
        XCTAssertEqual(mounts.map { $0.count > 4 ? $0[4] : "" }.sorted(), ["/", "/proc", runtime].sorted(), "\(mounts)")
        if let root = mounts.first(where: { $0.count > 8 && $0[4] == "/" }) {
            XCTAssertTrue(root[5].split(separator: ",").contains("ro"), "\(root)")
            XCTAssertEqual(root[root.firstIndex(of: "-").map { $0 + 1 } ?? 0], "tmpfs")
        }
        let top = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(caged)/root")) ?? []
        XCTAssertEqual(top.sorted(), ["proc", String(runtime.split(separator: "/").first ?? "")].sorted())

        // What it can open now: its own runtime files, nothing of the host (the inventory's files, secrets,
        // /dev/kvm anew, another process's /proc), not even a root-owned file beside its own.
        let caller = VMWorker(runtimeDirectory: runtime)
        func opens(_ path: String) -> String {
            do { try caller.send(.openFileForTest(path: path)); return "ok" } catch { return "\(error)" }
        }
        XCTAssertEqual(opens(runtime + "/vm.conf"), "ok")
        let inventory = home.path + "/hvsh-state"
        let vmFiles = (try? FileManager.default.contentsOfDirectory(atPath: inventory + "/Virtual Machines")) ?? []
        XCTAssertEqual(vmFiles.count, 2)
        for path in vmFiles.map({ inventory + "/Virtual Machines/" + $0 }) + [inventory + "/.lock", "/etc/shadow", "/etc/passwd",
                     "/dev/kvm", "/proc/1/status", "/proc/\(neighbour)/status"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: path), path)
            XCTAssertTrue(opens(path).contains("No such file or directory"), "\(path): \(opens(path))")
        }
        XCTAssertTrue(opens(runtime + "/worker.log").contains("Permission denied"), opens(runtime + "/worker.log"))

        let worker = VMWorker(runtimeDirectory: lines[0][0])
        XCTAssertThrowsError(try worker.send(.forbiddenCallForTest, timeoutMilliseconds: 5_000), "the forbidden call returned")
        XCTAssertTrue(WorkerProcesses.wait(seconds: 10) { !WorkerProcesses.isAlive(caged) }, "the filter did not kill the worker")
        XCTAssertTrue(WorkerProcesses.isAlive(neighbour), "another VM's worker died too")

        let after = try runScript("""
            $vm = Get-VM Caged
            "$($vm.State)|$($vm.Status)"
            (Get-VM Neighbour).State
            Stop-VM Neighbour -TurnOff -Force
            """)
        XCTAssertEqual(after.stdout, "Off|Off: the VM worker process ended unexpectedly\nRunning\n", after.stderr)
    }

    /// Without the test switch in the worker's environment the requests do not exist.
    func testTheForbiddenCallRequestIsRefusedOutsideTests() throws {
        let start = try runScript("""
            New-VM -Name Plain -MemoryStartupBytes 32MB | Out-Null
            Start-VM Plain
            "$env:HVSH_HOME/run/" + (Get-VM Plain).Id.ToString().Substring(0, 8)
            """)
        let directory = start.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let worker = VMWorker(runtimeDirectory: directory)
        for request in [WorkerAction.forbiddenCallForTest, .openFileForTest(path: directory + "/vm.conf")] {
            XCTAssertThrowsError(try worker.send(request)) { error in
                XCTAssertTrue("\(error)".contains("unknown request"), "\(error)")
            }
        }
        XCTAssertEqual(worker.status().state, .running)
        try worker.turnOff()
    }

    /// Root of a user namespace (how a non-root user's `hvsh -Sandbox` runs) has no uid of the range to change
    /// to and cannot mount for the host: the worker keeps the namespace's root and the rest of the jail, and
    /// the VM runs.
    func testAWorkerStartedInAUserNamespaceKeepsItsUserAndTheRestOfTheJail() throws {
        let unshare = "/usr/bin/unshare"
        guard FileManager.default.isExecutableFile(atPath: unshare) else { throw XCTSkip("util-linux's unshare is not installed") }
        let file = home.write("userns.ps1", """
            New-VM -Name Mapped -MemoryStartupBytes 32MB | Out-Null
            Start-VM Mapped
            (Get-VM Mapped).State
            Get-Content ("$env:HVSH_HOME/run/" + (Get-VM Mapped).Id.ToString().Substring(0, 8) + "/worker.pid") | Select-Object -First 1
            """)
        let result = try HvshProcess.runProgram(unshare, ["--user", "--map-root-user", HvshProcess.executable, "-NoProfile", "-File", file],
                                                home: home.path, timeout: 60)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.first, "Running", result.stdout + result.stderr)
        guard lines.count == 2, let pid = Int32(lines[1]) else { return XCTFail(result.stdout + result.stderr) }
        let status = statusFields(pid)
        XCTAssertEqual(status["Uid"]?.split(whereSeparator: { $0 == "\t" || $0 == " " }).first, "0")
        XCTAssertEqual(status["Seccomp"], "2")
        XCTAssertEqual(status["NoNewPrivs"], "1")
        XCTAssertEqual(status["CapEff"], "0000000000000000")
        XCTAssertEqual(try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/ns/mnt"),
                       try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/ns/mnt"), "a mount namespace of its own")
    }

    /// No network from inside the jail: an IP socket is a forbidden call (only Unix sockets may be made, and
    /// none connected), so the worker that tries is killed like any other.
    func testTheWorkerCannotOpenANetworkSocket() throws {
        let start = try runScript("""
            New-VM -Name Offline -MemoryStartupBytes 32MB | Out-Null
            Start-VM Offline
            "$env:HVSH_HOME/run/" + (Get-VM Offline).Id.ToString().Substring(0, 8)
            """, environment: testRequests)
        let worker = VMWorker(runtimeDirectory: start.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        let pid = try XCTUnwrap(worker.livePID(), start.stdout + start.stderr)
        XCTAssertThrowsError(try worker.send(.networkSocketForTest, timeoutMilliseconds: 5_000), "the socket was made")
        XCTAssertTrue(WorkerProcesses.wait(seconds: 10) { !WorkerProcesses.isAlive(pid) }, "the filter let the socket through")
        let after = try runScript("(Get-VM Offline).Status")
        XCTAssertEqual(after.stdout, "Off: the VM worker process ended unexpectedly\n", after.stderr)
    }
}
