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

    /// Add-Member on a collection keeps the members with the collection (`PSArray.instanceMembers`);
    /// the member object must refer back to it only weakly, or the two keep each other alive forever.
    func testACollectionWithAddedMembersIsFreed() throws {
        weak var collection: PSArray?
        let host = BufferHost()
        let s = ShellSession(host: host, modules: [CoreCommands.module])
        do {
            _ = s.run("$a = @(1, 2); Add-Member -InputObject $a -NotePropertyName Note -NotePropertyValue 5; $r = Add-Member -InputObject $a -NotePropertyName Other -NotePropertyValue 6 -PassThru")
            guard case .array(let array)? = s.globalScope.lookup("a")?.value else { return XCTFail("$a is not an array") }
            XCTAssertNotNil(array.instanceMembers, "Add-Member gave the collection its own members")
            collection = array
        }
        // The members still read through the collection and through what -PassThru wrote.
        _ = s.run("'{0} {1} {2} {3}' -f $a.Note, $a.Other, $r.Note, $r.Count")
        XCTAssertEqual(host.output.trimmingCharacters(in: .whitespacesAndNewlines), "5 6 5 2", "members of the collection:\n\(host.all)")
        _ = s.run("Remove-Variable a, r")
        s.close()
        XCTAssertNil(collection, "a collection with added members is freed once nothing refers to it")
    }
}
