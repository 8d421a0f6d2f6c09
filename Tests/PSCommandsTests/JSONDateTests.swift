import XCTest
import Foundation
import PSRuntime
@testable import PSCommands

/// ConvertFrom-Json turns ISO 8601 strings into DateTimes as PowerShell 7 (Json.NET) does, and
/// ConvertTo-Json writes them back in the same form.
final class JSONDateTests: ScriptTestCase {
    func testIsoStringsBecomeDateTimesOfTheRightKind() {
        assertOutput("""
            $j = '{"a":"2024-01-02T03:04:05","b":"2024-01-02T03:04:05Z","c":"2024-01-02T03:04:05.25+02:00"}' | ConvertFrom-Json
            $j.a.GetType().FullName; $j.a.Kind; $j.a.Hour
            $j.b.Kind; $j.b.Hour
            $j.c.Kind; $j.c.ToUniversalTime().Hour; $j.c.Millisecond
            """, "System.DateTime\nUnspecified\n3\nUtc\n3\nLocal\n1\n250\n")
        // Inside arrays and with -AsHashtable too; Json.NET's /Date(ms)/ form is UTC.
        assertOutput("""
            ('["2024-01-02T03:04:05Z", 1]' | ConvertFrom-Json)[0].Day
            ('{"t":"2024-01-02T03:04:05"}' | ConvertFrom-Json -AsHashtable).t.Year
            $m = '"\\/Date(1704164645000)\\/"' | ConvertFrom-Json; $m.Kind; $m.ToString('yyyy-MM-dd HH:mm:ss')
            """, "2\n2024\nUtc\n2024-01-02 03:04:05\n")
    }

    func testOtherStringsStayStrings() {
        for text in ["2024-01-02", "2024-01-02T03:04", "2024-13-02T03:04:05", "2024-02-30T03:04:05", "2024-01-02 03:04:05",
                     "x2024-01-02T03:04:05", "2024-01-02T03:04:05.", "2024-01-02T03:04:05+2", "2024-01-02T03:04:05.12345678"] {
            assertOutput("('\"\(text)\"' | ConvertFrom-Json).GetType().Name", "String\n")
        }
        XCTAssertNil(JSONDates.parseISO("2024-01-02T24:00:00"))
        XCTAssertNotNil(JSONDates.parseISO("2024-02-29T23:59:59.9999999-0130"))
        XCTAssertNil(JSONDates.parseISO("2023-02-29T00:00:00"))
    }

    func testDateKindParameter() {
        assertOutput("('\"2024-01-02T03:04:05Z\"' | ConvertFrom-Json -DateKind String).GetType().Name", "String\n")
        assertOutput("('\"2024-01-02T03:04:05Z\"' | ConvertFrom-Json -DateKind Local).Kind", "Local\n")
        assertOutput("('\"2024-01-02T03:04:05\"' | ConvertFrom-Json -DateKind Utc) | ConvertTo-Json", "\"2024-01-02T03:04:05Z\"\n")
        XCTAssertTrue(errors("'1' | ConvertFrom-Json -DateKind Sometimes").contains("Sometimes"))
    }

    func testRoundTripsThroughConvertToJson() {
        assertOutput("'{\"u\":\"2024-01-02T03:04:05.5Z\",\"n\":\"2024-01-02T03:04:05\"}' | ConvertFrom-Json | ConvertTo-Json -Compress",
                     "{\"u\":\"2024-01-02T03:04:05.5Z\",\"n\":\"2024-01-02T03:04:05\"}\n")
        // A time with an offset comes back as local time with the local offset: the same instant.
        assertOutput("""
            $d = '"2024-07-02T03:04:05+02:00"' | ConvertFrom-Json
            $again = $d | ConvertTo-Json | ConvertFrom-Json
            $again.Kind; $again.ToUniversalTime().Ticks -eq $d.ToUniversalTime().Ticks
            """, "Local\nTrue\n")
        let now = output("Get-Date | ConvertTo-Json")
        XCTAssertNotNil(now.range(of: #"^"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?[+-]\d\d:\d\d"\n$"#, options: .regularExpression), now)
    }
}
