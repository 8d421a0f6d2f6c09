import LinuxSystem

/// System.Diagnostics.Stopwatch on the monotonic clock: what scripts time their steps with
/// (`$sw = [Diagnostics.Stopwatch]::StartNew(); ...; $sw.Elapsed`). Ticks are .NET's on Linux:
/// nanoseconds (Frequency 1,000,000,000), so ElapsedTicks and GetTimestamp agree with pwsh there.
final class StopwatchState {
    static let typeName = "System.Diagnostics.Stopwatch"
    static let frequency: Int64 = 1_000_000_000
    private var accumulated: UInt64 = 0
    private var startedAt: UInt64?

    var isRunning: Bool { startedAt != nil }

    var elapsedNanoseconds: UInt64 {
        accumulated + (startedAt.map { Clock.monotonicNanoseconds() - $0 } ?? 0)
    }

    func start() { if startedAt == nil { startedAt = Clock.monotonicNanoseconds() } }

    func stop() {
        guard let started = startedAt else { return }
        accumulated += Clock.monotonicNanoseconds() - started
        startedAt = nil
    }

    func reset() { accumulated = 0; startedAt = nil }

    static func object(_ state: StopwatchState) -> PSValue {
        let o = PSObject(typeNames: [typeName, "System.Object"], baseObject: state)
        // Properties in .NET's order (what Format-List shows).
        o.addProperty("IsRunning") { _ in .bool(state.isRunning) }
        o.addProperty("Elapsed") { _ in .timeSpan(PSTimeSpan(ticks: Int64(state.elapsedNanoseconds / 100))) }
        o.addProperty("ElapsedMilliseconds") { _ in .long(Int64(state.elapsedNanoseconds / 1_000_000)) }
        o.addProperty("ElapsedTicks") { _ in .long(Int64(state.elapsedNanoseconds)) }
        o.addVoidMethod("Start") { _, _ in state.start() }
        o.addVoidMethod("Stop") { _, _ in state.stop() }
        o.addVoidMethod("Reset") { _, _ in state.reset() }
        o.addVoidMethod("Restart") { _, _ in state.reset(); state.start() }
        o.toStringHandler = { _ in typeName }
        return .object(o)
    }
}

extension StaticTypes {
    nonisolated(unsafe) static let stopwatchTypes: [StaticType] = [
        StaticType(
            keys: ["diagnostics.stopwatch"],
            properties: [
                StaticType.constant("long", "Frequency", .long(StopwatchState.frequency)),
                StaticType.constant("bool", "IsHighResolution", .true),
            ],
            methods: [
                StaticType.method("StartNew", "static System.Diagnostics.Stopwatch StartNew()") { call in
                    guard call.args.isEmpty else { throw call.wrongCount() }
                    let state = StopwatchState()
                    state.start()
                    return StopwatchState.object(state)
                },
                StaticType.method("GetTimestamp", "static long GetTimestamp()") { _ in .long(Int64(Clock.monotonicNanoseconds())) },
            ]),
    ]
}
