import PSRuntime

/// Type names and enums of the objects the networking cmdlets write, as Windows names them.
enum NetworkingTypes {
    static let vmSwitch = "Microsoft.HyperV.PowerShell.VMSwitch"
    static let cim = "Microsoft.Management.Infrastructure.CimInstance"
    static let netAdapter = "Microsoft.Management.Infrastructure.CimInstance#ROOT/StandardCimv2/MSFT_NetAdapter"
    static let netIPAddress = "Microsoft.Management.Infrastructure.CimInstance#ROOT/StandardCimv2/MSFT_NetIPAddress"
    static let netRoute = "Microsoft.Management.Infrastructure.CimInstance#ROOT/StandardCimv2/MSFT_NetRoute"
    static let netNat = "Microsoft.Management.Infrastructure.CimInstance#ROOT/StandardCimv2/MSFT_NetNat"
    static let netNatStaticMapping = "Microsoft.Management.Infrastructure.CimInstance#ROOT/StandardCimv2/MSFT_NetNatStaticMapping"

    static let switchType = PSEnumType(fullName: "Microsoft.HyperV.PowerShell.VMSwitchType",
                                       members: [("Private", 0), ("Internal", 1), ("External", 2)])
    static let addressFamily = PSEnumType(fullName: "AddressFamily", members: [("IPv4", 2), ("IPv6", 23)])

    /// Type name chain for a CIM class: the specific name, the bare class, then the generic CIM instance.
    static func cimChain(_ specific: String) -> [String] {
        let bare = specific.split(separator: "/").last.map(String.init) ?? specific
        return [specific, "\(cim)#\(bare)", cim, "System.Object"]
    }
}
