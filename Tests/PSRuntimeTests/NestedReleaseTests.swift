@testable import PSRuntime
import XCTest

/// Dropping values nested far deeper than the stack could recurse: Swift releases an object's
/// children from its deinit, and a chain of a million arrays, hashtables or objects built in a loop
/// once took the stack with it (SIGSEGV).
final class NestedReleaseTests: XCTestCase {
    func testDeepChainsAreFreedWithoutRecursion() {
        let depth = 1_000_000
        var array: PSValue = .null
        for _ in 0..<depth { array = .array(PSArray([array, .int(1)])) }
        array = .null
        var table: PSValue = .null
        for _ in 0..<depth {
            let h = PSHashtable()
            h[.string("a")] = table
            table = .hashtable(h)
        }
        table = .null
        var object: PSValue = .null
        for _ in 0..<depth { object = .object(PSObject(["a": object])) }
        object = .null
        XCTAssertTrue(array.isNull && table.isNull && object.isNull)
    }
}
