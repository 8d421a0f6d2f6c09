import Foundation
import XCTest

/// Hyper-V's networking cmdlets run by the real `hvsh` inside `-Sandbox` (a network namespace the
/// sandbox creates and that vanishes with it), checked from inside with iproute2's `ip -j`.
/// Two runs with the same HVSH_HOME stand in for a reboot: the second namespace starts empty and
/// hvsh recreates what its inventory records.
final class SandboxNetworkingTests: XCTestCase {
    private var home: ScratchDirectory!

    override func setUpWithError() throws {
        try HvshProcess.requireExecutable()
        guard geteuid() == 0 else { throw XCTSkip("needs root: bridges in the sandbox need CAP_NET_ADMIN over a real user") }
        guard ["/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip"].contains(where: FileManager.default.isExecutableFile(atPath:)) else {
            throw XCTSkip("iproute2's ip is needed to look inside the sandbox")
        }
        home = HvshProcess.makeHome()
    }

    override func tearDown() { home?.remove() }

    /// Runs `script` in a fresh sandbox and splits its output at lines `=== name`.
    private func sandbox(_ script: String) throws -> (sections: [String: String], stderr: String) {
        let file = home.write("script-\(UUID().uuidString.prefix(6)).ps1", script)
        let result = try HvshProcess.run(["-Sandbox", "-NoProfile", "-File", file], home: home.path, timeout: 60)
        if result.stderr.contains("cannot create a network namespace") {
            throw XCTSkip("this machine does not allow new network namespaces: \(result.stderr)")
        }
        XCTAssertEqual(result.status, 0, result.stderr)
        var sections: [String: String] = [:]
        var current = ""
        let text = result.stdout.hasSuffix("\n") ? String(result.stdout.dropLast()) : result.stdout
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("=== ") { current = String(line.dropFirst(4)); continue }
            sections[current, default: ""] += line + "\n"
        }
        return (sections, result.stderr)
    }

    /// `ip -j link` output: kernel name → (alias, master, veth peer).
    private func links(_ json: String?) throws -> [String: (alias: String?, master: String?, peer: String?)] {
        let data = Data((json ?? "").utf8)
        let list = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [[String: Any]], json ?? "")
        var result: [String: (alias: String?, master: String?, peer: String?)] = [:]
        for link in list {
            guard let name = link["ifname"] as? String else { continue }
            result[name] = (link["ifalias"] as? String, link["master"] as? String, link["link"] as? String)
        }
        return result
    }

    /// The kernel name of the link whose alias is `alias`, and the alias of the bridge its veth
    /// peer is enslaved to.
    private func hostAdapter(_ alias: String, in links: [String: (alias: String?, master: String?, peer: String?)]) -> (name: String, switchAlias: String?)? {
        guard let (name, link) = links.first(where: { $0.value.alias == alias }) else { return nil }
        let bridge = link.peer.flatMap { links[$0]?.master }
        return (name, bridge.flatMap { links[$0]?.alias })
    }

    /// Rename-VMNetworkAdapter -ManagementOS renames the vNIC; the NetAdapter keeps its name (and
    /// its kernel link), as on Windows; Set-VMNetworkAdapter -ManagementOS is refused clearly.
    func testManagementOSAdapterRename() throws {
        let run = try sandbox("""
            New-VMSwitch -Name Lab -SwitchType Private | Out-Null
            Add-VMNetworkAdapter -ManagementOS -Name Storage -SwitchName Lab -StaticMacAddress '00155D0A0B0C'
            '=== type'
            (Get-VMSwitch Lab).SwitchType.ToString()
            '=== mac'
            (Get-VMNetworkAdapter -ManagementOS -Name Storage).MacAddress
            (Get-NetAdapter 'vEthernet (Storage)').MacAddress
            Add-VMNetworkAdapter -ManagementOS -Name Bad -SwitchName Lab -StaticMacAddress '01005E000001' 2>&1 | ForEach-Object { $_.ToString() }
            '=== renamed'
            Rename-VMNetworkAdapter -ManagementOS -Name storage -NewName Backup -Passthru | ForEach-Object Name
            (Get-VMNetworkAdapter -ManagementOS).Name
            (Get-NetAdapter).Name
            '=== errors'
            Rename-VMNetworkAdapter -ManagementOS -Name NoSuch -NewName X 2>&1 | ForEach-Object { $_.ToString() }
            Set-VMNetworkAdapter -ManagementOS -Name Backup -MacAddressSpoofing On 2>&1 | ForEach-Object { $_.ToString() }
            """)
        XCTAssertEqual(run.sections["type"], "Internal\n", "a Private switch the management OS joins is Internal: \(run.stderr)")
        XCTAssertEqual(run.sections["mac"], """
            00155D0A0B0C
            00-15-5D-0A-0B-0C
            The MAC address '01005E000001' is not valid. Specify 12 hexadecimal digits of a unicast address, for example 00155D010203.

            """)
        XCTAssertEqual(run.sections["renamed"], "Backup\nBackup\nvEthernet (Storage)\n")
        let errors = (run.sections["errors"] ?? "").split(separator: "\n").map(String.init)
        XCTAssertEqual(errors.first, "Hyper-V was unable to find a management OS network adapter named \"NoSuch\".")
        XCTAssertTrue(errors.last?.hasPrefix("Set-VMNetworkAdapter -ManagementOS is not available in hvsh") ?? false, "\(errors)")
    }

    func testManagementOSAdapterIsAddedListedRecreatedAndRemoved() throws {
        let first = try sandbox("""
            New-VMSwitch -Name “NAT-Switch” -SwitchType Internal | Out-Null
            '=== added'
            Add-VMNetworkAdapter -ManagementOS -Name Storage -SwitchName NAT-Switch -Passthru |
                ForEach-Object { $_.Name, $_.IsManagementOs, $_.SwitchName, $_.VMName.Length -join '|' }
            '=== list'
            Get-VMNetworkAdapter -ManagementOS | Format-Table Name, IsManagementOs, VMName, SwitchName
            '=== netadapter'
            Get-NetAdapter | ForEach-Object { $_.Name + '|' + $_.InterfaceDescription }
            '=== duplicate'
            Add-VMNetworkAdapter -ManagementOS -Name storage -SwitchName NAT-Switch 2>&1 | ForEach-Object { $_.ToString() }
            '=== links'
            ip -j link show
            """)
        XCTAssertEqual(first.sections["added"], "Storage|True|NAT-Switch|0\n", first.stderr)
        XCTAssertEqual(first.sections["list"], """

            Name       IsManagementOs VMName SwitchName
            ----       -------------- ------ ----------
            NAT-Switch           True        NAT-Switch
            Storage              True        NAT-Switch


            """)
        XCTAssertEqual(first.sections["netadapter"], """
            vEthernet (NAT-Switch)|Hyper-V Virtual Ethernet Adapter
            vEthernet (Storage)|Hyper-V Virtual Ethernet Adapter #2

            """)
        XCTAssertEqual(first.sections["duplicate"], "A management OS network adapter named \"storage\" already exists.\n")
        let before = try links(first.sections["links"])
        let storage = try XCTUnwrap(hostAdapter("vEthernet (Storage)", in: before), "\(before)")
        XCTAssertEqual(storage.switchAlias, "NAT-Switch")
        XCTAssertLessThanOrEqual(storage.name.utf8.count, 15)

        // A new namespace (as after a reboot): the inventory brings the adapter back, then it goes.
        let second = try sandbox("""
            $null = Get-VMNetworkAdapter -ManagementOS
            '=== recreated'
            ip -j link show
            Get-VMNetworkAdapter -ManagementOS -Name st* | Remove-VMNetworkAdapter
            '=== after'
            (Get-VMNetworkAdapter -ManagementOS).Name
            (Get-NetAdapter).Name
            ip -j link show
            '=== missing'
            Remove-VMNetworkAdapter -ManagementOS -Name Storage 2>&1 | ForEach-Object { $_.ToString() }
            """)
        // The session's first networking cmdlet (Get-VMNetworkAdapter) recreated the recorded links.
        let recreated = try links(second.sections["recreated"])
        let again = try XCTUnwrap(hostAdapter("vEthernet (Storage)", in: recreated), "\(recreated) \(second.stderr)")
        XCTAssertEqual(again.name, storage.name)
        XCTAssertEqual(again.switchAlias, "NAT-Switch")
        let afterLines = (second.sections["after"] ?? "").split(separator: "\n").map(String.init)
        XCTAssertEqual(Array(afterLines.prefix(2)), ["NAT-Switch", "vEthernet (NAT-Switch)"], second.stderr)
        let after = try links(afterLines.dropFirst(2).joined(separator: "\n"))
        XCTAssertNil(hostAdapter("vEthernet (Storage)", in: after), "\(after)")
        XCTAssertEqual(hostAdapter("vEthernet (NAT-Switch)", in: after)?.switchAlias, "NAT-Switch")
        XCTAssertNil(after[storage.name], "the Storage adapter's veth pair is gone")
        XCTAssertEqual(second.sections["missing"], "Hyper-V was unable to find a management OS network adapter named \"Storage\".\n")
    }
}
