import Foundation
import PSCommands
import PSRuntime

/// Bounded scripts through the whole evaluator: parse, compile, run, and format the output the way
/// Out-Default does. Bounded three ways: the text is at most 2 KiB, a watchdog stops each run after
/// 10 ms (loops and pipelines poll the stop flag), and no single value may take more than 64 MiB
/// (ResourceLimits). Mutated loops that never end are common and each runs until the limit, so the
/// limit sets much of the target's speed: it was 250 ms, then 30 ms, when the 10 of 400 corpus
/// inputs that ran into it still took 60% of the time. An operation that never polls the flag (the
/// kind of bug this finds: `'' * 1e9` looping inside one operator) still runs into libFuzzer's 10 s. The session reaches nothing outside
/// itself: host access is off (no programs, no file writes, no environment changes) and only
/// cmdlets without side effects are registered. One session runs every input: it is put back to
/// its baseline (variables, functions, aliases, strict mode, `$Error`: `SessionBaseline`) before
/// each, so no input sees what an earlier one defined. Building a session per input was half this
/// target's time.
enum EvaluatorHarness {
    static let maximumLength = 2048
    static let timeLimitNanoseconds: UInt64 = 10_000_000

    /// Cmdlets that only compute: no files, processes, network, prompts or module state.
    static let allowedCmdlets: Set<String> = [
        "Add-Member", "Clear-Variable", "Compare-Object", "ConvertFrom-Csv", "ConvertFrom-Json", "ConvertTo-Csv",
        "ConvertTo-Json", "ForEach-Object", "Format-List", "Format-Table", "Format-Wide", "Get-Alias", "Get-Command",
        "Get-Date", "Get-Member", "Get-Random", "Get-Unique", "Get-Variable", "Group-Object", "Invoke-Expression",
        "Join-Path", "Measure-Command", "Measure-Object", "New-Alias", "New-Guid", "New-Object", "New-TimeSpan",
        "New-Variable", "Out-Default", "Out-Host", "Out-Null", "Out-String", "Remove-Alias", "Remove-Variable",
        "Select-Object", "Set-Alias", "Set-StrictMode", "Set-Variable", "Sort-Object", "Split-Path", "Start-Sleep",
        "Where-Object", "Write-Debug", "Write-Error", "Write-Host", "Write-Information", "Write-Output",
        "Write-Progress", "Write-Verbose", "Write-Warning",
    ]

    // libFuzzer (and the replayer) call a target from one thread only.
    nonisolated(unsafe) static let module: PSModule = {
        var m = CoreCommands.module
        m.cmdlets = m.cmdlets.filter { allowedCmdlets.contains($0.declaration.name) }
        m.aliases = m.aliases.filter { allowedCmdlets.contains($0.1) }
        return m
    }()

    // libFuzzer (and the replayer) call a target from one thread only.
    nonisolated(unsafe) private static let shared: (session: ShellSession, baseline: SessionBaseline) = {
        ResourceLimits.maxAllocationBytes = 64 << 20
        Watchdog.shared.start()
        let session = ShellSession(host: DiscardingHost(), modules: [module])
        session.hostAccess = .none
        session.currentDirectory = "/nonexistent-hvsh-fuzz"
        return (session, session.baseline())
    }()

    static func run(_ bytes: UnsafeRawBufferPointer) {
        guard bytes.count <= maximumLength else { return }
        let (session, baseline) = shared
        let text = String(decoding: bytes, as: UTF8.self)
        session.restore(baseline)
        Watchdog.shared.arm(session.stopFlag, nanoseconds: timeLimitNanoseconds)
        _ = session.run(text)
        Watchdog.shared.disarm()
        // What the script defined goes now, not with the next input (its functions refer to the session).
        session.restore(baseline)
    }
}

/// A host that keeps nothing (a runaway script may write without end until the watchdog stops it).
final class DiscardingHost: PSHost {
    func write(_ text: String, stream: HostStream) {}
    func readLine(prompt: String) -> String? { nil }
    var windowWidth: Int { 120 }
    var isInteractive: Bool { false }
}

/// Stops the running script once its time is up, from a thread of its own.
final class Watchdog: @unchecked Sendable {
    static let shared = Watchdog()
    // Guarded by `lock`; the thread only reads them.
    private let lock = NSLock()
    private var deadline: UInt64 = .max
    private var flag: StopFlag?
    private var started = false

    func start() {
        lock.lock(); defer { lock.unlock() }
        guard !started else { return }
        started = true
        let thread = Thread { [self] in
            while true {
                usleep(2_000)
                lock.lock()
                if let flag, DispatchTime.now().uptimeNanoseconds > deadline { flag.request() }
                lock.unlock()
            }
        }
        thread.start()
    }

    func arm(_ flag: StopFlag, nanoseconds: UInt64) {
        lock.lock(); defer { lock.unlock() }
        self.flag = flag
        deadline = DispatchTime.now().uptimeNanoseconds + nanoseconds
    }

    func disarm() {
        lock.lock(); defer { lock.unlock() }
        flag = nil
        deadline = .max
    }
}
