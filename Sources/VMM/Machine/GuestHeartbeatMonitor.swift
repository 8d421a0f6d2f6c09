import LinuxSystem

/// Hyper-V's Heartbeat service, seen from the host: every half second the worker sends the guest a
/// new number and later checks that the guest copied it back. A guest that has never answered is
/// "no contact"; one that answered recently is alive; one that answered once and then stopped has
/// "lost communication". A paused guest cannot answer, so pausing neither counts against it nor for it.
public struct GuestHeartbeatMonitor: Sendable {
    public static let intervalNanoseconds: UInt64 = 500_000_000
    /// Answers older than this (four missed beats) mean the guest stopped answering.
    public static let lostAfterNanoseconds: UInt64 = 2_000_000_000

    private var sent: UInt8 = 0
    private var sentAt: UInt64 = 0
    private var answeredAt: UInt64?

    public init() {}

    /// Called from the worker's event loop (at least every `intervalNanoseconds`): checks the last
    /// beat against the guest's `answer` and, when one is due, sends the next through `send`.
    public mutating func tick(paused: Bool, answer: UInt8?, now: UInt64 = Clock.monotonicNanoseconds(), send: (UInt8) -> Void) {
        if paused {
            if answeredAt != nil { answeredAt = now }
            return
        }
        if sent != 0, answer == sent { answeredAt = now }
        guard sentAt == 0 || now &- sentAt >= Self.intervalNanoseconds else { return }
        // Never send the number the guest shows now, or a guest that stopped long ago would look alive
        // when the counter comes round to its last answer.
        repeat { sent = sent == UInt8.max ? 1 : sent + 1 } while sent == answer
        sentAt = now
        send(sent)
    }

    public mutating func tick(_ machine: Machine) {
        tick(paused: machine.isPaused, answer: machine.heartbeatAnswer()) { machine.sendHeartbeat($0) }
    }

    public func state(now: UInt64 = Clock.monotonicNanoseconds()) -> GuestHeartbeat {
        guard let answeredAt else { return .noContact }
        return now &- answeredAt <= Self.lostAfterNanoseconds ? .ok : .lost
    }
}
