import XCTest
import Foundation
import PSRuntime
@testable import PSCommands

/// Not a test: the benchmark of bench/format/run.sh, run in a release build with HVSH_BENCH=1.
/// It prints wall times; nothing is asserted about speed.
final class FormatBenchmarkTests: XCTestCase {
    func testBenchmarkPipelines() throws {
        try XCTSkipUnless(ProcessInfo.processInfo.environment["HVSH_BENCH"] == "1", "benchmark: set HVSH_BENCH=1 (release build)")
        try XCTSkipUnless(ScriptHarness.evaluatorAvailable, "the PSRuntime evaluator is not available yet")
        let scripts = [
            ("ft-autosize-10k", "$null = 1..10000 | ForEach-Object { [pscustomobject]@{ Name = \"vm$_\"; State = 'Off'; Count = $_ } } | Format-Table -AutoSize | Out-String"),
            ("measure-sum-1e6", "$null = 1..1000000 | ForEach-Object { $_ * 2 } | Measure-Object -Sum"),
            ("objects-only-10k", "$null = 1..10000 | ForEach-Object { [pscustomobject]@{ Name = \"vm$_\"; State = 'Off'; Count = $_ } }"),
        ]
        var report = ""
        for (name, script) in scripts {
            var best = Double.infinity
            for _ in 0..<5 {
                let start = DispatchTime.now().uptimeNanoseconds
                let r = ScriptHarness.run(script)
                let t = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                XCTAssertEqual(r.errors, "")
                best = min(best, t)
            }
            report += "BENCH \(name) best of 5: \(String(format: "%.3f", best)) s\n"
        }
        print(report)
        if let path = ProcessInfo.processInfo.environment["HVSH_BENCH_OUT"] { try report.write(toFile: path, atomically: true, encoding: .utf8) }
    }
}
