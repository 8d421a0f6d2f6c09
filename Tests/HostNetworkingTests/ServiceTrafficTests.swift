import Foundation
import HostNetworking
import Inventory
import LinuxSystem
import Netlink
import NamespaceTesting
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// Real packets through hvsh's switch, NAT and port security, between namespaces the test made.
final class ServiceTrafficTests: XCTestCase {
    /// vm (192.168.2.2) -> NAT host (192.168.2.1 | 10.99.0.1) -> lan (10.99.0.2), and back in
    /// through a static mapping.
    func testNatMasqueradesOutboundAndStaticMappingForwardsInbound() throws {
        let seen = try inNetworkLab(["vm", "lan"]) { network, lab throws -> [String] in
            try network.createSwitch(name: "NAT-Switch", type: .Internal)
            let adapter = try network.adapter(named: "vEthernet (NAT-Switch)")
            _ = try network.addIPAddress("192.168.2.1", adapter: adapter, prefixLength: 24, family: .ipv4, defaultGateway: nil)
            _ = try network.createNat(name: "NAT-net", internalPrefix: "192.168.2.0/24")
            try lab.cable(hostEnd: "vmport", to: "vm", otherEnd: "eth0", address: "192.168.2.2", gateway: "192.168.2.1")
            try network.attach(port: "vmport", toSwitchNamed: "NAT-Switch")
            try lab.cable(hostEnd: "uplink", to: "lan", otherEnd: "eth0", address: "10.99.0.2")
            let session = try RouteNetlinkSession()
            try session.addressAdd(index: try session.link(named: "uplink")!.index, IPAddress("10.99.0.1")!, prefixLength: 24)

            var seen: [String] = []
            let lanSocket = try lab.inside("lan") { try UDPSocket(bindTo: "10.99.0.2", port: 5000) }
            let vmSocket = try lab.inside("vm") { try UDPSocket(bindTo: "0.0.0.0", port: 7000) }
            try lab.inside("vm") { try vmSocket.send("out", to: "10.99.0.2", port: 5000) }
            if let got = lanSocket.receive() { seen.append("lan got \(got.text) from \(got.from)") }

            _ = try network.addStaticMapping(natName: "NAT-net", transport: "UDP", externalAddress: "0.0.0.0",
                                             externalPort: 6000, internalAddress: "192.168.2.2", internalPort: 7000)
            let probe = try lab.inside("lan") { try UDPSocket(bindTo: "10.99.0.2", port: 5001) }
            try lab.inside("lan") { try probe.send("in", to: "10.99.0.1", port: 6000) }
            if let got = vmSocket.receive() { seen.append("vm got \(got.text) from \(got.from) on 7000") }
            return seen
        }
        XCTAssertEqual(seen, ["lan got out from 10.99.0.1", "vm got in from 10.99.0.2 on 7000"])
    }

    /// A frame with a foreign source MAC from a VM port is dropped while spoofing is Off and
    /// delivered once it is On; the port's own MAC always passes.
    func testMacSpoofingOffDropsForeignSourceAndOnDeliversIt() throws {
        let seen = try inNetworkLab(["vm"]) { network, lab throws -> [String] in
            try network.createSwitch(name: "Lab", type: .Private)
            try lab.cable(hostEnd: "vmtap0", to: "vm", otherEnd: "eth0", address: nil, mac: "00:15:5d:00:00:10")
            try network.attach(port: "vmtap0", toSwitchNamed: "Lab")
            let bridge = try network.switchNamed("Lab").record.bridgeName
            let session = try RouteNetlinkSession()
            let listener = try PacketSocket(interfaceIndex: try session.link(named: bridge)!.index)
            let sender = try lab.inside("vm") { () throws -> PacketSocket in
                try PacketSocket(interfaceIndex: try RouteNetlinkSession().link(named: "eth0")!.index)
            }

            func frame(from mac: [UInt8], tag: UInt8) -> [UInt8] {
                [0xff, 0xff, 0xff, 0xff, 0xff, 0xff] + mac + [0x88, 0xb5] + [0x68, 0x76, tag] + [UInt8](repeating: 0, count: 43)
            }
            func trial(_ label: String) -> String {
                let own: [UInt8] = [0x00, 0x15, 0x5d, 0x00, 0x00, 0x10]
                let foreign: [UInt8] = [0x02, 0x00, 0x00, 0x00, 0x00, 0x99]
                for (mac, tag) in [(own, UInt8(1)), (foreign, UInt8(2))] {
                    try? sender.send(frame(from: mac, tag: tag))
                }
                var tags: [UInt8] = []
                while let buffer = try? listener.receive(timeoutMilliseconds: 300) {
                    if buffer.count >= 17 && buffer[12] == 0x88 && buffer[13] == 0xb5 && buffer[14] == 0x68 { tags.append(buffer[16]) }
                }
                return "\(label): " + tags.map { $0 == 1 ? "own" : "foreign" }.joined(separator: ",")
            }
            var seen: [String] = []
            try PortSecurity.apply(port: "vmtap0", macAddress: "00155D000010", allowSpoofing: false)
            seen.append(trial("Off"))
            try PortSecurity.apply(port: "vmtap0", macAddress: "00-15-5D-00-00-10", allowSpoofing: true)
            seen.append(trial("On"))
            try PortSecurity.apply(port: "vmtap0", macAddress: "00:15:5d:00:00:10", allowSpoofing: false)
            seen.append(trial("Off again"))
            try PortSecurity.remove(port: "vmtap0")
            seen.append(trial("Removed"))
            return seen
        }
        XCTAssertEqual(seen, ["Off: own", "On: own,foreign", "Off again: own", "Removed: own,foreign"])
    }

    func testReconcileRecreatesWhatTheKernelLost() throws {
        let (inventory, path) = try temporaryInventory()
        defer { try? FileManager.default.removeItem(atPath: path) }
        // First namespace: build the lab. Second, fresh namespace: the kernel has nothing.
        try inFreshNamespace { () throws in
            let network = HostNetwork(inventory: inventory)
            try network.createSwitch(name: "NAT-Switch", type: .Internal)
            _ = try network.addIPAddress("192.168.2.1", adapter: try network.adapter(named: "vEthernet (NAT-Switch)"),
                                         prefixLength: 24, family: .ipv4, defaultGateway: nil)
            _ = try network.createNat(name: "NAT-net", internalPrefix: "192.168.2.0/24")
        }
        let result = try inFreshNamespace { () throws -> (Bool, ReconcileReport, Bool, String, String) in
            let network = HostNetwork(inventory: inventory)
            let missingBefore = try network.switchNamed("NAT-Switch").presentInKernel
            let report = network.reconcile()
            let presentAfter = try network.switchNamed("NAT-Switch").presentInKernel
            let addresses = try runProgram(["ip", "-j", "addr"]).output
            let rules = try runProgram(["nft", "list", "ruleset"]).output
            return (missingBefore, report, presentAfter, addresses, rules)
        }
        XCTAssertFalse(result.0, "a fresh namespace has no bridge")
        XCTAssertEqual(result.1.failures, [])
        XCTAssertEqual(result.1.recreated.count, 4, "\(result.1.recreated)")
        XCTAssertTrue(result.2)
        XCTAssertTrue(result.3.contains("\"192.168.2.1\""), result.3)
        XCTAssertTrue(result.4.contains("ip saddr 192.168.2.0/24 ip daddr != 192.168.2.0/24 masquerade"), result.4)
    }
}
