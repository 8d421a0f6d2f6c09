import XCTest
import PSRuntime
@testable import PSCommands

/// The core cmdlets that take the direct per-object entry (ForEach-Object, Measure-Object) behave as
/// through the binder, over streams long enough for every object after the first to take it.
final class PipelineStreamTests: ScriptTestCase {
    func testForEachObjectStreamsEachObjectThroughItsBlock() {
        XCTAssertEqual(ScriptHarness.run("1..5 | ForEach-Object { $_ * 2 } | ForEach-Object { $_ + 1 }").output, "3\n5\n7\n9\n11\n")
        // $input in the block is the current object; several process blocks run in turn.
        XCTAssertEqual(ScriptHarness.run("1..2 | ForEach-Object { \"in=$input\" }").output, "in=1\nin=2\n")
        XCTAssertEqual(ScriptHarness.run("1..2 | ForEach-Object { 'B' } { \"a$_\" } { \"b$_\" } { 'E' }").output, "B\na1\nb1\na2\nb2\nE\n")
        XCTAssertEqual(ScriptHarness.run("'ab', 'cde' | ForEach-Object Length").output, "2\n3\n")
    }

    func testForEachObjectBlocksSeeTheVariablesOfTheirScope() {
        XCTAssertEqual(ScriptHarness.run("$n = 10; 1..3 | ForEach-Object { $n += $_ }; $n").output, "16\n")
        XCTAssertEqual(ScriptHarness.run("function f { $k = 'fn'; 1..2 | ForEach-Object { \"$k$_\" } }; $k = 'top'; f").output, "fn1\nfn2\n")
    }

    func testStoppingAndFailingInTheMiddleOfAStream() {
        XCTAssertEqual(ScriptHarness.run("1..1000000 | ForEach-Object { $_ * 2 } | Select-Object -First 3").output, "2\n4\n6\n")
        let r = ScriptHarness.run("1..4 | ForEach-Object { if ($_ -eq 3) { throw 'three' }; $_ }")
        XCTAssertEqual(r.output, "1\n2\n")
        XCTAssertTrue(r.errors.contains("three"), r.errors)
    }

    func testMeasureObjectOverAStream() {
        XCTAssertEqual(ScriptHarness.run("$m = 5, 3, 9, 1 | Measure-Object -Sum -Maximum -Minimum; \"$($m.Count) $($m.Sum) $($m.Maximum) $($m.Minimum)\"").output,
                       "4 18 9 1\n")
        XCTAssertEqual(ScriptHarness.run("$m = 1..1000 | ForEach-Object { $_ * 2 } | Measure-Object -Sum -Average; \"$($m.Count) $($m.Sum) $($m.Average)\"").output,
                       "1000 1001000 1001\n")
        // $null objects count but are not measured; text falls back to PowerShell's ordering.
        XCTAssertEqual(ScriptHarness.run("$m = 1, $null, 3 | Measure-Object -Sum; \"$($m.Count) $($m.Sum)\"").output, "3 4\n")
        XCTAssertEqual(ScriptHarness.run("('b', 'a', 'c' | Measure-Object -Maximum).Maximum").output, "c\n")
    }

    func testRedirectedOutputOfAStageGoesToTheRedirectionNotTheNextStage() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("handoff-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("out.txt").path
        XCTAssertEqual(ScriptHarness.run("1..3 | ForEach-Object -Begin { 'b' } -Process { $_ } > '\(file)'; 'after'").output, "after\n")
        XCTAssertEqual(try String(contentsOfFile: file, encoding: .utf8), "b\n1\n2\n3\n")
    }
}
