import XCTest
@testable import PSRuntime

final class SmokeTests: XCTestCase {
    func testBasics() {
        assertOutput("1 + 2", "3\n")
        assertOutput("$a = 1,2,3; $a", "1\n2\n3\n")
        assertOutput("'a' + 'b'", "ab\n")
        assertOutput("function f($x) { $x * 2 }; f 21", "42\n")
        assertOutput("$s=0; foreach ($i in 1..10) { $s += $i }; $s", "55\n")
        assertOutput("Write-Output hello", "hello\n")
    }
}
