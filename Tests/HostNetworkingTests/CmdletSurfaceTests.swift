import Foundation
import HostNetworking
import Inventory
import Netlink
import NamespaceTesting
import XCTest

/// Each networking cmdlet through the shell: parameter sets, pipeline binding and output, in a
/// fresh namespace.
final class CmdletSurfaceTests: XCTestCase {
    /// Runs `steps` one by one in one namespace and one inventory; returns each step's output and
    /// error text.
    func run(_ steps: [String]) throws -> [ScriptRun] {
        let (inventory, path) = try temporaryInventory()
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try inFreshNamespace { () throws -> [ScriptRun] in
            let network = HostNetwork(inventory: inventory)
            return steps.map { runScript($0, network: network) }
        }
    }

    func testSwitchCmdlets() throws {
        let runs = try run([
            "New-VMSwitch -SwitchName 'Lab' -SwitchType Private -Notes 'isolated' | Select-Object -ExpandProperty Notes",
            "New-VMSwitch 'NAT-Switch' -SwitchType Internal | Out-Null; (Get-VMSwitch).Count",
            "Get-VMSwitch -SwitchType Private | ForEach-Object Name",
            "Get-VMSwitch 'nat*' | ForEach-Object { $_.SwitchType.ToString() + ' ' + $_.AllowManagementOS }",
            "Set-VMSwitch -Name Lab -SwitchType Internal -Passthru | ForEach-Object AllowManagementOS",
            "(Get-NetAdapter).Name -join ','",
            "Rename-VMSwitch Lab Lab2; Get-VMSwitch Lab2 | ForEach-Object Name",
            "Get-VMSwitch Lab2 | Remove-VMSwitch -Force; (Get-VMSwitch).Name",
            "Get-VMSwitch 'NoSuchSwitch'",
            "Remove-VMSwitch 'NAT-Switch' -Force; @(Get-VMSwitch).Count; @(Get-NetAdapter).Count",
        ])
        XCTAssertEqual(runs.map(\.other), ["", "", "", "", "", "", "", "", runs[8].other, ""])
        XCTAssertEqual(runs[0].output, "isolated\n")
        XCTAssertEqual(runs[1].output, "2\n")
        XCTAssertEqual(runs[2].output, "Lab\n")
        XCTAssertEqual(runs[3].output, "Internal True\n")
        XCTAssertEqual(runs[4].output, "True\n")
        XCTAssertEqual(runs[5].output, "vEthernet (NAT-Switch),vEthernet (Lab)\n")
        XCTAssertEqual(runs[6].output, "Lab2\n")
        XCTAssertEqual(runs[7].output, "NAT-Switch\n")
        XCTAssertTrue(runs[8].other.contains("Hyper-V was unable to find a virtual switch with name \"NoSuchSwitch\"."), runs[8].other)
        XCTAssertEqual(runs[9].output, "0\n0\n")
    }

    func testNetAdapterCmdlets() throws {
        let runs = try run([
            "New-VMSwitch NAT-Switch -SwitchType Internal | Out-Null; $a = Get-NetAdapter 'VETHERNET (nat-switch)'; Get-NetAdapter -InterfaceIndex $a.ifIndex | ForEach-Object Name",
            "Get-NetAdapter vEth* | ForEach-Object InterfaceDescription",
            "(Get-NetAdapter -IncludeHidden).Count -gt (Get-NetAdapter).Count",
            "@(Get-NetAdapter -Physical).Count",
            "Disable-NetAdapter -Name 'vEthernet (NAT-Switch)' -Confirm:$false; (Get-NetAdapter 'vEthernet (NAT-Switch)').Status",
            "Get-NetAdapter 'vEthernet (NAT-Switch)' | Enable-NetAdapter; (Get-NetAdapter 'vEthernet (NAT-Switch)').Status",
            "Rename-NetAdapter -Name 'vEthernet (NAT-Switch)' -NewName 'LabNet' -PassThru | ForEach-Object Name",
            "Get-NetAdapter 'missing', 'LabNet' | ForEach-Object Name",
        ])
        XCTAssertEqual(runs[0].output, "vEthernet (NAT-Switch)\n", runs[0].other)
        XCTAssertEqual(runs[1].output, "Hyper-V Virtual Ethernet Adapter\n", runs[1].other)
        XCTAssertEqual(runs[2].output, "True\n", runs[2].other)
        XCTAssertEqual(runs[3].output, "0\n", runs[3].other)
        XCTAssertEqual(runs[4].output, "Disabled\n", runs[4].other)
        XCTAssertEqual(runs[5].output, "Up\n", runs[5].other)
        XCTAssertEqual(runs[6].output, "LabNet\n", runs[6].other)
        XCTAssertEqual(runs[7].output, "LabNet\n")
        XCTAssertTrue(runs[7].other.contains("equal to 'missing'"), runs[7].other)
    }

    func testAddressRouteAndNatCmdlets() throws {
        let runs = try run([
            "New-VMSwitch NAT-Switch -SwitchType Internal | Out-Null; $i = (Get-NetAdapter 'vEthernet (NAT-Switch)').ifIndex; New-NetIPAddress -InterfaceIndex $i -IPAddress 192.168.2.1 -PrefixLength 24 -DefaultGateway 192.168.2.254 | ForEach-Object PolicyStore",
            "Get-NetIPAddress -AddressFamily IPv4 -InterfaceAlias 'vEthernet (NAT-Switch)' | ForEach-Object { $_.IPAddress + '/' + $_.PrefixLength }; Get-NetIPAddress -PolicyStore PersistentStore | ForEach-Object { $_.IPAddress + ' ' + $_.AddressState }",
            "Get-NetAdapter 'vEthernet (NAT-Switch)' | Get-NetIPAddress -AddressFamily IPv4 | Set-NetIPAddress -PrefixLength 16 -PassThru | ForEach-Object PrefixLength; Set-NetIPAddress -IPAddress 192.168.2.1 -PrefixLength 20 -PassThru | ForEach-Object PrefixLength",
            "Get-NetRoute -DestinationPrefix 0.0.0.0/0 | ForEach-Object NextHop",
            "New-NetRoute -DestinationPrefix 10.50.0.0/16 -InterfaceAlias 'vEthernet (NAT-Switch)' -NextHop 192.168.2.254 | ForEach-Object DestinationPrefix",
            "Remove-NetIPAddress -IPAddress 192.168.2.1 -Confirm:$false; @(Get-NetIPAddress -AddressFamily IPv4 -InterfaceAlias 'vEthernet (NAT-Switch)').Count",
            "New-NetNat -Name NAT-net -InternalIPInterfaceAddressPrefix 192.168.2.0/24 | ForEach-Object Active",
            "New-NetNat -Name Other -InternalIPInterfaceAddressPrefix 192.168.2.128/25",
            "Add-NetNatStaticMapping -NatName NAT-net -Protocol TCP -ExternalIPAddress 0.0.0.0 -ExternalPort 8080 -InternalIPAddress 192.168.2.10 -InternalPort 80 | ForEach-Object { $_.StaticMappingID.ToString() + ' ' + $_.Protocol }",
            "Get-NetNatStaticMapping -NatName NAT-net | ForEach-Object ExternalPort",
            "Get-NetNatStaticMapping | Remove-NetNatStaticMapping -Confirm:$false; @(Get-NetNatStaticMapping).Count",
            "Get-NetNat | ForEach-Object InternalIPInterfaceAddressPrefix",
            "Get-NetNat | Remove-NetNat -Confirm:$false; @(Get-NetNat).Count",
        ])
        XCTAssertEqual(runs[0].output, "ActiveStore\nPersistentStore\n", runs[0].other)
        XCTAssertEqual(runs[1].output, "192.168.2.1/24\n192.168.2.1 Invalid\n", runs[1].other)
        // By address: the new -PrefixLength is the value to set, not a filter (Windows does not filter on it).
        XCTAssertEqual(runs[2].output, "16\n20\n", runs[2].other)
        XCTAssertEqual(runs[3].output, "192.168.2.254\n", runs[3].other)
        XCTAssertEqual(runs[4].output, "10.50.0.0/16\n", runs[4].other)
        XCTAssertEqual(runs[5].output, "0\n", runs[5].other)
        XCTAssertEqual(runs[6].output, "True\n", runs[6].other)
        XCTAssertTrue(runs[7].other.contains("overlaps the prefix 192.168.2.0/24 of NAT 'NAT-net'"), runs[7].other)
        XCTAssertEqual(runs[8].output, "0 TCP\n", runs[8].other)
        XCTAssertEqual(runs[9].output, "8080\n", runs[9].other)
        XCTAssertEqual(runs[10].output, "0\n", runs[10].other)
        XCTAssertEqual(runs[11].output, "192.168.2.0/24\n", runs[11].other)
        XCTAssertEqual(runs[12].output, "0\n", runs[12].other)
    }
}
