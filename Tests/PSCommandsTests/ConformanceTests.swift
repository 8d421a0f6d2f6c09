import XCTest
import Foundation
import PSRuntime
@testable import PSCommands

/// Every case of Tests/conformance/language.json run through a session with the core commands:
/// the output must match PowerShell's byte for byte.
final class ConformanceTests: ScriptTestCase {
    struct Case: Decodable { let id: String; let script: String; let expected: String }

    /// Cases that do not pass yet, each with the reason. Keep this short; a case listed here that
    /// starts passing fails the test so the entry gets removed.
    static let knownFailures: [String: String] = [:]

    static func cases() throws -> [Case] {
        let here = URL(fileURLWithPath: #filePath)
        let file = here.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("conformance/language.json")
        return try JSONDecoder().decode([Case].self, from: Data(contentsOf: file))
    }

    func testEveryConformanceCase() throws {
        let all = try ConformanceTests.cases()
        XCTAssertGreaterThan(all.count, 40)
        var failed: [String] = []
        var unexpectedPasses: [String] = []
        for c in all {
            let r = ScriptHarness.run(c.script)
            let ok = r.output == c.expected
            if let why = ConformanceTests.knownFailures[c.id] {
                if ok { unexpectedPasses.append(c.id) } else { print("known failure \(c.id): \(why)") }
                continue
            }
            if !ok {
                failed.append(c.id)
                XCTFail("case \(c.id)\n--- expected\n\(c.expected.debugDescription)\n--- got\n\(r.output.debugDescription)\n--- errors\n\(r.errors)")
            }
        }
        XCTAssertTrue(unexpectedPasses.isEmpty, "these known failures pass now; remove them from the list: \(unexpectedPasses)")
        if !failed.isEmpty { print("failing conformance cases: \(failed.joined(separator: ", "))") }
    }
}
