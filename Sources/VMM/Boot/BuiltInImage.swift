/// Guest programs shipped inside hvsh, built from firmware/ at build time.
public enum BuiltInImage: String, Sendable, CaseIterable {
    /// The firmware a VM without a boot source runs: prints a banner and idles.
    case firmware
    /// Test guest: counts on the console from a 100 Hz timer.
    case counter
    /// Test guest: writes garbage to every port and MMIO address outside RAM.
    case garbage

    public var bytes: [UInt8] {
        switch self {
        case .firmware: return BuiltInImageBytes.firmware
        case .counter: return BuiltInImageBytes.counter
        case .garbage: return BuiltInImageBytes.garbage
        }
    }
}
