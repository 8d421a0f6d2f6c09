import LinuxSystem
import VMM

/// Dynamic memory for a QEMU VM: the guest's balloon driver reports its memory use every second, and the worker
/// moves the balloon so the VM holds what the guest uses plus Hyper-V's buffer (`QEMUDynamicMemory.target`).
/// Get-VM's MemoryAssigned is then what the balloon leaves the guest.
extension QEMUSupervisor {
    static let balloonPath = "/machine/peripheral/balloon0"

    /// Asks QEMU to collect the guest's memory statistics (only a guest with a balloon driver sends them), and
    /// for a VM whose maximum is above its startup memory sets the balloon to leave it the startup memory: the
    /// guest's driver inflates it as soon as it loads.
    func startBalloonStatistics() throws(VMMError) {
        guard let dynamicMemory = qemu.dynamicMemory else { return }
        try monitor.execute("qom-set", [("path", .string(Self.balloonPath)), ("property", .string("guest-stats-polling-interval")),
                                        ("value", .number(1))])
        if dynamicMemory.ceiling(startup: request.machine.memorySize) > request.machine.memorySize, request.restoreFrom == nil {
            try monitor.execute("balloon", [("value", .number(Double(request.machine.memorySize)))])
        }
    }

    /// At most once a second: the guest's latest statistics, and the balloon moved if the VM holds too much or too
    /// little. A paused VM, or a guest that has not reported yet, is left as it is.
    func adjustBalloon() {
        guard let dynamicMemory = qemu.dynamicMemory, ending == nil else { return }
        let now = Clock.monotonicNanoseconds()
        guard now - lastBalloonCheck >= 1_000_000_000 else { return }
        lastBalloonCheck = now
        guard let statistics = try? monitor.execute("qom-get", [("path", .string(Self.balloonPath)), ("property", .string("guest-stats"))]),
              let updated = statistics["last-update"]?.uint64, updated != 0, updated != lastBalloonReport,
              let total = statistics["stats"]?["stat-total-memory"]?.uint64,
              let available = statistics["stats"]?["stat-available-memory"]?.uint64, total > 0 else { return }
        lastBalloonReport = updated
        guestDemand = QEMUDynamicMemory.demand(guestTotal: total, guestAvailable: available)
        guard let assigned = (try? monitor.execute("query-balloon"))?["actual"]?.uint64 else { return }
        let target = dynamicMemory.target(guestTotal: total, guestAvailable: available, startup: request.machine.memorySize, assigned: assigned)
        guard QEMUDynamicMemory.shouldMove(assigned: assigned, to: target) else { return }
        _ = try? monitor.execute("balloon", [("value", .number(Double(target)))])
    }
}
