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
        self.sortedMembers = PSEnumType.dotNetOrder(self.members)
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

    public func name(of raw: Int64) -> String? { sortedMembers.first { $0.value == raw }?.name }

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

    public var memberNames: [String] { sortedMembers.map(\.name) }

    /// The members in .NET's order (GetNames, GetValues, the name ToString picks for a value):
    /// declaration order when the values never decrease (compared as unsigned numbers); otherwise
    /// sorted by value, a later member going before earlier ones of equal value (`Autumn; Winter;
    /// Fall = 3` lists Fall, Autumn, as about_Enum shows).
    public let sortedMembers: [(name: String, value: Int64)]

    static func dotNetOrder(_ members: [(name: String, value: Int64)]) -> [(name: String, value: Int64)] {
        func key(_ m: (name: String, value: Int64)) -> UInt64 { UInt64(bitPattern: m.value) }
        if zip(members, members.dropFirst()).allSatisfy({ key($0) <= key($1) }) { return members }
        var out: [(name: String, value: Int64)] = []
        for m in members {
            let at = out.firstIndex { key($0) >= key(m) } ?? out.count
            out.insert(m, at: at)
        }
        return out
    }

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
    public var description: String { text(asFlags: type.isFlags) }

    /// ToString('X'): the value in hex, as many digits as the underlying type has.
    public var hexText: String {
        let digits: Int
        switch type.underlying {
        case .byte, .sbyte: digits = 2
        case .int16, .uint16: digits = 4
        case .int64, .uint64: digits = 16
        default: digits = 8
        }
        let masked = digits == 16 ? UInt64(bitPattern: rawValue) : UInt64(bitPattern: rawValue) & ((1 << UInt64(digits * 4)) - 1)
        let hex = String(masked, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, digits - hex.count)) + hex
    }

    /// The name, or (`asFlags`, as ToString('F') for any enum) the names of the flags that make it up.
    public func text(asFlags: Bool) -> String {
        if let n = type.name(of: rawValue) { return n }
        if asFlags && rawValue != 0 {
            // .NET's flags format: the largest values that fit first, printed from the smallest.
            var parts: [String] = []
            var rest = rawValue
            for m in type.sortedMembers.reversed() where m.value != 0 && (rest & m.value) == m.value {
                parts.append(m.name); rest &= ~m.value
            }
            if rest == 0 && !parts.isEmpty { return parts.reversed().joined(separator: ", ") }
        }
        return String(rawValue)
    }
}
