import XCTest
@testable import PSRuntime

/// Runs script text through a fresh session the way `hvsh -File` would and returns what the host shows.
func runScript(_ script: String, interactive: Bool = false, input: [String] = [], path: String? = nil,
               configure: ((ShellSession) -> Void)? = nil) -> (output: String, errors: String, all: String, exit: Int32) {
    let host = BufferHost(width: 120, interactive: interactive, input: input)
    let session = ShellSession(host: host)
    configure?(session)
    let code = session.runScript(script, path: path)
    return (host.output, host.other, host.all, code)
}

/// Asserts the output (stdout-like stream) of a script.
func assertOutput(_ script: String, _ expected: String, file: StaticString = #filePath, line: UInt = #line) {
    let r = runScript(script)
    XCTAssertEqual(r.output, expected, "script: \(script)\nerrors: \(r.errors)", file: file, line: line)
}

/// Asserts that a script writes the given error text (whole host text of the error streams).
func assertError(_ script: String, contains expected: String, file: StaticString = #filePath, line: UInt = #line) {
    let r = runScript(script)
    XCTAssertTrue(r.errors.contains(expected), "script: \(script)\nexpected error containing: \(expected)\ngot: \(r.errors)", file: file, line: line)
}
