/// What an enum type and its values answer beyond their names: System.Type's enum methods
/// (`[Color].GetEnumNames()`), and arithmetic, whose result keeps the left operand's enum type
/// (PowerShell's binder casts it back: `[Flags]::A + [Flags]::B` is `A, B`).
enum EnumTypeMethods {
    /// A value given for an enum's value (a name, a number or an enum value), as its raw number.
    static func rawValue(_ v: PSValue, _ e: PSEnumType) throws -> Int64 {
        if case .enumValue(let x) = v.unwrapped { return x.rawValue }
        if case .uint64(let u) = v.unwrapped { return Int64(bitPattern: u) }
        if let n = PSConvert.toNumber(v.unwrapped) { return try PSConvert.toInt64(n) }
        return try PSConvert.toEnum(v, e).rawValue
    }

    /// `[E].GetEnumNames()` and the rest; nil when `lower` is not one of them.
    static func call(_ e: PSEnumType, _ lower: String, _ name: String, _ args: [PSValue]) throws -> PSValue?? {
        switch (lower, args.count) {
        case ("getenumnames", 0): return .some(.array(PSArray(e.memberNames.map { .string($0) }, kind: .typed(.string))))
        case ("getenumvalues", 0): return .some(.array(PSArray(e.sortedMembers.map { .enumValue(e.value($0.value)) })))
        case ("getenumvaluesasunderlyingtype", 0): return .some(.array(PSArray(e.sortedMembers.map { e.underlyingValue($0.value) })))
        case ("getenumunderlyingtype", 0): return .some(.type(e.underlying))
        case ("getenumname", 1): return .some(e.name(of: try rawValue(args[0], e)).map { .string($0) } ?? .null)
        case ("isenumdefined", 1):
            if case .string(let text) = args[0].unwrapped { return .some(.bool(e.value(named: text) != nil)) }
            return .some(.bool(e.name(of: try rawValue(args[0], e)) != nil))
        default: return nil
        }
    }

    /// `left op right` where the left operand is an enum value: the arithmetic on the underlying
    /// numbers, converted back to the enum.
    static func arithmetic(_ e: PSEnumValue, _ right: PSValue, _ op: (PSValue, PSValue) throws -> PSValue) throws -> PSValue {
        let r: PSValue
        if case .enumValue(let x) = right.unwrapped { r = x.type.underlyingValue(x.rawValue) } else { r = right }
        let result = try op(e.type.underlyingValue(e.rawValue), r)
        return .enumValue(e.type.value(try PSConvert.toInt64(result)))
    }
}
