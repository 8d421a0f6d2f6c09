import Foundation
import XCTest
import Inventory
import PSCommands
import PSRuntime
@testable import HyperV

/// bench/hyperv: New-VM x 1000 in one script, and Get-VM | Format-Table over the 1000 VMs, through
/// the real shell (parser, binder, cmdlets, inventory with fsync, formatter) in a release build.
/// Runs only with HVSH_BENCH=1 (bench/hyperv/run.sh); figures go to $HVSH_BENCH_OUT.
final class HyperVBenchmarkTests: XCTestCase {
    func testBenchmarkNewVM1000AndGetVMTable() throws {
        guard ProcessInfo.processInfo.environment["HVSH_BENCH"] == "1" else { throw XCTSkip("benchmark; set HVSH_BENCH=1 (bench/hyperv/run.sh)") }
        let root = "/tmp/hvsh-bench-\(getpid())"
        try? FileManager.default.removeItem(atPath: root)
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        setenv("HVSH_HOME", root, 1)
        defer { unsetenv("HVSH_HOME") }
        // The real factories (HyperVModule.module): VMM runtime (a pid-file check per VM for State) and
        // networking switches.
        func session() -> (ShellSession, BufferHost) {
            let host = BufferHost(width: 120)
            return (ShellSession(host: host, modules: [CoreCommands.module, HyperVModule.module]), host)
        }
        func seconds(_ body: () -> Void) -> Double {
            let start = DispatchTime.now().uptimeNanoseconds
            body()
            return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        }
        var report = ""
        let (creator, creatorHost) = session()
        let create = seconds {
            _ = creator.runScript("""
                Set-VMHost -MacAddressMinimum 00155D000000 -MacAddressMaximum 00155D00FFFF
                foreach ($i in 1..1000) { New-VM -Name "bench-$i" -MemoryStartupBytes 512MB -Generation 2 | Out-Null }
                """)
        }
        XCTAssertEqual(creatorHost.other, "")
        let count = try FileManager.default.contentsOfDirectory(atPath: root + "/Virtual Machines").count
        XCTAssertEqual(count, 1000)
        report += String(format: "New-VM x 1000 in one script: %.2f s (%.2f ms per VM; target < 5 s)\n", create, create)

        var warm: [Double] = []
        var cold: [Double] = []
        var rows = 0
        for _ in 0..<5 {
            // A new session (as a new process) has an empty decode cache; its second run is warm.
            let (s, h) = session()
            cold.append(seconds { _ = s.runScript("Get-VM | Format-Table") })
            let coldOutput = h.output.count
            warm.append(seconds { _ = s.runScript("Get-VM | Format-Table") })
            rows = h.output.dropFirst(coldOutput).split(separator: "\n").count
        }
        XCTAssertEqual(rows, 1002)
        report += String(format: "Get-VM | Format-Table over 1000 VMs, configs already decoded in this session: %.1f ms (best of 5)\n", warm.min()! * 1000)
        report += String(format: "Get-VM | Format-Table over 1000 VMs, cold (new inventory, every config decoded): %.1f ms (best of 5; target < 100 ms)\n", cold.min()! * 1000)
        if let out = ProcessInfo.processInfo.environment["HVSH_BENCH_OUT"] {
            try report.write(toFile: out, atomically: true, encoding: .utf8)
        }
        print(report)
    }
}
