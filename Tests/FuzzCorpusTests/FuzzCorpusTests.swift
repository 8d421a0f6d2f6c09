import Foundation
import XCTest

/// Replays the committed fuzz corpus (fuzz/corpus/<target>/: seeds, and every input a fuzzer ever
/// crashed on, kept as a regression) through each target's harness in a process of its own, so a
/// crash is a failure that names the input instead of taking the test run down.
final class FuzzCorpusTests: XCTestCase {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../fuzz/corpus").standardized

    static var replayer: String {
        let me = URL(fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0])
        var directory = me.deletingLastPathComponent()
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent("hvsh-fuzz-replay").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return "hvsh-fuzz-replay"
    }

    func replay(_ target: String) throws {
        guard FileManager.default.isExecutableFile(atPath: Self.replayer) else {
            throw XCTSkip("hvsh-fuzz-replay was not built next to the tests")
        }
        let folder = Self.corpus.appendingPathComponent(target)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
            .map { folder.appendingPathComponent($0).path }
        XCTAssertFalse(files.isEmpty, "no corpus for \(target)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.replayer)
        process.arguments = [target] + files
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let last = text.split(separator: "\n").last { $0.hasPrefix("running ") } ?? "before the first input"
        XCTAssertEqual(process.terminationReason, .exit, "\(target): killed by signal \(process.terminationStatus) \(last)\n\(text.suffix(2000))")
        XCTAssertEqual(process.terminationStatus, 0, "\(target): \(last)\n\(text.suffix(2000))")
    }

    /// The fuzz package (fuzz/Package.swift) compiles the main package's sources again, with its own
    /// copy of the module graph: a dependency added to one and not the other left the fuzz targets
    /// unbuildable with nothing in `swift test` noticing (VMM's on JSONText). Each module must have
    /// the same dependencies in both.
    func testTheFuzzPackageHasTheMainPackagesModuleGraph() throws {
        let root = Self.corpus.deletingLastPathComponent().deletingLastPathComponent()
        func graph(_ manifest: String) throws -> [String: Set<String>] {
            let text = try String(contentsOf: root.appendingPathComponent(manifest), encoding: .utf8)
            let target = try NSRegularExpression(pattern: #"\.target\(name: "(\w+)"((?:,\s*dependencies:\s*\[([^\]]*)\])?)"#)
            var modules: [String: Set<String>] = [:]
            for match in target.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                let name = String(text[Range(match.range(at: 1), in: text)!])
                let list = Range(match.range(at: 3), in: text).map { String(text[$0]) } ?? ""
                modules[name] = Set(list.split(separator: ",").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " \n\"")) }
                    .filter { !$0.isEmpty })
            }
            return modules
        }
        let main = try graph("Package.swift"), fuzz = try graph("fuzz/Package.swift")
        XCTAssertGreaterThan(fuzz.count, 10, "fuzz/Package.swift's targets were not found")
        for (name, dependencies) in fuzz.sorted(by: { $0.key < $1.key }) {
            guard let mainDependencies = main[name] else { XCTFail("fuzz/Package.swift has \(name), which Package.swift does not"); continue }
            XCTAssertEqual(dependencies, mainDependencies, "\(name) depends on different modules in fuzz/Package.swift")
        }
    }

    func testParserCorpus() throws { try replay("parser") }
    func testEvaluatorCorpus() throws { try replay("evaluator") }
    func testJSONCorpus() throws { try replay("json") }
    func testCSVCorpus() throws { try replay("csv") }
    func testInventoryCorpus() throws { try replay("inventory") }
    func testControlRequestCorpus() throws { try replay("control-request") }
    func testVirtQueueCorpus() throws { try replay("virtqueue") }
    func testNetlinkReplyCorpus() throws { try replay("netlink-reply") }
}
