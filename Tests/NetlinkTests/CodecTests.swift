import LinuxSystem
@testable import Netlink
import XCTest
import NetworkAddresses

/// Exact bytes on the wire, checked against hand-assembled messages; no privileges needed.
final class CodecTests: XCTestCase {
    func testBridgeCreationRequestBytes() throws {
        let transport = ReplayTransport(replies: [errorReply(code: 0, sequence: 7)])
        let session = RouteNetlinkSession(transport: transport, firstSequence: 7)
        try session.linkAddBridge(name: "br0")
        XCTAssertEqual(hex(transport.sent[0]), hex(bytes("""
            38 00 00 00  10 00  05 06  07 00 00 00  00 00 00 00
            00 00 00 00  00 00 00 00  00 00 00 00  00 00 00 00
            08 00 03 00  62 72 30 00
            10 00 12 80  0b 00 01 00  62 72 69 64 67 65 00 00
            """)), "nlmsghdr(RTM_NEWLINK, REQUEST|ACK|EXCL|CREATE) + ifinfomsg + IFLA_IFNAME + nested LINKINFO/KIND")
    }

    func testVethPeerIsNestedThreeDeepWithItsOwnIfinfomsg() throws {
        let transport = ReplayTransport(replies: [errorReply(code: 0, sequence: 1)])
        try RouteNetlinkSession(transport: transport).linkAddVeth(name: "a", peer: "b")
        let payload = Array(transport.sent[0][16...])
        XCTAssertEqual(hex(payload), hex(bytes("""
            00 00 00 00  00 00 00 00  00 00 00 00  00 00 00 00
            06 00 03 00  61 00 00 00
            30 00 12 80
               09 00 01 00  76 65 74 68 00 00 00 00
               20 00 02 80
                  1c 00 01 80
                     00 00 00 00  00 00 00 00  00 00 00 00  00 00 00 00
                     06 00 03 00  62 00 00 00
            """)))
    }

    func testIPv4AddressRequestCarriesLocalAddressAndBroadcast() throws {
        let transport = ReplayTransport(replies: [errorReply(code: 0, sequence: 1)])
        try RouteNetlinkSession(transport: transport).addressAdd(index: 5, IPAddress("192.168.2.1")!, prefixLength: 24)
        XCTAssertEqual(hex(Array(transport.sent[0][4..<8])), "14 00 05 06", "RTM_NEWADDR with CREATE|EXCL|ACK")
        XCTAssertEqual(hex(Array(transport.sent[0][16...])), hex(bytes("""
            02 18 00 00  05 00 00 00
            08 00 02 00  c0 a8 02 01
            08 00 01 00  c0 a8 02 01
            08 00 04 00  c0 a8 02 ff
            """)))
    }

    func testDefaultRouteRequest() throws {
        let transport = ReplayTransport(replies: [errorReply(code: 0, sequence: 1)])
        try RouteNetlinkSession(transport: transport).routeAddDefault(gateway: IPAddress("192.168.2.1")!)
        XCTAssertEqual(hex(Array(transport.sent[0][16...])), hex(bytes("""
            02 00 00 00  fe 04 00 01  00 00 00 00
            08 00 05 00  c0 a8 02 01
            """)), "rtmsg(AF_INET, main table, static, universe, unicast) + RTA_GATEWAY")
    }

    func testAliasWithSpacesIsSentWithoutTerminator() throws {
        let transport = ReplayTransport(replies: [errorReply(code: 0, sequence: 1)])
        try RouteNetlinkSession(transport: transport).linkSetAlias(index: 3, "vEthernet (NAT-Switch)")
        let attributes = try NetlinkAttributes(Array(transport.sent[0][32...]))
        XCTAssertEqual(attributes[LinkAttribute.IFLA_IFALIAS], Array("vEthernet (NAT-Switch)".utf8))
        XCTAssertEqual(transport.sent[0].count, 32 + netlinkAligned(4 + 22))
    }

    /// A dump split over two datagrams, the second one ending with NLMSG_DONE.
    func testMultipartDumpAcrossDatagrams() throws {
        func linkMessage(index: Int32, name: String, alias: String?, master: Int32?) -> [UInt8] {
            var payload = Link.ifinfomsg(index: index, flags: InterfaceFlags.IFF_UP | InterfaceFlags.IFF_LOWER_UP)
            payload.attribute(LinkAttribute.IFLA_IFNAME, string: name)
            payload.attribute(LinkAttribute.IFLA_MTU, integer: UInt32(1500))
            payload.attribute(LinkAttribute.IFLA_ADDRESS, [0x00, 0x15, 0x5d, 0x01, 0x02, UInt8(index)])
            if let alias { payload.attribute(LinkAttribute.IFLA_IFALIAS, string: alias) }
            if let master { payload.attribute(LinkAttribute.IFLA_MASTER, integer: master) }
            payload.nested(LinkAttribute.IFLA_LINKINFO) { $0.attribute(LinkInfoAttribute.IFLA_INFO_KIND, string: "veth") }
            return NetlinkMessage.encode(type: NetlinkMessageType.RTM_NEWLINK, flags: NetlinkFlags.NLM_F_MULTI,
                                         sequence: 1, payload: payload.bytes)
        }
        let done = NetlinkMessage.encode(type: NetlinkMessageType.NLMSG_DONE, flags: NetlinkFlags.NLM_F_MULTI,
                                         sequence: 1, payload: [0, 0, 0, 0])
        let transport = ReplayTransport(replies: [
            linkMessage(index: 1, name: "lo", alias: nil, master: nil) + linkMessage(index: 2, name: "hv0", alias: "vEthernet (X)", master: nil),
            linkMessage(index: 3, name: "port1", alias: nil, master: 2) + done,
        ])
        let links = try RouteNetlinkSession(transport: transport).linkList()
        XCTAssertEqual(links.map(\.name), ["lo", "hv0", "port1"])
        XCTAssertEqual(links[1].alias, "vEthernet (X)")
        XCTAssertEqual(links[2].masterIndex, 2)
        XCTAssertEqual(links[2].macAddress?.dashed, "00-15-5D-01-02-03")
        XCTAssertEqual(links[0].kind, "veth")
        XCTAssertTrue(links[0].isUp && links[0].hasCarrier)
        XCTAssertEqual(hex(Array(transport.sent[0][4..<8])), "12 00 01 03", "RTM_GETLINK with REQUEST|DUMP")
    }

    func testPermissionErrorNamesTheOperationAndTheFix() {
        let transport = ReplayTransport(replies: [errorReply(code: -EPERM, sequence: 1)])
        XCTAssertThrowsError(try RouteNetlinkSession(transport: transport).linkAddBridge(name: "br0")) { error in
            XCTAssertEqual("\(error)", "creating a bridge needs root or CAP_NET_ADMIN")
            XCTAssertTrue((error as? NetlinkError)?.isPermissionDenied ?? false)
        }
    }

    func testExtendedAckTextIsKept() {
        let transport = ReplayTransport(replies: [errorReply(code: -EINVAL, sequence: 1, extAckMessage: "Invalid prefix")])
        XCTAssertThrowsError(try RouteNetlinkSession(transport: transport)
            .addressAdd(index: 1, IPAddress("10.0.0.1")!, prefixLength: 8)) { error in
            XCTAssertEqual("\(error)", "adding address 10.0.0.1/8 failed: Invalid argument (kernel: Invalid prefix)")
        }
    }

    func testMissingLinkIsNilNotAnError() throws {
        let transport = ReplayTransport(replies: [errorReply(code: -ENODEV, sequence: 1)])
        XCTAssertNil(try RouteNetlinkSession(transport: transport).link(named: "nope"))
    }

    func testTruncatedReplyIsAnErrorNotACrash() {
        XCTAssertThrowsError(try NetlinkMessage.decodeAll([0xff, 0, 0, 0] + [UInt8](repeating: 0, count: 12)))
        XCTAssertThrowsError(try NetlinkAttributes([0x20, 0, 1, 0, 1, 2]))
        XCTAssertThrowsError(try Link(decoding: [0, 0, 1]))
    }

    func testRepliesForOtherSequencesAreIgnored() throws {
        let transport = ReplayTransport(replies: [errorReply(code: -EPERM, sequence: 99) + errorReply(code: 0, sequence: 1)])
        XCTAssertNoThrow(try RouteNetlinkSession(transport: transport).linkSetUp(index: 2, true))
    }

    func testAddressesAndPrefixes() {
        XCTAssertEqual(IPPrefix("192.168.2.1/24")?.network.description, "192.168.2.0/24")
        XCTAssertNil(IPPrefix("ip-address/netmask"))
        XCTAssertNil(IPPrefix("192.168.2.0/33"))
        XCTAssertTrue(IPPrefix("192.168.2.0/24")!.overlaps(IPPrefix("192.168.0.0/16")!))
        XCTAssertFalse(IPPrefix("192.168.2.0/24")!.overlaps(IPPrefix("192.168.3.0/24")!))
        XCTAssertEqual(IPAddress("fd00::1")?.bytes.count, 16)
        XCTAssertEqual(MACAddress("00-15-5D-AB-CD-EF")?.description, "00:15:5d:ab:cd:ef")
        XCTAssertEqual(MACAddress("00155DABCDEF")?.dashed, "00-15-5D-AB-CD-EF")
        XCTAssertNil(MACAddress("00:15:5d"))
    }

    func testFirewallBatchesStayInHvshTables() throws {
        let nat = HvshFirewall.natCommands(
            masquerades: [.init(name: "NAT-net", internalPrefix: IPPrefix("192.168.2.0/24")!)],
            forwards: [.init(name: "NAT-net", transport: .udp, externalAddress: nil, externalPort: 5353,
                             internalAddress: IPAddress("192.168.2.2")!, internalPort: 53)])
        XCTAssertTrue(nat.contains("ip saddr 192.168.2.0/24 ip daddr != 192.168.2.0/24 masquerade comment \"NAT-net\""))
        XCTAssertTrue(nat.contains("meta nfproto ipv4 udp dport 5353 dnat ip to 192.168.2.2:53"))
        let port = try HvshFirewall.portSecurityCommands(port: "vm1", macAddress: MACAddress("00:15:5d:00:00:01")!,
                                                         allowSpoofing: false)
        XCTAssertTrue(port.contains("add rule bridge hvsh port_766d31 ether saddr != 00:15:5d:00:00:01 drop"))
        for line in (nat + port).split(separator: "\n") {
            XCTAssertTrue(line.contains(" inet hvsh") || line.contains(" bridge hvsh"), "outside hvsh's tables: \(line)")
        }
        XCTAssertThrowsError(try HvshFirewall.portSecurityCommands(port: "bad\"name", macAddress: MACAddress("00:15:5d:00:00:01")!,
                                                                   allowSpoofing: false))
    }
}
