import Foundation
import HostNetworking
import Inventory
import Netlink
import NamespaceTesting
import PSCommands
import PSRuntime
import XCTest

/// Removal cmdlets ask as Windows does: the CIM ones (ConfirmImpact High) through ShouldProcess,
/// Remove-VMSwitch through ShouldContinue unless -Force. An interactive host answers from its
/// input lines; a non-interactive one (a script with stdin not a terminal) gets an error saying
/// how to go on, and nothing is removed.
final class ConfirmationTests: XCTestCase {
    struct Run: Sendable {
        var output: String
        var other: String
        /// Everything the user would see, prompts included.
        var all: String
    }

    /// One script in a new session; with `answers` the host is interactive and answers prompts.
    static func run(_ text: String, answers: [String]? = nil, network: HostNetwork) -> Run {
        let host = BufferHost(width: 200, interactive: answers != nil, input: answers ?? [])
        let session = ShellSession(host: host, modules: [CoreCommands.module, HostNetworkingModule.module(network: network)])
        _ = session.runScript(text)
        return Run(output: host.output, other: host.other, all: host.all)
    }

    func testRemovalsAskAndUnattendedScriptsAreToldHowToGoOn() throws {
        let (inventory, path) = try temporaryInventory()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let runs = try inFreshNamespace { () throws -> [String: Run] in
            let network = HostNetwork(inventory: inventory)
            var runs: [String: Run] = [:]
            func run(_ text: String, answers: [String]? = nil, network: HostNetwork) -> Run {
                ConfirmationTests.run(text, answers: answers, network: network)
            }
            runs["setup"] = run("""
                New-VMSwitch -Name NAT-Switch -SwitchType Internal | Out-Null
                New-VMSwitch -Name Spare -SwitchType Private | Out-Null
                New-NetNat -Name NAT-net -InternalIPInterfaceAddressPrefix 192.168.2.0/24 | Out-Null
                New-NetIPAddress -InterfaceAlias 'vEthernet (NAT-Switch)' -IPAddress 192.168.2.1 -PrefixLength 24 | Out-Null
                Add-NetNatStaticMapping -NatName NAT-net -Protocol TCP -ExternalIPAddress 0.0.0.0 -ExternalPort 8080 -InternalIPAddress 192.168.2.2 -InternalPort 80 | Out-Null
                """, network: network)
            let count = "; '{0} {1} {2} {3}' -f @(Get-NetNat).Count, @(Get-NetNatStaticMapping).Count, @(Get-NetIPAddress -IPAddress 192.168.2.1 -ErrorAction SilentlyContinue).Count, @(Get-VMSwitch).Count"
            runs["unattended"] = run("Remove-NetNatStaticMapping -NatName NAT-net; Remove-NetIPAddress -IPAddress 192.168.2.1; Remove-NetNat NAT-net; Remove-VMSwitch Spare" + count, network: network)
            runs["eof"] = run("Remove-NetNat NAT-net" + count, answers: [], network: network)
            runs["whatif"] = run("Remove-NetNat NAT-net -WhatIf; Remove-VMSwitch Spare -WhatIf" + count, network: network)
            runs["no"] = run("Remove-NetNat NAT-net; Remove-VMSwitch Spare" + count, answers: ["n", "y"], network: network)
            runs["yes"] = run("Get-NetNatStaticMapping | Remove-NetNatStaticMapping; Remove-NetIPAddress -IPAddress 192.168.2.1" + count,
                              answers: ["y", "y"], network: network)
            runs["confirmFalse"] = run("Remove-NetNat -Name NAT-net -Confirm:$false; Remove-VMSwitch Spare -Confirm:$false" + count, network: network)
            runs["force"] = run("Remove-VMSwitch NAT-Switch -Force" + count, network: network)
            runs["missing"] = run("Remove-VMSwitch NoSuch", network: network)
            return runs
        }
        XCTAssertEqual(runs["setup"]?.other, "")

        let unattended = try XCTUnwrap(runs["unattended"])
        XCTAssertEqual(unattended.output, "1 1 1 2\n", "nothing was removed")
        for message in [
            "Remove-NetNatStaticMapping: Removing static mapping 0 of the NAT \"NAT-net\" needs confirmation, and this session cannot ask for it (it is non-interactive or its standard input has ended). Add -Confirm:$false to remove it without asking.",
            "Remove-NetIPAddress: Removing the IP address 192.168.2.1 of \"vEthernet (NAT-Switch)\" needs confirmation",
            "Remove-NetNat: Removing the NAT \"NAT-net\" needs confirmation",
            "Remove-VMSwitch: Removing the virtual switch \"Spare\" needs confirmation, and this session cannot ask for it (it is non-interactive or its standard input has ended). Add -Force to remove it without asking.",
        ] {
            XCTAssertTrue(unattended.other.contains(message), "missing: \(message)\nin: \(unattended.other)")
        }

        // An interactive host whose input has ended (hvsh -File script.ps1 < /dev/null) cannot answer.
        let eof = try XCTUnwrap(runs["eof"])
        XCTAssertTrue(eof.all.contains("Performing the operation \"Delete\" on target \"MSFT_NetNat (Name = \"NAT-net\")\"."), eof.all)
        XCTAssertTrue(eof.other.contains("Remove-NetNat: Removing the NAT \"NAT-net\" needs confirmation"), eof.other)
        XCTAssertTrue(eof.output.hasSuffix("1 1 1 2\n"), eof.output)

        let whatIf = try XCTUnwrap(runs["whatif"])
        XCTAssertEqual(whatIf.output, """
            What if: Performing the operation "Delete" on target "MSFT_NetNat (Name = "NAT-net")".
            What if: Performing the operation "Remove-VMSwitch" on target "Spare".
            1 1 1 2

            """)

        // Interactive: Remove-NetNat's ShouldProcess asks (High impact) and hears "n"; Remove-VMSwitch's
        // ShouldProcess does not ask (Medium) but its ShouldContinue does, and hears "y".
        let no = try XCTUnwrap(runs["no"])
        XCTAssertTrue(no.all.contains("""
            Confirm
            Are you sure you want to perform this action?
            Performing the operation "Delete" on target "MSFT_NetNat (Name = "NAT-net")".
            """), no.all)
        XCTAssertTrue(no.all.contains("""
            Remove virtual switch
            Are you sure you want to remove the virtual switch "Spare"? Its host adapters and their IP addresses go with it, and virtual machines connected to it lose their network.
            """), no.all)
        XCTAssertEqual(no.output.split(separator: "\n").last, "1 1 1 1", "the NAT stayed (n), the switch went (y)")

        XCTAssertEqual(runs["yes"]?.output.split(separator: "\n").last, "1 0 0 1")
        XCTAssertEqual(runs["yes"]?.other, "")
        XCTAssertEqual(runs["confirmFalse"]?.output, "0 0 0 1\n")
        XCTAssertEqual(runs["confirmFalse"]?.other.contains("Spare"), true, "Spare was already gone: not found")
        XCTAssertEqual(runs["force"]?.output, "0 0 0 0\n")
        XCTAssertTrue(runs["missing"]?.other.contains("Hyper-V was unable to find a virtual switch with name \"NoSuch\".") ?? false)
    }
}
