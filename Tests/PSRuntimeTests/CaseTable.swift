import XCTest
@testable import PSRuntime

/// Runs a table of (script, expected output) cases, reporting each failure with its script.
func assertCases(_ cases: [(String, String)], file: StaticString = #filePath, line: UInt = #line) {
    for (script, expected) in cases {
        let r = runScript(script, path: "/tmp/t.ps1")
        if r.output != expected {
            XCTFail("script: \(script)\nexpected: \(expected.debugDescription)\n     got: \(r.output.debugDescription)\n  errors: \(r.errors)",
                    file: file, line: line)
        }
    }
}

/// Runs a table of (script, text the error streams must contain) cases.
func assertErrorCases(_ cases: [(String, String)], file: StaticString = #filePath, line: UInt = #line) {
    for (script, expected) in cases {
        let r = runScript(script)
        if !r.errors.contains(expected) {
            XCTFail("script: \(script)\nexpected error containing: \(expected)\n got errors: \(r.errors)\n output: \(r.output)",
                    file: file, line: line)
        }
    }
}
