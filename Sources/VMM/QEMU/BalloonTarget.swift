/// Hyper-V's dynamic memory as a virtio balloon's target: the guest is given what it uses plus the buffer
/// (Set-VMMemory -Buffer, a percentage of its use), never less than its minimum nor more than its maximum (or its
/// startup memory, when that is more).
extension QEMUDynamicMemory {
    /// How close the balloon must already be to its target to be left alone: each change costs the guest work
    /// (pages handed over one by one), and use moves by a few MiB all the time.
    public static let hysteresis: UInt64 = 8 << 20

    /// The memory the guest should have, from the balloon driver's own report (`stat-total-memory`, which
    /// shrinks as the balloon grows, and `stat-available-memory`), rounded up to whole MiB. `assigned` (what the
    /// balloon leaves the guest now) minus the guest's total is what its kernel keeps for itself (page
    /// descriptors for all of its RAM, its own code): that stays on top of its use and buffer.
    public func target(guestTotal: UInt64, guestAvailable: UInt64, startup: UInt64, assigned: UInt64 = 0) -> UInt64 {
        let used = guestTotal > guestAvailable ? guestTotal - guestAvailable : 0
        let kernel = assigned > guestTotal ? assigned - guestTotal : 0
        let wanted = kernel + used + used / 100 * UInt64(max(0, bufferPercent))
        let mebibyte: UInt64 = 1 << 20
        let rounded = (wanted + mebibyte - 1) / mebibyte * mebibyte
        let ceiling = self.ceiling(startup: startup)
        return min(ceiling, max(min(minimum, ceiling), rounded))
    }

    /// What the guest uses by its balloon driver's report (Get-VM's MemoryDemand).
    public static func demand(guestTotal: UInt64, guestAvailable: UInt64) -> UInt64 {
        guestTotal > guestAvailable ? guestTotal - guestAvailable : 0
    }

    /// Whether a balloon now giving the guest `assigned` should be moved to `target`.
    public static func shouldMove(assigned: UInt64, to target: UInt64) -> Bool {
        (assigned > target ? assigned - target : target - assigned) >= hysteresis
    }
}
