/// Guest programs shipped inside hvsh, built from firmware/ at build time.
public enum BuiltInImage: String, Sendable, CaseIterable {
    /// The firmware a VM without a boot source runs: prints a banner and idles.
    case firmware
    /// Test guest: counts on the console from a 100 Hz timer.
    case counter
    /// Test guest: writes garbage to every port and MMIO address outside RAM.
    case garbage
    /// Test guest: waits for an EtherType 0x88b5 frame on its first virtio-net adapter, reports it, answers.
    case netecho
    /// Test guest: hands its virtio-net device malicious descriptors, reporting the device status after each.
    case evilnet
    /// Test guest: echoes console input in upper case (UART receive interrupts).
    case echo
    /// Test guest: hands its virtio-blk devices malformed requests, reporting the status byte and device status.
    case evilblk

    public var bytes: [UInt8] {
        switch self {
        case .firmware: return BuiltInImageBytes.firmware
        case .counter: return BuiltInImageBytes.counter
        case .garbage: return BuiltInImageBytes.garbage
        case .netecho: return BuiltInImageBytes.netecho
        case .evilnet: return BuiltInImageBytes.evilnet
        case .echo: return BuiltInImageBytes.echo
        case .evilblk: return BuiltInImageBytes.evilblk
        }
    }
}
