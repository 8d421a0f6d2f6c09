import Foundation
import NetworkAddresses
import XCTest

final class MACAddressTests: XCTestCase {
    static let expected = MACAddress(rawValue: 0x0015_5D01_02A3)

    /// The grammar: Hyper-V's, Windows' and Linux's spellings, in either case.
    static let accepted: [String] = [
        "00155D0102A3", "00155d0102a3", "00155D0102a3",
        "00-15-5D-01-02-A3", "00-15-5d-01-02-a3",
        "00:15:5d:01:02:a3", "00:15:5D:01:02:A3",
    ]

    /// Everything else, each for a reason the type's documentation gives.
    static let refused: [(String, String)] = [
        ("0015.5d01.02a3", "Cisco's dotted groups"),
        ("001:55D:010:2A3", "groups of three"),
        ("0:15:5d:1:2:a3", "single-digit groups"),
        ("00-15:5D-01:02-A3", "mixed separators"),
        ("00-15-5D-01-02:A3", "one odd separator"),
        ("00.15.5D.01.02.A3", "dots between pairs"),
        (" 00155D0102A3", "leading space"),
        ("00155D0102A3 ", "trailing space"),
        ("\t00-15-5D-01-02-A3", "leading tab"),
        ("0x00155D0102A3", "hex prefix"),
        ("00155D0102A", "eleven digits"),
        ("00155D0102A3F", "thirteen digits"),
        ("00155D0102G3", "not a hex digit"),
        ("00-15-5D-01-02", "five pairs"),
        ("00-15-5D-01-02-A3-", "trailing separator"),
        ("", "empty"),
        ("００155D0102A3", "full-width digits"),
    ]

    func testEveryAcceptedSpellingIsTheSameAddress() {
        for text in Self.accepted {
            XCTAssertEqual(MACAddress(text), Self.expected, text)
        }
    }

    func testEveryRefusedSpellingIsRefused() {
        for (text, reason) in Self.refused {
            XCTAssertNil(MACAddress(text), "\(text.debugDescription) (\(reason)) was accepted")
        }
    }

    func testSpellingsBytesAndOrder() throws {
        let mac = Self.expected
        XCTAssertEqual(mac.compact, "00155D0102A3")
        XCTAssertEqual(mac.dashed, "00-15-5D-01-02-A3")
        XCTAssertEqual(mac.colonSeparated, "00:15:5d:01:02:a3")
        XCTAssertEqual("\(mac)", "00:15:5d:01:02:a3")
        XCTAssertEqual(mac.bytes, [0x00, 0x15, 0x5D, 0x01, 0x02, 0xA3])
        XCTAssertEqual(MACAddress(bytes: mac.bytes), mac)
        XCTAssertNil(MACAddress(bytes: [1, 2, 3]))
        XCTAssertEqual(MACAddress(rawValue: 0xFF_0015_5D01_02A3), mac, "bits above 48 are dropped")
        XCTAssertLessThan(MACAddress("00155D0102A3")!, MACAddress("00155D0102A4")!)
        XCTAssertFalse(mac.isMulticast)
        XCTAssertTrue(MACAddress("01005E000001")!.isMulticast)
        XCTAssertTrue(MACAddress("000000000000")!.isZero)
    }

    func testRandomKeepsThePrefix() {
        let prefix: [UInt8] = [0x00, 0x15, 0x5D]
        let drawn = Set((0..<64).map { _ in MACAddress.random(prefix: prefix) })
        XCTAssertTrue(drawn.allSatisfy { Array($0.bytes.prefix(3)) == prefix })
        XCTAssertGreaterThan(drawn.count, 1, "64 draws gave one address")
    }

    func testCodableWritesHyperVsSpellingAndReadsAnyAcceptedOne() throws {
        let data = try JSONEncoder().encode([Self.expected])
        XCTAssertEqual(String(decoding: data, as: UTF8.self), #"["00155D0102A3"]"#)
        XCTAssertEqual(try JSONDecoder().decode([MACAddress].self, from: Data(#"["00:15:5d:01:02:a3"]"#.utf8)), [Self.expected])
        XCTAssertThrowsError(try JSONDecoder().decode([MACAddress].self, from: Data(#"["0015.5d01.02a3"]"#.utf8)))
    }
}
