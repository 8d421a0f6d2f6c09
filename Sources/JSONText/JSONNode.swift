/// A JSON value as read (and as ConvertTo-Json writes it): members keep their order, integers that
/// fit Int64 are numbers already, other numbers keep their text so each reader converts it to the
/// type it wants (a UInt64, a Double, a decimal).
public indirect enum JSONNode: Equatable, Sendable {
    case null
    case bool(Bool)
    case int(Int64)
    /// Number text that is not an Int64 (fractions, exponents, big integers), kept verbatim.
    case number(String)
    case string(String)
    case array([JSONNode])
    case object([(String, JSONNode)])

    public static func == (a: JSONNode, b: JSONNode) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case let (.bool(x), .bool(y)): return x == y
        case let (.int(x), .int(y)): return x == y
        case let (.number(x), .number(y)): return x == y
        case let (.string(x), .string(y)): return x == y
        case let (.array(x), .array(y)): return x == y
        case let (.object(x), .object(y)):
            return x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    /// "an object", "a number"...: what a reader expected something else than.
    public var kindName: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .int, .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}
