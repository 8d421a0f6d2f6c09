import Foundation
@testable import HostNetworking
import Inventory
import Netlink
import NamespaceTesting
import XCTest

/// Set-VMSwitch changing a switch's uplink, type and management OS sharing, in a fresh namespace
/// where veth pairs stand in for physical NICs. Each step runs a cmdlet, then reads the kernel.
final class SwitchChangeTests: XCTestCase {
    /// One line per step: the cmdlet's output and errors, then what the kernel has: which of the
    /// stand-in NICs are in the switch's bridge and the aliases of the host adapters on it.
    func testSetVMSwitchMovesUplinksAndChangesTypeAndSharing() throws {
        let (inventory, path) = try temporaryInventory()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let steps = try inFreshNamespace { () throws -> [String] in
            let network = HostNetwork(inventory: inventory)
            let session = try RouteNetlinkSession()
            for nic in ["nic0", "nic1"] {
                try session.linkAddVeth(name: nic, peer: nic + "-far")
            }
            func kernel() throws -> String {
                let links = try session.linkList()
                guard let bridge = links.first(where: { $0.alias == "Lab" && $0.kind == "bridge" }) else { return "no bridge" }
                let enslaved = links.filter { $0.masterIndex == bridge.index }
                let nics = enslaved.filter { $0.name.hasPrefix("nic") }.map(\.name).sorted()
                // Host adapters: the veth peers of the bridge's hvp ports.
                let hosts = enslaved.filter { $0.name.hasPrefix("hvp") }.compactMap { port in
                    links.first { $0.name == "hve" + port.name.dropFirst(3) }?.alias
                }.sorted()
                return "nics:\(nics) hosts:\(hosts)"
            }
            let show = "-Passthru | ForEach-Object { '{0} {1} {2}' -f $_.SwitchType, $_.AllowManagementOS, $_.NetAdapterInterfaceDescription }"
            var steps: [String] = []
            for script in [
                "New-VMSwitch Lab -SwitchType Internal | Out-Null; New-VMSwitch Other -SwitchType Private | Out-Null",
                "Set-VMSwitch Lab -NetAdapterName nic0 \(show)",
                "Set-VMSwitch Lab -NetAdapterName nic1 \(show)",
                "Set-VMSwitch Other -NetAdapterName nic1",
                "Set-VMSwitch Lab -NetAdapterName 'vEthernet (Lab)'",
                "Set-VMSwitch Lab -AllowManagementOS $false \(show)",
                "Set-VMSwitch Lab -AllowManagementOS $true \(show)",
                "Set-VMSwitch Lab -SwitchType Private \(show)",
                "Set-VMSwitch Lab -AllowManagementOS $true \(show)",
                "Set-VMSwitch Lab -AllowManagementOS $false \(show)",
                "Set-VMSwitch Lab -SwitchType Internal -NetAdapterName nic0",
                "Set-VMSwitch Lab -NetAdapterInterfaceDescription (Get-NetAdapter nic0).InterfaceDescription \(show)",
            ] {
                let run = runScript(script, network: network)
                let errors = run.other.split(separator: "\n").filter { !$0.hasPrefix(" ") && !$0.isEmpty && !$0.contains("Line |") }
                steps.append((run.output + errors.joined(separator: "\n")).trimmingCharacters(in: .whitespacesAndNewlines)
                             + " => " + (try kernel()))
            }
            // Released NICs are out of every bridge; the other switch never got one.
            let free = try session.linkList().filter { $0.name.hasPrefix("nic") && $0.masterIndex == nil }.map(\.name).sorted()
            steps.append("free:\(free)")
            try network.removeSwitch(named: "Lab")
            steps.append("after removal free:\(try session.linkList().filter { $0.name.hasPrefix("nic") && $0.masterIndex == nil }.count)")
            return steps
        }
        XCTAssertEqual(steps.count, 14)
        let expected = [
            " => nics:[] hosts:[\"vEthernet (Lab)\"]",
            "External True Virtual Ethernet Adapter (veth) #2 => nics:[\"nic0\"] hosts:[\"vEthernet (Lab)\"]",
            "External True Virtual Ethernet Adapter (veth) #4 => nics:[\"nic1\"] hosts:[\"vEthernet (Lab)\"]",
            "Set-VMSwitch: The network adapter \"nic1\" is already bound to the virtual switch \"Lab\".",
            "Set-VMSwitch: The network adapter \"vEthernet (Lab)\" is a virtual adapter of hvsh or the loopback interface and cannot be bound to a virtual switch.",
            "External False Virtual Ethernet Adapter (veth) #4 => nics:[\"nic1\"] hosts:[]",
            "External True Virtual Ethernet Adapter (veth) #4 => nics:[\"nic1\"] hosts:[\"vEthernet (Lab)\"]",
            "Private False => nics:[] hosts:[]",
            "Internal True => nics:[] hosts:[\"vEthernet (Lab)\"]",
            "Private False => nics:[] hosts:[]",
            "Set-VMSwitch: Specify either -SwitchType or -NetAdapterName, not both.",
            "External False Virtual Ethernet Adapter (veth) #2 => nics:[\"nic0\"] hosts:[]",
        ]
        for (index, line) in expected.enumerated() {
            XCTAssertTrue(steps[index].hasPrefix(line), "step \(index): \(steps[index])")
        }
        XCTAssertEqual(steps[12], "free:[\"nic0-far\", \"nic1\", \"nic1-far\"]")
        XCTAssertEqual(steps[13], "after removal free:4")
    }

    /// The switch type follows the management OS's adapters: adding one to a Private switch makes
    /// it Internal, removing the last one from an Internal switch makes it Private.
    func testHostAdaptersDecideBetweenInternalAndPrivate() throws {
        let (inventory, path) = try temporaryInventory()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let types = try inFreshNamespace { () throws -> [String] in
            let network = HostNetwork(inventory: inventory)
            var types: [String] = []
            func type() throws -> String { try network.switchNamed("Lab").record.switchType.rawValue }
            try network.createSwitch(name: "Lab", type: .Private)
            types.append(try type())
            try network.addHostAdapter(switchName: "Lab", name: "Storage")
            types.append(try type())
            try network.addHostAdapter(switchName: "Lab", name: "Backup")
            try network.removeHostAdapters(named: "Storage")
            types.append(try type())
            try network.removeHostAdapters(named: "Backup")
            types.append(try type())
            return types
        }
        XCTAssertEqual(types, ["Private", "Internal", "Internal", "Private"])
    }
}
