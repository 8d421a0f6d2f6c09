import Foundation
import XCTest
@testable import Inventory
import NetworkAddresses

final class FastJSONDecoderTests: XCTestCase {
    struct Sample: Codable, Equatable {
        struct Inner: Codable, Equatable { var flag: Bool; var values: [Int32]; var nested: [Inner]? }
        var text: String
        var optional: String?
        var missing: String?
        var id: UUID
        var date: Date
        var big: UInt64
        var negative: Int64
        var ratio: Double
        var mac: MACAddress
        var inner: Inner
        var dictionary: [String: Int]
    }

    func testDecodesWhatFoundationEncodesIdentically() throws {
        let sample = Sample(text: "quote \" backslash \\ tab \t newline \n é 😀 \u{1} end", optional: nil, missing: "x", id: UUID(),
                            date: Date(timeIntervalSinceReferenceDate: 123_456.789), big: UInt64.max, negative: Int64.min,
                            ratio: -1.5e-7, mac: MACAddress("00155D0A0B0C")!,
                            inner: .init(flag: true, values: [1, -2, 3], nested: [.init(flag: false, values: [], nested: nil)]),
                            dictionary: ["a": 1, "b": 2])
        for formatting: JSONEncoder.OutputFormatting in [[], [.prettyPrinted, .sortedKeys], [.withoutEscapingSlashes]] {
            let encoder = JSONEncoder()
            encoder.outputFormatting = formatting
            let data = try encoder.encode(sample)
            XCTAssertEqual(try FastJSONDecoder().decode(Sample.self, from: data), sample)
            XCTAssertEqual(try FastJSONDecoder().decode(Sample.self, from: data), try JSONDecoder().decode(Sample.self, from: data))
        }
    }

    func testUnicodeEscapesAndSurrogatePairs() throws {
        let json = #"["\u00e9\ud83d\ude00\/\b\f\r"]"#
        XCTAssertEqual(try FastJSONDecoder().decode([String].self, from: Data(json.utf8)), ["é😀/\u{8}\u{c}\r"])
    }

    func testDamageIsReportedAsDecodingErrorsWithPaths() {
        for broken in [#"{"text": "#, #"{"text": "a",}"#, #"[1 2]"#, #"{"a": tru}"#, #""\ud800""#, "", #"{"x":1} extra"#] {
            XCTAssertThrowsError(try FastJSONDecoder().decode([String: String].self, from: Data(broken.utf8)), broken) { error in
                guard case DecodingError.dataCorrupted = error else { return XCTFail("\(broken): \(error)") }
            }
        }
        struct Needs: Decodable { var inner: Inner; struct Inner: Decodable { var count: Int } }
        XCTAssertThrowsError(try FastJSONDecoder().decode(Needs.self, from: Data(#"{"inner": {"count": "3"}}"#.utf8))) { error in
            guard case DecodingError.typeMismatch(_, let context) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(context.codingPath.map(\.stringValue), ["inner", "count"])
        }
        XCTAssertThrowsError(try FastJSONDecoder().decode(Needs.self, from: Data(#"{"inner": {}}"#.utf8))) { error in
            guard case DecodingError.keyNotFound(let key, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(key.stringValue, "count")
        }
        XCTAssertThrowsError(try FastJSONDecoder().decode([UInt8].self, from: Data("[300]".utf8)))
    }
}
