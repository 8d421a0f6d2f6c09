import CNetShim
import Foundation
import LinuxSystem
@testable import Netlink
import NamespaceTesting
import XCTest
import NetworkAddresses

/// Real kernel objects, made only inside a network namespace each test creates, and checked with
/// iproute2 and nft run inside that same namespace.
final class LiveNamespaceTests: XCTestCase {
    func testBridgeVethAliasMasterMTUAndMAC() throws {
        let report = try inFreshNamespace { () throws -> [String: String] in
            let session = try RouteNetlinkSession()
            try session.linkAddBridge(name: "hvbr0")
            try session.linkAddVeth(name: "hvp0", peer: "hvp0-peer")
            let bridge = try XCTUnwrap(session.link(named: "hvbr0"))
            let port = try XCTUnwrap(session.link(named: "hvp0"))
            try session.linkSetAlias(index: bridge.index, "vEthernet (NAT-Switch)")
            try session.linkSetMaster(index: port.index, masterIndex: bridge.index)
            try session.linkSetMTU(index: port.index, 1400)
            try session.linkSetMACAddress(index: port.index, MACAddress("00:15:5d:12:34:56")!)
            try session.linkSetUp(index: bridge.index, true)
            try session.linkSetUp(index: port.index, true)

            let ipLinks = try XCTUnwrap(runJSON(["ip", "-j", "-d", "link", "show"]) as? [[String: Any]])
            var report: [String: String] = [:]
            for entry in ipLinks {
                let name = entry["ifname"] as? String ?? ""
                report["\(name).alias"] = entry["ifalias"] as? String
                report["\(name).master"] = entry["master"] as? String
                report["\(name).mtu"] = (entry["mtu"] as? Int).map(String.init)
                report["\(name).address"] = entry["address"] as? String
                report["\(name).kind"] = (entry["linkinfo"] as? [String: Any])?["info_kind"] as? String
                report["\(name).up"] = ((entry["flags"] as? [String])?.contains("UP") ?? false) ? "yes" : "no"
            }
            // Our own dump agrees with iproute2's.
            let ours = try session.linkList()
            report["ours"] = ours.map(\.name).sorted().joined(separator: ",")
            report["ours.alias"] = ours.first { $0.name == "hvbr0" }?.alias
            try session.linkDelete(index: port.index)
            report["afterDelete"] = try session.link(named: "hvp0-peer") == nil ? "gone" : "still there"
            return report
        }
        XCTAssertEqual(report["hvbr0.kind"], "bridge")
        XCTAssertEqual(report["hvbr0.alias"], "vEthernet (NAT-Switch)")
        XCTAssertEqual(report["hvbr0.up"], "yes")
        XCTAssertEqual(report["hvp0.master"], "hvbr0")
        XCTAssertEqual(report["hvp0.mtu"], "1400")
        XCTAssertEqual(report["hvp0.address"], "00:15:5d:12:34:56")
        XCTAssertEqual(report["hvp0.kind"], "veth")
        XCTAssertEqual(report["ours"], "hvbr0,hvp0,hvp0-peer,lo")
        XCTAssertEqual(report["ours.alias"], "vEthernet (NAT-Switch)")
        XCTAssertEqual(report["afterDelete"], "gone", "deleting one veth end removes the pair")
    }

    func testAddressesBothFamiliesAndDefaultRoute() throws {
        let result = try inFreshNamespace { () throws -> [String] in
            let session = try RouteNetlinkSession()
            try session.linkAddBridge(name: "hvbr1")
            let bridge = try XCTUnwrap(session.link(named: "hvbr1"))
            try session.linkSetUp(index: bridge.index, true)
            try session.addressAdd(index: bridge.index, IPAddress("192.168.2.1")!, prefixLength: 24)
            try session.addressAdd(index: bridge.index, IPAddress("fd00:2::1")!, prefixLength: 64)
            try session.routeAddDefault(gateway: IPAddress("192.168.2.254")!)
            var lines: [String] = []
            let ipAddrs = try XCTUnwrap(runJSON(["ip", "-j", "addr", "show", "dev", "hvbr1"]) as? [[String: Any]])
            for info in (ipAddrs.first?["addr_info"] as? [[String: Any]]) ?? [] {
                lines.append("ip:\(info["local"] ?? "")/\(info["prefixlen"] ?? "")")
            }
            for address in try session.addressList() where address.interfaceIndex == bridge.index {
                lines.append("ours:\(address.prefix)")
            }
            let routes = try XCTUnwrap(runJSON(["ip", "-j", "route", "show", "default"]) as? [[String: Any]])
            lines.append("iproute:\(routes.first?["gateway"] ?? "none")")
            lines.append("ourroute:\(try session.routeList().first { $0.isDefault }?.gateway?.description ?? "none")")
            try session.addressDelete(index: bridge.index, IPAddress("192.168.2.1")!, prefixLength: 24)
            lines.append("left:\(try session.addressList(family: .ipv4).filter { $0.interfaceIndex == bridge.index }.count)")
            do {
                try session.addressAdd(index: bridge.index, IPAddress("fd00:2::1")!, prefixLength: 64)
                lines.append("duplicate accepted")
            } catch {
                lines.append("dup:\(error)")
            }
            return lines
        }
        XCTAssertTrue(result.contains("ip:192.168.2.1/24"), "\(result)")
        XCTAssertTrue(result.contains("ip:fd00:2::1/64"), "\(result)")
        XCTAssertTrue(result.contains("ours:192.168.2.1/24"), "\(result)")
        XCTAssertTrue(result.contains("ours:fd00:2::1/64"), "\(result)")
        XCTAssertTrue(result.contains("iproute:192.168.2.254"), "\(result)")
        XCTAssertTrue(result.contains("ourroute:192.168.2.254"), "\(result)")
        XCTAssertTrue(result.contains("left:0"), "\(result)")
        XCTAssertTrue(result.contains { $0.hasPrefix("dup:adding address fd00:2::1/64 failed: it already exists") }, "\(result)")
    }

    func testTapDeviceAndPersistence() throws {
        let names = try inFreshNamespace { () throws -> [String] in
            let session = try RouteNetlinkSession()
            var seen: [String] = []
            do {
                let tap = try TapDevice(name: "hvtap0", virtioHeaderSize: 10)
                seen.append(tap.name)
                let link = try XCTUnwrap(session.link(named: "hvtap0"))
                seen.append(link.kind ?? "no kind")
                let ipTuntap = try runProgram(["ip", "-d", "link", "show", "hvtap0"]).output
                seen.append(ipTuntap.contains("tap") && ipTuntap.contains("vnet_hdr") ? "tap+vnet_hdr" : ipTuntap)
            }
            seen.append(try session.link(named: "hvtap0") == nil ? "gone after close" : "kept")
            do {
                let tap = try TapDevice(name: "hvtap1")
                try tap.setPersistent(true)
            }
            let kept = try XCTUnwrap(session.link(named: "hvtap1"))
            seen.append("persisted")
            try session.linkDelete(index: kept.index)
            return seen
        }
        XCTAssertEqual(names, ["hvtap0", "tun", "tap+vnet_hdr", "gone after close", "persisted"])
    }

    func testForwardingSysctlChangesOnlyTheNamespace() throws {
        try requireNamespaces()
        let hostBefore = try IPForwarding.isEnabled()
        let inside = try inFreshNamespace { () throws -> [Bool] in
            let before = try IPForwarding.isEnabled()
            try IPForwarding.setEnabled(!before)
            return [before, try IPForwarding.isEnabled()]
        }
        XCTAssertEqual(inside[1], !inside[0])
        XCTAssertEqual(try IPForwarding.isEnabled(), hostBefore, "the host's ip_forward must not change")
    }

    func testNftablesMasqueradeAndPortSecurityInHvshTablesOnly() throws {
        let ruleset = try inFreshNamespace { () throws -> String in
            let nft = try NftablesContext()
            try nft.run("add table inet other\nadd chain inet other keep\n", operation: "adding a foreign table")
            try HvshFirewall.applyNat(masquerades: [.init(name: "NAT-net", internalPrefix: IPPrefix("192.168.2.0/24")!)],
                                      forwards: [], context: nft)
            // Applying twice is idempotent, and the last state wins.
            try HvshFirewall.applyNat(masquerades: [.init(name: "NAT-net", internalPrefix: IPPrefix("192.168.2.0/24")!)],
                                      forwards: [.init(name: "NAT-net", transport: .tcp, externalAddress: nil, externalPort: 8080,
                                                       internalAddress: IPAddress("192.168.2.2")!, internalPort: 80)],
                                      context: nft)
            try HvshFirewall.setPortSecurity(port: "vmport0", macAddress: MACAddress("00:15:5d:00:00:02")!,
                                             allowSpoofing: false, context: nft)
            return try runProgram(["nft", "-j", "list", "ruleset"]).output
        }
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(ruleset.utf8)) as? [String: Any])
        let items = try XCTUnwrap(json["nftables"] as? [[String: Any]])
        let tables = items.compactMap { $0["table"] as? [String: Any] }.map { "\($0["family"]!) \($0["name"]!)" }
        XCTAssertEqual(Set(tables), ["inet other", "inet hvsh", "bridge hvsh"])
        let rules = items.compactMap { $0["rule"] as? [String: Any] }
        XCTAssertEqual(rules.filter { $0["chain"] as? String == "nat-postrouting" }.count, 1)
        XCTAssertEqual(rules.filter { $0["chain"] as? String == "nat-prerouting" }.count, 1)
        XCTAssertTrue(ruleset.contains("\"masquerade\""), ruleset)
        XCTAssertTrue(ruleset.contains("\"192.168.2.2\""), ruleset)
        XCTAssertTrue(ruleset.contains("00:15:5d:00:00:02"), ruleset)
    }

    func testEmptyNatStateRemovesTheTable() throws {
        let output = try inFreshNamespace { () throws -> String in
            let nft = try NftablesContext()
            try HvshFirewall.applyNat(masquerades: [.init(name: "n", internalPrefix: IPPrefix("10.9.0.0/16")!)],
                                      forwards: [], context: nft)
            try HvshFirewall.applyNat(masquerades: [], forwards: [], context: nft)
            try HvshFirewall.setPortSecurity(port: "p1", macAddress: MACAddress("00:15:5d:00:00:03")!,
                                             allowSpoofing: true, context: nft)
            try HvshFirewall.removePort("p1", context: nft)
            try HvshFirewall.removePort("p2", context: nft)
            return try runProgram(["nft", "list", "ruleset"]).output
        }
        XCTAssertFalse(output.contains("inet hvsh"), output)
        XCTAssertFalse(output.contains("port_7031"), output)
    }

    func testUnprivilegedCallerGetsAClearMessage() throws {
        let message = try inFreshNamespace { () throws -> String in
            guard cns_drop_thread_capabilities() == 0 else { return "capset failed" }
            do {
                try RouteNetlinkSession().linkAddBridge(name: "hvbr9")
                return "created without privileges"
            } catch {
                return "\(error)"
            }
        }
        XCTAssertEqual(message, "creating a bridge needs root or CAP_NET_ADMIN")
    }

    func testGuardRefusesChangesInTheProtectedNamespace() throws {
        try requireNamespaces()
        NamespaceGuard.protect()
        defer { NamespaceGuard.release() }
        XCTAssertThrowsError(try RouteNetlinkSession().linkAddBridge(name: "hvnever")) { error in
            XCTAssertTrue("\(error)".contains("refused by hvsh"), "\(error)")
        }
        XCTAssertThrowsError(try IPForwarding.setEnabled(true))
        XCTAssertThrowsError(try NftablesContext().run("add table inet hvsh", operation: "test"))
    }

    func testMovingAVethEndIntoAnotherNamespace() throws {
        let seen = try inFreshNamespace { () throws -> [String] in
            let home = try NetworkNamespace.openCurrent()
            try NetworkNamespace.unshareCurrentThread()
            let other = try NetworkNamespace.openCurrent()
            try NetworkNamespace.enter(home)
            let session = try RouteNetlinkSession()
            try session.linkAddVeth(name: "hvout0", peer: "hvin0", peerNamespace: other.rawValue)
            var seen = [try session.link(named: "hvin0") == nil ? "not here" : "here"]
            try NetworkNamespace.enter(other)
            seen.append(try RouteNetlinkSession().link(named: "hvin0") == nil ? "missing there" : "there")
            try NetworkNamespace.enter(home)
            return seen
        }
        XCTAssertEqual(seen, ["not here", "there"])
    }
}
