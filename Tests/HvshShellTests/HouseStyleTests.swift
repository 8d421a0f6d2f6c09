import Foundation
import XCTest

/// The "one of each" rules of issue 18, checked on the source tree so that a second implementation
/// cannot creep back unnoticed: descriptors close only inside LinuxSystem, cmdlets read parameters
/// through typed keys, and there is one MACAddress, one tap, one way into a namespace, one JSON
/// reader, one atomic file writer and one measure of a thread's stack. Each failure names the file and line.
final class HouseStyleTests: XCTestCase {
    static let sources = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources")

    /// Every Swift and C line under Sources/, with the path relative to Sources/.
    static let lines: [(path: String, number: Int, text: String)] = {
        var result: [(String, Int, String)] = []
        let root = sources.path
        guard let walker = FileManager.default.enumerator(atPath: root) else { return [] }
        for case let relative as String in walker where [".swift", ".c", ".h"].contains(where: relative.hasSuffix) {
            guard let text = try? String(contentsOfFile: root + "/" + relative, encoding: .utf8) else { continue }
            for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                result.append((relative, index + 1, String(line)))
            }
        }
        return result.sorted { ($0.0, $0.1) < ($1.0, $1.1) }
    }()

    /// The lines matching `pattern` outside the folders in `allowedIn` (paths relative to Sources/).
    func offenders(_ pattern: String, allowedIn: [String] = [], swiftOnly: Bool = true) throws -> [String] {
        let regex = try NSRegularExpression(pattern: pattern)
        return Self.lines.filter { line in
            (!swiftOnly || line.path.hasSuffix(".swift")) && !allowedIn.contains { line.path.hasPrefix($0 + "/") }
                && regex.firstMatch(in: line.text, range: NSRange(line.text.startIndex..., in: line.text)) != nil
        }.map { "Sources/\($0.path):\($0.number): \($0.text.trimmingCharacters(in: .whitespaces))" }
    }

    func assertNone(_ what: String, _ pattern: String, allowedIn: [String] = [], swiftOnly: Bool = true) throws {
        let found = try offenders(pattern, allowedIn: allowedIn, swiftOnly: swiftOnly)
        XCTAssert(found.isEmpty, "\(what):\n" + found.joined(separator: "\n"))
    }

    func testTheSourceTreeIsFound() {
        XCTAssertGreaterThan(Self.lines.count, 10_000, "Sources/ was not read from \(Self.sources.path)")
    }

    func testDescriptorsCloseOnlyInsideTheSystemLayer() throws {
        try assertNone("a raw close(2) outside LinuxSystem (FileDescriptor closes by ownership)",
                       #"(^|[^.[:alnum:]_])close\([^)]"#, allowedIn: ["LinuxSystem"])
    }

    func testCmdletsReadParametersThroughTypedKeys() throws {
        try assertNone("a parameter looked up by its name as a string (read it through its Parameter<Value> key)",
                       #"context\.(string|strings|int|int32|int64|bool|switchValue|value|values)\(""#)
    }

    func testOneMACAddressOneTapOneNamespaceEntry() throws {
        let macTypes = try offenders(#"^\s*(public )?(struct|class|enum) MACAddress\b"#)
        XCTAssertEqual(macTypes.count, 1, "MACAddress types:\n" + macTypes.joined(separator: "\n"))
        XCTAssert(macTypes.first?.hasPrefix("Sources/NetworkAddresses/") == true, "MACAddress lives in NetworkAddresses: \(macTypes)")
        // C counts too: a second tap or setns in a C shim would be a second implementation.
        try assertNone("a tap device opened outside LinuxSystem's TapDevice", "TUNSETIFF",
                       allowedIn: ["LinuxSystem", "CLinuxSystem"], swiftOnly: false)
        try assertNone("a network namespace entered outside LinuxSystem's NetworkNamespace", #"\bsetns\("#,
                       allowedIn: ["LinuxSystem", "CLinuxSystem"], swiftOnly: false)
    }

    func testOneJSONReaderAndOneAtomicWriter() throws {
        try assertNone("Foundation's JSON reader (JSONText's JSONReader, or Inventory's FastJSONDecoder on it, is the one reader)",
                       #"\bJSONDecoder\(|JSONSerialization"#)
        try assertNone("Foundation's atomic file writing (LinuxSystem's AtomicFile is the one writer)",
                       #"options: *\[?\.atomic\b|atomically: *true"#)
    }

    func testOneAnswerToHowMuchStackIsLeft() throws {
        // The parser's nesting, the evaluator's recursion and StackGuard all ask LinuxSystem's ThreadStack.
        try assertNone("a thread's stack measured or sized outside LinuxSystem's ThreadStack and SystemThread",
                       #"pthread_getattr_np|pthread_attr_getstack|pthread_attr_setstacksize"#,
                       allowedIn: ["LinuxSystem", "CLinuxSystem"], swiftOnly: false)
    }
}
