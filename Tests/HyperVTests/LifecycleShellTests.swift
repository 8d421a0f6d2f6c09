import Foundation
import XCTest
import Inventory
import VMM
@testable import HyperV

/// Start-VM and friends through the shell, with real VMs under /dev/kvm.
final class LifecycleShellTests: XCTestCase {
    func testStartGetVMConsoleAndStopThroughTheShell() throws {
        guard getuid() == 0, access("/dev/kvm", R_OK | W_OK) == 0 else { throw XCTSkip("needs root and /dev/kvm to run VMs") }
        guard FileManager.default.isExecutableFile(atPath: VMWorker.defaultWorkerPath()) else { throw XCTSkip("hvsh-worker not built") }
        let shell = try HyperVShell(self, liveVMs: true)
        try shell.requireEvaluator()
        defer { _ = shell.run("Get-VM | Stop-VM -TurnOff") }
        let run = shell.run("""
            New-VM -Name Live -MemoryStartupBytes 64MB -Generation 2 | Out-Null
            Disable-VMIntegrationService -VMName Live -Name Shutdown
            Start-VM -Name Live
            $vm = Get-VM Live
            "$($vm.State) $($vm.MemoryAssigned) $($vm.Uptime.TotalSeconds -ge 0)"
            $n = 0; while (-not ((Get-VMConsole Live) -match 'ready') -and $n -lt 600) { Start-Sleep -Milliseconds 50; $n = $n + 1 }
            (Get-VMConsole Live) -match 'ready' | Select-Object -First 1
            Set-VMProcessor Live -ExposeVirtualizationExtensions $true
            $Error[0].FullyQualifiedErrorId
            Stop-VM Live
            (Get-VM Live).State
            Stop-VM Live -Force
            (Get-VM Live).State
            Enable-VMIntegrationService Shutdown Live
            Start-VM Live
            $before = @(Get-VMConsole Live).Count
            $n = 0; while (@((Get-VMConsole Live) -match 'ready').Count -lt 2 -and $n -lt 600) { Start-Sleep -Milliseconds 50; $n = $n + 1 }
            Stop-VM Live
            (Get-VM Live).State
            Set-VMProcessor Live -ExposeVirtualizationExtensions $true
            Start-VM Live
            $Error[0].FullyQualifiedErrorId
            (Get-VM Live).State
            """)
        let lines = run.output.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.first, "Running 67108864 True", run.output + run.other)
        XCTAssertEqual(lines.count, 8, run.output + run.other)
        XCTAssertEqual(lines[safe: 1], "ready")
        XCTAssertEqual(lines[safe: 2], "InvalidState,Microsoft.HyperV.PowerShell.Commands.SetVMProcessor")
        XCTAssertEqual(lines[safe: 3], "Running", "Stop-VM without -Force cannot shut down a guest without the Shutdown service")
        XCTAssertEqual(lines[safe: 4], "Off", "-Force turns it off")
        XCTAssertEqual(lines[safe: 5], "Off", "with the Shutdown service the guest shuts down cleanly")
        XCTAssertEqual(lines[safe: 6], "OperationFailed,Microsoft.HyperV.PowerShell.Commands.StartVM")
        XCTAssertEqual(lines[safe: 7], "Off")
        XCTAssertTrue(run.other.contains("'Live' failed to start."), run.other)
        XCTAssertTrue(run.other.lowercased().contains("virtualization extensions"), run.other)
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
