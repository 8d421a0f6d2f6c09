import XCTest
@testable import HvshShell

final class HistoryFileTests: XCTestCase {
    private var directory: String!

    override func setUpWithError() throws {
        var template = Array("/tmp/hvsh-history-test-XXXXXX".utf8CString)
        guard mkdtemp(&template) != nil else { throw XCTSkip("mkdtemp failed") }
        directory = String(cString: template)
    }

    override func tearDown() {
        removeTree(directory)
    }

    func testEntriesSurviveARoundTripIncludingMultiLineOnes() {
        let file = HistoryFile(path: directory + "/nested/dir/history")
        file.append("Get-VM", previous: nil)
        file.append("function f {\n  'a\\b'\n}", previous: "Get-VM")
        XCTAssertEqual(file.load(), ["Get-VM", "function f {\n  'a\\b'\n}"])
    }

    func testConsecutiveDuplicatesAndBlankLinesAreNotStored() {
        let file = HistoryFile(path: directory + "/history")
        file.append("a", previous: nil)
        file.append("a", previous: "a")
        file.append("   ", previous: "a")
        file.append("b", previous: "a")
        file.append("a", previous: "b")
        XCTAssertEqual(file.load(), ["a", "b", "a"])
    }

    func testSizeLimitKeepsTheNewestAndTrimsTheFile() {
        let file = HistoryFile(path: directory + "/history", limit: 8)
        for i in 0..<20 { file.append("cmd \(i)", previous: nil) }
        XCTAssertEqual(file.load(), (12..<20).map { "cmd \($0)" })
        let lines = FileText.read(directory + "/history")!.split(separator: "\n")
        XCTAssertEqual(lines.count, 8, "the file itself was cut back")
    }

    func testDefaultPathFollowsHome() {
        XCTAssertEqual(HistoryFile.defaultPath(environment: ["HOME": "/h"]), "/h/.local/share/hvsh/history")
        XCTAssertEqual(HistoryFile.defaultPath(environment: ["HOME": "/h", "XDG_DATA_HOME": "/d"]), "/d/hvsh/history")
        XCTAssertNil(HistoryFile.defaultPath(environment: [:]))
    }
}
