import Synchronization

/// A flag a SIGINT handler may set: `request()` is a single atomic store (async-signal-safe, no
/// locks, no allocation). The evaluator polls it between statements, loop iterations and objects.
public final class StopFlag: Sendable {
    private let flag = Atomic<Bool>(false)
    public init() {}
    public func request() { flag.store(true, ordering: .relaxed) }
    public func clear() { flag.store(false, ordering: .relaxed) }
    public var isSet: Bool { flag.load(ordering: .relaxed) }
}
