import Foundation
import VMM
import XCTest

/// A VM's worker through real hvsh processes (issue 17, defects 1 and 3): one worker per VM however shells
/// race, a stopped worker reported and turned off quickly, saves only where the VM's state belongs, and no
/// descriptor of the shell reaching the worker.
final class WorkerLifecycleTests: WorkerTestCase {
    private var inventory: String { home.path + "/hvsh-state" }

    /// A script run through another program (`ip netns exec`, a shell holding a stray descriptor): it
    /// runs hvsh with the same environment.
    /// Static and with its own file names, as racing threads call it at once.
    private static func hvsh(_ script: String, home: String, prefix: [String], timeout: TimeInterval = 60) throws -> HvshProcess.Result {
        let file = home + "/script-\(UUID().uuidString.prefix(8)).ps1"
        FileManager.default.createFile(atPath: file, contents: Data(script.utf8))
        let wrapper = home + "/run-\(UUID().uuidString.prefix(8)).sh"
        let line = "exec " + (prefix + [HvshProcess.executable, "-NoProfile", "-File", file]).map { "'\($0)'" }.joined(separator: " ") + "\n"
        FileManager.default.createFile(atPath: wrapper, contents: Data(line.utf8))
        return try HvshProcess.runProgram("/bin/sh", [wrapper], home: home, timeout: timeout)
    }

    /// Two hvsh processes start and stop one VM (plugged into a switch) as fast as they can. At no moment
    /// do two workers hold the VM, and afterwards the VM starts again (its tap is not left busy).
    func testTwoShellsRacingStartAndStopNeverRunTwoWorkers() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/sbin/ip") || FileManager.default.isExecutableFile(atPath: "/sbin/ip") else {
            throw XCTSkip("iproute2's ip is needed for the test's network namespace")
        }
        let namespace = "hvsh-race-\(getpid())"
        guard (try? HvshProcess.runProgram("/bin/sh", ["-c", "ip netns add \(namespace)"], home: home.path))?.status == 0 else {
            throw XCTSkip("cannot create a network namespace here")
        }
        defer { _ = try? HvshProcess.runProgram("/bin/sh", ["-c", "ip netns del \(namespace)"], home: home.path) }
        let inNamespace = ["ip", "netns", "exec", namespace]
        let setUp = try Self.hvsh("""
            New-VMSwitch -Name RaceNet -SwitchType Internal | Out-Null
            New-VM -Name Race -MemoryStartupBytes 32MB -SwitchName RaceNet | Out-Null
            (Get-VM Race).State
            """, home: home.path, prefix: inNamespace)
        XCTAssertEqual(setUp.stdout, "Off\n", setUp.stderr)

        let racer = """
            for ($i = 0; $i -lt 25; $i++) {
                Start-VM Race -ErrorAction SilentlyContinue
                Stop-VM Race -TurnOff -Force -ErrorAction SilentlyContinue
            }
            $Error | ForEach-Object { 'error ' + $_.FullyQualifiedErrorId + ': ' + $_.Exception.Message }
            """
        let most = Counter()
        let done = Counter()
        let inventory = self.inventory, homePath = home.path
        let watcher = Thread {
            while done.value == 0 {
                most.raise(to: WorkerProcesses.workers(matching: inventory).count)
                usleep(2_000)
            }
        }
        watcher.start()
        let results = Results()
        let group = DispatchGroup()
        for _ in 0..<2 {
            group.enter()
            DispatchQueue.global().async {
                results.append(try? Self.hvsh(racer, home: homePath, prefix: inNamespace, timeout: 240))
                group.leave()
            }
        }
        group.wait()
        done.raise(to: 1)
        for result in results.all {
            let run = try XCTUnwrap(result, "a racing hvsh did not finish")
            XCTAssertFalse(run.stdout.lowercased().contains("busy"), run.stdout)
        }
        XCTAssertLessThanOrEqual(most.value, 1, "two workers ran the VM at once")

        let after = try Self.hvsh("""
            $before = (Get-VM Race).State
            Stop-VM Race -TurnOff -Force
            Start-VM Race
            "$before $((Get-VM Race).State)"
            Stop-VM Race -TurnOff -Force
            (Get-VM Race).State
            """, home: home.path, prefix: inNamespace)
        XCTAssertEqual(after.stdout.split(separator: "\n").last, "Off", after.stdout + after.stderr)
        XCTAssertTrue(after.stdout.hasPrefix("Off Running\n") || after.stdout.hasPrefix("Running Running\n"), after.stdout + after.stderr)
        XCTAssertEqual(WorkerProcesses.workers(matching: inventory), [], "a worker outlived Stop-VM")
    }

    /// A shell killed at a random moment of Start-VM or Stop-VM leaves no orphan: whenever a worker runs
    /// for the VM, Get-VM says Running, and there is never more than one.
    func testShellsKilledDuringStartAndStopLeaveNoOrphanedWorker() throws {
        _ = try runScript("New-VM -Name Killed -MemoryStartupBytes 32MB | Out-Null")
        let file = home.write("start-stop.ps1", "Start-VM Killed -ErrorAction SilentlyContinue\nStop-VM Killed -TurnOff -Force\n")
        var generator = SystemRandomNumberGenerator()
        for round in 0..<8 {
            var environment = ProcessInfo.processInfo.environment
            environment["HOME"] = home.path
            environment["HVSH_HOME"] = inventory
            try HvshProcess.killAtRandom(HvshProcess.executable, ["-NoProfile", "-File", file], environment: environment,
                                         microseconds: 20_000...400_000, using: &generator)
            let state = try runScript("(Get-VM Killed).State").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            let workers = WorkerProcesses.workers(matching: inventory)
            XCTAssertLessThanOrEqual(workers.count, 1, "round \(round)")
            if !workers.isEmpty {
                XCTAssertEqual(state, "Running", "round \(round): a worker runs while Get-VM says \(state)")
            }
        }
        _ = try runScript("Stop-VM Killed -TurnOff -Force")
        XCTAssertEqual(WorkerProcesses.workers(matching: inventory), [])
    }

    /// A SIGSTOPped worker: Get-VM answers at once (it took 5 s) and says the VM is not responding; Stop-VM
    /// turns it off in seconds, not twenty. The bounds leave room for a loaded machine.
    func testStoppedWorkerIsReportedAndTurnedOffQuickly() throws {
        let run = try runScript("""
            New-VM -Name Hung -MemoryStartupBytes 32MB | Out-Null
            Start-VM Hung
            $dir = "$env:HVSH_HOME/run/" + (Get-VM Hung).Id.ToString().Substring(0, 8)
            $workerPid = Get-Content "$dir/worker.pid" | Select-Object -First 1
            "pid $workerPid"
            kill -STOP $workerPid
            $t = Measure-Command { $vm = Get-VM Hung }
            "$($vm.State)|$($vm.Status)|$($t.TotalSeconds -lt 4.5)"
            $t = Measure-Command { Stop-VM Hung }
            "$((Get-VM Hung).State)|$($t.TotalSeconds -lt 10)"
            """)
        let lines = run.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 3, run.stdout + run.stderr)
        XCTAssertEqual(lines[safe: 1], "Running|Not responding|True", run.stdout + run.stderr)
        XCTAssertEqual(lines[safe: 2], "Off|True", run.stdout + run.stderr)
        let pid = try XCTUnwrap(Int32(lines.first?.dropFirst(4) ?? ""))
        XCTAssertTrue(WorkerProcesses.wait(seconds: 5) { !WorkerProcesses.isAlive(pid) }, "the stopped worker still exists")
    }

    /// 18 clients connect to the control socket and say nothing; Get-VM still answers at once.
    func testIdleControlClientsDoNotStallGetVM() throws {
        let start = try runScript("""
            New-VM -Name Busy -MemoryStartupBytes 32MB | Out-Null
            Start-VM Busy
            (Get-VM Busy).Id.ToString().Substring(0, 8)
            """)
        let short = start.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertEqual(short.count, 8, start.stdout + start.stderr)
        let socket = "\(inventory)/run/\(short)/control.sock"
        let idle = try (0..<18).map { _ in try UnixSocket.connect(socket) }
        let query = try runScript("""
            $t = Measure-Command { $vm = Get-VM Busy }
            "$($vm.State)|$($vm.Status)|$([math]::Round($t.TotalSeconds, 1))"
            Stop-VM Busy -TurnOff -Force
            """)
        let fields = query.stdout.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "|")
        XCTAssertEqual(fields.prefix(2).joined(separator: "|"), "Running|Operating normally", query.stdout + query.stderr)
        XCTAssertLessThan(Double(fields.last ?? "") ?? 99, 1.5, "Get-VM waited for the idle clients: \(query.stdout)")
        _ = idle
    }

    /// `save` on the control socket writes only the VM's own saved-state location; the VM then shows Saved
    /// and Start-VM resumes it.
    func testSaveOnlyToTheSavedStateLocationAndTheVMShowsSaved() throws {
        let start = try runScript("""
            New-VM -Name Keep -MemoryStartupBytes 32MB | Out-Null
            Start-VM Keep
            $vm = Get-VM Keep
            $vm.Id.ToString().Substring(0, 8)
            # The VM's Path is shown in drive form; the worker knows the file-system path under C:'s root.
            (Join-Path (Get-PSDrive C).Root ($vm.Path.Substring(3) -replace '\\\\', '/')) + '/Saved States/' + $vm.Id.ToString().ToUpper()
            """)
        let lines = start.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 2, start.stdout + start.stderr)
        let worker = VMWorker(runtimeDirectory: "\(inventory)/run/\(lines[safe: 0] ?? "")")
        let elsewhere = home.path + "/elsewhere"
        XCTAssertThrowsError(try worker.send(.save(directory: elsewhere))) { error in
            XCTAssertTrue("\(error)".contains("saved-state location"), "\(error)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: elsewhere), "a save wrote outside the VM's location")
        XCTAssertEqual(worker.status().state, .running, "a refused save leaves the VM running")

        try worker.save(to: try XCTUnwrap(lines[safe: 1]))
        let after = try runScript("""
            (Get-VM Keep).State
            Start-VM Keep
            (Get-VM Keep).State
            Stop-VM Keep -TurnOff -Force
            """)
        XCTAssertEqual(after.stdout, "Saved\nRunning\n", after.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: lines[1]), "the resumed state's files stay behind")
    }

    /// A descriptor the shell has open without close-on-exec (here one its parent left it) does not reach
    /// the worker.
    func testWorkerInheritsNoDescriptorOfTheShell() throws {
        let stray = home.write("stray-descriptor", "x")
        let run = try Self.hvsh("""
            New-VM -Name Clean -MemoryStartupBytes 32MB | Out-Null
            Start-VM Clean
            $dir = "$env:HVSH_HOME/run/" + (Get-VM Clean).Id.ToString().Substring(0, 8)
            Get-Content "$dir/worker.pid" | Select-Object -First 1
            (Get-ChildItem /proc/self/fd | Measure-Object).Count -gt 0
            """, home: home.path, prefix: ["/bin/sh", "-c", "exec 7<'\(stray)'; exec \"$0\" \"$@\""])
        let pid = try XCTUnwrap(Int32(run.stdout.split(separator: "\n").first ?? ""), run.stdout + run.stderr)
        let descriptors = WorkerProcesses.descriptorTargets(pid)
        XCTAssertFalse(descriptors.isEmpty, "could not read the worker's descriptors")
        XCTAssertFalse(descriptors.values.contains(stray), "the worker inherited the shell's descriptor: \(descriptors)")
        _ = try runScript("Stop-VM Clean -TurnOff -Force")
    }
}

private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var current = 0
    var value: Int { lock.withLock { current } }
    func raise(to candidate: Int) { lock.withLock { current = max(current, candidate) } }
}

private final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [HvshProcess.Result?] = []
    var all: [HvshProcess.Result?] { lock.withLock { items } }
    func append(_ item: HvshProcess.Result?) { lock.withLock { items.append(item) } }
}
