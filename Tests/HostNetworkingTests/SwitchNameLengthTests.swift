import Foundation
@testable import HostNetworking
import Inventory
import Netlink
import NamespaceTesting
import XCTest

/// Linux keeps a switch's Windows name in the bridge's interface alias and its host adapter's as
/// `vEthernet (<name>)`, at most 255 bytes each. A longer name is refused by name, before anything is
/// made, instead of failing half-way with the kernel's "Numerical result out of range".
final class SwitchNameLengthTests: XCTestCase {
    func testNamesBeyondTheAliasLimitAreRefusedBeforeAnyChange() throws {
        let (inventory, path) = try temporaryInventory()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let lines = try inFreshNamespace { () throws -> [String] in
            let network = HostNetwork(inventory: inventory)
            let session = try RouteNetlinkSession()
            let longest = String(repeating: "x", count: 243)  // 255 - "vEthernet (" - ")"
            var lines: [String] = []
            for script in [
                "New-VMSwitch -Name ('x' * 244) -SwitchType Internal",
                "New-VMSwitch -Name ('p' * 256) -SwitchType Private",
                "New-VMSwitch -Name '\(longest)' -SwitchType Internal | Out-Null; (Get-NetAdapter).Name | % Length",
                "New-VMSwitch -Name ('q' * 250) -SwitchType Private | Out-Null; Set-VMSwitch ('q' * 250) -AllowManagementOS $true",
                "Rename-VMSwitch ('q' * 250) -NewName ('r' * 256)",
            ] {
                let run = runScript(script, network: network)
                let error = run.other.split(separator: "\n").first { $0.contains("bytes") } ?? ""
                lines.append(run.output.trimmingCharacters(in: .whitespacesAndNewlines) + "|" + error)
            }
            let bridges = try session.linkList().filter { $0.kind == "bridge" }.compactMap(\.alias).map(\.count).sorted()
            lines.append("bridges: \(bridges)")
            return lines
        }
        XCTAssertEqual(lines[0], "|New-VMSwitch: The switch name is 244 bytes long; Linux keeps it as the interface alias 'vEthernet (xxxxxxxxxxxxxxxxxxxxxxxxxxxxx…', which holds at most 255 bytes, so the name may have at most 243 bytes.")
        XCTAssertTrue(lines[1].hasSuffix("so the name may have at most 255 bytes."), lines[1])
        XCTAssertEqual(lines[2], "255|")
        XCTAssertTrue(lines[3].hasSuffix("so the name may have at most 243 bytes."), lines[3])
        XCTAssertTrue(lines[4].hasSuffix("so the name may have at most 255 bytes."), lines[4])
        XCTAssertEqual(lines[5], "bridges: [243, 250]", "only the switches with names that fit were made")
    }
}
