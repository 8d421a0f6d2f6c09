import Foundation
import XCTest

/// Issue 17, defect 4: `kill -9` at a random point of real hvsh processes doing multi-file
/// operations (New-VM, Remove-VM, checkpoint chains, adapters, switches, NATs) never leaves the
/// inventory half-changed. After each kill the inventory is opened (which finishes a transaction
/// left in the intent log) and every invariant is checked (InventoryInvariants).
///
/// CI runs a short form (24 kills); `bench/inventory-kill/run.sh` runs the long one
/// (HVSH_INVENTORY_KILLS=200 or more). Each hvsh runs under `unshare -n`, in a network namespace
/// of its own that ends with it, so its switches and NAT rules never touch this host.
/// HVSH_INVENTORY_COMMIT_PAUSE_US widens each commit (a pause after every file) so that kills land
/// inside transactions often; the summary line says how many did.
final class InventoryKillTests: XCTestCase {
    static let workload = """
        $ErrorActionPreference = 'SilentlyContinue'
        for ($n = 0; $n -lt 100000; $n++) {
            $vms = @(Get-VM)
            $op = Get-Random -Maximum 13
            if ($vms.Count -lt 3) { $op = 0 }
            $vm = $vms | Get-Random
            switch ($op) {
                0 { New-VM -Name "k$(Get-Random)" -MemoryStartupBytes 64MB | Out-Null }
                1 { if ($vms.Count -gt 6) { Remove-VM -VM $vm -Force } else { Add-VMNetworkAdapter -VM $vm } }
                2 { Checkpoint-VM -VM $vm -SnapshotName "c$(Get-Random)" }
                3 { Checkpoint-VM -VM $vm -SnapshotName "c$(Get-Random)" }
                4 { Get-VMSnapshot -VM $vm | Get-Random | Remove-VMSnapshot }
                5 { Get-VMSnapshot -VM $vm | Get-Random | Remove-VMSnapshot -IncludeAllChildSnapshots }
                6 { Add-VMNetworkAdapter -VM $vm }
                7 { Get-VMNetworkAdapter -VM $vm | Get-Random | Remove-VMNetworkAdapter }
                8 { New-VMSwitch -Name "s$(Get-Random -Maximum 6)" -SwitchType Internal | Out-Null }
                9 { Get-VMSwitch | Get-Random | Remove-VMSwitch -Force }
                10 { $i = Get-Random -Maximum 200; New-NetNat -Name "n$i" -InternalIPInterfaceAddressPrefix "10.$i.0.0/24" | Out-Null }
                11 { Get-NetNat | Get-Random | Remove-NetNat -Confirm:$false }
                12 { $s = Get-VMSwitch -SwitchType Internal | Get-Random
                     if ($s) { New-NetIPAddress -InterfaceAlias "vEthernet ($($s.Name))" -IPAddress "172.16.$(Get-Random -Maximum 250).1" -PrefixLength 24 | Out-Null } }
            }
        }
        """

    func testKillNineAtRandomPointsNeverLeavesATransactionHalfApplied() throws {
        try HvshProcess.requireExecutable()
        guard geteuid() == 0 else { throw XCTSkip("the workload makes switches and NATs: needs root for its own network namespaces") }
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/unshare") else { throw XCTSkip("util-linux unshare is needed") }
        let environment = ProcessInfo.processInfo.environment
        let kills = Int(environment["HVSH_INVENTORY_KILLS"] ?? "") ?? 24
        let pause = environment["HVSH_INVENTORY_COMMIT_PAUSE_US"] ?? "3000"
        let home = HvshProcess.makeHome()
        defer { home.remove() }
        let script = home.write("workload.ps1", Self.workload)
        let root = home.path + "/hvsh-state"

        var generator = SystemRandomNumberGenerator()
        var inFlight = 0
        var violations: [String] = []
        for round in 1...kills {
            var childEnvironment = environment
            childEnvironment["HOME"] = home.path
            childEnvironment["HVSH_HOME"] = root
            childEnvironment["HVSH_INVENTORY_COMMIT_PAUSE_US"] = pause
            // unshare execs hvsh in its own process, so the pid killed is hvsh's.
            try HvshProcess.killAtRandom("/usr/bin/unshare", ["-n", HvshProcess.executable, "-NoProfile", "-File", script],
                                         environment: childEnvironment, microseconds: 60_000...450_000, using: &generator)
            if FileManager.default.fileExists(atPath: root + "/.intent-log") { inFlight += 1 }
            for violation in InventoryInvariants.violations(root: root) { violations.append("after kill \(round): \(violation)") }
        }
        let summary = "inventory-kill: \(kills) kills, \(inFlight) inside a multi-file commit (intent log replayed), \(violations.count) violations"
        print(summary)
        fflush(nil)
        XCTAssertEqual(violations, [], summary)
        XCTAssertGreaterThan(inFlight, 0, "no kill landed inside a commit, so nothing was tested: \(summary)")
    }
}
