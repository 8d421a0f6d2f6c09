import XCTest
import PSLanguage

/// The commands of the article in `shared/seeds/000_0fe36ec0848845de.txt`, verbatim (typographic
/// quotes included), and the AST each must produce.
final class ArticleCommandTests: XCTestCase {
    private func assertParses(_ source: String, _ expected: String, file: StaticString = #filePath, line: UInt = #line) {
        let result = Parser.parse(source)
        XCTAssertEqual(result.errors, [], file: file, line: line)
        XCTAssertEqual(ASTDump.renderFlat(result.scriptBlock), "(script \(expected))", file: file, line: line)
    }

    func testGetVMProcessorFormatList() {
        assertParses("Get-VMProcessor -VMName vm_name | fl *",
                     #"(pipeline (command (bare "Get-VMProcessor") (param VMName) (bare "vm_name")) (command (bare "fl") (bare "*")))"#)
    }

    func testSetVMProcessorExposeVirtualizationExtensions() {
        assertParses("Set-VMProcessor -VMName vm_name -ExposeVirtualizationExtensions $true",
                     #"(pipeline (command (bare "Set-VMProcessor") (param VMName) (bare "vm_name") (param ExposeVirtualizationExtensions) (var true)))"#)
    }

    func testMacAddressSpoofingPipeline() {
        assertParses("Get-VMNetworkAdapter -VMname vm_name | Set-VMNetworkAdapter -MacAddressSpoofing On",
                     #"(pipeline (command (bare "Get-VMNetworkAdapter") (param VMname) (bare "vm_name")) (command (bare "Set-VMNetworkAdapter") (param MacAddressSpoofing) (bare "On")))"#)
    }

    func testNewVMSwitchWithTypographicDoubleQuotes() {
        assertParses("New-VMSwitch -Name “SwitchName” -SwitchType Internal",
                     #"(pipeline (command (bare "New-VMSwitch") (param Name) (dstr "SwitchName") (param SwitchType) (bare "Internal")))"#)
    }

    func testNewNetNatWithTypographicSingleQuotes() {
        assertParses("New-NetNat -Name “network_name” -InternalIPInterfaceAddressPrefix ‘ip-address/netmask’",
                     #"(pipeline (command (bare "New-NetNat") (param Name) (dstr "network_name") (param InternalIPInterfaceAddressPrefix) (str "ip-address/netmask")))"#)
    }

    func testGetNetAdapterFormatTableAutosize() {
        assertParses("Get-NetAdapter | ft -Autosize",
                     #"(pipeline (command (bare "Get-NetAdapter")) (command (bare "ft") (param Autosize)))"#)
    }

    func testNewNetIPAddressPipeline() {
        assertParses("Get-NetAdapter “adapter_name” | New-NetIPAddress -IPAddress ip_address -AddressFamily IPv4 -PrefixLength mask_number",
                     #"(pipeline (command (bare "Get-NetAdapter") (dstr "adapter_name")) (command (bare "New-NetIPAddress") (param IPAddress) (bare "ip_address") (param AddressFamily) (bare "IPv4") (param PrefixLength) (bare "mask_number")))"#)
    }

    /// The commands as one script, with the CRLF line endings and BOM a Windows editor would save.
    func testWholeArticleAsWindowsScript() throws {
        let lines = [
            "Get-VMProcessor -VMName vm_name | fl *",
            "Set-VMProcessor -VMName vm_name -ExposeVirtualizationExtensions $true",
            "Get-VMNetworkAdapter -VMname vm_name | Set-VMNetworkAdapter -MacAddressSpoofing On",
            "New-VMSwitch -Name “SwitchName” -SwitchType Internal",
            "New-NetNat -Name “network_name” -InternalIPInterfaceAddressPrefix ‘ip-address/netmask’",
            "Get-NetAdapter | ft -Autosize",
            "Get-NetAdapter “adapter_name” | New-NetIPAddress -IPAddress ip_address -AddressFamily IPv4 -PrefixLength mask_number",
        ]
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array(lines.joined(separator: "\r\n").utf8) + [0x0D, 0x0A]
        let result = Parser.parse(bytes: bytes)
        XCTAssertEqual(result.errors, [])
        let statements = try XCTUnwrap(result.scriptBlock.endBlock).body.statements
        XCTAssertEqual(statements.count, 7)
        // Each statement's range starts at its line (after the 3-byte BOM on line 1).
        for (i, s) in statements.enumerated() {
            XCTAssertEqual(result.source.location(of: s.range.start), SourceLocation(line: i + 1, column: 1))
        }
        guard case .pipeline(let p) = statements[3], case .command(let c) = p.elements[0] else {
            return XCTFail("New-VMSwitch is not a command")
        }
        XCTAssertEqual(c.nameText, "New-VMSwitch")
        XCTAssertEqual(result.source.text(c.elements[1].range), "“SwitchName”")
    }

    /// The en dash a blog engine substitutes for `-` still starts a parameter.
    func testEnDashParameter() {
        assertParses("Set-VMProcessor –VMName vm_name -ExposeVirtualizationExtensions $true",
                     #"(pipeline (command (bare "Set-VMProcessor") (param VMName) (bare "vm_name") (param ExposeVirtualizationExtensions) (var true)))"#)
    }
}
