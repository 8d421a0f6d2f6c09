import Foundation
import XCTest

/// Networking objects in strings print as CimInstance.ToString does (class name and key properties),
/// as lab scripts' log lines show them; run by the real `hvsh -Sandbox` in its own network namespace.
final class CimInstanceTextTests: XCTestCase {
    private var home: ScratchDirectory!

    override func setUpWithError() throws {
        try HvshProcess.requireExecutable()
        guard geteuid() == 0 else { throw XCTSkip("needs root: the sandbox's network namespace needs CAP_NET_ADMIN") }
        home = HvshProcess.makeHome()
    }

    override func tearDown() { home?.remove() }

    func testCimObjectsInStrings() throws {
        let script = home.write("cim.ps1", """
            New-VMSwitch -Name LabNAT -SwitchType Internal | Out-Null
            $adapter = Get-NetAdapter -Name 'vEthernet (LabNAT)'
            "adapter: $adapter"
            "again:   $(Get-NetAdapter -Name 'vEthernet (LabNAT)')"
            $ip = New-NetIPAddress -IPAddress 192.168.77.1 -PrefixLength 24 -InterfaceAlias 'vEthernet (LabNAT)'
            "address: $($ip | Select-Object -First 1)"
            "nat:     $(New-NetNat -Name LabNAT -InternalIPInterfaceAddressPrefix 192.168.77.0/24)"
            "route:   $(Get-NetRoute -InterfaceAlias 'vEthernet (LabNAT)' | Select-Object -First 1)"
            """)
        let result = try HvshProcess.run(["-Sandbox", "-NoProfile", "-File", script], home: home.path, timeout: 60)
        if result.stderr.contains("cannot create a network namespace") {
            throw XCTSkip("this machine does not allow new network namespaces: \(result.stderr)")
        }
        XCTAssertEqual(result.status, 0, result.stderr)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 5, result.stdout + result.stderr)
        guard lines.count == 5 else { return }
        let host = ProcessInfo.processInfo.hostName
        let adapter = try NSRegularExpression(pattern: #"^adapter: MSFT_NetAdapter \(CreationClassName = "MSFT_NetAdapter", DeviceID = "\{[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\}", SystemCreationClassName = "CIM_NetworkPort", SystemName = "(.*)"\)$"#)
        let match = try XCTUnwrap(adapter.firstMatch(in: lines[0], range: NSRange(lines[0].startIndex..., in: lines[0])), lines[0])
        XCTAssertEqual((lines[0] as NSString).substring(with: match.range(at: 1)), host)
        XCTAssertEqual(lines[1].dropFirst("again:   ".count), lines[0].dropFirst("adapter: ".count), "the DeviceID is stable")
        XCTAssertNotNil(lines[2].range(of: #"^address: MSFT_NetIPAddress \(Name = "[5-D]{16}", CreationClassName = "", SystemCreationClassName = "", SystemName = ""\)$"#, options: .regularExpression), lines[2])
        XCTAssertNotNil(lines[3].range(of: #"^nat:     MSFT_NetNat \(InstanceID = "[5-D]{16}"\)$"#, options: .regularExpression), lines[3])
        XCTAssertNotNil(lines[4].range(of: #"^route:   MSFT_NetRoute \(InstanceID = "[5-D]{16}"\)$"#, options: .regularExpression), lines[4])
    }
}
