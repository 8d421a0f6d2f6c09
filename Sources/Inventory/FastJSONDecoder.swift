import Foundation
import JSONText

/// A JSON decoder for the inventory's config files, several times faster than Foundation's on
/// Linux (where `JSONDecoder` spends ~300 µs on a 3.7 KB VM config; listing a thousand VMs must
/// fit in a few tens of milliseconds). The one JSON reader (`JSONText.JSONReader`, strict grammar)
/// turns the bytes into a `JSONNode` tree; this decodes `Decodable` types from it with Foundation's default strategies (`Date` as seconds
/// since 2001, `Data` as base64 never used here). Errors are the standard `DecodingError`s with
/// coding paths, so damaged files are described the same way.
public struct FastJSONDecoder {
    public init() {}

    public func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        let value = try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) throws -> JSONNode in
            do throws(JSONReadError) {
                // Nothing but Foundation's encoder ever wrote these files: anything else is damage.
                return try JSONReader.read(raw.bindMemory(to: UInt8.self), grammar: .strict, maxDepth: 512)
            } catch {
                throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "\(error.message) (byte \(error.offset))"))
            }
        }
        return try T(from: JSONNodeDecoder(value: value, codingPath: []))
    }
}

struct JSONKey: CodingKey {
    var stringValue: String
    var intValue: Int?
    init(stringValue: String) { self.stringValue = stringValue }
    init(intValue: Int) { self.stringValue = String(intValue); self.intValue = intValue }
}

struct JSONNodeDecoder: Decoder {
    let value: JSONNode
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let members) = value else {
            throw DecodingError.typeMismatch([String: Any].self, .init(codingPath: codingPath, debugDescription: "expected an object, found \(value.kindName)"))
        }
        // A repeated key: the last one wins, as in Foundation's decoder.
        let object = Dictionary(members, uniquingKeysWith: { _, last in last })
        return KeyedDecodingContainer(KeyedJSONContainer<Key>(object: object, codingPath: codingPath))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let array) = value else {
            throw DecodingError.typeMismatch([Any].self, .init(codingPath: codingPath, debugDescription: "expected an array, found \(value.kindName)"))
        }
        return UnkeyedJSONContainer(array: array, codingPath: codingPath)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleJSONContainer(value: value, codingPath: codingPath)
    }
}

/// Conversions shared by the three containers.
enum JSONScalar {
    static func mismatch<T>(_ type: T.Type, _ value: JSONNode, _ path: [any CodingKey]) -> DecodingError {
        .typeMismatch(type, .init(codingPath: path, debugDescription: "expected \(type), found \(value.kindName)"))
    }

    static func decode<T: Decodable>(_ type: T.Type, _ value: JSONNode, _ path: [any CodingKey]) throws -> T {
        // Strings are the commonest leaf (enums, UUIDs, MACs come through single-value containers).
        if T.self == String.self {
            guard case .string(let s) = value else { throw mismatch(type, value, path) }
            return s as! T
        }
        switch type {
        case is String.Type:
            guard case .string(let s) = value else { throw mismatch(type, value, path) }
            return s as! T
        case is Bool.Type:
            guard case .bool(let b) = value else { throw mismatch(type, value, path) }
            return b as! T
        case is Int.Type: return try integer(Int.self, value, path) as! T
        case is Int64.Type: return try integer(Int64.self, value, path) as! T
        case is Int32.Type: return try integer(Int32.self, value, path) as! T
        case is Int16.Type: return try integer(Int16.self, value, path) as! T
        case is Int8.Type: return try integer(Int8.self, value, path) as! T
        case is UInt.Type: return try integer(UInt.self, value, path) as! T
        case is UInt64.Type: return try integer(UInt64.self, value, path) as! T
        case is UInt32.Type: return try integer(UInt32.self, value, path) as! T
        case is UInt16.Type: return try integer(UInt16.self, value, path) as! T
        case is UInt8.Type: return try integer(UInt8.self, value, path) as! T
        case is Double.Type: return try floating(value, path) as! T
        case is Float.Type: return Float(try floating(value, path)) as! T
        default:
            return try T(from: JSONNodeDecoder(value: value, codingPath: path))
        }
    }

    static func integer<I: FixedWidthInteger>(_ type: I.Type, _ value: JSONNode, _ path: [any CodingKey]) throws -> I {
        let text: String
        switch value {
        case .int(let integer):
            if let exact = I(exactly: integer) { return exact }
            text = String(integer)
        case .number(let number): text = number
        default: throw mismatch(type, value, path)
        }
        if let exact = I(text) { return exact }
        if let double = Double(text), double.rounded() == double, let converted = I(exactly: double) { return converted }
        throw DecodingError.dataCorrupted(.init(codingPath: path, debugDescription: "\(text) does not fit in \(type)"))
    }

    static func floating(_ value: JSONNode, _ path: [any CodingKey]) throws -> Double {
        switch value {
        case .int(let integer): return Double(integer)
        case .number(let text): if let double = Double(text) { return double }
        default: break
        }
        throw mismatch(Double.self, value, path)
    }
}

struct KeyedJSONContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let object: [String: JSONNode]
    let codingPath: [any CodingKey]

    var allKeys: [Key] { object.keys.compactMap { Key(stringValue: $0) } }
    func contains(_ key: Key) -> Bool { object[key.stringValue] != nil }

    func value(_ key: Key) throws -> JSONNode {
        guard let value = object[key.stringValue] else {
            throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "no value for \(key.stringValue)"))
        }
        return value
    }

    func decodeNil(forKey key: Key) throws -> Bool {
        if case .null = try value(key) { return true }
        return false
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try JSONScalar.decode(type, try value(key), codingPath + [key])
    }

    // Concrete overloads, so synthesized Codable never goes through the generic type switch and
    // the coding path is only built when there is an error to report.
    func decode(_ type: String.Type, forKey key: Key) throws -> String {
        let v = try value(key)
        guard case .string(let s) = v else { throw JSONScalar.mismatch(type, v, codingPath + [key]) }
        return s
    }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool {
        let v = try value(key)
        guard case .bool(let b) = v else { throw JSONScalar.mismatch(type, v, codingPath + [key]) }
        return b
    }

    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try JSONScalar.integer(type, try value(key), codingPath + [key]) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try JSONScalar.integer(type, try value(key), codingPath + [key]) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try JSONScalar.integer(type, try value(key), codingPath + [key]) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try JSONScalar.integer(type, try value(key), codingPath + [key]) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try JSONScalar.integer(type, try value(key), codingPath + [key]) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try JSONScalar.floating(try value(key), codingPath + [key]) }

    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? {
        guard let v = object[key.stringValue] else { return nil }
        switch v {
        case .null: return nil
        case .string(let s): return s
        default: throw JSONScalar.mismatch(type, v, codingPath + [key])
        }
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard let value = object[key.stringValue] else { return nil }
        if case .null = value { return nil }
        return try JSONScalar.decode(type, value, codingPath + [key])
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try JSONNodeDecoder(value: try value(key), codingPath: codingPath + [key]).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try JSONNodeDecoder(value: try value(key), codingPath: codingPath + [key]).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder {
        JSONNodeDecoder(value: object["super"] ?? .null, codingPath: codingPath + [JSONKey(stringValue: "super")])
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        JSONNodeDecoder(value: object[key.stringValue] ?? .null, codingPath: codingPath + [key])
    }
}

struct UnkeyedJSONContainer: UnkeyedDecodingContainer {
    let array: [JSONNode]
    let codingPath: [any CodingKey]
    var currentIndex = 0

    init(array: [JSONNode], codingPath: [any CodingKey]) {
        self.array = array
        self.codingPath = codingPath
    }

    var count: Int? { array.count }
    var isAtEnd: Bool { currentIndex >= array.count }

    mutating func next() throws -> (JSONNode, [any CodingKey]) {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(JSONNode.self, .init(codingPath: codingPath, debugDescription: "the array has no more elements"))
        }
        defer { currentIndex += 1 }
        return (array[currentIndex], codingPath + [JSONKey(intValue: currentIndex)])
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd else { return false }
        if case .null = array[currentIndex] { currentIndex += 1; return true }
        return false
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let (value, path) = try next()
        return try JSONScalar.decode(type, value, path)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        let (value, path) = try next()
        return try JSONNodeDecoder(value: value, codingPath: path).container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let (value, path) = try next()
        return try JSONNodeDecoder(value: value, codingPath: path).unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder {
        let (value, path) = try next()
        return JSONNodeDecoder(value: value, codingPath: path)
    }
}

struct SingleJSONContainer: SingleValueDecodingContainer {
    let value: JSONNode
    let codingPath: [any CodingKey]

    func decodeNil() -> Bool {
        if case .null = value { return true }
        return false
    }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try JSONScalar.decode(type, value, codingPath)
    }

    func decode(_ type: String.Type) throws -> String {
        guard case .string(let s) = value else { throw JSONScalar.mismatch(type, value, codingPath) }
        return s
    }

    func decode(_ type: Double.Type) throws -> Double { try JSONScalar.floating(value, codingPath) }
}
