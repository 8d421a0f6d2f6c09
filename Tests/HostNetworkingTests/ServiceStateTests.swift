import Foundation
@testable import HostNetworking
import Inventory
import LinuxSystem
import Netlink
import NamespaceTesting
import XCTest

/// Kernel link names of the calling thread's namespace, loopback left out.
func linkNames() throws -> [String] {
    try RouteNetlinkSession().linkList().map(\.name).filter { $0 != "lo" }.sorted()
}

/// Switch, adapter, address and NAT lifecycles against the kernel of a fresh namespace.
final class ServiceStateTests: XCTestCase {
    func withNetwork<T: Sendable>(_ body: @escaping @Sendable (HostNetwork) throws -> T) throws -> T {
        let (inventory, path) = try temporaryInventory()
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try inFreshNamespace { try body(HostNetwork(inventory: inventory)) }
    }


    func testSwitchLifecycle() throws {
        let steps = try withNetwork { network -> [String] in
            var steps: [String] = []
            let created = try network.createSwitch(name: "Lab Switch", type: .Internal, notes: "first")
            steps.append("links:\(try linkNames().count)")
            do {
                try network.createSwitch(name: "lab switch", type: .Private)
            } catch let error as HostNetworkingError {
                steps.append(error.message)
            }
            try network.setSwitch(name: "LAB SWITCH", type: .Private)
            steps.append("private links:\(try linkNames().count) adapters:\(try network.hostAdapters().count)")
            try network.setSwitch(name: "Lab Switch", notes: "second", type: .Internal)
            steps.append("internal adapters:\(try network.adapters().map(\.name))")
            try network.renameSwitch("Lab Switch", to: "Renamed")
            let bridge = try RouteNetlinkSession().link(named: created.record.bridgeName)
            steps.append("alias:\(bridge?.alias ?? "none") notes:\(try network.switchNamed("renamed").record.notes)")
            try network.removeSwitch(named: "Renamed")
            steps.append("after remove links:\(try linkNames().count) switches:\(try network.switches().count) adapters:\(try network.hostAdapters().count)")
            do {
                _ = try network.switchNamed("Renamed")
            } catch let error as HostNetworkingError {
                steps.append(error.message)
            }
            return steps
        }
        XCTAssertEqual(steps, [
            "links:3",
            "A virtual switch named \"lab switch\" already exists.",
            "private links:1 adapters:0",
            "internal adapters:[\"vEthernet (Lab Switch)\"]",
            "alias:Renamed notes:second",
            "after remove links:0 switches:0 adapters:0",
            "Hyper-V was unable to find a virtual switch with name \"Renamed\".",
        ])
    }

    func testAdaptersResolveByWindowsOrKernelNameAndCanBeRenamedAndDisabled() throws {
        let steps = try withNetwork { network -> [String] in
            var steps: [String] = []
            let state = try network.createSwitch(name: "NAT-Switch", type: .Internal)
            let kernelName = state.hostAdapters[0].hostEnd
            steps.append(try network.adapter(named: "VETHERNET (nat-switch)").kernelName == kernelName ? "by windows name" : "miss")
            steps.append(try network.adapter(named: kernelName).name)
            steps.append(try network.adapters(named: ["vEthernet*"]).map(\.name).joined())
            try network.setAdapterEnabled(try network.adapter(named: "vEthernet (NAT-Switch)"), false)
            steps.append(try network.adapter(named: "vEthernet (NAT-Switch)").status)
            try network.setAdapterEnabled(try network.adapter(named: "vEthernet (NAT-Switch)"), true)
            try network.renameAdapter(try network.adapter(named: "vEthernet (NAT-Switch)"), to: "Lab uplink")
            steps.append(try RouteNetlinkSession().link(named: kernelName)?.alias ?? "none")
            steps.append(try network.adapter(named: "lab UPLINK").status)
            try network.addHostAdapter(switchName: "NAT-Switch", name: "Storage")
            steps.append(try network.adapters().map(\.name).sorted().joined(separator: ","))
            try network.removeHostAdapters(named: "Storage")
            steps.append(try network.adapters().map(\.name).sorted().joined(separator: ","))
            do {
                _ = try network.adapters(named: ["adapter_name"])
            } catch let error as HostNetworkingError {
                steps.append(error.message)
            }
            return steps
        }
        XCTAssertEqual(steps, [
            "by windows name",
            "vEthernet (NAT-Switch)",
            "vEthernet (NAT-Switch)",
            "Disabled",
            "Lab uplink",
            "Up",
            "Lab uplink,vEthernet (Storage)",
            "Lab uplink",
            "No MSFT_NetAdapter objects found with property 'Name' equal to 'adapter_name'.  Verify the value of the property and retry.",
        ])
    }

    func testAddressesRoutesAndTheirRecords() throws {
        let steps = try withNetwork { network -> [String] in
            var steps: [String] = []
            try network.createSwitch(name: "NAT-Switch", type: .Internal)
            let adapter = try network.adapter(named: "vEthernet (NAT-Switch)")
            let written = try network.addIPAddress("192.168.2.1", adapter: adapter, prefixLength: 24, family: .ipv4,
                                                   defaultGateway: "192.168.2.254")
            steps.append(written.map { "\($0.policyStore)/\($0.addressState)" }.joined(separator: ","))
            steps.append(try network.ipAddresses().filter { $0.family == .ipv4 }.map { "\($0.interfaceAlias)=\($0.address)/\($0.prefixLength)" }.sorted().joined(separator: ","))
            steps.append(try network.routes().filter { $0.destinationPrefix == "0.0.0.0/0" }.map(\.nextHop).joined())
            do {
                _ = try network.addIPAddress("192.168.2.1", adapter: adapter, prefixLength: 24, family: nil, defaultGateway: nil)
            } catch let error as HostNetworkingError {
                steps.append(error.message)
            }
            do {
                _ = try network.addIPAddress("fd00::1", adapter: adapter, prefixLength: 64, family: .ipv4, defaultGateway: nil)
            } catch let error as HostNetworkingError {
                steps.append(error.category.rawValue)
            }
            let info = try XCTUnwrap(network.ipAddresses().first { $0.address == "192.168.2.1" })
            steps.append("/\(try network.setIPAddressPrefix(info, prefixLength: 16).prefixLength)")
            steps.append("records:\(try network.inventory.list(AddressRecord.self).records.map(\.prefixLength))")
            try network.removeIPAddress(try XCTUnwrap(network.ipAddresses().first { $0.address == "192.168.2.1" }))
            steps.append("records:\(try network.inventory.list(AddressRecord.self).records.count)")
            _ = try network.addRoute(destinationPrefix: "10.20.0.0/16", adapter: adapter, nextHop: nil, metric: 5)
            steps.append(try network.routes().filter { $0.destinationPrefix == "10.20.0.0/16" }.map { "\($0.interfaceAlias) \($0.routeMetric)" }.joined())
            return steps
        }
        XCTAssertEqual(steps, [
            "ActiveStore/Tentative,PersistentStore/Invalid",
            "Loopback Pseudo-Interface 1=127.0.0.1/8,vEthernet (NAT-Switch)=192.168.2.1/24",
            "192.168.2.254",
            "Instance MSFT_NetIPAddress already exists",
            "InvalidArgument",
            "/16",
            "records:[16]",
            "records:0",
            "vEthernet (NAT-Switch) 5",
        ])
    }

    func testNatsRefuseOverlapsAndRemovalClearsRules() throws {
        let steps = try withNetwork { network -> [String] in
            var steps: [String] = []
            _ = try network.createNat(name: "NAT-net", internalPrefix: "192.168.2.0/24")
            for (name, prefix) in [("Other", "192.168.0.0/16"), ("nat-NET", "10.0.0.0/8"), ("Bad", "ip-address/netmask")] {
                do {
                    _ = try network.createNat(name: name, internalPrefix: prefix)
                    steps.append("accepted \(name)")
                } catch let error as HostNetworkingError {
                    steps.append(error.message)
                }
            }
            _ = try network.addStaticMapping(natName: "nat-net", transport: "tcp", externalAddress: "0.0.0.0", externalPort: 8080,
                                             internalAddress: "192.168.2.10", internalPort: 80)
            do {
                _ = try network.addStaticMapping(natName: "NAT-net", transport: "TCP", externalAddress: "0.0.0.0", externalPort: 8080,
                                                 internalAddress: "192.168.2.11", internalPort: 80)
            } catch let error as HostNetworkingError {
                steps.append(error.message)
            }
            do {
                _ = try network.addStaticMapping(natName: "NAT-net", transport: "TCP", externalAddress: "0.0.0.0", externalPort: 8081,
                                                 internalAddress: "10.1.1.1", internalPort: 80)
            } catch let error as HostNetworkingError {
                steps.append(error.message)
            }
            let rules = try runProgram(["nft", "list", "table", "inet", "hvsh"]).output
            steps.append(rules.contains("tcp dport 8080 dnat ip to 192.168.2.10:80") ? "dnat rule" : rules)
            steps.append("forwarding:\(try IPForwarding.isEnabled())")
            try network.removeNat(try XCTUnwrap(network.nats().first))
            steps.append("mappings:\(try network.staticMappings().count)")
            steps.append(try runProgram(["nft", "list", "ruleset"]).output.isEmpty ? "ruleset empty" : "ruleset left")
            return steps
        }
        XCTAssertEqual(steps, [
            "The prefix 192.168.0.0/16 overlaps the prefix 192.168.2.0/24 of NAT 'NAT-net'.",
            "A NAT named 'nat-NET' already exists.",
            "Invalid parameter InternalIPInterfaceAddressPrefix 'ip-address/netmask': expected an address prefix such as 192.168.2.0/24.",
            "The external port 8080/TCP is already mapped.",
            "Invalid parameter InternalIPAddress 10.1.1.1: it must lie in 192.168.2.0/24.",
            "dnat rule",
            "forwarding:true",
            "mappings:0",
            "ruleset empty",
        ])
    }

    func testDhcpAndRouterGuardRules() throws {
        let rules = try withNetwork { _ -> String in
            try PortSecurity.apply(port: "vmtap1", macAddress: "00155D000001", allowSpoofing: true, dhcpGuard: true, routerGuard: true)
            return try runProgram(["nft", "list", "table", "bridge", "hvsh"]).output
        }
        XCTAssertTrue(rules.contains("udp sport 67 drop"), rules)
        XCTAssertTrue(rules.contains("udp sport 547 drop"), rules)
        XCTAssertTrue(rules.contains("nd-router-advert"), rules)
        XCTAssertFalse(rules.contains("ether saddr !="), "spoofing is allowed: \(rules)")
        XCTAssertThrowsError(try PortSecurity.apply(port: "vmtap1", macAddress: "not-a-mac", allowSpoofing: false))
        let exists = try withNetwork { _ -> [Bool] in
            try RouteNetlinkSession().linkAddBridge(name: "vmtap2")
            return [PortSecurity.portExists("vmtap2"), PortSecurity.portExists("vmtap3")]
        }
        XCTAssertEqual(exists, [true, false])
    }

    func testExternalSwitchTakesTheUplinkAndGivesItBackOnRemoval() throws {
        let steps = try withNetwork { network -> [String] in
            let session = try RouteNetlinkSession()
            try session.linkAddVeth(name: "uplink0", peer: "uplink0-far")
            var steps: [String] = []
            let state = try network.createSwitch(name: "Ext", type: .External, uplinks: ["uplink0"], allowManagementOS: true)
            let bridge = try XCTUnwrap(session.link(named: state.record.bridgeName))
            steps.append("\(state.record.switchType.rawValue) enslaved:\(try session.link(named: "uplink0")?.masterIndex == bridge.index)")
            steps.append(try network.adapters().map(\.name).sorted().joined(separator: ","))
            try network.removeSwitch(named: "Ext")
            steps.append("after: master \(try session.link(named: "uplink0")?.masterIndex.map(String.init) ?? "none")")
            do {
                try network.createSwitch(name: "Ext2", type: .External, uplinks: ["no-such-nic"])
            } catch let error as HostNetworkingError {
                steps.append(error.message)
            }
            return steps
        }
        XCTAssertEqual(steps, [
            "External enslaved:true",
            "uplink0,uplink0-far,vEthernet (Ext)",
            "after: master none",
            "No network adapter named \"no-such-nic\" was found.",
        ])
    }

    /// NAT changes read, apply and record under the inventory's lock, so concurrent New-NetNat calls
    /// (threads standing in for separate hvsh processes) keep every rule.
    func testConcurrentNatCreationKeepsEveryRule() throws {
        let result = try withNetwork { network -> (Int, String) in
            // This thread's namespace by path, valid while the thread waits below.
            let namespacePath = "/proc/" + (try FileSystem.readLink("/proc/thread-self")) + "/ns/net"
            let done = DispatchSemaphore(value: 0)
            for i in 0..<4 {
                let thread = Thread {
                    // New threads start in their creator's namespace; enter it explicitly anyway.
                    try? NetworkNamespace.enter(path: namespacePath)
                    _ = try? network.createNat(name: "nat\(i)", internalPrefix: "10.\(i).0.0/16")
                    done.signal()
                }
                thread.start()
            }
            for _ in 0..<4 { done.wait() }
            return (try network.nats().count, try runProgram(["nft", "list", "table", "inet", "hvsh"]).output)
        }
        XCTAssertEqual(result.0, 4)
        for i in 0..<4 { XCTAssertTrue(result.1.contains("ip saddr 10.\(i).0.0/16"), result.1) }
    }
}
