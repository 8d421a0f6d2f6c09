import Foundation
import XCTest

/// examples/nested-lab-setup.ps1, an admin-style lab script (advanced script with ShouldProcess,
/// pipeline input, splatting, a dot-sourced helper, try/catch with Stop, `exit 1`, comment-based
/// help), run unchanged twice in one `hvsh -Sandbox` session: the second run changes nothing, and
/// the inventory and the sandbox namespace's kernel state are what the script promises.
final class NestedLabExampleTests: XCTestCase {
    static var scriptPath: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("examples/nested-lab-setup.ps1").path
    }

    func testRunsTwiceIdempotentlyAndLeavesTheLabInTheInventoryAndTheKernel() throws {
        try HvshProcess.requireExecutable()
        guard getuid() == 0 else { throw XCTSkip("-Sandbox needs root to create its namespaces") }
        let home = HvshProcess.makeHome()
        defer { home.remove() }
        let driver = home.write("drive.ps1", """
            $script = '\(Self.scriptPath)'
            'lab-hv1', 'lab-hv2' | & $script
            "first: $LASTEXITCODE"
            & $script -VMName lab-hv1, lab-hv2
            "second: $LASTEXITCODE"
            '--- inventory'
            (Get-VMSwitch).Name
            (Get-NetNat).Name + ' ' + (Get-NetNat).InternalIPInterfaceAddressPrefix
            foreach ($vm in Get-VM | Sort-Object Name) {
                $p = Get-VMProcessor -VMName $vm.Name
                $a = Get-VMNetworkAdapter -VMName $vm.Name
                $disk = (Get-VMHardDiskDrive -VMName $vm.Name).Path
                $first = (Get-VMFirmware -VMName $vm.Name).BootOrder[0]
                '{0} {1} {2} {3} {4} {5} {6} {7}' -f $vm.Name, $vm.Generation, $p.Count, $p.ExposeVirtualizationExtensions,
                    (Get-VMMemory -VMName $vm.Name).DynamicMemoryEnabled, $a.MacAddressSpoofing, $a.SwitchName,
                    ($first.BootType -eq 'Drive' -and $first.Device.Path -eq $disk -and (Test-Path $disk))
                "  $($vm.Path) $(Test-Path $vm.Path) $disk"
            }
            # C: is a folder under the inventory root: the lab's files are there, not in the host's C:-less root.
            (Get-ChildItem -Path "$((Get-PSDrive C).Root)/Hyper-V/Lab" -Recurse -Filter *.vhdx).Name
            '--- kernel'
            @(ip -4 -o addr show | Select-String '192.168.2.1/24').Count
            @(nft list ruleset | Select-String 'ip saddr 192.168.2.0/24 ip daddr != 192.168.2.0/24 masquerade').Count
            @(ip -o link show type bridge).Count
            '--- failure'
            & $script -VMName bad -NatPrefix 'not-a-prefix' 2>$null
            "bad prefix: $LASTEXITCODE"
            @(Get-VM).Count
            """)
        let result = try HvshProcess.run(["-Sandbox", "-NoProfile", "-File", driver], home: home.path, directory: home.path,
                                         timeout: 180)
        let marker = "[lab] 2 VM(s) ready for nested virtualization on NAT-Switch (192.168.2.0/24 via 192.168.2.1)"
        XCTAssertEqual(result.stdout.components(separatedBy: marker).count, 3, result.stdout + result.stderr)
        XCTAssertTrue(result.stdout.hasPrefix("""
            [lab] switch NAT-Switch created
            [lab] gateway 192.168.2.1/24 on vEthernet (NAT-Switch)
            [lab] NAT NAT-Switch-NAT for 192.168.2.0/24 created
            [lab] folder C:\\Hyper-V\\Lab created
            [lab] VM lab-hv1 created
            [lab] VM lab-hv2 created
            \(marker)
            """), result.stdout)
        XCTAssertTrue(result.stdout.contains("""
            first: 0
            [lab] switch NAT-Switch exists
            [lab] gateway 192.168.2.1 on vEthernet (NAT-Switch) exists
            [lab] NAT NAT-Switch-NAT exists
            [lab] VM lab-hv1 exists
            [lab] VM lab-hv2 exists
            \(marker)
            """), result.stdout)
        XCTAssertTrue(result.stdout.hasSuffix("""
            second: 0
            --- inventory
            NAT-Switch
            NAT-Switch-NAT 192.168.2.0/24
            lab-hv1 2 2 True False On NAT-Switch True
              C:\\Hyper-V\\Lab\\lab-hv1 True C:\\Hyper-V\\Lab\\lab-hv1\\Virtual Hard Disks\\lab-hv1.vhdx
            lab-hv2 2 2 True False On NAT-Switch True
              C:\\Hyper-V\\Lab\\lab-hv2 True C:\\Hyper-V\\Lab\\lab-hv2\\Virtual Hard Disks\\lab-hv2.vhdx
            lab-hv1.vhdx
            lab-hv2.vhdx
            --- kernel
            1
            1
            1
            --- failure
            bad prefix: 1
            2

            """), result.stdout)
        XCTAssertEqual(result.status, 0)
    }
}
