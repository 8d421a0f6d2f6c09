import PSCommands
@testable import PSRuntime
import XCTest

/// A session and everything it made is freed when the last reference goes, once `close()` has dropped
/// what its scripts defined (a function's compiled code refers back to its session).
final class SessionLifetimeTests: XCTestCase {
    func testASessionIsFreedAfterRunningScripts() {
        weak var bare: ShellSession?
        weak var used: ShellSession?
        do {
            let s = ShellSession(host: BufferHost(), modules: [CoreCommands.module])
            bare = s
        }
        XCTAssertNil(bare, "a new session is freed")
        do {
            let s = ShellSession(host: BufferHost(), modules: [CoreCommands.module])
            _ = s.run("function f { [CmdletBinding()] param($x) $PSCmdlet.MyInvocation.BoundParameters.Count }; f -x 1; 1..3 | % { $_ } | Format-Table; $sb = { 1 }")
            s.close()
            used = s
        }
        XCTAssertNil(used, "a session that ran functions and formatting is freed")
    }
}
