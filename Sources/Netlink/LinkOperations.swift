import LinuxSystem
import NetworkAddresses

/// Links: dump, get, create bridges and veth pairs, delete, and change state, master, MTU, MAC,
/// name and alias.
extension RouteNetlinkSession {
    public func linkList() throws(NetlinkError) -> [Link] {
        try dump(Link.self, request: NetlinkMessageType.RTM_GETLINK, payload: Link.ifinfomsg().bytes,
                 operation: "listing network interfaces")
    }

    /// The link with this kernel name, or nil when there is none.
    public func link(named name: String) throws(NetlinkError) -> Link? {
        var payload = Link.ifinfomsg()
        payload.attribute(LinkAttribute.IFLA_IFNAME, string: name)
        return try linkQuery(payload.bytes, operation: "looking up interface \(name)")
    }

    /// The link with this index, or nil when there is none.
    public func link(index: Int32) throws(NetlinkError) -> Link? {
        try linkQuery(Link.ifinfomsg(index: index).bytes, operation: "looking up interface #\(index)")
    }

    private func linkQuery(_ payload: [UInt8], operation: String) throws(NetlinkError) -> Link? {
        do {
            let reply = try query(type: NetlinkMessageType.RTM_GETLINK, payload: payload, operation: operation)
            return try decode(Link.self, from: [reply], operation: operation).first
        } catch where error.errno == .noDevice || error.errno == .noSuchFile {
            return nil
        }
    }

    /// Creates a Linux bridge.
    public func linkAddBridge(name: String, macAddress: MACAddress? = nil) throws(NetlinkError) {
        var payload = Link.ifinfomsg()
        payload.attribute(LinkAttribute.IFLA_IFNAME, string: name)
        if let macAddress { payload.attribute(LinkAttribute.IFLA_ADDRESS, macAddress.bytes) }
        payload.nested(LinkAttribute.IFLA_LINKINFO) { info in
            info.attribute(LinkInfoAttribute.IFLA_INFO_KIND, string: "bridge")
        }
        try perform(type: NetlinkMessageType.RTM_NEWLINK,
                    flags: NetlinkFlags.NLM_F_CREATE | NetlinkFlags.NLM_F_EXCL,
                    payload: payload.bytes, operation: "creating a bridge")
    }

    /// Creates a veth pair `name` <-> `peer`; `peerNamespace` (a namespace descriptor) puts the peer
    /// end straight into another namespace.
    public func linkAddVeth(name: String, peer: String, macAddress: MACAddress? = nil,
                            peerNamespace: CInt? = nil) throws(NetlinkError) {
        var payload = Link.ifinfomsg()
        payload.attribute(LinkAttribute.IFLA_IFNAME, string: name)
        if let macAddress { payload.attribute(LinkAttribute.IFLA_ADDRESS, macAddress.bytes) }
        payload.nested(LinkAttribute.IFLA_LINKINFO) { info in
            info.attribute(LinkInfoAttribute.IFLA_INFO_KIND, string: "veth")
            info.nested(LinkInfoAttribute.IFLA_INFO_DATA) { data in
                data.nested(VethInfoAttribute.VETH_INFO_PEER) { peerInfo in
                    // The peer is described by its own ifinfomsg followed by its attributes.
                    peerInfo.append(bytes: Link.ifinfomsg().bytes)
                    peerInfo.attribute(LinkAttribute.IFLA_IFNAME, string: peer)
                    if let peerNamespace {
                        peerInfo.attribute(LinkAttribute.IFLA_NET_NS_FD, integer: UInt32(bitPattern: peerNamespace))
                    }
                }
            }
        }
        try perform(type: NetlinkMessageType.RTM_NEWLINK,
                    flags: NetlinkFlags.NLM_F_CREATE | NetlinkFlags.NLM_F_EXCL,
                    payload: payload.bytes, operation: "creating a veth pair")
    }

    public func linkDelete(index: Int32) throws(NetlinkError) {
        try perform(type: NetlinkMessageType.RTM_DELLINK, payload: Link.ifinfomsg(index: index).bytes,
                    operation: "deleting interface #\(index)")
    }

    /// Brings the link administratively up or down.
    public func linkSetUp(index: Int32, _ up: Bool) throws(NetlinkError) {
        let payload = Link.ifinfomsg(index: index, flags: up ? InterfaceFlags.IFF_UP : 0,
                                     change: InterfaceFlags.IFF_UP)
        try perform(type: NetlinkMessageType.RTM_NEWLINK, payload: payload.bytes,
                    operation: up ? "bringing interface #\(index) up" : "bringing interface #\(index) down")
    }

    /// Makes the link a port of bridge `masterIndex`, or detaches it when nil.
    public func linkSetMaster(index: Int32, masterIndex: Int32?) throws(NetlinkError) {
        try linkSet(index: index, operation: masterIndex == nil ? "detaching interface #\(index) from its bridge"
                                                                : "attaching interface #\(index) to a bridge") {
            $0.attribute(LinkAttribute.IFLA_MASTER, integer: masterIndex ?? 0)
        }
    }

    public func linkSetMTU(index: Int32, _ mtu: UInt32) throws(NetlinkError) {
        try linkSet(index: index, operation: "setting the MTU of interface #\(index)") {
            $0.attribute(LinkAttribute.IFLA_MTU, integer: mtu)
        }
    }

    public func linkSetMACAddress(index: Int32, _ address: MACAddress) throws(NetlinkError) {
        try linkSet(index: index, operation: "setting the MAC address of interface #\(index)") {
            $0.attribute(LinkAttribute.IFLA_ADDRESS, address.bytes)
        }
    }

    /// Renames the link (it must be down for most drivers).
    public func linkSetName(index: Int32, _ name: String) throws(NetlinkError) {
        try linkSet(index: index, operation: "renaming interface #\(index) to \(name)") {
            $0.attribute(LinkAttribute.IFLA_IFNAME, string: name)
        }
    }

    /// Sets `IFLA_IFALIAS` (up to 255 bytes, spaces allowed); an empty string removes it.
    public func linkSetAlias(index: Int32, _ alias: String) throws(NetlinkError) {
        try linkSet(index: index, operation: "setting the alias of interface #\(index)") {
            // The kernel takes the alias without a terminating NUL; a zero-length one clears it.
            $0.attribute(LinkAttribute.IFLA_IFALIAS, Array(alias.utf8))
        }
    }

    /// Moves the link into the namespace `namespaceDescriptor` refers to.
    public func linkSetNamespace(index: Int32, namespaceDescriptor: CInt) throws(NetlinkError) {
        try linkSet(index: index, operation: "moving interface #\(index) to another namespace") {
            $0.attribute(LinkAttribute.IFLA_NET_NS_FD, integer: UInt32(bitPattern: namespaceDescriptor))
        }
    }

    private func linkSet(index: Int32, operation: String, _ attributes: (inout NetlinkWriter) -> Void) throws(NetlinkError) {
        var payload = Link.ifinfomsg(index: index)
        attributes(&payload)
        try perform(type: NetlinkMessageType.RTM_NEWLINK, payload: payload.bytes, operation: operation)
    }
}
