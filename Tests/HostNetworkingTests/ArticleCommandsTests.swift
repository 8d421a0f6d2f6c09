import CNetShim
import Foundation
import HostNetworking
import Inventory
import Netlink
import NamespaceTesting
import XCTest

/// The article's four networking commands, typed verbatim (typographic quotes included) with its
/// example values, run by the shell inside a namespace and checked with iproute2 and nft there.
final class ArticleCommandsTests: XCTestCase {
    static let articleCommands = """
        New-VMSwitch -Name “NAT-Switch” -SwitchType Internal
        New-NetNat -Name “NAT-net” -InternalIPInterfaceAddressPrefix ‘192.168.2.0/24’
        Get-NetAdapter | ft -Autosize
        Get-NetAdapter “vEthernet (NAT-Switch)” | New-NetIPAddress -IPAddress 192.168.2.1 -AddressFamily IPv4 -PrefixLength 24
        """

    struct Observed: Sendable {
        var run: ScriptRun
        var links: String
        var addresses: String
        var ruleset: String
        var forwarding: Bool
    }

    func testArticleSequenceMakesBridgeAliasAddressAndMasquerade() throws {
        let (inventory, path) = try temporaryInventory()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let seen = try inFreshNamespace { () throws -> Observed in
            let run = runScript(Self.articleCommands, network: HostNetwork(inventory: inventory))
            return Observed(run: run, links: try runProgram(["ip", "-j", "-d", "link"]).output,
                            addresses: try runProgram(["ip", "-j", "addr"]).output,
                            ruleset: try runProgram(["nft", "-j", "list", "ruleset"]).output,
                            forwarding: try IPForwarding.isEnabled())
        }
        XCTAssertEqual(seen.run.other, "", "no errors or warnings")

        let links = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(seen.links.utf8)) as? [[String: Any]])
        let bridge = try XCTUnwrap(links.first { ($0["linkinfo"] as? [String: Any])?["info_kind"] as? String == "bridge" })
        XCTAssertEqual(bridge["ifalias"] as? String, "NAT-Switch")
        let hostAdapter = try XCTUnwrap(links.first { $0["ifalias"] as? String == "vEthernet (NAT-Switch)" })
        XCTAssertEqual((hostAdapter["linkinfo"] as? [String: Any])?["info_kind"] as? String, "veth")
        XCTAssertTrue(((hostAdapter["flags"] as? [String]) ?? []).contains("UP"))
        let hostName = try XCTUnwrap(hostAdapter["ifname"] as? String)
        XCTAssertLessThanOrEqual(hostName.utf8.count, 15)

        let addresses = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(seen.addresses.utf8)) as? [[String: Any]])
        let onAdapter = addresses.first { $0["ifname"] as? String == hostName }?["addr_info"] as? [[String: Any]] ?? []
        XCTAssertTrue(onAdapter.contains { $0["local"] as? String == "192.168.2.1" && $0["prefixlen"] as? Int == 24 }, seen.addresses)

        XCTAssertTrue(seen.ruleset.contains("\"masquerade\""), seen.ruleset)
        XCTAssertTrue(seen.ruleset.contains("\"prefix\": {\"addr\": \"192.168.2.0\", \"len\": 24}"), seen.ruleset)
        XCTAssertTrue(seen.forwarding, "New-NetNat turns forwarding on in the namespace")

        // What the shell printed: New-VMSwitch's table, New-NetNat's list, the adapter table with
        // -AutoSize widths, then New-NetIPAddress's two objects.
        let output = seen.run.output
        XCTAssertTrue(output.contains("\nName       SwitchType NetAdapterInterfaceDescription\n----       ---------- ------------------------------\nNAT-Switch Internal"), output)
        XCTAssertTrue(output.contains("InternalIPInterfaceAddressPrefix : 192.168.2.0/24"), output)
        let index = try XCTUnwrap(hostAdapter["ifindex"] as? Int)
        let mac = try XCTUnwrap(hostAdapter["address"] as? String).uppercased().replacingOccurrences(of: ":", with: "-")
        let indexCell = String(repeating: " ", count: 7 - String(index).count) + String(index)
        XCTAssertTrue(output.contains("""
            Name                   InterfaceDescription             ifIndex Status MacAddress        LinkSpeed
            ----                   --------------------             ------- ------ ----------        ---------
            vEthernet (NAT-Switch) Hyper-V Virtual Ethernet Adapter \(indexCell) Up     \(mac)   10 Gbps
            """), output)
        XCTAssertTrue(output.contains("AddressState      : Tentative\nValidLifetime     : Infinite ([TimeSpan]::MaxValue)"), output)
        XCTAssertTrue(output.contains("PolicyStore       : ActiveStore"), output)
        XCTAssertTrue(output.contains("AddressState      : Invalid"), output)
        XCTAssertTrue(output.contains("PolicyStore       : PersistentStore"), output)
    }

    func testArticlePlaceholdersTypedLiterallyGiveClearErrors() throws {
        let (inventory, path) = try temporaryInventory()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let runs = try inFreshNamespace { () throws -> [String] in
            let network = HostNetwork(inventory: inventory)
            var texts: [String] = []
            texts.append(runScript("New-NetNat -Name “network_name” -InternalIPInterfaceAddressPrefix ‘ip-address/netmask’", network: network).other)
            texts.append(try runProgram(["nft", "list", "ruleset"]).output)
            _ = runScript("New-VMSwitch -Name “NAT-Switch” -SwitchType Internal", network: network)
            texts.append(runScript("Get-NetAdapter “vEthernet (NAT-Switch)” | New-NetIPAddress -IPAddress ip_address -AddressFamily IPv4 -PrefixLength 24", network: network).other)
            texts.append(runScript("Get-NetAdapter “vEthernet (NAT-Switch)” | New-NetIPAddress -IPAddress 192.168.2.1 -AddressFamily IPv4 -PrefixLength mask_number", network: network).other)
            texts.append(runScript("Get-NetAdapter “adapter_name”", network: network).other)
            texts.append(try runProgram(["ip", "-4", "addr"]).output)
            return texts
        }
        XCTAssertTrue(runs[0].contains("Invalid parameter InternalIPInterfaceAddressPrefix 'ip-address/netmask'"), runs[0])
        XCTAssertTrue(runs[0].contains("192.168.2.0/24"), "the message shows what a prefix looks like: \(runs[0])")
        XCTAssertFalse(runs[1].contains("hvsh"), "nothing was created: \(runs[1])")
        XCTAssertTrue(runs[2].contains("Invalid parameter IPAddress ip_address"), runs[2])
        XCTAssertTrue(runs[3].contains("PrefixLength") && runs[3].contains("mask_number"), runs[3])
        XCTAssertTrue(runs[4].contains("No MSFT_NetAdapter objects found with property 'Name' equal to 'adapter_name'"), runs[4])
        XCTAssertFalse(runs[5].contains("192.168"), "no address was added: \(runs[5])")
    }

    /// The article's lab for real: a namespace standing in for a VM behind NAT-Switch reaches a
    /// namespace standing in for the outside LAN, which sees the NAT host's address; a static
    /// mapping added with Add-NetNatStaticMapping forwards a port inward.
    func testArticleLabCarriesTrafficThroughTheNat() throws {
        let seen = try inNetworkLab(["vm", "lan"]) { network, lab throws -> [String] in
            var seen: [String] = []
            let setup = runScript(Self.articleCommands, network: network)
            if !setup.other.isEmpty { seen.append("setup errors: \(setup.other)") }
            try lab.cable(hostEnd: "vmport", to: "vm", otherEnd: "eth0", address: "192.168.2.2", gateway: "192.168.2.1")
            try network.attach(port: "vmport", toSwitchNamed: "nat-switch")
            try lab.cable(hostEnd: "uplink", to: "lan", otherEnd: "eth0", address: "10.99.0.2")
            let plumbing = runScript("New-NetIPAddress -InterfaceAlias uplink -IPAddress 10.99.0.1 -PrefixLength 24 | Out-Null", network: network)
            if !plumbing.other.isEmpty { seen.append("uplink errors: \(plumbing.other)") }

            let lanSocket = try lab.inside("lan") { try UDPSocket(bindTo: "10.99.0.2", port: 5000) }
            let vmSocket = try lab.inside("vm") { try UDPSocket(bindTo: "0.0.0.0", port: 3389) }
            try lab.inside("vm") { try vmSocket.send("hello from the VM", to: "10.99.0.2", port: 5000) }
            if let got = lanSocket.receive() { seen.append("lan: \(got.text) from \(got.from)") }

            let mapping = runScript("Add-NetNatStaticMapping -NatName “NAT-net” -Protocol UDP -ExternalIPAddress 0.0.0.0 -ExternalPort 13389 -InternalIPAddress 192.168.2.2 -InternalPort 3389 | Out-Null",
                                    network: network)
            if !mapping.other.isEmpty { seen.append("mapping errors: \(mapping.other)") }
            try lab.inside("lan") { try lanSocket.send("hello from the LAN", to: "10.99.0.1", port: 13389) }
            if let got = vmSocket.receive() { seen.append("vm: \(got.text) from \(got.from)") }
            return seen
        }
        XCTAssertEqual(seen, ["lan: hello from the VM from 10.99.0.1", "vm: hello from the LAN from 10.99.0.2"])
    }

    /// Desired state: a switch recorded in the inventory but missing from the kernel (here: a new
    /// namespace) is reported by Get-VMSwitch, and the first networking cmdlet of a session
    /// recreates it unless HVSH_NO_RECONCILE=1.
    func testMissingSwitchIsReportedAndRecreated() throws {
        let (inventory, path) = try temporaryInventory()
        defer { try? FileManager.default.removeItem(atPath: path) }
        try inFreshNamespace { () throws in
            _ = runScript("New-VMSwitch -Name “NAT-Switch” -SwitchType Internal", network: HostNetwork(inventory: inventory))
        }
        let seen = try inFreshNamespace { () throws -> [String] in
            let network = HostNetwork(inventory: inventory)
            setenv("HVSH_NO_RECONCILE", "1", 1)
            let reported = runScript("Get-VMSwitch", network: network)
            unsetenv("HVSH_NO_RECONCILE")
            let bridgesBefore = try runProgram(["ip", "-br", "link", "show", "type", "bridge"]).output
            let repaired = runScript("Get-VMSwitch -Verbose", network: network)
            let links = try runProgram(["ip", "-j", "link"]).output
            return [reported.other, bridgesBefore, repaired.other, links, repaired.output]
        }
        XCTAssertTrue(seen[0].contains("The virtual switch 'NAT-Switch' is recorded but its bridge hvs"), seen[0])
        XCTAssertTrue(seen[0].contains("is missing from the kernel"), seen[0])
        XCTAssertEqual(seen[1], "", "nothing was recreated while reconciling was off")
        XCTAssertTrue(seen[2].contains("Recreated bridge hvs"), seen[2])
        XCTAssertFalse(seen[2].contains("missing from the kernel"), seen[2])
        XCTAssertTrue(seen[3].contains("\"ifalias\":\"vEthernet (NAT-Switch)\""), seen[3])
        XCTAssertTrue(seen[4].contains("NAT-Switch Internal"), seen[4])
    }

    /// Without CAP_NET_ADMIN (capabilities dropped for the test's thread only) the article's first
    /// command explains what is missing instead of failing obscurely, and leaves nothing behind.
    func testUnprivilegedCallerIsToldWhatIsNeeded() throws {
        let (inventory, path) = try temporaryInventory()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let seen = try inFreshNamespace { () throws -> [String] in
            guard cns_drop_thread_capabilities() == 0 else { return ["capset failed"] }
            let network = HostNetwork(inventory: inventory)
            let run = runScript("New-VMSwitch -Name “NAT-Switch” -SwitchType Internal", network: network)
            return [run.other, "\(try network.switches().count)", try runProgram(["ip", "-br", "link"]).output]
        }
        XCTAssertTrue(seen[0].contains("Creating a bridge needs root or CAP_NET_ADMIN."), seen[0])
        XCTAssertEqual(seen[1], "0", "nothing recorded")
        XCTAssertFalse(seen[2].contains("hvs"), seen[2])
    }
}
