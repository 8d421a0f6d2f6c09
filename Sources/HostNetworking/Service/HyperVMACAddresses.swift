import NetworkAddresses

extension MACAddress {
    /// Microsoft's OUI, 00:15:5D, which Hyper-V's dynamic MACs (and its switches' own) start with.
    public static let hyperVPrefix: [UInt8] = [0x00, 0x15, 0x5D]

    /// A random unicast address in Hyper-V's range, like a dynamic MAC Hyper-V hands out.
    public static func randomHyperV() -> MACAddress { random(prefix: hyperVPrefix) }
}
