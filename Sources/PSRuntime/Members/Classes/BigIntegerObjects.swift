import Foundation

/// `[bigint]` (System.Numerics.BigInteger) as scripts meet it: `n`-suffixed literals, casts from
/// numbers and strings, arithmetic and comparison with other numbers (a Double on either side makes
/// the result a Double, as PowerShell's binder picks), the static Parse/Pow/Abs/... and the instance
/// properties. A value is a PSObject around a `BigInt`, so it needs no case of its own in PSValue.
enum BigIntegers {
    static let typeName = "System.Numerics.BigInteger"

    final class Box {
        let value: BigInt
        init(_ value: BigInt) { self.value = value }
    }

    static func object(_ v: BigInt) -> PSValue {
        let o = PSObject(typeNames: [typeName, "System.ValueType", "System.Object"], baseObject: Box(v))
        o.addProperty("IsPowerOfTwo") { _ in .bool(!v.negative && !v.isZero && v.limbs.dropLast().allSatisfy { $0 == 0 } && v.limbs.last!.nonzeroBitCount == 1) }
        o.addProperty("IsZero") { _ in .bool(v.isZero) }
        o.addProperty("IsOne") { _ in .bool(v == .one) }
        o.addProperty("IsEven") { _ in .bool((v.limbs.first ?? 0) & 1 == 0) }
        o.addProperty("Sign") { _ in .int(Int32(v.signum)) }
        for name in ["IsPowerOfTwo", "IsZero", "IsOne", "IsEven", "Sign"] { o.setMemberType(name, "Property", typeHint: name == "Sign" ? "int" : "bool") }
        o.addMethod("ToString") { _, args in
            guard let format = args.first else { return .string(v.description) }
            return .string(try formatted(v, PSConvert.toString(format)))
        }
        o.addMethod("CompareTo") { _, args in
            guard args.count == 1 else { throw Members.argCount("CompareTo", args.count) }
            return .int(Int32(BigInt.compare(v, try bigint(args[0]))))
        }
        o.addMethod("Equals") { _, args in
            guard args.count == 1 else { throw Members.argCount("Equals", args.count) }
            return .bool(value(args[0]) == v)
        }
        o.addMethod("GetHashCode") { _, _ in .int(Int32(truncatingIfNeeded: v.hashValue)) }
        o.toStringHandler = { _ in v.description }
        return .object(o)
    }

    /// The BigInt inside a value, if it is a `[bigint]`.
    static func value(_ v: PSValue) -> BigInt? {
        guard case .object(let o) = v, let box = o.baseObject as? Box else { return nil }
        return box.value
    }

    static func isBigInt(_ v: PSValue) -> Bool { value(v) != nil }

    /// A number as a BigInt (doubles and decimals toward zero), for casts and mixed arithmetic.
    static func bigint(_ v: PSValue) throws -> BigInt {
        if let b = value(v) { return b }
        switch v.unwrapped {
        case .int(let i): return BigInt(Int64(i))
        case .long(let i): return BigInt(i)
        case .byte(let i): return BigInt(Int64(i))
        case .sbyte(let i): return BigInt(Int64(i))
        case .int16(let i): return BigInt(Int64(i))
        case .uint16(let i): return BigInt(Int64(i))
        case .uint32(let i): return BigInt(Int64(i))
        case .uint64(let i): return BigInt(i)
        case .bool(let b): return b ? .one : .zero
        case .null: return .zero
        case .char(let c): return BigInt(Int64(c))
        case .double(let d):
            guard let b = BigInt(d) else { throw overflow(v) }
            return b
        case .single(let f):
            guard let b = BigInt(Double(f)) else { throw overflow(v) }
            return b
        case .decimal(let d, _):
            guard let b = BigInt(decimal: d) else { throw PSConvert.cannotConvert(v, to: .named(typeName)) }
            return b
        case .string(let s):
            if let b = BigInt(parsing: s) { return b }
            // PowerShell's own number syntax (`'1234s'`, `'0x41'`, `'1kb'`).
            if let n = NumberFormatting.parse(s), case .string = n {} else if let n = NumberFormatting.parse(s) { return try bigint(n) }
            throw PSConvert.cannotConvert(v, to: .named(typeName), detail: "The value could not be parsed.")
        default:
            throw PSConvert.cannotConvert(v, to: .named(typeName))
        }
    }

    private static func overflow(_ v: PSValue) -> PSRuntimeError {
        PSConvert.cannotConvert(v, to: .named(typeName), detail: "BigInteger cannot represent infinity.")
    }

    /// `[bigint]$x`.
    static func cast(_ v: PSValue) throws -> PSValue {
        if isBigInt(v) { return v }
        return object(try bigint(v))
    }

    /// The value as the narrowest ordinary number (for conversions out of BigInteger).
    static func number(_ b: BigInt) -> PSValue {
        if let i = b.int64 { return Int32(exactly: i).map { .int($0) } ?? .long(i) }
        if let u = b.uint64 { return .uint64(u) }
        return .double(b.double)
    }

    /// ToString("N0"/"D5"/"X"/...): the formats .NET gives BigInteger.
    static func formatted(_ v: BigInt, _ format: String) throws -> String {
        let spec = format.uppercased()
        if spec.hasPrefix("X") {
            let width = Int(spec.dropFirst()) ?? 0
            var digits = ""
            var m = v
            if v.negative { m = v.adding(BigInt.one.shifted(left: 32 * (v.limbs.count + 1))) }
            for l in m.limbs.reversed() { let h = String(l, radix: 16, uppercase: format.first == "X"); digits += digits.isEmpty ? h : String(repeating: "0", count: 8 - h.count) + h }
            if digits.isEmpty { digits = "0" }
            if v.negative { while digits.count > 1, digits.hasPrefix("ff") || digits.hasPrefix("FF") { digits.removeFirst() } }
            else if let first = digits.first, let d = Int(String(first), radix: 16), d >= 8 { digits = "0" + digits }
            return String(repeating: v.negative ? (format.first == "X" ? "F" : "f") : "0", count: max(0, width - digits.count)) + digits
        }
        if spec.hasPrefix("D") {
            let width = Int(spec.dropFirst()) ?? 0
            let digits = v.magnitude.description
            return (v.negative ? "-" : "") + String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        if spec == "R" || spec == "G" || spec.isEmpty { return v.description }
        if let d = v.int64 { return try PSFormat.formatValue(.long(d), spec: format) }
        if spec.hasPrefix("N") {
            let digits = v.magnitude.description
            var grouped = ""
            for (i, c) in digits.enumerated() {
                if i > 0, (digits.count - i) % 3 == 0 { grouped += "," }
                grouped.append(c)
            }
            let decimals = Int(spec.dropFirst()) ?? 2
            return (v.negative ? "-" : "") + grouped + (decimals > 0 ? "." + String(repeating: "0", count: decimals) : "")
        }
        return try PSFormat.formatValue(.double(v.double), spec: format)
    }

    // MARK: Operators

    /// `+ - * / %` with a BigInteger on either side; nil when neither operand is one.
    static func arithmetic(_ left: PSValue, _ right: PSValue, _ op: Arithmetic.Op) throws -> PSValue? {
        let l = value(left), r = value(right)
        guard l != nil || r != nil else { return nil }
        // A Double (or a string that reads as one) on the other side: the operation is in Double.
        for other in [left, right] where value(other) == nil {
            switch other.unwrapped {
            case .double, .single:
                return try Arithmetic.numeric(asDouble(left), asDouble(right), op: op)
            case .string(let s) where BigInt(parsing: s) == nil:
                guard PSConvert.toNumber(other) != nil else { throw Arithmetic.opNotSupported(symbol(op), other) }
                return try Arithmetic.numeric(asDouble(left), asDouble(right), op: op)
            default: break
            }
        }
        let a = try l ?? bigint(left), b = try r ?? bigint(right)
        switch op {
        case .add: return object(a.adding(b))
        case .sub: return object(a.subtracting(b))
        case .mul:
            try ResourceLimits.checkString(repeating: 4, count: a.limbs.count + b.limbs.count)
            return object(a.multiplied(by: b))
        case .div:
            guard !b.isZero else { throw Arithmetic.divideByZero() }
            return object(a.quotientAndRemainder(dividingBy: b).0)
        case .rem:
            guard !b.isZero else { throw Arithmetic.divideByZero() }
            return object(a.quotientAndRemainder(dividingBy: b).1)
        }
    }

    private static func symbol(_ op: Arithmetic.Op) -> String {
        switch op {
        case .add: return "+"
        case .sub: return "-"
        case .mul: return "*"
        case .div: return "/"
        case .rem: return "%"
        }
    }

    private static func asDouble(_ v: PSValue) throws -> PSValue {
        if let b = value(v) { return .double(b.double) }
        return .double(try PSConvert.toDouble(v))
    }

    /// `-eq`/`-lt`... with a BigInteger on either side; nil when neither is one.
    static func compare(_ left: PSValue, _ right: PSValue) -> Int? {
        let l = value(left), r = value(right)
        guard l != nil || r != nil else { return nil }
        if case .double(let d) = (l == nil ? left : right).unwrapped {
            let big = (l ?? r!).double
            let c = l != nil ? (big < d ? -1 : big > d ? 1 : 0) : (d < big ? -1 : d > big ? 1 : 0)
            return c
        }
        guard let a = try? (l ?? bigint(left)), let b = try? (r ?? bigint(right)) else { return nil }
        return BigInt.compare(a, b)
    }

    // MARK: Static members

    static func staticArgument(_ call: StaticCall, _ k: Int) throws -> BigInt { try bigint(call.args[k]) }
}

extension StaticTypes {
    nonisolated(unsafe) static let bigIntegerTypes: [StaticType] = [
        StaticType(
            keys: ["numerics.biginteger", "bigint"],
            properties: [
                StaticType.property("System.Numerics.BigInteger", "Zero") { _ in BigIntegers.object(.zero) },
                StaticType.property("System.Numerics.BigInteger", "One") { _ in BigIntegers.object(.one) },
                StaticType.property("System.Numerics.BigInteger", "MinusOne") { _ in BigIntegers.object(BigInt(Int64(-1))) },
            ],
            methods: [
                StaticType.method("Parse", "static System.Numerics.BigInteger Parse(string value)") { call in
                    guard call.args.count >= 1 else { throw call.wrongCount() }
                    if call.args[0].isNull { throw DotNetErrors.methodInvocation(call.name, argumentCount: call.args.count, DotNetErrors.argumentNull(parameter: "value")) }
                    guard let b = BigInt(parsing: call.string(0)) else {
                        throw DotNetErrors.methodInvocation(call.name, argumentCount: call.args.count, PSRuntimeError.message(
                            "The value could not be parsed.", errorId: "FormatException", category: .notSpecified, exceptionType: "System.FormatException"))
                    }
                    return BigIntegers.object(b)
                },
                StaticType.method("TryParse", "static bool TryParse(string value, [ref] System.Numerics.BigInteger result)") { call in
                    guard call.args.count == 2 else { throw call.wrongCount() }
                    let parsed = call.args[0].isNull ? nil : BigInt(parsing: call.string(0))
                    try PSReference.assign(call.args[1], BigIntegers.object(parsed ?? .zero))
                    return .bool(parsed != nil)
                },
                StaticType.method("Pow", "static System.Numerics.BigInteger Pow(System.Numerics.BigInteger value, int exponent)") { call in
                    guard call.args.count == 2 else { throw call.wrongCount() }
                    let e = try PSConvert.toInt(call.args[1])
                    guard e >= 0 else {
                        throw DotNetErrors.methodInvocation(call.name, argumentCount: 2, DotNetErrors.argumentOutOfRange(
                            "The number must be greater than or equal to zero. (Parameter 'exponent')\nActual value was \(e).", parameter: "exponent"))
                    }
                    let base = try BigIntegers.staticArgument(call, 0)
                    try ResourceLimits.checkString(repeating: max(1, base.limbs.count * 4), count: e)
                    return BigIntegers.object(base.power(e))
                },
                StaticType.method("Abs", "static System.Numerics.BigInteger Abs(System.Numerics.BigInteger value)") { call in
                    guard call.args.count == 1 else { throw call.wrongCount() }
                    return BigIntegers.object(try BigIntegers.staticArgument(call, 0).magnitude)
                },
                StaticType.method("Negate", "static System.Numerics.BigInteger Negate(System.Numerics.BigInteger value)") { call in
                    guard call.args.count == 1 else { throw call.wrongCount() }
                    return BigIntegers.object(try BigIntegers.staticArgument(call, 0).negated)
                },
                StaticType.method("Add", "static System.Numerics.BigInteger Add(System.Numerics.BigInteger left, System.Numerics.BigInteger right)") { call in
                    guard call.args.count == 2 else { throw call.wrongCount() }
                    return BigIntegers.object(try BigIntegers.staticArgument(call, 0).adding(try BigIntegers.staticArgument(call, 1)))
                },
                StaticType.method("Subtract", "static System.Numerics.BigInteger Subtract(System.Numerics.BigInteger left, System.Numerics.BigInteger right)") { call in
                    guard call.args.count == 2 else { throw call.wrongCount() }
                    return BigIntegers.object(try BigIntegers.staticArgument(call, 0).subtracting(try BigIntegers.staticArgument(call, 1)))
                },
                StaticType.method("Multiply", "static System.Numerics.BigInteger Multiply(System.Numerics.BigInteger left, System.Numerics.BigInteger right)") { call in
                    guard call.args.count == 2 else { throw call.wrongCount() }
                    return BigIntegers.object(try BigIntegers.staticArgument(call, 0).multiplied(by: try BigIntegers.staticArgument(call, 1)))
                },
                StaticType.method("Divide", "static System.Numerics.BigInteger Divide(System.Numerics.BigInteger dividend, System.Numerics.BigInteger divisor)") { call in
                    guard call.args.count == 2 else { throw call.wrongCount() }
                    let d = try BigIntegers.staticArgument(call, 1)
                    guard !d.isZero else { throw DotNetErrors.methodInvocation(call.name, argumentCount: 2, PSRuntimeError.message("Attempted to divide by zero.", errorId: "DivideByZeroException", category: .notSpecified, exceptionType: "System.DivideByZeroException")) }
                    return BigIntegers.object(try BigIntegers.staticArgument(call, 0).quotientAndRemainder(dividingBy: d).0)
                },
                StaticType.method("Remainder", "static System.Numerics.BigInteger Remainder(System.Numerics.BigInteger dividend, System.Numerics.BigInteger divisor)") { call in
                    guard call.args.count == 2 else { throw call.wrongCount() }
                    let d = try BigIntegers.staticArgument(call, 1)
                    guard !d.isZero else { throw DotNetErrors.methodInvocation(call.name, argumentCount: 2, PSRuntimeError.message("Attempted to divide by zero.", errorId: "DivideByZeroException", category: .notSpecified, exceptionType: "System.DivideByZeroException")) }
                    return BigIntegers.object(try BigIntegers.staticArgument(call, 0).quotientAndRemainder(dividingBy: d).1)
                },
                StaticType.method("Compare", "static int Compare(System.Numerics.BigInteger left, System.Numerics.BigInteger right)") { call in
                    guard call.args.count == 2 else { throw call.wrongCount() }
                    return .int(Int32(BigInt.compare(try BigIntegers.staticArgument(call, 0), try BigIntegers.staticArgument(call, 1))))
                },
                StaticType.method("Max", "static System.Numerics.BigInteger Max(System.Numerics.BigInteger left, System.Numerics.BigInteger right)") { call in
                    guard call.args.count == 2 else { throw call.wrongCount() }
                    return BigIntegers.object(max(try BigIntegers.staticArgument(call, 0), try BigIntegers.staticArgument(call, 1)))
                },
                StaticType.method("Min", "static System.Numerics.BigInteger Min(System.Numerics.BigInteger left, System.Numerics.BigInteger right)") { call in
                    guard call.args.count == 2 else { throw call.wrongCount() }
                    return BigIntegers.object(min(try BigIntegers.staticArgument(call, 0), try BigIntegers.staticArgument(call, 1)))
                },
                StaticType.method("GreatestCommonDivisor", "static System.Numerics.BigInteger GreatestCommonDivisor(System.Numerics.BigInteger left, System.Numerics.BigInteger right)") { call in
                    guard call.args.count == 2 else { throw call.wrongCount() }
                    var a = try BigIntegers.staticArgument(call, 0).magnitude, b = try BigIntegers.staticArgument(call, 1).magnitude
                    while !b.isZero { (a, b) = (b, a.quotientAndRemainder(dividingBy: b).1) }
                    return BigIntegers.object(a)
                },
                StaticType.method("ModPow", "static System.Numerics.BigInteger ModPow(System.Numerics.BigInteger value, System.Numerics.BigInteger exponent, System.Numerics.BigInteger modulus)") { call in
                    guard call.args.count == 3 else { throw call.wrongCount() }
                    var base = try BigIntegers.staticArgument(call, 0), e = try BigIntegers.staticArgument(call, 1)
                    let m = try BigIntegers.staticArgument(call, 2)
                    guard !m.isZero else { throw DotNetErrors.methodInvocation(call.name, argumentCount: 3, PSRuntimeError.message("Attempted to divide by zero.", errorId: "DivideByZeroException", category: .notSpecified, exceptionType: "System.DivideByZeroException")) }
                    var result = BigInt.one.quotientAndRemainder(dividingBy: m).1
                    base = base.quotientAndRemainder(dividingBy: m).1
                    while !e.isZero {
                        if (e.limbs.first ?? 0) & 1 == 1 { result = result.multiplied(by: base).quotientAndRemainder(dividingBy: m).1 }
                        e = e.shifted(right: 1)
                        base = base.multiplied(by: base).quotientAndRemainder(dividingBy: m).1
                    }
                    return BigIntegers.object(result)
                },
            ]),
    ]
}

/// `[bigint]` for code outside the runtime (ConvertFrom-Json's integers beyond Int64).
public enum BigIntegerValues {
    /// An integer's digits (optional sign) as a `[bigint]`; nil for anything else.
    public static func parse(_ digits: String) -> PSValue? {
        guard !digits.contains(where: { !($0.isASCII && ($0.isNumber || $0 == "-" || $0 == "+")) }) else { return nil }
        return BigInt(parsing: digits).map(BigIntegers.object)
    }
}
