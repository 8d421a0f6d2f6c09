import Foundation
@testable import HostNetworking
import Inventory
import Netlink
import PSCommands
import PSRuntime
import NamespaceTesting
import XCTest

/// The objects the cmdlets write, printed by the real formatting engine with the module's views.
final class FormattingTests: XCTestCase {
    func session(_ network: HostNetwork) -> ShellSession {
        ShellSession(host: BufferHost(width: 120), modules: [CoreCommands.module, HostNetworkingModule.module(network: network)])
    }

    func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        let gap = String(repeating: " ", count: max(0, width - text.count))
        return right ? gap + text : text + gap
    }

    /// Windows' default NetAdapter table: widths 25/39/7/12/22/9, ifIndex and LinkSpeed right-aligned.
    func testGetNetAdapterDefaultTableHasWindowsColumnLayout() throws {
        let (inventory, path) = try temporaryInventory()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let network = HostNetwork(inventory: inventory)
        let adapters = try inFreshNamespace { () throws -> [NetAdapterInfo] in
            try network.createSwitch(name: "NAT-Switch", type: .Internal)
            return try network.adapters()
        }
        XCTAssertEqual(adapters.map(\.name), ["vEthernet (NAT-Switch)"], "bridge, its port and lo are hidden")
        let adapter = adapters[0]
        XCTAssertEqual(adapter.status, "Up")
        XCTAssertEqual(adapter.linkSpeed, "10 Gbps")
        XCTAssertTrue(adapter.macAddress.hasPrefix("00-15-5D-"), adapter.macAddress)
        let text = try Formatting.outString([.object(NetworkingObjects.netAdapter(adapter))], session: session(network))
        let row = [pad("vEthernet (NAT-Switch)", 25), pad("Hyper-V Virtual Ethernet Adapter", 39),
                   pad("\(adapter.interfaceIndex)", 7, right: true), pad("Up", 12), pad(adapter.macAddress, 22),
                   pad("10 Gbps", 9, right: true)].joined(separator: " ")
        XCTAssertEqual(text, """

            Name                      InterfaceDescription                    ifIndex Status       MacAddress             LinkSpeed
            ----                      --------------------                    ------- ------       ----------             ---------
            \(row)


            """)
    }

    func testNetNatListMatchesWindows() throws {
        let (inventory, path) = try temporaryInventory()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let record = NatRecord(id: UUID(), name: "MyHyperV NAT", internalPrefix: "192.168.0.0/24", externalPrefix: nil,
                               creationTime: Date())
        let text = try Formatting.outString([.object(NetworkingObjects.netNat(record))],
                                            session: session(HostNetwork(inventory: inventory)))
        XCTAssertEqual(text, """

            Name                             : MyHyperV NAT
            ExternalIPInterfaceAddressPrefix : 
            InternalIPInterfaceAddressPrefix : 192.168.0.0/24
            IcmpQueryTimeout                 : 30
            TcpEstablishedConnectionTimeout  : 1800
            TcpTransientConnectionTimeout    : 120
            TcpFilteringBehavior             : AddressDependentFiltering
            UdpFilteringBehavior             : AddressDependentFiltering
            UdpIdleSessionTimeout            : 120
            UdpInboundRefresh                : False
            Store                            : Local
            Active                           : True


            """)
    }

    func testNewNetIPAddressObjectsMatchWindows() throws {
        let (inventory, path) = try temporaryInventory()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let active = NetIPAddressInfo(address: "192.168.0.1", interfaceIndex: 79, interfaceAlias: "vEthernet (MyHyperV NAT)",
                                      family: .ipv4, prefixLength: 24, prefixOrigin: "Manual", suffixOrigin: "Manual",
                                      addressState: "Tentative", policyStore: "ActiveStore")
        let text = try Formatting.outString([.object(NetworkingObjects.netIPAddress(active))],
                                            session: session(HostNetwork(inventory: inventory)))
        XCTAssertEqual(text, """

            IPAddress         : 192.168.0.1
            InterfaceIndex    : 79
            InterfaceAlias    : vEthernet (MyHyperV NAT)
            AddressFamily     : IPv4
            Type              : Unicast
            PrefixLength      : 24
            PrefixOrigin      : Manual
            SuffixOrigin      : Manual
            AddressState      : Tentative
            ValidLifetime     : Infinite ([TimeSpan]::MaxValue)
            PreferredLifetime : Infinite ([TimeSpan]::MaxValue)
            SkipAsSource      : False
            PolicyStore       : ActiveStore


            """)
    }

    func testVMSwitchTableIsSizedFromTheData() throws {
        let (inventory, path) = try temporaryInventory()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let record = SwitchRecord(id: UUID(), name: "MyHyperV NAT", switchType: .Internal, notes: "", bridgeName: "hvs00000000",
                                  uplinks: [], uplinkDescriptions: [], creationTime: Date())
        let state = VirtualSwitchState(record: record, hostAdapters: [], presentInKernel: true)
        let text = try Formatting.outString([.object(NetworkingObjects.vmSwitch(state))],
                                            session: session(HostNetwork(inventory: inventory)))
        XCTAssertEqual(text, """

            Name         SwitchType NetAdapterInterfaceDescription
            ----         ---------- ------------------------------
            MyHyperV NAT Internal\u{20}\u{20}\u{20}


            """, "an empty last cell leaves the SwitchType column padded, as PowerShell does")
    }

    func testLinkSpeedText() {
        XCTAssertEqual(NetAdapterInfo.formatSpeed(10_000_000_000), "10 Gbps")
        XCTAssertEqual(NetAdapterInfo.formatSpeed(100_000_000), "100 Mbps")
        XCTAssertEqual(NetAdapterInfo.formatSpeed(2_500_000_000), "2.5 Gbps")
        XCTAssertEqual(NetAdapterInfo.formatSpeed(0), "0 bps")
    }

    func testDefaultPrefixLengthFollowsTheAddressClass() {
        XCTAssertEqual(HostNetwork.defaultPrefixLength(IPAddress("10.1.2.3")!), 8)
        XCTAssertEqual(HostNetwork.defaultPrefixLength(IPAddress("172.16.0.1")!), 16)
        XCTAssertEqual(HostNetwork.defaultPrefixLength(IPAddress("192.168.2.1")!), 24)
        XCTAssertEqual(HostNetwork.defaultPrefixLength(IPAddress("fd00::1")!), 64)
    }
}
