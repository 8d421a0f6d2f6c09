import Foundation
import XCTest

/// examples/article-lab.ps1, the article's commands verbatim, run as a user would:
/// `hvsh -Sandbox -File examples/article-lab.ps1`. Checks what the commands print and, inside the same
/// sandbox, the real kernel objects they made (the gateway address, the NAT rule), and that the
/// machine's own interfaces did not change.
final class ArticleLabTests: XCTestCase {
    private var home: ScratchDirectory!

    static var labScript: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("examples/article-lab.ps1").path
    }

    override func setUpWithError() throws {
        try HvshProcess.requireExecutable()
        for tool in ["/usr/sbin/nft", "/usr/sbin/ip"] where !FileManager.default.isExecutableFile(atPath: tool) {
            throw XCTSkip("\(tool) is needed to look at what the lab made")
        }
        home = HvshProcess.makeHome()
    }

    override func tearDown() { home?.remove() }

    private func hostLinks() throws -> String {
        try SpawnedTool.run("/usr/sbin/ip", ["-o", "link", "show"], captureOutput: true).output
            .split(separator: "\n").map { $0.split(separator: ":").prefix(2).joined(separator: ":") }.joined(separator: "\n")
    }

    func testArticleCommandsRunVerbatimInTheSandbox() throws {
        let linksBefore = try hostLinks()
        let result = try HvshProcess.run(["-Sandbox", "-NoProfile", "-File", Self.labScript], home: home.path, timeout: 60)
        if result.stderr.contains("cannot create a network namespace") {
            throw XCTSkip("no network namespaces here: \(result.stderr)")
        }
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stderr, "", "every article command succeeds")
        for expected in ["Server2016", "ExposeVirtualizationExtensions", "NAT-Switch Internal",
                         "InternalIPInterfaceAddressPrefix : 192.168.2.0/24", "vEthernet (NAT-Switch)",
                         "IPAddress         : 192.168.2.1"] {
            XCTAssertTrue(result.stdout.contains(expected), "missing '\(expected)' in:\n\(result.stdout)")
        }
        XCTAssertEqual(try hostLinks(), linksBefore, "the machine's own interfaces are untouched")
    }

    func testTheLabMakesRealAddressesAndNATInsideTheSandbox() throws {
        let check = home.write("check.ps1", """
            . '\(Self.labScript)' | Out-Null
            (Get-VMProcessor -VMName Server2016).ExposeVirtualizationExtensions
            (Get-VMNetworkAdapter -VMName Server2016).MacAddressSpoofing
            ip -o -4 addr show | Select-String '192.168.2.1/24' | Measure-Object | % Count
            nft list ruleset | Select-String 'ip saddr 192.168.2.0/24' | Measure-Object | % Count
            """)
        let result = try HvshProcess.run(["-Sandbox", "-NoProfile", "-File", check], home: home.path, timeout: 60)
        if result.stderr.contains("cannot create a network namespace") {
            throw XCTSkip("no network namespaces here: \(result.stderr)")
        }
        XCTAssertEqual(result.stdout, "True\nOn\n1\n1\n", result.stderr)
    }
}
