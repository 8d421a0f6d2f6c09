import Foundation
import PSRuntime

/// What a VMInternalNetworkAdapter object is made from: the adapter and the host's name.
struct ManagementOSAdapterView: Sendable {
    var adapter: ManagementOSAdapter
    var computerName: String
}

/// Hyper-V's VMInternalNetworkAdapter (`Get-VMNetworkAdapter -ManagementOS`), its 59 properties in
/// Hyper-V's order (`../shared/reference/hyperv-object-properties.txt`). It has no VM, so VMName is
/// empty and VMId null; the port settings a host adapter cannot change on Linux show their defaults.
enum ManagementOSAdapterObjects {
    static let typeNames = ["Microsoft.HyperV.PowerShell.VMInternalNetworkAdapter"] + HyperVTypeNames.networkAdapter.dropFirst()

    static func make(_ adapter: ManagementOSAdapter, _ host: HyperVHost) -> PSValue {
        .object(template.make(ManagementOSAdapterView(adapter: adapter, computerName: host.info.computerName)))
    }

    static let template = ObjectTemplate<ManagementOSAdapterView>(typeNames: typeNames, properties: [
        ("IsManagementOs", { _ in .true }),
        ("MacAddress", { .string($0.adapter.macAddress) }),
        ("DeviceId", { .string("Microsoft:" + $0.adapter.id.uuidString.uppercased()) }),
        ("AdapterId", { .string($0.adapter.id.uuidString.uppercased()) }),
        ("Name", { .string($0.adapter.name) }),
        ("SwitchName", { .string($0.adapter.switchName) }),
        ("StatusDescription", { _ in PS.strings(["OK"]) }),
        ("Status", { _ in PS.list([VMOperationalStatus.Ok.psValue]) }),
        ("IsExternalAdapter", { _ in .false }),
        ("Id", { .string("Microsoft:" + $0.adapter.id.uuidString.uppercased()) }),
        ("SwitchId", { .string($0.adapter.switchId.uuidString.lowercased()) }),
        ("AclList", { _ in PS.empty }),
        ("ExtendedAclList", { _ in PS.empty }),
        ("IsolationSetting", { _ in .null }),
        ("RoutingDomainList", { _ in PS.empty }),
        ("VlanSetting", { _ in .null }),
        ("BandwidthSetting", { _ in .null }),
        ("CurrentIsolationMode", { _ in .string("Vlan") }),
        ("MacAddressSpoofing", { _ in OnOffState.Off.psValue }),
        ("DhcpGuard", { _ in OnOffState.Off.psValue }),
        ("RouterGuard", { _ in OnOffState.Off.psValue }),
        ("PortMirroringMode", { _ in VMNetworkAdapterPortMirroringMode.None.psValue }),
        ("IeeePriorityTag", { _ in OnOffState.Off.psValue }),
        ("VirtualSubnetId", { _ in .uint32(0) }),
        ("DynamicIPAddressLimit", { _ in .uint32(0) }),
        ("StormLimit", { _ in .uint32(0) }),
        ("AllowTeaming", { _ in OnOffState.Off.psValue }),
        ("FixSpeed10G", { _ in OnOffState.Off.psValue }),
        ("VMQWeight", { _ in .uint32(100) }),
        ("IPsecOffloadMaxSA", { _ in .uint32(512) }),
        ("VrssEnabled", { _ in .false }),
        ("VrssEnabledRequested", { _ in .false }),
        ("VmmqEnabled", { _ in .false }),
        ("VmmqEnabledRequested", { _ in .false }),
        ("VrssMaxQueuePairs", { _ in .uint32(16) }),
        ("VrssMaxQueuePairsRequested", { _ in .uint32(16) }),
        ("VrssMinQueuePairs", { _ in .uint32(1) }),
        ("VrssMinQueuePairsRequested", { _ in .uint32(1) }),
    ] + DeviceObjects.adapterPortDefaults() + [
        ("VMId", { _ in .null }),
        ("VMName", { _ in .string("") }),
        ("VMSnapshotId", { _ in PS.zeroGuid }),
        ("VMSnapshotName", { _ in .string("") }),
        ("CimSession", { _ in CimSessionValue.make() }),
        ("ComputerName", { .string($0.computerName) }),
        ("IsDeleted", { _ in .false }),
    ], toString: { $0.adapter.name })
}
