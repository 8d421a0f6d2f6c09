import Foundation
import Netlink
import PSRuntime

/// Builds the PowerShell objects the cmdlets write from the service's Swift values. Property names
/// and order follow Windows' classes so `Format-List *` and pipeline binding by property name work.
enum NetworkingObjects {
    static let computerName = ProcessInfo.processInfo.hostName

    static func vmSwitch(_ state: VirtualSwitchState) -> PSObject {
        let record = state.record
        let o = PSObject(typeNames: [NetworkingTypes.vmSwitch, "Microsoft.HyperV.PowerShell.VirtualizationObject", "System.Object"])
        let description = record.switchType == .External ? record.uplinkDescriptions.first.map { PSValue.string($0) } ?? .null : .null
        o.addNote("Name", .string(record.name))
        o.addNote("Id", .guid(record.id))
        o.addNote("Notes", .string(record.notes))
        o.addNote("Extensions", .list([]))
        o.addNote("BandwidthReservationMode", .string(record.switchType == .Private ? "None" : "Absolute"))
        o.addNote("PacketDirectEnabled", .false)
        o.addNote("EmbeddedTeamingEnabled", .false)
        o.addNote("IovEnabled", .false)
        o.addNote("SwitchType", .enumValue(NetworkingTypes.switchType.value(named: record.switchType.rawValue)!))
        o.addNote("AllowManagementOS", .bool(!state.hostAdapters.isEmpty))
        o.addNote("NetAdapterInterfaceDescription", description)
        o.addNote("NetAdapterInterfaceDescriptions", .list(record.uplinkDescriptions.map { .string($0) }))
        o.addNote("NetAdapterInterfaceGuid", .list([]))
        o.addNote("IovSupport", .false)
        o.addNote("IovSupportReasons", .list([]))
        for name in ["AvailableIPSecSA", "NumberIPSecSAAllocated", "AvailableVMQueues", "NumberVmqAllocated",
                     "IovQueuePairCount", "IovQueuePairsInUse", "IovVirtualFunctionCount", "IovVirtualFunctionsInUse"] {
            o.addNote(name, .uint32(0))
        }
        o.addNote("PacketDirectInUse", .false)
        for name in ["DefaultQueueVrssEnabledRequested", "DefaultQueueVrssEnabled", "DefaultQueueVmmqEnabledRequested",
                     "DefaultQueueVmmqEnabled"] {
            o.addNote(name, .false)
        }
        for name in ["DefaultQueueVrssMaxQueuePairsRequested", "DefaultQueueVrssMaxQueuePairs",
                     "DefaultQueueVrssMinQueuePairsRequested", "DefaultQueueVrssMinQueuePairs"] {
            o.addNote(name, .uint32(0))
        }
        o.addNote("DefaultQueueVrssQueueSchedulingModeRequested", .string("Dynamic"))
        o.addNote("DefaultQueueVrssQueueSchedulingMode", .string("Dynamic"))
        o.addNote("DefaultQueueVrssExcludePrimaryProcessorRequested", .false)
        o.addNote("DefaultQueueVrssExcludePrimaryProcessor", .false)
        o.addNote("SoftwareRscEnabled", .false)
        o.addNote("BandwidthPercentage", .uint32(0))
        o.addNote("DefaultFlowMinimumBandwidthAbsolute", .long(0))
        o.addNote("DefaultFlowMinimumBandwidthWeight", .long(0))
        o.addNote("CimSession", .null)
        o.addNote("ComputerName", .string(computerName))
        o.addNote("IsDeleted", .false)
        return o
    }

    static func netAdapter(_ adapter: NetAdapterInfo) -> PSObject {
        let o = PSObject(typeNames: NetworkingTypes.cimChain(NetworkingTypes.netAdapter))
        let up = adapter.status == "Up"
        o.addNote("Name", .string(adapter.name))
        o.addNote("InterfaceDescription", .string(adapter.interfaceDescription))
        o.addNote("ifIndex", .uint32(UInt32(bitPattern: adapter.interfaceIndex)))
        o.addNote("Status", .string(adapter.status))
        o.addNote("MacAddress", .string(adapter.macAddress))
        o.addNote("LinkSpeed", .string(adapter.linkSpeed))
        o.addNote("MediaConnectionState", .string(up ? "Connected" : "Disconnected"))
        o.addNote("AdminStatus", .string(adapter.status == "Disabled" ? "Down" : "Up"))
        o.addNote("MediaType", .string("802.3"))
        o.addNote("PhysicalMediaType", .string(adapter.physical ? "802.3" : "Unspecified"))
        o.addNote("InterfaceAlias", .string(adapter.name))
        o.addNote("InterfaceIndex", .uint32(UInt32(bitPattern: adapter.interfaceIndex)))
        o.addNote("ifAlias", .string(adapter.name))
        o.addNote("ifName", .string(adapter.kernelName))
        o.addNote("ifDesc", .string(adapter.interfaceDescription))
        o.addNote("ifOperStatus", .string(up ? "Up" : "Down"))
        o.addNote("MtuSize", .uint32(adapter.mtu))
        o.addNote("Speed", .uint64(adapter.linkSpeedBitsPerSecond))
        o.addNote("ReceiveLinkSpeed", .uint64(adapter.linkSpeedBitsPerSecond))
        o.addNote("TransmitLinkSpeed", .uint64(adapter.linkSpeedBitsPerSecond))
        o.addNote("FullDuplex", .true)
        o.addNote("Virtual", .bool(!adapter.physical))
        o.addNote("Hidden", .bool(adapter.hidden))
        o.addNote("ConnectorPresent", .bool(adapter.physical))
        o.addNote("PermanentAddress", .string(adapter.macAddress.replacingOccurrences(of: "-", with: "")))
        o.addNote("DriverDescription", .string(adapter.interfaceDescription))
        o.addNote("SystemName", .string(computerName))
        o.addNote("CimSession", .null)
        return CimInstanceText.printing(o, className: "MSFT_NetAdapter", keys: [
            ("CreationClassName", "MSFT_NetAdapter"),
            ("DeviceID", CimInstanceText.deviceID(kernelName: adapter.kernelName, macAddress: adapter.macAddress)),
            ("SystemCreationClassName", "CIM_NetworkPort"), ("SystemName", computerName)])
    }

    static func netIPAddress(_ info: NetIPAddressInfo) -> PSObject {
        let o = PSObject(typeNames: NetworkingTypes.cimChain(NetworkingTypes.netIPAddress))
        o.addNote("IPAddress", .string(info.address))
        o.addNote("InterfaceIndex", .uint32(UInt32(bitPattern: info.interfaceIndex)))
        o.addNote("InterfaceAlias", .string(info.interfaceAlias))
        o.addNote("AddressFamily", .enumValue(NetworkingTypes.addressFamily.value(named: info.addressFamily)!))
        o.addNote("Type", .string("Unicast"))
        o.addNote("PrefixLength", .byte(UInt8(info.prefixLength)))
        o.addNote("PrefixOrigin", .string(info.prefixOrigin))
        o.addNote("SuffixOrigin", .string(info.suffixOrigin))
        o.addNote("AddressState", .string(info.addressState))
        o.addNote("ValidLifetime", .string("Infinite ([TimeSpan]::MaxValue)"))
        o.addNote("PreferredLifetime", .string("Infinite ([TimeSpan]::MaxValue)"))
        o.addNote("SkipAsSource", .false)
        o.addNote("PolicyStore", .string(info.policyStore))
        o.addAlias("ifIndex", target: "InterfaceIndex")
        o.addAlias("ifAlias", target: "InterfaceAlias")
        return CimInstanceText.printing(o, className: "MSFT_NetIPAddress", keys: [
            ("Name", CimInstanceText.opaqueID("\(info.interfaceIndex)|\(info.address)|\(info.prefixLength)")),
            ("CreationClassName", ""), ("SystemCreationClassName", ""), ("SystemName", "")])
    }

    static func netRoute(_ route: NetRouteInfo) -> PSObject {
        let o = PSObject(typeNames: NetworkingTypes.cimChain(NetworkingTypes.netRoute))
        o.addNote("DestinationPrefix", .string(route.destinationPrefix))
        o.addNote("NextHop", .string(route.nextHop))
        o.addNote("RouteMetric", .uint16(UInt16(clamping: route.routeMetric)))
        o.addNote("ifMetric", .uint32(0))
        o.addNote("InterfaceIndex", .uint32(UInt32(bitPattern: route.interfaceIndex)))
        o.addNote("InterfaceAlias", .string(route.interfaceAlias))
        o.addNote("AddressFamily", .enumValue(NetworkingTypes.addressFamily.value(named: route.addressFamily)!))
        o.addNote("Protocol", .string("NetMgmt"))
        o.addNote("PolicyStore", .string(route.policyStore))
        o.addAlias("ifIndex", target: "InterfaceIndex")
        return CimInstanceText.printing(o, className: "MSFT_NetRoute", keys: [
            ("InstanceID", CimInstanceText.opaqueID("\(route.interfaceIndex)|\(route.destinationPrefix)|\(route.nextHop)"))])
    }

    static func netNat(_ record: NatRecord) -> PSObject {
        let o = PSObject(typeNames: NetworkingTypes.cimChain(NetworkingTypes.netNat))
        o.addNote("Name", .string(record.name))
        o.addNote("ExternalIPInterfaceAddressPrefix", record.externalPrefix.map { .string($0) } ?? .null)
        o.addNote("InternalIPInterfaceAddressPrefix", .string(record.internalPrefix))
        o.addNote("IcmpQueryTimeout", .uint32(30))
        o.addNote("TcpEstablishedConnectionTimeout", .uint32(1800))
        o.addNote("TcpTransientConnectionTimeout", .uint32(120))
        o.addNote("TcpFilteringBehavior", .string("AddressDependentFiltering"))
        o.addNote("UdpFilteringBehavior", .string("AddressDependentFiltering"))
        o.addNote("UdpIdleSessionTimeout", .uint32(120))
        o.addNote("UdpInboundRefresh", .false)
        o.addNote("Store", .string("Local"))
        o.addNote("Active", .true)
        return CimInstanceText.printing(o, className: "MSFT_NetNat", keys: [("InstanceID", CimInstanceText.opaqueID("nat|\(record.name)"))])
    }

    static func staticMapping(_ record: StaticMappingRecord) -> PSObject {
        let o = PSObject(typeNames: NetworkingTypes.cimChain(NetworkingTypes.netNatStaticMapping))
        o.addNote("StaticMappingID", .uint32(record.staticMappingID))
        o.addNote("NatName", .string(record.natName))
        o.addNote("Protocol", .string(record.transport.uppercased()))
        o.addNote("RemoteExternalIPAddressPrefix", .string("0.0.0.0/0"))
        o.addNote("ExternalIPAddress", .string(record.externalAddress))
        o.addNote("ExternalPort", .uint16(record.externalPort))
        o.addNote("InternalIPAddress", .string(record.internalAddress))
        o.addNote("InternalPort", .uint16(record.internalPort))
        o.addNote("InternalRoutingDomainId", .string("{00000000-0000-0000-0000-000000000000}"))
        o.addNote("Active", .true)
        return CimInstanceText.printing(o, className: "MSFT_NetNatStaticMapping", keys: [
            ("InstanceID", CimInstanceText.opaqueID("mapping|\(record.natName)|\(record.staticMappingID)"))])
    }
}
