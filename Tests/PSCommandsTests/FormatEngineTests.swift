import XCTest
import PSRuntime
@testable import PSCommands

/// The formatting engine on runtime values built in Swift (no script evaluation involved).
final class FormatEngineTests: XCTestCase {
    func session() -> ShellSession { ShellSession(host: BufferHost(width: 120), modules: [CoreCommands.module]) }

    func obj(_ pairs: KeyValuePairs<String, PSValue>) -> PSValue { .object(PSObject(pairs)) }

    func testSmallObjectsMakeATableSizedFromTheData() throws {
        let s = session()
        let text = try Formatting.outString([obj(["abc": .string("1234"), "bcd": .string("1234")]),
                                             obj(["abc": .string("1"), "bcd": .string("1")])], session: s)
        XCTAssertEqual(text, "\nabc  bcd\n---  ---\n1234 1234\n1    1\n\n")
    }

    func testNumbersAndBooleansRightAligned() throws {
        let s = session()
        let text = try Formatting.outString([obj(["name": .string("Bob"), "size": .int(1234), "booleanValue": .bool(true)]),
                                             obj(["name": .string("Jim"), "size": .int(5678), "booleanValue": .bool(false)])], session: s)
        XCTAssertEqual(text, "\nname size booleanValue\n---- ---- ------------\nBob  1234         True\nJim  5678        False\n\n")
    }

    func testFiveOrMorePropertiesMakeAList() throws {
        let s = session()
        let text = try Formatting.outString([obj(["a": .int(1), "bb": .int(2), "c": .int(3), "d": .int(4), "e": .null])], session: s)
        XCTAssertEqual(text, "\na  : 1\nbb : 2\nc  : 3\nd  : 4\ne  : \n\n")
    }

    func testFirstObjectFixesTheColumns() throws {
        let s = session()
        let text = try Formatting.outString([obj(["a": .int(1)]), obj(["b": .int(2), "a": .int(3)])], session: s)
        XCTAssertEqual(text, "\na\n-\n1\n3\n\n")
    }

    func testScalarsAreRawTextEvenInsideATable() throws {
        let s = session()
        XCTAssertEqual(try Formatting.outString([.int(1), .string("two")], session: s), "1\ntwo\n")
        XCTAssertEqual(try Formatting.outString([obj(["a": .int(1)]), .string("x")], session: s), "\na\n-\n1\nx\n\n")
    }

    func testHashtableIsANameValueTable() throws {
        let s = session()
        let h = PSHashtable(["key": .string("value")])
        let text = try Formatting.outString([.hashtable(h)], session: s)
        XCTAssertEqual(text, "\nName                           Value\n----                           -----\nkey                            value\n\n")
    }

    func testEnumerationLimitInCells() throws {
        let s = session()
        let h = PSHashtable(["array": .list((0...255).map { .int(Int32($0)) })])
        let text = try Formatting.outString([.hashtable(h)], session: s)
        XCTAssertTrue(text.contains("array                          {0, 1, 2, 3…}"), text)
        s.setVariable("FormatEnumerationLimit", .int(1))
        let one = try Formatting.outString([.hashtable(PSHashtable(["test": .list([.int(1), .int(2)])]))], session: s)
        XCTAssertTrue(one.contains("test                           {1…}"), one)
    }

    func testListFloatsKeepTheirDigitsTablesUseTwoDecimals() throws {
        let s = session()
        let o = obj(["double": .double(1234.56789), "float": .single(9876.543), "decimal": .decimal(Decimal(string: "4567.123456789")!)])
        XCTAssertEqual(try Formatting.outString([o], session: s), "\n double   float decimal\n ------   ----- -------\n1234.57 9876.54 4567.12\n\n")
        let s2 = session()
        var text = ""
        let f = LineFormatter(session: s2, invoke: { _, _ in [] }, screenWidth: 120, listWidth: 120) { text += $0 + "\n" }
        let g = FormatGenerator(shape: .list, options: FormatOptions(), session: s2, invoke: { _, _ in [] })
        var recs: [FormatRecord] = []
        try g.process(o) { recs.append($0) }
        g.finish { recs.append($0) }
        for r in recs { try f.add(FormatRecordObjects.wrap(r)) }
        f.finish()
        XCTAssertEqual(text, "\ndouble  : 1234.56789\nfloat   : 9876.543\ndecimal : 4567.123456789\n\n")
    }

    func testRegisteredViewIsUsedAndOtherTypesGoOutOfBand() throws {
        let s = session()
        let type = "Test.VM"
        s.importModule(PSModule(name: "T", formatViews: [
            FormatView(name: "VM", typeNames: [type], table: [
                TableColumn("Name"), TableColumn("State"),
                TableColumn("Mem(M)", value: .computed { v in
                    .long(((try? PSConvert.toInt64((try? v.asObject?.property("Memory")) ?? nil ?? .null)) ?? 0) / 1_048_576) }),
            ]),
        ]))
        let vm = PSObject(typeNames: [type, "System.Object"])
        vm.addNote("Name", .string("vm1")); vm.addNote("State", .string("Off")); vm.addNote("Memory", .long(2_147_483_648))
        vm.addNote("Extra", .string("hidden"))
        let other = obj(["x": .int(1)])
        let text = try Formatting.outString([.object(vm), other], session: s)
        XCTAssertEqual(text, "\nName State Mem(M)\n---- ----- ------\nvm1  Off   2048\n\nx : 1\n\n\n")
    }

    func testDateTimePrintsAsTextFramedByBlankLines() throws {
        let s = session()
        let d = PSDateTime(year: 2024, month: 3, day: 2, hour: 13, minute: 5, second: 0)
        XCTAssertEqual(try Formatting.outString([.dateTime(d), .dateTime(d)], session: s),
                       "\nSaturday, March 2, 2024 1:05:00 PM\nSaturday, March 2, 2024 1:05:00 PM\n\n")
    }

    func testTimeSpanIsAList() throws {
        let s = session()
        let text = try Formatting.outString([.timeSpan(PSTimeSpan(hours: 1, minutes: 30))], session: s)
        XCTAssertTrue(text.hasPrefix("\nDays              : 0\nHours             : 1\nMinutes           : 30\n"), text)
    }
}
