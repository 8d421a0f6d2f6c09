import XCTest
@testable import PSRuntime

final class ValueConversionTests: XCTestCase {
    func testDoubleFormattingMatchesDotNet() {
        XCTAssertEqual(NumberFormatting.format(1.4e23 * 1_099_511_627_776), "1.5393162788864E+35")
        XCTAssertEqual(NumberFormatting.format(5.1), "5.1")
        XCTAssertEqual(NumberFormatting.format(3.5), "3.5")
        XCTAssertEqual(NumberFormatting.format(1e15), "1E+15")
        XCTAssertEqual(NumberFormatting.format(123456789012345.0), "123456789012345")
        XCTAssertEqual(NumberFormatting.format(0.0001), "0.0001")
        XCTAssertEqual(NumberFormatting.format(0.00001), "1E-05")
        XCTAssertEqual(NumberFormatting.format(-2.5), "-2.5")
        XCTAssertEqual(NumberFormatting.format(500000500000.0), "500000500000")
        XCTAssertEqual(NumberFormatting.format(Double.nan), "NaN")
        XCTAssertEqual(NumberFormatting.format(-Double.infinity), "-Infinity")
        XCTAssertEqual(NumberFormatting.format(0.1 + 0.2), "0.3")
        XCTAssertEqual(NumberFormatting.format(Double.pi), "3.14159265358979")
    }

    func testStringParsingOfNumbers() {
        XCTAssertEqual(PSConvert.toString(NumberFormatting.parse("1kb")!), "1024")
        XCTAssertEqual(NumberFormatting.parse("0x10").map { PSConvert.toString($0) }, "16")
        XCTAssertEqual(NumberFormatting.parse("0xFFFFFFFF")?.typeName, "Int32")
        XCTAssertEqual(NumberFormatting.parse("3000000000")?.typeName, "Int64")
        XCTAssertEqual(NumberFormatting.parse(" 2.5 ")?.typeName, "Double")
        XCTAssertNil(NumberFormatting.parse("abc"))
        XCTAssertNil(NumberFormatting.parse("12abc"))
    }

    func testBankersRoundingOnIntCasts() throws {
        XCTAssertEqual(try PSConvert.toInt32(.double(2.5)), 2)
        XCTAssertEqual(try PSConvert.toInt32(.double(3.5)), 4)
        XCTAssertEqual(try PSConvert.toInt32(.double(-2.5)), -2)
        XCTAssertEqual(try PSConvert.toInt32(.string("1.5")), 2)
        XCTAssertEqual(try PSConvert.toInt32(.bool(true)), 1)
        XCTAssertEqual(try PSConvert.toInt32(.null), 0)
    }

    func testConversionErrorsUsePowerShellWording() {
        XCTAssertThrowsError(try PSConvert.convert(.string("abc"), to: .int64)) { e in
            XCTAssertEqual((e as? PSRuntimeError)?.record.message,
                           "Cannot convert value \"abc\" to type \"System.Int64\". Error: \"The input string 'abc' was not in a correct format.\"")
        }
        XCTAssertThrowsError(try PSConvert.convert(.double(1e20), to: .int32)) { e in
            XCTAssertEqual((e as? PSRuntimeError)?.record.message,
                           "Cannot convert value \"1E+20\" to type \"System.Int32\". Error: \"Value was either too large or too small for an Int32.\"")
        }
    }

    func testTruthiness() {
        XCTAssertTrue(PSConvert.toBool(.string(" ")))
        XCTAssertFalse(PSConvert.toBool(.string("")))
        XCTAssertFalse(PSConvert.toBool(.int(0)))
        XCTAssertFalse(PSConvert.toBool(.list([.int(0)])))
        XCTAssertTrue(PSConvert.toBool(.list([.int(0), .int(0)])))
        XCTAssertFalse(PSConvert.toBool(.list([])))
        XCTAssertFalse(PSConvert.toBool(.null))
        XCTAssertTrue(PSConvert.toBool(.object(PSObject())))
    }

    func testEnumsParseCaseInsensitivelyAndPrintByName() throws {
        let sw = PSEnumType(fullName: "Microsoft.HyperV.PowerShell.VMSwitchType", names: ["Private", "Internal", "External"])
        let v = try PSConvert.convert(.string("internal"), to: .enumType(sw))
        XCTAssertEqual(PSConvert.toString(v), "Internal")
        XCTAssertEqual(v.typeName, "VMSwitchType")
        XCTAssertThrowsError(try PSConvert.convert(.string("bogus"), to: .enumType(sw))) { e in
            XCTAssertEqual((e as? PSRuntimeError)?.record.message,
                           "Cannot convert value \"bogus\" to type \"Microsoft.HyperV.PowerShell.VMSwitchType\". Error: \"Unable to match the identifier name bogus to a valid enumerator name. Specify one of the following enumerator names and try again:\nPrivate, Internal, External\"")
        }
    }

    func testTypeNames() {
        XCTAssertEqual(PSValue.uint64(2).typeName, "UInt64")
        XCTAssertEqual(PSValue.int(2).typeFullName, "System.Int32")
        XCTAssertEqual(PSValue.list([]).typeFullName, "System.Object[]")
        XCTAssertEqual(PSValue.hashtable(PSHashtable()).typeName, "Hashtable")
        XCTAssertEqual(PSValue.object(PSObject()).typeName, "PSCustomObject")
        let vm = PSObject(typeNames: ["Microsoft.HyperV.PowerShell.VirtualMachine", "System.Object"])
        XCTAssertEqual(PSValue.object(vm).typeName, "VirtualMachine")
    }

    func testHashtableKeysAreCaseInsensitiveAndOrdered() throws {
        let h = PSHashtable(ordered: true)
        h["Name"] = .string("vm1")
        h["state"] = .string("Off")
        XCTAssertEqual(h["NAME"].map { PSConvert.toString($0) }, "vm1")
        h["name"] = .string("vm2")
        XCTAssertEqual(h.count, 2)
        XCTAssertEqual(h.keys.map { PSConvert.toString($0) }, ["Name", "state"])
        XCTAssertThrowsError(try h.add(.string("STATE"), .null))
        h.remove(.string("NAME"))
        XCTAssertEqual(h.keys.map { PSConvert.toString($0) }, ["state"])
        XCTAssertNotNil(h["State"])
    }

    func testPSObjectOrderedMembersAndLiveProperties() throws {
        var counter = 0
        let o = PSObject(typeNames: ["Test.Thing", "System.Object"])
        o.addNote("Name", .string("a"))
        o.addProperty("Live") { _ in counter += 1; return .int(Int32(counter)) }
        o.addAlias("VMName", target: "Name")
        o.addMethod("Twice") { _, args in .int(try PSConvert.toInt32(args[0]) * 2) }
        XCTAssertEqual(o.propertyNames, ["Name", "Live", "VMName"])
        XCTAssertEqual(try o.property("live").map { PSConvert.toString($0) }, "1")
        XCTAssertEqual(try o.property("LIVE").map { PSConvert.toString($0) }, "2")
        XCTAssertEqual(try o.property("vmname").map { PSConvert.toString($0) }, "a")
        try o.setProperty("vmname", .string("b"))
        XCTAssertEqual(try o.property("Name").map { PSConvert.toString($0) }, "b")
        XCTAssertEqual(try o.callMethod("twice", [.int(21)]).map { PSConvert.toString($0) }, "42")
        XCTAssertThrowsError(try o.setProperty("Live", .int(1)))
        let custom = PSObject(["a": .int(1), "b": .string("x")])
        XCTAssertEqual(PSConvert.toString(.object(custom)), "@{a=1; b=x}")
    }

    func testDotNetValueTypes() throws {
        XCTAssertEqual(PSConvert.toString(try PSConvert.convert(.string("10.0.2"), to: .version)), "10.0.2")
        XCTAssertEqual(PSConvert.toString(try PSConvert.convert(.string("192.168.0.1"), to: .ipAddress)), "192.168.0.1")
        XCTAssertEqual(PSConvert.toString(try PSConvert.convert(.string("FE80::1"), to: .ipAddress)), "fe80::1")
        XCTAssertEqual(PSConvert.toString(try PSConvert.convert(.string("00:00:08.5860000"), to: .timeSpan)), "00:00:08.5860000")
        XCTAssertEqual(PSConvert.toString(try PSConvert.convert(.string("2023-06-02 12:14:05"), to: .dateTime)), "06/02/2023 12:14:05")
        let g = try PSConvert.convert(.string("878A95FA-924D-4483-8721-170D5F23D3E0"), to: .guid)
        XCTAssertEqual(PSConvert.toString(g), "878a95fa-924d-4483-8721-170d5f23d3e0")
        XCTAssertEqual(PSDateTime(year: 2026, month: 11, day: 27).components.day, 27)
        XCTAssertEqual(PSDateTime(year: 2024, month: 2, day: 29, hour: 13).invariantString, "02/29/2024 13:00:00")
    }

    func testTypeRegistryResolvesAcceleratorsArraysAndModuleEnums() {
        let t = TypeRegistry()
        t.register(enum: PSEnumType(fullName: "Microsoft.HyperV.PowerShell.OnOffState", names: ["On", "Off"]))
        XCTAssertEqual(t.resolve("int"), .int32)
        XCTAssertEqual(t.resolve("string[]"), .array(.string))
        XCTAssertEqual(t.resolve("System.Collections.Generic.List[string]"), .list(.string))
        XCTAssertEqual(t.resolve("onoffstate")?.fullName, "Microsoft.HyperV.PowerShell.OnOffState")
        XCTAssertEqual(t.resolve("Int32"), .int32)
        XCTAssertNil(t.resolve("NoSuchType"))
    }
}
