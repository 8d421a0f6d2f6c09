/// An enum type declared by a module (`OnOffState`, `VMSwitchType`) or built in (`ActionPreference`).
/// Values parse case-insensitively from their names or numbers and print as their name.
public final class PSEnumType: Sendable, Hashable, CustomStringConvertible {
    public let name: String
    public let fullName: String
    public let members: [(name: String, value: Int64)]
    public let isFlags: Bool
    /// The integral type the values are stored as (`enum E : byte`); Int32 unless declared.
    public let underlying: PSType
    private let byName: [String: Int64]

    /// - Parameters:
    ///   - fullName: the .NET-style name, e.g. `Microsoft.HyperV.PowerShell.OnOffState`; its last
    ///     component is the short name used in `[OnOffState]` casts and messages.
    ///   - members: names with values; `values` default to 0, 1, 2, ... when built from names only.
    public init(fullName: String, members: [(String, Int64)], isFlags: Bool = false, underlying: PSType = .int32) {
        self.fullName = fullName
        self.underlying = underlying
        self.name = PSType.shortName(of: fullName)
        self.members = members.map { (name: $0.0, value: $0.1) }
        self.isFlags = isFlags
        var d: [String: Int64] = [:]
        for (n, v) in members { d[n.lowercased()] = v }
        self.byName = d
    }

    public convenience init(fullName: String, names: [String]) {
        self.init(fullName: fullName, members: names.enumerated().map { ($0.element, Int64($0.offset)) })
    }

    public func value(named text: String) -> PSEnumValue? {
        byName[text.lowercased()].map { PSEnumValue(type: self, rawValue: $0) }
    }

    public func value(_ raw: Int64) -> PSEnumValue { PSEnumValue(type: self, rawValue: raw) }

    public func name(of raw: Int64) -> String? { members.first { $0.value == raw }?.name }

    /// A value as its underlying type (`value__`, `[int][E]::A`).
    public func underlyingValue(_ raw: Int64) -> PSValue {
        switch underlying {
        case .byte: return .byte(UInt8(truncatingIfNeeded: raw))
        case .sbyte: return .sbyte(Int8(truncatingIfNeeded: raw))
        case .int16: return .int16(Int16(truncatingIfNeeded: raw))
        case .uint16: return .uint16(UInt16(truncatingIfNeeded: raw))
        case .uint32: return .uint32(UInt32(truncatingIfNeeded: raw))
        case .int64: return .long(raw)
        case .uint64: return .uint64(UInt64(bitPattern: raw))
        default: return .int(Int32(truncatingIfNeeded: raw))
        }
    }

    public var memberNames: [String] { members.map(\.name) }

    public var description: String { fullName }

    public static func == (a: PSEnumType, b: PSEnumType) -> Bool { a === b || a.fullName == b.fullName }
    public func hash(into h: inout Hasher) { h.combine(fullName) }
}

public struct PSEnumValue: Hashable, CustomStringConvertible {
    public let type: PSEnumType
    public let rawValue: Int64

    public init(type: PSEnumType, rawValue: Int64) {
        self.type = type
        self.rawValue = rawValue
    }

    /// The name PowerShell prints: the member name, a comma list for flags, else the number.
    public var description: String {
        if let n = type.name(of: rawValue) { return n }
        if type.isFlags && rawValue != 0 {
            // .NET's flags format: the largest values that fit first, printed from the smallest.
            var parts: [String] = []
            var rest = rawValue
            for m in type.members.sorted(by: { UInt64(bitPattern: $0.value) > UInt64(bitPattern: $1.value) })
            where m.value != 0 && (rest & m.value) == m.value {
                parts.append(m.name); rest &= ~m.value
            }
            if rest == 0 && !parts.isEmpty { return parts.reversed().joined(separator: ", ") }
        }
        return String(rawValue)
    }
}
