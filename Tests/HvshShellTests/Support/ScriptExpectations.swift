import Foundation
import XCTest

/// Checks on the output of a long hvsh script (a real-guest boot prints dozens of labelled lines) whose failure
/// messages say first, in a few words, WHAT failed, followed only by the lines that bear on it. The whole output is
/// printed once, before the failures, so a log that keeps only its tail (CI) still ends with the failures and what
/// they were about.
final class ScriptExpectations {
    let result: HvshProcess.Result
    let lines: [String]
    private var failures: [(message: String, file: StaticString, line: UInt)] = []

    init(_ result: HvshProcess.Result) {
        self.result = result
        lines = result.stdout.split(separator: "\n").map(String.init)
    }

    /// hvsh ended with status 0 and wrote nothing to stderr, except lines containing one of `allowing`.
    func ranCleanly(allowing: [String] = [], file: StaticString = #filePath, line: UInt = #line) {
        let errors = result.stderr.split(separator: "\n").map(String.init).filter { line in
            !line.trimmingCharacters(in: .whitespaces).isEmpty && !allowing.contains { line.contains($0) }
        }
        if !errors.isEmpty { fail("hvsh wrote to stderr: " + errors.prefix(12).joined(separator: " | "), file: file, line: line) }
        if result.status != 0 { fail("hvsh exited with status \(result.status); last lines: " + tail(4), file: file, line: line) }
    }

    /// A line exactly `expected`; else the lines sharing its label (the text up to its first ": ").
    func has(_ expected: String, file: StaticString = #filePath, line: UInt = #line) {
        guard !lines.contains(expected) else { return }
        fail("missing line \(expected.debugDescription); " + related(to: expected), file: file, line: line)
    }

    /// The line starting with `label`, or nil (a failure naming the label).
    @discardableResult
    func value(_ label: String, file: StaticString = #filePath, line: UInt = #line) -> String? {
        guard let found = lines.first(where: { $0.hasPrefix(label) }) else {
            fail("no line starts with \(label.debugDescription); last lines: " + tail(4), file: file, line: line)
            return nil
        }
        return String(found.dropFirst(label.count))
    }

    /// The line starting with `label` matches `pattern` (a regular expression over the text after the label).
    func matches(_ label: String, _ pattern: String, file: StaticString = #filePath, line: UInt = #line) {
        guard let text = value(label, file: file, line: line) else { return }
        if text.range(of: pattern, options: .regularExpression) == nil {
            fail("\(label.debugDescription) line does not match \(pattern): \(text.debugDescription)", file: file, line: line)
        }
    }

    /// A check of the test's own (a file on disk, a count) with the same reporting.
    func check(_ condition: Bool, _ what: @autoclosure () -> String, file: StaticString = #filePath, line: UInt = #line) {
        if !condition { fail(what(), file: file, line: line) }
    }

    func fail(_ message: String, file: StaticString = #filePath, line: UInt = #line) {
        failures.append((message, file, line))
    }

    /// Reports: the whole output once, then each failure on its own.
    /// `HVSH_TEST_SHOW_OUTPUT=1` prints the output of passing runs too.
    func finish() {
        guard !failures.isEmpty || ProcessInfo.processInfo.environment["HVSH_TEST_SHOW_OUTPUT"] == "1" else { return }
        print("---- hvsh stdout (status \(result.status)) ----\n\(result.stdout)\n---- hvsh stderr ----\n\(result.stderr)\n---- end of hvsh output ----")
        for failure in failures { XCTFail(failure.message, file: failure.file, line: failure.line) }
    }

    private func related(to expected: String) -> String {
        let label = expected.range(of: ": ").map { String(expected[..<$0.upperBound]) } ?? expected
        let similar = lines.filter { $0.hasPrefix(label) }
        return similar.isEmpty ? "no line starts with \(label.debugDescription); last lines: " + tail(4)
                               : "got " + similar.map(\.debugDescription).joined(separator: ", ")
    }

    private func tail(_ count: Int) -> String {
        lines.suffix(count).map(\.debugDescription).joined(separator: ", ")
    }
}
