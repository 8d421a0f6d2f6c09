import Foundation
import XCTest

/// `hvsh -Sandbox` ending by a signal (issue 17, defect 2): the VMs it started are turned off before
/// its home goes, instead of running on with parent 1 where no command can reach them.
final class SandboxCleanupTests: XCTestCase {
    private var home: ScratchDirectory!
    override func setUpWithError() throws {
        try WorkerProcesses.requireVMs()
        home = HvshProcess.makeHome()
    }
    override func tearDown() { home?.remove() }

    /// Starts `hvsh -Sandbox -File` with a script that starts a VM and waits; returns the process, the
    /// worker's pid and the scratch home the worker's command line names.
    private func startSandboxWithRunningVM(ownHome: Bool) throws -> (Process, Int32, String) {
        let script = home.write("lab-\(UUID().uuidString.prefix(6)).ps1", """
            New-VM -Name Boxed -MemoryStartupBytes 32MB | Out-Null
            Start-VM Boxed
            'started'
            Start-Sleep -Seconds 120
            """)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: HvshProcess.executable)
        process.arguments = ["-Sandbox", "-NoProfile", "-File", script]
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = home.path
        environment.removeValue(forKey: "HVSH_HOME")
        if ownHome { environment["HVSH_HOME"] = home.path + "/hvsh-state" }
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // The sandboxed hvsh is the outer one's child; its VM's worker runs in the same network namespace.
        var worker: Int32?
        var workerHome = ""
        _ = WorkerProcesses.wait(seconds: 60) {
            for child in WorkerProcesses.children(of: process.processIdentifier) {
                guard let namespace = WorkerProcesses.networkNamespace(child) else { continue }
                for pid in WorkerProcesses.workers(matching: "/run/") where WorkerProcesses.networkNamespace(pid) == namespace {
                    worker = pid
                    workerHome = WorkerProcesses.commandLine(pid) ?? ""
                }
            }
            return worker != nil
        }
        guard let worker else {
            process.terminate()
            throw XCTSkip("the sandboxed VM did not start (no network namespaces or VMs here?)")
        }
        return (process, worker, workerHome)
    }

    private func assertSignalEndsSandboxWithoutWorkers(_ signal: Int32, ownHome: Bool) throws {
        let (process, worker, commandLine) = try startSandboxWithRunningVM(ownHome: ownHome)
        kill(process.processIdentifier, signal)
        XCTAssertTrue(WorkerProcesses.wait(seconds: 30) { !process.isRunning }, "hvsh -Sandbox did not end on signal \(signal)")
        if process.isRunning { process.terminate() }
        XCTAssertTrue(WorkerProcesses.wait(seconds: 5) { !WorkerProcesses.isAlive(worker) },
                      "the worker \(worker) (\(commandLine)) outlived the sandbox after signal \(signal)")
        if WorkerProcesses.isAlive(worker) { kill(worker, SIGKILL) }
        if !ownHome, let scratch = commandLine.split(separator: " ").last.map(String.init),
           let range = scratch.range(of: "/run/") {
            let scratchHome = String(scratch[..<range.lowerBound])
            XCTAssertFalse(FileManager.default.fileExists(atPath: scratchHome), "the scratch home \(scratchHome) stayed")
        }
    }

    func testSIGTERMTurnsTheSandboxesVMsOffAndRemovesItsHome() throws {
        try assertSignalEndsSandboxWithoutWorkers(SIGTERM, ownHome: false)
    }

    func testSIGHUPTurnsTheSandboxesVMsOffWithAHomeOfItsOwn() throws {
        try assertSignalEndsSandboxWithoutWorkers(SIGHUP, ownHome: true)
    }

    func testSIGINTFromAnotherProcessTurnsTheSandboxesVMsOff() throws {
        try assertSignalEndsSandboxWithoutWorkers(SIGINT, ownHome: false)
    }
}
