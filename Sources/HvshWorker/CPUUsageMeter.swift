import LinuxSystem

/// CPU usage as Hyper-V reports it: percent of the whole host's capacity, over the last sampling interval.
struct CPUUsageMeter {
    private var lastWall = Clock.monotonicNanoseconds()
    private var lastCPU = Clock.processCPUNanoseconds()
    private(set) var percent = 0.0
    private let hostCPUs = Double(Processes.onlineProcessorCount)

    /// The percentage in ten-thousandths, an integer: printing a `Double` would pull the float-to-text
    /// algorithm's code pages into every worker that answers a state request.
    var tenThousandths: UInt64 { UInt64(max(0, percent) * 10_000 + 0.5) }

    /// Takes a new sample if at least `interval` has passed.
    mutating func sample(minimumIntervalNanoseconds: UInt64 = 500_000_000) {
        let wall = Clock.monotonicNanoseconds()
        guard wall - lastWall >= minimumIntervalNanoseconds else { return }
        let cpu = Clock.processCPUNanoseconds()
        percent = Double(cpu - lastCPU) / Double(wall - lastWall) / hostCPUs * 100
        lastWall = wall
        lastCPU = cpu
    }
}
