import Foundation
import XCTest

/// The built `hvsh` started as a user would: the invocation forms that need no script engine.
final class InvocationProcessTests: XCTestCase {
    private var home: ScratchDirectory!

    override func setUpWithError() throws {
        try HvshProcess.requireExecutable()
        home = HvshProcess.makeHome()
    }

    override func tearDown() { home?.remove() }

    func testVersion() throws {
        let result = try HvshProcess.run(["-Version"], home: home.path)
        XCTAssertEqual(result.status, 0)
        XCTAssertTrue(result.stdout.hasPrefix("hvsh "), result.stdout)
        XCTAssertEqual(try HvshProcess.run(["-v"], home: home.path).stdout, result.stdout)
    }

    func testHelpShowsUsage() throws {
        for form in ["-Help", "-?", "-h", "--help"] {
            let result = try HvshProcess.run([form], home: home.path)
            XCTAssertEqual(result.status, 0, form)
            XCTAssertTrue(result.stdout.hasPrefix("Usage: hvsh"), form)
            XCTAssertTrue(result.stdout.contains("-NoProfile"), form)
        }
    }

    func testBadCommandLinesExitWith64() throws {
        let missingValue = try HvshProcess.run(["-Command"], home: home.path)
        XCTAssertEqual(missingValue.status, 64)
        XCTAssertTrue(missingValue.stderr.contains("-Command"), missingValue.stderr)

        let missingScript = try HvshProcess.run(["no-such-lab.ps1"], home: home.path)
        XCTAssertEqual(missingScript.status, 64)
        XCTAssertTrue(missingScript.stderr.contains("no-such-lab.ps1"), missingScript.stderr)

        let tooShort = try HvshProcess.run(["-no"], home: home.path)
        XCTAssertEqual(tooShort.status, 64)
        XCTAssertTrue(tooShort.stderr.contains("-NoProfile"), "suggests the switches containing the word: \(tooShort.stderr)")

        let windowStyle = try HvshProcess.run(["-WindowStyle", "Hidden"], home: home.path)
        XCTAssertEqual(windowStyle.status, 64)
    }

    func testWorkingDirectoryThatDoesNotExist() throws {
        let result = try HvshProcess.run(["-wd", home.path + "/nowhere", "-c", "exit"], home: home.path)
        XCTAssertEqual(result.status, 64)
        XCTAssertTrue(result.stderr.contains("nowhere"))
    }

    func testNoEscapeCodesWhenNotATerminal() throws {
        // Errors are red only on a terminal: here stderr is a pipe, even without NO_COLOR.
        let result = try HvshProcess.run(["missing.ps1"], home: home.path, environment: ["NO_COLOR": ""])
        XCTAssertFalse(result.stderr.contains("\u{1B}["), result.stderr)
    }
}
