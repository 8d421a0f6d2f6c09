/// System.BitConverter: a value's bytes (little-endian, as on every platform .NET runs Linux on) and
/// back, and the `01-02-0A` text scripts print MAC addresses and hashes with.
extension StaticTypes {
    nonisolated(unsafe) static let bitConverterTypes: [StaticType] = [
        StaticType(keys: ["bitconverter"],
                   properties: [StaticType.constant("bool", "IsLittleEndian", .true)],
                   methods: [
                    StaticType.method("GetBytes", "static byte[] GetBytes(int value)", "static byte[] GetBytes(long value)",
                                      "static byte[] GetBytes(double value)", "static byte[] GetBytes(bool value)") { call in
                        guard call.args.count == 1 else { throw call.wrongCount() }
                        return bytesValue(try littleEndianBytes(call.args[0].unwrapped))
                    },
                    StaticType.method("ToString", "static string ToString(byte[] value)", "static string ToString(byte[] value, int startIndex)",
                                      "static string ToString(byte[] value, int startIndex, int length)") { call in
                        let bytes = try byteArgument(call)
                        let start = call.args.count > 1 ? try PSConvert.toInt(call.args[1]) : 0
                        let length = call.args.count > 2 ? try PSConvert.toInt(call.args[2]) : bytes.count - start
                        guard start >= 0, length >= 0, start + length <= bytes.count else { throw rangeError(call, "startIndex") }
                        return .string(bytes[start..<(start + length)].map { hex($0) }.joined(separator: "-"))
                    },
                   ] + readers),
    ]

    /// ToInt32(bytes, startIndex) and its siblings: (name, width, how the bytes become a value).
    private nonisolated(unsafe) static let readers: [StaticMethod] = [
        ("ToInt16", "short", 2, { .int16(Int16(truncatingIfNeeded: $0)) }), ("ToUInt16", "ushort", 2, { .uint16(UInt16(truncatingIfNeeded: $0)) }),
        ("ToInt32", "int", 4, { .int(Int32(truncatingIfNeeded: $0)) }), ("ToUInt32", "uint", 4, { .uint32(UInt32(truncatingIfNeeded: $0)) }),
        ("ToInt64", "long", 8, { .long(Int64(bitPattern: $0)) }), ("ToUInt64", "ulong", 8, { .uint64($0) }),
        ("ToDouble", "double", 8, { .double(Double(bitPattern: $0)) }),
        ("ToSingle", "float", 4, { .single(Float(bitPattern: UInt32(truncatingIfNeeded: $0))) }),
        ("ToBoolean", "bool", 1, { .bool($0 != 0) }), ("ToChar", "char", 2, { .char(UInt16(truncatingIfNeeded: $0)) }),
    ].map { (name: String, type: String, width: Int, make: @escaping (UInt64) -> PSValue) in
        StaticType.method(name, "static \(type) \(name)(byte[] value, int startIndex)") { call in
            guard call.args.count == 2 else { throw call.wrongCount() }
            let bytes = try byteArgument(call)
            let start = try PSConvert.toInt(call.args[1])
            guard start >= 0, start < bytes.count else { throw rangeError(call, "startIndex") }
            guard start + width <= bytes.count else {
                throw DotNetErrors.methodInvocation(call.name, argumentCount: 2,
                    DotNetErrors.argument("Destination array is not long enough to copy all the items in the collection. Check array index and length. (Parameter 'value')"))
            }
            var raw: UInt64 = 0
            for (i, byte) in bytes[start..<(start + width)].enumerated() { raw |= UInt64(byte) << (8 * UInt64(i)) }
            return make(raw)
        }
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 15)]])
    }

    private static func rangeError(_ call: StaticCall, _ parameter: String) -> PSRuntimeError {
        DotNetErrors.methodInvocation(call.name, argumentCount: call.args.count, DotNetErrors.argumentOutOfRange(
            "Index was out of range. Must be non-negative and less than the size of the collection.", parameter: parameter))
    }

    static func bytesValue(_ bytes: [UInt8]) -> PSValue {
        .array(PSArray(bytes.map { .byte($0) }, kind: .typed(.byte)))
    }

    /// The byte[] first argument (any array of numbers 0-255 converts, as PowerShell's binder does).
    private static func byteArgument(_ call: StaticCall) throws -> [UInt8] {
        guard let first = call.args.first else { throw call.wrongCount() }
        if first.isNull {
            throw DotNetErrors.methodInvocation(call.name, argumentCount: call.args.count, DotNetErrors.argumentNull(parameter: "value"))
        }
        let elements = first.unwrapped.arrayElements ?? [first]
        return try elements.map { v in
            guard case .byte(let b) = try PSConvert.convert(v, to: .byte) else { return 0 }
            return b
        }
    }

    private static func littleEndianBytes(_ v: PSValue) throws -> [UInt8] {
        func le<T: FixedWidthInteger>(_ x: T) -> [UInt8] { (0..<(T.bitWidth / 8)).map { UInt8(truncatingIfNeeded: x >> (8 * $0)) } }
        switch v {
        case .int(let x): return le(x)
        case .long(let x): return le(x)
        case .int16(let x): return le(x)
        case .uint16(let x): return le(x)
        case .uint32(let x): return le(x)
        case .uint64(let x): return le(x)
        case .byte(let x): return le(Int16(x))
        case .sbyte(let x): return le(Int16(x))
        case .char(let x): return le(x)
        case .bool(let x): return [x ? 1 : 0]
        case .double(let x): return le(x.bitPattern)
        case .single(let x): return le(x.bitPattern)
        default:
            // Anything else binds to GetBytes(double) or fails the conversion, as the binder would.
            return le(try PSConvert.toDouble(v).bitPattern)
        }
    }
}
