import XCTest
@testable import PSRuntime

/// PSObject's member table: small objects scan their keys, objects of more than 16 members keep an
/// index; either way names are found in any case, a re-added name keeps its place, and removing
/// one leaves the rest findable. `caseInsensitiveKey` is exactly `lowercased()`.
final class MemberTableTests: XCTestCase {
    func testCaseInsensitiveKeyIsLowercased() {
        let samples = ["", "a", "A", "name", "Name", "NAME", "PSMessageDetails", "a-long-lower-case-name-past-15",
                       "A-Long-Mixed-Case-Name-Past-15", "É", "Ärger", "straße", "İstanbul", "ΣΑΣ", "x\u{301}Y", "日本Ab",
                       "\u{0130}", "MiXeD123_$"]
        for s in samples { XCTAssertEqual(s.caseInsensitiveKey, s.lowercased(), s) }
        var generator = SystemRandomNumberGenerator()
        let pieces = ["a", "Z", "_", "9", "É", "ß", "İ", "Σ", "\u{301}", "字", " ", "Q"]
        for _ in 0..<2000 {
            let s = (0..<Int.random(in: 0...24, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            XCTAssertEqual(s.caseInsensitiveKey, s.lowercased(), s)
        }
    }

    func testMembersFoundInAnyCaseBelowAndAboveTheIndexedSize() throws {
        for count in [1, 5, 16, 17, 40] {
            let o = PSObject()
            for i in 0..<count { o.addNote("Prop\(i)", .int(Int32(i))) }
            XCTAssertEqual(o.propertyNames, (0..<count).map { "Prop\($0)" }, "\(count) members")
            for i in 0..<count {
                for name in ["Prop\(i)", "prop\(i)", "PROP\(i)"] {
                    XCTAssertEqual(try text(o, name), "\(i)", "\(name) of \(count)")
                }
            }
            XCTAssertNil(o.member("Prop\(count)"), "\(count) members")
            // Re-adding in another case replaces the member in place (its new name shows).
            o.addNote("PROP0", .string("again"))
            XCTAssertEqual(o.members.count, count)
            XCTAssertEqual(o.members[0].name, "PROP0")
            XCTAssertEqual(try text(o, "prop0"), "again")
            try o.setProperty("pRoP0", .string("set"))
            XCTAssertEqual(try text(o, "Prop0"), "set")
            // Removing one keeps the others where they were.
            o.removeMember("prop0")
            XCTAssertNil(o.member("Prop0"))
            XCTAssertEqual(o.propertyNames, (1..<count).map { "Prop\($0)" })
            for i in 1..<count { XCTAssertEqual(try text(o, "PROP\(i)"), "\(i)", "\(count) members after removal") }
            // A copy finds the same members and grows on its own.
            let copy = o.copy()
            copy.addNote("Extra", .true)
            XCTAssertEqual(try text(copy, "extra"), "True")
            XCTAssertNil(o.member("extra"))
            for i in 1..<count { XCTAssertEqual(try text(copy, "prop\(i)"), "\(i)") }
        }
    }

    func testNonASCIINamesMatchAcrossCase() throws {
        let o = PSObject()
        o.addNote("Größe", .int(1))
        o.addNote("ÉTAT", .int(2))
        XCTAssertEqual(try text(o, "GRÖßE"), "1")
        XCTAssertEqual(try text(o, "état"), "2")
        XCTAssertEqual(try text(o, "État"), "2")
    }

    /// A property's value as text (nil when there is no such property).
    private func text(_ o: PSObject, _ name: String) throws -> String? {
        try o.property(name).map { PSConvert.toString($0) }
    }
}
