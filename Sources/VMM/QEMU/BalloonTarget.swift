/// Hyper-V's dynamic memory as a virtio balloon's target: the guest is given what it uses plus the buffer
/// (Set-VMMemory -Buffer, a percentage of its use), never less than its minimum nor more than it booted with.
extension QEMUDynamicMemory {
    /// How close the balloon must already be to its target to be left alone: each change costs the guest work
    /// (pages handed over one by one), and use moves by a few MiB all the time.
    public static let hysteresis: UInt64 = 8 << 20

    /// The memory the guest should have, from the balloon driver's own report (`stat-total-memory`, which
    /// shrinks as the balloon grows, and `stat-available-memory`), rounded up to whole MiB.
    public func target(guestTotal: UInt64, guestAvailable: UInt64, startup: UInt64) -> UInt64 {
        let used = guestTotal > guestAvailable ? guestTotal - guestAvailable : 0
        let wanted = used + used / 100 * UInt64(max(0, bufferPercent))
        let mebibyte: UInt64 = 1 << 20
        let rounded = (wanted + mebibyte - 1) / mebibyte * mebibyte
        return min(startup, max(min(minimum, startup), rounded))
    }

    /// Whether a balloon now giving the guest `assigned` should be moved to `target`.
    public static func shouldMove(assigned: UInt64, to target: UInt64) -> Bool {
        (assigned > target ? assigned - target : target - assigned) >= hysteresis
    }
}
