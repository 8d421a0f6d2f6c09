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

    func testParserCorpus() throws { try replay("parser") }
    func testEvaluatorCorpus() throws { try replay("evaluator") }
    func testJSONCorpus() throws { try replay("json") }
    func testCSVCorpus() throws { try replay("csv") }
    func testInventoryCorpus() throws { try replay("inventory") }
    func testControlRequestCorpus() throws { try replay("control-request") }
    func testVirtQueueCorpus() throws { try replay("virtqueue") }
    func testNetlinkReplyCorpus() throws { try replay("netlink-reply") }
}
