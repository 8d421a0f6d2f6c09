import XCTest
@testable import PSRuntime

/// The one wildcard matcher: `-like`, the cmdlets' name filters and Get-VM -Name all use it (each had
/// a copy of its own before, with different rules for sets and escapes).
final class WildcardPatternTests: XCTestCase {
    func testPatterns() {
        XCTAssertTrue(WildcardPattern("Name*").matches("namespace"))
        XCTAssertTrue(WildcardPattern("*State").matches("EnhancedSessionState"))
        XCTAssertFalse(WildcardPattern("*State").matches("StateX"))
        XCTAssertTrue(WildcardPattern("v?[0-9]").matches("vm7"))
        XCTAssertFalse(WildcardPattern("v?[!0-9]").matches("vm7"))
        XCTAssertTrue(WildcardPattern("S?rver[0-9]016").matches("Server2016"))
        XCTAssertFalse(WildcardPattern("Server").matches("Server2016"))
        XCTAssertTrue(WildcardPattern("a`*b").matches("a*b"))
        XCTAssertFalse(WildcardPattern("a`*b").matches("axb"))
        XCTAssertTrue(WildcardPattern("*").matches(""))
        XCTAssertFalse(WildcardPattern("Name", caseSensitive: true).matches("name"))
    }

    /// A name without wildcards names one thing: the cmdlets report it when nothing matched.
    func testWhatCountsAsAWildcard() {
        XCTAssertFalse(WildcardPattern("a`*b").hasWildcards)
        XCTAssertFalse(WildcardPattern("plain").hasWildcards)
        XCTAssertFalse(WildcardPattern("[unclosed").hasWildcards)
        XCTAssertTrue(WildcardPattern("[ab]").hasWildcards)
        XCTAssertTrue(WildcardPattern.containsWildcard("a?"))
        XCTAssertFalse(WildcardPattern.containsWildcard("abc"))
    }
}
