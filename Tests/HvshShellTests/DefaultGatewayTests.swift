import Foundation
import XCTest

/// New-NetIPAddress -DefaultGateway where a default route exists already (any real host has one):
/// Windows adds a second default route with its own metric and outputs both address objects.
/// Run through `hvsh -File -Sandbox`, whose network namespace the run creates and removes.
final class DefaultGatewayTests: XCTestCase {
    func testSecondDefaultGatewayIsAddedBesideTheFirst() throws {
        try HvshProcess.requireExecutable()
        guard getuid() == 0 else { throw XCTSkip("-Sandbox needs root to create its namespaces") }
        let home = HvshProcess.makeHome()
        defer { home.remove() }
        let script = home.write("gateways.ps1", """
            $ErrorActionPreference = 'Stop'
            New-VMSwitch -Name LabA -SwitchType Internal | Out-Null
            New-VMSwitch -Name LabB -SwitchType Internal | Out-Null
            New-NetIPAddress -IPAddress 192.168.50.2 -PrefixLength 24 -InterfaceAlias 'vEthernet (LabA)' -DefaultGateway 192.168.50.1 |
                ForEach-Object { "$($_.IPAddress) $($_.PolicyStore)" }
            New-NetIPAddress -IPAddress 192.168.60.2 -PrefixLength 24 -InterfaceAlias 'vEthernet (LabB)' -DefaultGateway 192.168.60.1 |
                ForEach-Object { "$($_.IPAddress) $($_.PolicyStore)" }
            Get-NetRoute -DestinationPrefix 0.0.0.0/0 | Sort-Object RouteMetric |
                ForEach-Object { "$($_.NextHop) $($_.RouteMetric) $($_.InterfaceAlias)" }
            ip -4 route show default
            """)
        let result = try HvshProcess.run(["-Sandbox", "-NoProfile", "-File", script], home: home.path, directory: home.path, timeout: 60)
        let kernelRoutes = result.stdout.split(separator: "\n").filter { $0.hasPrefix("default") }
        XCTAssertEqual(result.stdout.split(separator: "\n").filter { !$0.hasPrefix("default") }.joined(separator: "\n"), """
            192.168.50.2 ActiveStore
            192.168.50.2 PersistentStore
            192.168.60.2 ActiveStore
            192.168.60.2 PersistentStore
            192.168.50.1 256 vEthernet (LabA)
            192.168.60.1 257 vEthernet (LabB)
            """, result.stderr)
        XCTAssertEqual(result.stderr, "")
        XCTAssertEqual(kernelRoutes.count, 2, result.stdout)
        XCTAssertTrue(kernelRoutes[0].contains("via 192.168.50.1") && kernelRoutes[0].contains("metric 256"), result.stdout)
        XCTAssertTrue(kernelRoutes[1].contains("via 192.168.60.1") && kernelRoutes[1].contains("metric 257"), result.stdout)
    }
}
