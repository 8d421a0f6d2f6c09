import Foundation

/// DateTime, TimeSpan, Guid, Version and IPAddress.
extension StaticTypes {
    nonisolated(unsafe) static let timeTypes: [StaticType] = [
        StaticType(
            keys: ["datetime"],
            properties: [
                StaticType.property("datetime", "Now") { _ in .dateTime(PSDateTime.now()) },
                StaticType.property("datetime", "UtcNow") { _ in .dateTime(PSDateTime(date: Date(), kind: .utc)) },
                StaticType.property("datetime", "Today") { _ in
                    let now = PSDateTime.now()
                    return .dateTime(PSDateTime(ticks: now.ticks - now.ticks % 864_000_000_000, kind: .local))
                },
                StaticType.constant("datetime", "MinValue", .dateTime(PSDateTime(ticks: 0))),
                StaticType.constant("datetime", "MaxValue", .dateTime(PSDateTime(ticks: 3_155_378_975_999_999_999))),
            ],
            methods: [
                parsing("Parse", to: .dateTime, "static datetime Parse(string s)", "static datetime Parse(string s, System.IFormatProvider provider)",
                           "static datetime Parse(string s, System.IFormatProvider provider, System.Globalization.DateTimeStyles styles)"),
                StaticType.method("ParseExact", "static datetime ParseExact(string s, string format, System.IFormatProvider provider)",
                                  "static datetime ParseExact(string s, string format, System.IFormatProvider provider, System.Globalization.DateTimeStyles style)",
                                  "static datetime ParseExact(string s, string[] formats, System.IFormatProvider provider, System.Globalization.DateTimeStyles style)") { call in
                    guard call.args.count >= 3 else { throw call.wrongCount() }
                    let text = call.string(0).trimmingCharacters(in: .whitespaces)
                    let formats = call.args[1].arrayElements?.map { PSConvert.toString($0) } ?? [call.string(1)]
                    for format in formats {
                        if let date = ExactDateParsing.parseExact(text, format: format) { return .dateTime(date) }
                    }
                    throw call.failure("String '\(call.string(0))' was not recognized as a valid DateTime.", id: "FormatException")
                },
                tryParse("datetime"),
                StaticType.method("DaysInMonth", "static int DaysInMonth(int year, int month)", call: daysInMonth),
                // The same ticks with another Kind (no conversion between zones).
                StaticType.method("SpecifyKind", "static datetime SpecifyKind(datetime value, System.DateTimeKind kind)") { call in
                    guard call.args.count == 2 else { throw call.failure("Cannot find an overload for \"SpecifyKind\" and the argument count: \"\(call.args.count)\".", id: "MethodCountCouldNotFindBest") }
                    guard case .dateTime(let date) = try PSConvert.convert(call.args[0], to: .dateTime) else { return .null }
                    let kind = try PSConvert.toEnum(call.args[1], DotNetEnums.dateTimeKind)
                    return .dateTime(PSDateTime(ticks: date.ticks, kind: [.unspecified, .utc, .local][Int(kind.rawValue)]))
                },
                StaticType.method("IsLeapYear", "static bool IsLeapYear(int year)") { call in
                    let year = try PSConvert.toInt(call.args.first ?? .int(0))
                    return .bool((year % 4 == 0 && year % 100 != 0) || year % 400 == 0)
                },
            ] + legacyDateMethods),
        StaticType(
            keys: ["timespan"],
            properties: [
                StaticType.constant("timespan", "Zero", .timeSpan(PSTimeSpan(ticks: 0))),
                StaticType.constant("timespan", "MaxValue", .timeSpan(PSTimeSpan(ticks: .max))),
                StaticType.constant("timespan", "MinValue", .timeSpan(PSTimeSpan(ticks: .min))),
            ],
            methods: [("Days", 864_000_000_000), ("Hours", 36_000_000_000), ("Minutes", 600_000_000), ("Seconds", 10_000_000),
                      ("Milliseconds", 10_000)].map { unit, ticksPerUnit in
                StaticType.method("From" + unit, "static timespan From\(unit)(double value)") { call in
                    let count = try call.double(0)
                    return try DotNetErrors.asMethodError(call.name, call.args.count) {
                        .timeSpan(try PSTimeSpan.checkedInterval(count, ticksPerUnit: Double(ticksPerUnit)))
                    }
                }
            } + [
                parsing("Parse", to: .timeSpan, "static timespan Parse(string s)",
                           "static timespan Parse(string input, System.IFormatProvider formatProvider)"),
                tryParse("timespan"),
                StaticType.method("FromTicks", "static timespan FromTicks(long value)") { call in
                    guard call.args.count == 1 else { throw call.wrongCount() }
                    return .timeSpan(PSTimeSpan(ticks: try PSConvert.toInt64(call.args[0])))
                },
            ]),
        StaticType(
            keys: ["guid"],
            properties: [StaticType.constant("guid", "Empty", .guid(UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))))],
            methods: [
                StaticType.method("NewGuid", "static guid NewGuid()") { _ in .guid(UUID()) },
                parsing("Parse", to: .guid, "static guid Parse(string input)"),
                tryParse("guid", parameter: "input"),
            ]),
        StaticType(keys: ["version"], methods: [parsing("Parse", to: .version, "static version Parse(string input)"),
                                                tryParse("version", parameter: "input")]),
        StaticType(
            keys: ["net.ipaddress"],
            properties: [
                address("Any", [0, 0, 0, 0]), address("Broadcast", [255, 255, 255, 255]), address("Loopback", [127, 0, 0, 1]),
                address("None", [255, 255, 255, 255]), address("IPv6Any", Array(repeating: 0, count: 16)),
                address("IPv6Loopback", Array(repeating: 0, count: 15) + [1]),
            ],
            methods: [
                parsing("Parse", to: .ipAddress, "static ipaddress Parse(string ipString)"),
                // Only whether it parses: the result is not written back through the reference.
                StaticType.method("TryParse", "static bool TryParse(string ipString, [ref] ipaddress address)") {
                    .bool(PSIPAddress(parsing: $0.string(0)) != nil)
                },
            ]),
    ]

    /// A Parse that is the type's own conversion from a string.
    private static func parsing(_ name: String, to type: PSType, _ overloads: String...) -> StaticMethod {
        StaticMethod(name: name, overloads: overloads) { try PSConvert.convert(.string($0.string(0)), to: type) }
    }

    private static func address(_ name: String, _ bytes: [UInt8]) -> StaticProperty {
        StaticType.constant("ipaddress", name, .ipAddress(PSIPAddress(bytes: bytes)!))
    }

    private static func daysInMonth(_ call: StaticCall) throws -> PSValue {
        guard call.args.count == 2 else { throw call.wrongCount() }
        let month = try PSConvert.toInt(call.args[1]), year = try PSConvert.toInt(call.args[0])
        guard (1...9999).contains(year) else {
            throw call.failure("Year must be between 1 and 9999. (Parameter 'year')", id: "ArgumentOutOfRangeException")
        }
        guard (1...12).contains(month) else {
            throw call.failure("Month must be between one and twelve. (Parameter 'month')", id: "ArgumentOutOfRangeException")
        }
        return .int(Int32(DateMethods.daysInMonth(year, month)))
    }
}
