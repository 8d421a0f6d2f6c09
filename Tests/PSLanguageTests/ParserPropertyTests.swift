import Foundation
import XCTest
@testable import PSLanguage

/// Property test: 20,000 random and mutated scripts (fixed seed, so failures reproduce) must all
/// parse without crashing or hanging, with every reported position inside the input, and the dumper
/// and error renderer must handle whatever the parser returns.
final class ParserPropertyTests: XCTestCase {
    static func corpus() throws -> [String] {
        var scripts = ParseTableTests.cases.map { $0.0.replacingOccurrences(of: "⏎", with: "\n") }
        scripts += ParseErrorTests.cases.map { $0.0.replacingOccurrences(of: "⏎", with: "\n") }
        scripts += try ConformanceParseTests.loadCases().map(\.script)
        return scripts
    }

    func testTwentyThousandRandomAndMutatedScripts() throws {
        var fuzzer = ScriptFuzzer(seed: 0x5EED_F00D, corpus: try Self.corpus())
        var slowest = 0.0
        var withErrors = 0
        for i in 0..<20_000 {
            let input = fuzzer.nextInput()
            let t0 = Date()
            let result = Parser.parse(bytes: input)
            slowest = max(slowest, Date().timeIntervalSince(t0))
            if !result.errors.isEmpty { withErrors += 1 }
            for e in result.errors {
                XCTAssertTrue(e.range.start >= 0 && e.range.start <= e.range.end && e.range.end <= input.count,
                              "case \(i): error range \(e.range) outside \(input.count) bytes")
                XCTAssertGreaterThanOrEqual(e.location.line, 1)
                XCTAssertGreaterThanOrEqual(e.location.column, 1)
            }
            XCTAssertTrue(!result.isIncomplete || result.hasErrors)
            for s in result.scriptBlock.endBlock?.body.statements ?? [] {
                XCTAssertTrue(s.range.start >= 0 && s.range.end <= input.count, "case \(i): statement range \(s.range)")
            }
            // Every 10th case also goes through the dumper and the error renderer.
            if i % 10 == 0 {
                _ = ASTDump.renderFlat(result.scriptBlock)
                _ = ParseErrorRenderer.render(result)
            }
        }
        // Mutations break most scripts; a fuzzer that never produced errors would be testing nothing.
        XCTAssertGreaterThan(withErrors, 5_000)
        // Not a speed test (bench/ measures speed): a bound far above any linear parse, so only a blow-up in
        // the input's size (quadratic or worse) fails it, on a loaded machine too.
        XCTAssertLessThan(slowest, 20, "slowest single parse took \(slowest) s")
    }

    /// Parsing is deterministic: the same input gives the same AST and errors.
    /// A dash followed by a multi-byte dash (en dash, em dash) at the very end of the input: the
    /// expression-start lookahead must not read past the last byte.
    func testDashPairAtTheEndStaysInside() {
        for script in ["-\u{2013}", "-\u{2014}", "1; -\u{2013}", "-\u{2015}"] {
            let r = Parser.parse(script)
            for e in r.errors { XCTAssertLessThanOrEqual(e.range.end, script.utf8.count, script) }
        }
    }

    func testParsingIsDeterministic() throws {
        var fuzzer = ScriptFuzzer(seed: 7, corpus: try Self.corpus())
        for _ in 0..<300 {
            let input = fuzzer.nextInput()
            let a = Parser.parse(bytes: input), b = Parser.parse(bytes: input)
            XCTAssertEqual(a.errors, b.errors)
            XCTAssertEqual(ASTDump.renderFlat(a.scriptBlock), ASTDump.renderFlat(b.scriptBlock))
        }
    }

    /// Pathological nesting is cut off with PowerShell's "too complex" error instead of exhausting the
    /// stack, and runs fast, even when called from a thread with a small stack.
    func testDeepNestingIsBoundedOnSmallStacks() {
        let inputs = [
            String(repeating: "(", count: 5000), String(repeating: "{", count: 5000),
            String(repeating: "$(", count: 3000), String(repeating: "\"$(", count: 3000),
            String(repeating: "@{a=", count: 3000), String(repeating: "1+", count: 50_000) + "1",
            "$a" + String(repeating: ".b", count: 50_000), String(repeating: "if(1){", count: 3000),
            String(repeating: "[a]", count: 20_000) + "1", String(repeating: "-", count: 20_000) + "1",
            String(repeating: "[List[", count: 3000),
        ]
        let done = DispatchSemaphore(value: 0)
        final class Results: @unchecked Sendable { var ids: [[String]] = [] } // written by the thread, read after join
        let results = Results()
        let thread = Thread {
            for s in inputs {
                let r = Parser.parse(s)
                _ = ASTDump.render(r.scriptBlock)
                results.ids.append(r.errors.map(\.id))
            }
            done.signal()
        }
        thread.stackSize = 512 << 10
        thread.start()
        // Generous: the bound is only there so a runaway parse fails instead of hanging the suite.
        XCTAssertEqual(done.wait(timeout: .now() + 300), .success, "the deep-nesting parses did not finish within 300 s")
        XCTAssertEqual(results.ids.count, inputs.count)
        for (i, ids) in results.ids.enumerated() where i < 9 {
            XCTAssertTrue(ids.contains("ScriptTooComplicated"), "input \(i): \(ids.prefix(3))")
        }
    }
}
