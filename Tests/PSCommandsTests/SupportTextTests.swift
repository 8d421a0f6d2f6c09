import JSONText
import XCTest
@testable import PSCommands

final class JSONTextTests: XCTestCase {
    func testPrettyLayoutMatchesPowerShell() {
        let node = JSONNode.object([("Name", .string("vm1")), ("Count", .int(2)), ("Tags", .array([.string("a"), .int(1)])),
                                    ("Empty", .array([])), ("Obj", .object([])), ("Nothing", .null), ("On", .bool(true))])
        XCTAssertEqual(JSONWriter.write(node, compress: false),
                       "{\n  \"Name\": \"vm1\",\n  \"Count\": 2,\n  \"Tags\": [\n    \"a\",\n    1\n  ],\n  \"Empty\": [],\n  \"Obj\": {},\n  \"Nothing\": null,\n  \"On\": true\n}")
        XCTAssertEqual(JSONWriter.write(node, compress: true),
                       "{\"Name\":\"vm1\",\"Count\":2,\"Tags\":[\"a\",1],\"Empty\":[],\"Obj\":{},\"Nothing\":null,\"On\":true}")
        XCTAssertEqual(JSONWriter.write(.string("a\"b\\c\n\u{1}é"), compress: true), "\"a\\\"b\\\\c\\n\\u0001é\"")
    }

    func testParseRoundTripAndErrors() throws {
        let text = "{ \"a\": 1, \"b\": [true, null, 2.5, \"x\\u00e9\"], // comment\n \"c\": {\"d\": -3e2}, }"
        let node = try JSONReader.read(text)
        XCTAssertEqual(node, .object([("a", .int(1)), ("b", .array([.bool(true), .null, .number("2.5"), .string("xé")])),
                                      ("c", .object([("d", .number("-3e2"))]))]))
        XCTAssertThrowsError(try JSONReader.read("{\"a\": }"))
        XCTAssertThrowsError(try JSONReader.read("[1, 2"))
        XCTAssertThrowsError(try JSONReader.read("{\"a\": 1} x"))
        XCTAssertThrowsError(try JSONReader.read("\"open"))
    }
}

final class CSVTextTests: XCTestCase {
    func testQuotingModes() {
        XCTAssertEqual(CSVText.line(["vm1", "Off", nil, "say \"hi\""]), "\"vm1\",\"Off\",,\"say \"\"hi\"\"\"")
        XCTAssertEqual(CSVText.line(["a,b", "c"], quoting: .asNeeded), "\"a,b\",c")
        XCTAssertEqual(CSVText.line(["a", "b"], delimiter: ";", quoting: .never), "a;b")
    }

    func testRecordsWithQuotedNewlinesAndBlankLines() {
        let r = CSVText.records("\"Name\",\"Note\"\r\n\"vm1\",\"two\nlines\"\n\nvm2,\"a \"\"q\"\"\",\n")
        XCTAssertEqual(r, [["Name", "Note"], ["vm1", "two\nlines"], ["vm2", "a \"q\"", ""]])
    }
}

final class DateFormattingTests: XCTestCase {
    // Friday 2026-11-27 16:05:09.1234567, UTC+01:00
    let d = DateParts(year: 2026, month: 11, day: 27, hour: 16, minute: 5, second: 9, ticks: 1_234_567,
                      weekday: 5, dayOfYear: 331, utcOffsetSeconds: 3600)

    func testCustomAndStandardFormats() {
        XCTAssertEqual(DateFormatting.format(d, "yyyy-MM-dd HH:mm:ss"), "2026-11-27 16:05:09")
        XCTAssertEqual(DateFormatting.format(d, "dddd, MMMM d, yyyy h:mm tt"), "Friday, November 27, 2026 4:05 PM")
        XCTAssertEqual(DateFormatting.format(d, "yyyyMMdd'T'HHmm fff zzz"), "20261127T1605 123 +01:00")
        XCTAssertEqual(DateFormatting.format(d, "o"), "2026-11-27T16:05:09.1234567+01:00")
        XCTAssertEqual(DateFormatting.format(d, "d"), "11/27/2026")
        XCTAssertEqual(DateFormatting.format(d, "G"), "11/27/2026 4:05:09 PM")
        XCTAssertEqual(DateFormatting.format(d, "F"), "Friday, November 27, 2026 4:05:09 PM")
        XCTAssertEqual(DateFormatting.format(d, "s"), "2026-11-27T16:05:09")
        XCTAssertEqual(DateFormatting.format(d, "ddd \\d MMM"), "Fri d Nov")
    }

    func testUFormat() {
        XCTAssertEqual(DateFormatting.uformat(d, epochSeconds: 1_795_791_909, "%Y-%m-%d %H:%M:%S %A %j %p %Z"),
                       "2026-11-27 16:05:09 Friday 331 PM +01")
        XCTAssertEqual(DateFormatting.uformat(d, epochSeconds: 42, "%s%%"), "42%")
    }
}
