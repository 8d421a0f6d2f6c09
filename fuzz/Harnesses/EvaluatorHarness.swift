import Foundation
import PSCommands
import PSRuntime

/// Bounded scripts through the whole evaluator: parse, compile, run, and format the output the way
/// Out-Default does. Bounded three ways: the text is at most 2 KiB, a watchdog stops each run after
/// 2 ms of CPU time (loops, pipelines and function calls poll the stop flag), and no single value may
/// take more than 64 MiB (ResourceLimits). Mutated loops and recursions that never end are common and
/// each runs until the limit, so the limit sets most of the target's speed: it was 250 ms, then 30 ms,
/// then 10 ms of wall time, when the 3% of corpus inputs that ran into it (and recursions, which did
/// not poll the flag then and ran to the 1000-call limit for 0.2 s each) took 96% of the time. 2 ms of
/// CPU is what 10 ms of wall time gave a fuzzer on the loaded machine, and a loop reaches all the code
/// it reaches in its first few hundred rounds. An operation that never polls the flag (the kind of
/// bug this finds: `'' * 1e9` looping inside one operator) still runs into libFuzzer's 10 s. The session reaches nothing outside
/// itself: host access is off (no programs, no file writes, no environment changes) and only
/// cmdlets without side effects are registered. One session runs every input: it is put back to
/// its baseline (variables, functions, aliases, strict mode, `$Error`: `SessionBaseline`) after
/// each, so no input sees what an earlier one defined. Building a session per input was half this
/// target's time.
enum EvaluatorHarness {
    static let maximumLength = 2048
    static let timeLimitNanoseconds: UInt64 = 2_000_000

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
        // The session is at its baseline: it was made so, and every input puts it back afterwards
        // (restoring before each input as well was a twentieth of this target's time).
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

/// Stops the running script once it has used its CPU time, from a thread of its own. CPU time of the
/// thread running the script, not wall time: on the shared machine a fuzzer gets a third of a core or
/// less, so a wall-clock limit let a loop run for a third of it, and the limit (and the target's
/// speed) changed with the load. The thread sleeps while nothing is armed (the corpus tests arm it
/// for a moment in a long test run).
final class Watchdog: @unchecked Sendable {
    static let shared = Watchdog()
    /// Guards the fields below; the thread waits on it while nothing is armed.
    private let condition = NSCondition()
    private var flag: StopFlag?
    private var clock = clockid_t()
    private var limit: UInt64 = .max
    private var started = false
    /// How often the armed watchdog looks at the clock.
    static let pollMicroseconds: UInt32 = 250

    func start() {
        condition.lock(); defer { condition.unlock() }
        guard !started else { return }
        started = true
        let thread = Thread { [self] in
            while true {
                condition.lock()
                while flag == nil { condition.wait() }
                if let flag, Self.cpuNanoseconds(clock) > limit { flag.request() }
                condition.unlock()
                usleep(Self.pollMicroseconds)
            }
        }
        thread.start()
    }

    /// Requests `flag` once the calling thread has used `nanoseconds` more of CPU time.
    func arm(_ flag: StopFlag, nanoseconds: UInt64) {
        var id = clockid_t()
        guard pthread_getcpuclockid(pthread_self(), &id) == 0 else { return }
        let now = Self.cpuNanoseconds(id)
        condition.lock(); defer { condition.unlock() }
        self.flag = flag
        clock = id
        limit = now + nanoseconds
        condition.signal()
    }

    func disarm() {
        condition.lock(); defer { condition.unlock() }
        flag = nil
        limit = .max
    }

    private static func cpuNanoseconds(_ clock: clockid_t) -> UInt64 {
        var now = timespec()
        guard clock_gettime(clock, &now) == 0 else { return 0 }
        return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
    }
}
