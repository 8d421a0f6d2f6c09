import Foundation
import XCTest
import HostNetworking
import Inventory
@testable import HyperV
import NetworkAddresses

/// What the inventory does, seen from the cmdlets: damaged configs are named, switches come from
/// the networking module's records, the MAC pool runs out like Hyper-V's.
final class InventoryThroughShellTests: XCTestCase {
    func testADamagedConfigIsReportedByNameAndTheOtherVMsStillList() throws {
        let shell = try HyperVShell(self)
        try shell.requireEvaluator()
        _ = shell.run("New-VM -Name Good; New-VM -Name Bad")
        let bad = try XCTUnwrap(try shell.host().allVMs().records.first { $0.name == "Bad" })
        let path = "\(shell.root)/Virtual Machines/\(bad.idUpper).json"
        try Data("{ \"name\": ".utf8).write(to: URL(fileURLWithPath: path))
        let run = shell.run("(Get-VM).Name")
        XCTAssertEqual(run.output, "Good\n")
        XCTAssertTrue(run.other.contains(path), run.other)
        XCTAssertTrue(FileManager.default.fileExists(atPath: path), "a damaged file is never removed")
    }

    func testSwitchNamesAreCheckedAgainstTheNetworkingModulesRecords() throws {
        let shell = try HyperVShell(self)
        try shell.requireEvaluator()
        let inventory = try Inventory(root: shell.root)
        // A switch as New-VMSwitch records it (the record only; no kernel object is needed to look it up).
        let json = #"{"id":"6F1C0F4E-0000-4000-8000-000000000001","name":"NAT-Switch","switchType":"Internal","notes":"","bridgeName":"hvs6f1c0f4e","uplinks":[],"uplinkDescriptions":[],"creationTime":0}"#
        let record = try JSONDecoder().decode(SwitchRecord.self, from: Data(json.utf8))
        try inventory.save(record)
        shell.factories = .init(monitor: { _ in ConfigurationOnlyMonitor() }, switches: { NetworkSwitchDirectory(inventory: $0) },
                                hostInfo: { ServiceFixture.testHost })
        let run = shell.run("""
            New-VM -Name Nat -SwitchName nat-switch | Get-VMNetworkAdapter | ForEach-Object { $_.SwitchName }
            New-VM -Name Lost -SwitchName Missing
            @(Get-VM).Count
            Disconnect-VMNetworkAdapter -VMName Nat
            (Get-VMNetworkAdapter Nat).SwitchName
            Connect-VMNetworkAdapter -VMName Nat -SwitchName NAT-Switch
            (Get-VMNetworkAdapter Nat).SwitchName
            """)
        XCTAssertEqual(run.output, "NAT-Switch\n1\n\nNAT-Switch\n")
        XCTAssertTrue(run.other.contains("Hyper-V was unable to find a virtual switch with name \"Missing\"."), run.other)
    }

    func testTheDefault256AddressPoolRunsOut() throws {
        let shell = try HyperVShell(self)
        try shell.requireEvaluator()
        let host = try shell.host()
        let pool = try host.macAddressPool()
        try host.setHost(virtualMachinePath: nil, virtualHardDiskPath: nil, macMinimum: pool.minimum.compact,
                         macMaximum: MACAddress(rawValue: pool.minimum.rawValue + 1).compact, enableEnhancedSessionMode: nil, numaSpanningEnabled: nil)
        // New-VM takes no address (Hyper-V's adapters show 000000000000 until the first start);
        // the third VM's first start is what finds the pool empty.
        let run = shell.run("New-VM A | Out-Null; New-VM B | Out-Null; New-VM C | Out-Null; @(Get-VM).Count")
        XCTAssertEqual(run.output, "3\n", run.other)
        let vms = try host.allVMs().records.sorted { $0.name < $1.name }
        _ = try host.assignDynamicMACs(vms[0])
        _ = try host.assignDynamicMACs(vms[1])
        XCTAssertThrowsError(try host.assignDynamicMACs(vms[2])) { error in
            XCTAssertTrue("\(error)".contains("No free dynamic MAC address"), "\(error)")
        }
    }
}
