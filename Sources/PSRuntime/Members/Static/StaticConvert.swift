import Foundation

/// System.Convert.
extension StaticTypes {
    private static let integerTargets: [(suffix: String, type: PSType)] = [
        ("Byte", .byte), ("Int16", .int16), ("Int32", .int32), ("Int64", .int64), ("UInt32", .uint32), ("UInt64", .uint64),
    ]

    nonisolated(unsafe) static let convertMethods: [StaticMethod] = integerTargets.map { suffix, type in
        let typeName = DefinitionTypeName.of("System." + suffix)
        return StaticType.method("To" + suffix, "static \(typeName) To\(suffix)(System.Object value)",
                                 "static \(typeName) To\(suffix)(string value)") { call in try toInteger(type, call) }
    } + [
        converting("Boolean") { call in
            let value = call.args.first ?? .null
            if case .string(let text) = value {
                guard let parsed = booleanParse(text) else {
                    throw StringMethods.methodError("ToBoolean", call.args, "String '\(text)' was not recognized as a valid Boolean.",
                                                    id: "FormatException")
                }
                return parsed
            }
            return .bool(PSConvert.toBool(value))
        },
        converting("Char") { try PSConvert.convert($0.args.first ?? .null, to: .char) },
        converting("Decimal") { .decimal(try PSConvert.toDecimal($0.args.first ?? .null)) },
        converting("Double") { .double(try PSConvert.toDouble($0.args.first ?? .null)) },
        StaticType.method("ToString", "static string ToString(System.Object value)", "static string ToString(int value, int toBase)",
                          "static string ToString(long value, int toBase)") { call in
            let value = call.args.first ?? .null
            guard call.args.count > 1 else { return .string(PSConvert.toString(value)) }
            let base = try PSConvert.toInt(call.args[1])
            // .NET takes bases 2, 8, 10 and 16 only (and prints negative numbers in two's complement).
            guard [2, 8, 10, 16].contains(base) else {
                throw StringMethods.methodError("ToString", call.args, "Invalid Base. (Parameter 'toBase')", id: "ArgumentException")
            }
            let number = try PSConvert.toInt64(value)
            return .string(base == 10 || number >= 0 ? String(number, radix: base) : String(UInt64(bitPattern: number), radix: base))
        },
        StaticType.method("ToBase64String", "static string ToBase64String(byte[] inArray)") { call in
            let value = call.args.first ?? .null
            let bytes = (value.arrayElements ?? [value]).map { UInt8(truncatingIfNeeded: (try? PSConvert.toInt($0)) ?? 0) }
            return .string(Data(bytes).base64EncodedString())
        },
        StaticType.method("FromBase64String", "static byte[] FromBase64String(string s)") { call in
            guard let data = Data(base64Encoded: PSConvert.toString(call.args.first ?? .null)) else {
                throw StringMethods.methodError("FromBase64String", call.args, "The input is not a valid Base-64 string as it contains a non-base 64 character, more than two padding characters, or an illegal character among the padding characters.",
                                                id: "FormatException")
            }
            return .array(PSArray(data.map { .byte($0) }, kind: .typed(.byte)))
        },
    ]

    /// `To<Type>(value)`: the two overloads every non-integer target has.
    private static func converting(_ suffix: String, _ call: @escaping (StaticCall) throws -> PSValue?) -> StaticMethod {
        let typeName = DefinitionTypeName.of("System." + suffix)
        return StaticType.method("To" + suffix, "static \(typeName) To\(suffix)(System.Object value)",
                                 "static \(typeName) To\(suffix)(string value)", call: call)
    }

    /// `ToInt32(value)`, or `ToInt32(text, fromBase)` for bases 2, 8, 10 and 16.
    private static func toInteger(_ target: PSType, _ call: StaticCall) throws -> PSValue {
        let value = call.args.first ?? .null
        guard call.args.count > 1 else { return try PSConvert.convert(value, to: target) }
        let base = try PSConvert.toInt(call.args[1])
        guard [2, 8, 10, 16].contains(base) else {
            throw StringMethods.methodError("To" + target.name, call.args, "Invalid Base. (Parameter 'fromBase')", id: "ArgumentException")
        }
        var digits = PSConvert.toString(value).lowercased()
        if base == 16 && digits.hasPrefix("0x") { digits = String(digits.dropFirst(2)) }
        guard let number = Int64(digits, radix: base) else {
            throw StringMethods.methodError("To" + target.name, call.args, "Could not find any recognizable digits.", id: "FormatException")
        }
        return try PSConvert.convert(.long(number), to: target)
    }
}
