import PSRuntime

/// Default views, as Windows' format files define them for these types.
enum NetworkingViews {
    static var all: [FormatView] {
        [
            FormatView(name: "VMSwitch", typeNames: [NetworkingTypes.vmSwitch], table: [
                TableColumn("Name"),
                TableColumn("SwitchType"),
                TableColumn("NetAdapterInterfaceDescription"),
            ]),
            // Windows' MSFT_NetAdapter table: fixed widths 25/39/7/12/22/9.
            FormatView(name: "NetAdapter", typeNames: [NetworkingTypes.netAdapter], table: [
                TableColumn("Name", width: 25),
                TableColumn("InterfaceDescription", width: 39),
                TableColumn("ifIndex", width: 7, alignment: .right),
                TableColumn("Status", width: 12),
                TableColumn("MacAddress", width: 22),
                TableColumn("LinkSpeed", width: 9, alignment: .right),
            ]),
            FormatView(name: "NetIPAddress", typeNames: [NetworkingTypes.netIPAddress], list: [
                "IPAddress", "InterfaceIndex", "InterfaceAlias", "AddressFamily", "Type", "PrefixLength", "PrefixOrigin",
                "SuffixOrigin", "AddressState", "ValidLifetime", "PreferredLifetime", "SkipAsSource", "PolicyStore",
            ].map { ListItem($0) }),
            FormatView(name: "NetIPAddressTable", typeNames: [NetworkingTypes.netIPAddress], table: [
                TableColumn("ifIndex", alignment: .right),
                TableColumn("IPAddress"),
                TableColumn("PrefixLength", alignment: .right),
                TableColumn("PrefixOrigin"),
                TableColumn("SuffixOrigin"),
                TableColumn("AddressState"),
                TableColumn("PolicyStore"),
            ]),
            FormatView(name: "NetRoute", typeNames: [NetworkingTypes.netRoute], table: [
                TableColumn("ifIndex", alignment: .right),
                TableColumn("DestinationPrefix"),
                TableColumn("NextHop"),
                TableColumn("RouteMetric", alignment: .right),
                TableColumn("ifMetric", alignment: .right),
                TableColumn("PolicyStore"),
            ]),
            FormatView(name: "NetNat", typeNames: [NetworkingTypes.netNat], list: [
                "Name", "ExternalIPInterfaceAddressPrefix", "InternalIPInterfaceAddressPrefix", "IcmpQueryTimeout",
                "TcpEstablishedConnectionTimeout", "TcpTransientConnectionTimeout", "TcpFilteringBehavior",
                "UdpFilteringBehavior", "UdpIdleSessionTimeout", "UdpInboundRefresh", "Store", "Active",
            ].map { ListItem($0) }),
            FormatView(name: "NetNatStaticMapping", typeNames: [NetworkingTypes.netNatStaticMapping], list: [
                "StaticMappingID", "NatName", "Protocol", "RemoteExternalIPAddressPrefix", "ExternalIPAddress", "ExternalPort",
                "InternalIPAddress", "InternalPort", "InternalRoutingDomainId", "Active",
            ].map { ListItem($0) }),
        ]
    }
}
