import JSONText

/// The JSON values QEMU's machine protocol (QMP) speaks.
public indirect enum QMPValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([QMPValue])
    case object([(String, QMPValue)])

    public static func == (a: QMPValue, b: QMPValue) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.number(let x), .number(let y)): return x == y
        case (.string(let x), .string(let y)): return x == y
        case (.array(let x), .array(let y)): return x == y
        case (.object(let x), .object(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    public subscript(key: String) -> QMPValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.0 == key }?.1
    }

    public var string: String? { if case .string(let s) = self { return s }; return nil }
    public var bool: Bool? { if case .bool(let b) = self { return b }; return nil }
    public var array: [QMPValue]? { if case .array(let a) = self { return a }; return nil }
    public var uint64: UInt64? {
        if case .number(let n) = self, n >= 0, n < 1.8e19 { return UInt64(n) }
        return nil
    }

    // MARK: Reading and writing, through the one JSON reader and writer (JSONText, free of Foundation)

    /// The compact JSON text QMP reads.
    public var json: String { JSONWriter.write(node, compress: true) }

    private var node: JSONNode {
        switch self {
        case .null: return .null
        case .bool(let flag): return .bool(flag)
        case .number(let number):
            // QMP's numbers here are sizes and indices: whole, and exact up to 2^53.
            if number == number.rounded(), abs(number) < 9.0e15 { return .int(Int64(number)) }
            return .number("\(number)")
        case .string(let text): return .string(text)
        case .array(let items): return .array(items.map(\.node))
        case .object(let members): return .object(members.map { ($0.0, $0.1.node) })
        }
    }

    /// Parses one JSON text (RFC 8259's grammar); nil when it is not valid JSON.
    public static func parse(_ text: String) -> QMPValue? {
        guard let node = try? JSONReader.read(text, grammar: .strict, maxDepth: 64) else { return nil }
        return QMPValue(node)
    }

    private init?(_ node: JSONNode) {
        switch node {
        case .null: self = .null
        case .bool(let flag): self = .bool(flag)
        case .int(let number): self = .number(Double(number))
        case .number(let text):
            guard let number = Double(text) else { return nil }
            self = .number(number)
        case .string(let text): self = .string(text)
        case .array(let items):
            var values: [QMPValue] = []
            for item in items {
                guard let value = QMPValue(item) else { return nil }
                values.append(value)
            }
            self = .array(values)
        case .object(let members):
            var values: [(String, QMPValue)] = []
            for (key, member) in members {
                guard let value = QMPValue(member) else { return nil }
                values.append((key, value))
            }
            self = .object(values)
        }
    }
}
