import Foundation

/// The numeric types' Parse/TryParse/MaxValue, Boolean.TryParse and System.Math.
extension StaticTypes {
    nonisolated(unsafe) static let numberTypes: [StaticType] = [
        integer("int32", "int", max: .int(Int32.max), min: .int(Int32.min)),
        integer("int64", "long", max: .long(Int64.max), min: .long(Int64.min)),
        integer("uint32", "uint", max: .uint32(UInt32.max), min: .uint32(0)),
        integer("uint64", "ulong", max: .uint64(UInt64.max), min: .uint64(0)),
        integer("byte", "byte", max: .byte(255), min: .byte(0)),
        integer("int16", "short", max: .int16(Int16.max), min: .int16(Int16.min)),
        integer("sbyte", "sbyte", max: .sbyte(Int8.max), min: .sbyte(Int8.min)),
        integer("uint16", "ushort", max: .uint16(UInt16.max), min: .uint16(0)),
        floatingPoint("single", "float", Float.self, wrap: PSValue.single),
        integer("decimal", "decimal", max: .decimal(DecimalScale.maxMantissa, scale: 0),
                min: .decimal(-DecimalScale.maxMantissa, scale: 0)),
        floatingPoint("double", "double", Double.self, wrap: PSValue.double, extraMethods: [
            StaticType.method("IsNaN", "static bool IsNaN(double d)") { .bool(try $0.double(0).isNaN) },
            StaticType.method("IsInfinity", "static bool IsInfinity(double d)") { .bool(try $0.double(0).isInfinite) },
        ]),
        StaticType(keys: ["boolean"], methods: [
            StaticType.method("Parse", "static bool Parse(string value)") { call in
                guard let parsed = booleanParse(call.string(0)) else {
                    throw call.failure("String '\(call.string(0))' was not recognized as a valid Boolean.", id: "FormatException")
                }
                return parsed
            },
            tryParse("bool", parameter: "value"),
        ]),
        // A pointer-sized integer: 64 bits here; its values are Int64s (hvsh has no IntPtr value).
        StaticType(keys: ["intptr"], properties: [
            StaticType.property("System.IntPtr", "MaxValue") { _ in .long(Int64.max) },
            StaticType.property("System.IntPtr", "MinValue") { _ in .long(Int64.min) },
            StaticType.property("int", "Size") { _ in .int(8) },
            StaticType.constant("System.IntPtr", "Zero", .long(0)),
        ]),
        StaticType(keys: ["math"], properties: [StaticType.constant("double", "PI", .double(Double.pi)),
                                               StaticType.constant("double", "E", .double(M_E))],
                   methods: mathMethods),
    ]

    /// A binary floating-point type: Parse, TryParse and the constants .NET gives both float and double.
    private static func floatingPoint<F: BinaryFloatingPoint>(_ key: String, _ typeName: String, _: F.Type,
                                                              wrap: @escaping (F) -> PSValue,
                                                              extraMethods: [StaticMethod] = []) -> StaticType {
        let constants: [(String, F)] = [
            ("MaxValue", F.greatestFiniteMagnitude), ("MinValue", -F.greatestFiniteMagnitude),
            ("Epsilon", F.leastNonzeroMagnitude), ("NaN", F.nan),
            ("PositiveInfinity", F.infinity), ("NegativeInfinity", -F.infinity),
        ]
        return StaticType(keys: [key], properties: constants.map { StaticType.constant(typeName, $0.0, wrap($0.1)) },
                          methods: [parse(typeName), tryParse(typeName)] + extraMethods)
    }

    /// An integer (or other parseable number) type: Parse, TryParse and the bounds hvsh knows.
    private static func integer(_ key: String, _ typeName: String, max: PSValue? = nil, min: PSValue? = nil) -> StaticType {
        var bounds: [StaticProperty] = []
        if let max { bounds.append(StaticType.constant(typeName, "MaxValue", max)) }
        if let min { bounds.append(StaticType.constant(typeName, "MinValue", min)) }
        return StaticType(keys: [key], properties: bounds, methods: [parse(typeName), tryParse(typeName)])
    }

    /// `[int]::Parse('12')`: the number, or .NET's FormatException / OverflowException.
    static func parse(_ typeName: String) -> StaticMethod {
        StaticType.method("Parse", "static \(typeName) Parse(string s)",
                          "static \(typeName) Parse(string s, System.Globalization.NumberStyles style)",
                          "static \(typeName) Parse(string s, System.IFormatProvider provider)") { call in
            let text = call.string(0)
            guard let parsed = try? PSConvert.convert(.string(text), to: call.type) else {
                if PSConvert.toNumber(.string(text)) != nil {
                    let article = call.type.name == "Int32" ? "an Int32" : "a " + call.type.name
                    throw call.failure("Value was either too large or too small for \(article).", id: "OverflowException")
                }
                throw call.failure("The input string '\(text)' was not in a correct format.", id: "FormatException")
            }
            return parsed
        }
    }

    /// `TryParse(text, [ref]$result)`: the result (or the type's default) goes through the reference.
    static func tryParse(_ typeName: String, parameter: String = "s") -> StaticMethod {
        StaticType.method("TryParse", "static bool TryParse(string \(parameter), [ref] \(typeName) result)") { call in
            guard call.args.count >= 2 else { throw call.wrongCount() }
            let type = call.type
            let parsed = type == .bool ? booleanParse(call.string(0)) : try? PSConvert.convert(.string(call.string(0)), to: type)
            try PSReference.assign(call.args[call.args.count - 1], parsed ?? ((try? PSConvert.convert(.null, to: type)) ?? .null))
            return .bool(parsed != nil)
        }
    }

    /// Boolean.Parse's rule: "true"/"false" in any case, with surrounding spaces.
    static func booleanParse(_ text: String) -> PSValue? {
        switch text.trimmingCharacters(in: .whitespaces).lowercased() {
        case "true": return .true
        case "false": return .false
        default: return nil
        }
    }
}
