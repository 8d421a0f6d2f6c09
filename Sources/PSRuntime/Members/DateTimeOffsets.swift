import Foundation

/// System.DateTimeOffset: a moment (UTC ticks) with the offset it is shown at. Scripts meet it in
/// `[DateTimeOffset]::FromUnixTimeSeconds(n).LocalDateTime`, `::UtcNow.ToUnixTimeSeconds()` and
/// casts from dates and date text; it is an object whose base is this value, so two of them
/// compare and sort by moment (.NET compares the UTC time, not the offset).
final class DateTimeOffsetValue: Comparable, CustomStringConvertible, Sendable {
    static let typeName = "System.DateTimeOffset"
    let utcTicks: Int64
    /// Minutes east of UTC.
    let offsetMinutes: Int

    init(utcTicks: Int64, offsetMinutes: Int) {
        self.utcTicks = utcTicks
        self.offsetMinutes = offsetMinutes
    }

    /// A DateTime as .NET converts it: a UTC one at +00:00, any other at the local zone's offset then.
    convenience init(_ date: PSDateTime) {
        if date.kind == .utc { self.init(utcTicks: date.ticks, offsetMinutes: 0); return }
        let offset = Self.localOffsetMinutes(atLocalTicks: date.ticks)
        self.init(utcTicks: date.ticks - Int64(offset) * 600_000_000, offsetMinutes: offset)
    }

    static func now(utc: Bool) -> DateTimeOffsetValue {
        let utcTicks = PSDateTime(date: Date(), kind: .utc).ticks
        return DateTimeOffsetValue(utcTicks: utcTicks, offsetMinutes: utc ? 0 : localOffsetMinutes(atUTCTicks: utcTicks))
    }

    static func localOffsetMinutes(atUTCTicks ticks: Int64) -> Int {
        let seconds = Double(ticks - PSDateTime.unixEpochTicks) / 10_000_000
        return TimeZone.current.secondsFromGMT(for: Date(timeIntervalSince1970: seconds)) / 60
    }

    static func localOffsetMinutes(atLocalTicks ticks: Int64) -> Int {
        // The offset in force at that wall-clock time: try the offset of the same ticks read as UTC.
        let guess = localOffsetMinutes(atUTCTicks: ticks)
        return localOffsetMinutes(atUTCTicks: ticks - Int64(guess) * 600_000_000)
    }

    var clockTicks: Int64 { utcTicks + Int64(offsetMinutes) * 600_000_000 }
    var dateTime: PSDateTime { PSDateTime(ticks: clockTicks) }
    var utcDateTime: PSDateTime { PSDateTime(ticks: utcTicks, kind: .utc) }
    var localDateTime: PSDateTime {
        PSDateTime(ticks: utcTicks + Int64(Self.localOffsetMinutes(atUTCTicks: utcTicks)) * 600_000_000, kind: .local)
    }
    var offset: PSTimeSpan { PSTimeSpan(ticks: Int64(offsetMinutes) * 600_000_000) }

    /// `+02:00`, `-05:30`.
    var offsetText: String {
        let m = abs(offsetMinutes)
        return (offsetMinutes < 0 ? "-" : "+") + String(format: "%02d:%02d", m / 60, m % 60)
    }

    func formatted(_ format: String?) -> String {
        guard let format, !format.isEmpty else { return PSFormat.formatDate(dateTime, "G") + " " + offsetText }
        switch format {
        case "o", "O": return PSFormat.formatDate(dateTime, "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffff") + offsetText
        case "u": return PSFormat.formatDate(utcDateTime, "yyyy'-'MM'-'dd HH':'mm':'ss'Z'")
        default: break
        }
        // The offset specifiers (z, zz, zzz) print this value's offset, not the machine's.
        var out = "", i = format.startIndex
        while i < format.endIndex {
            if format[i] == "z" {
                var n = 0
                while i < format.endIndex && format[i] == "z" { n += 1; i = format.index(after: i) }
                let m = abs(offsetMinutes), sign = offsetMinutes < 0 ? "-" : "+"
                out += n == 1 ? sign + String(m / 60) : n == 2 ? sign + String(format: "%02d", m / 60) : offsetText
                continue
            }
            var j = i
            while j < format.endIndex && format[j] != "z" { j = format.index(after: j) }
            let piece = String(format[i..<j])
            out += PSFormat.formatDate(dateTime, piece)
            i = j
        }
        return out
    }

    var description: String { formatted(nil) }

    static func < (a: DateTimeOffsetValue, b: DateTimeOffsetValue) -> Bool { a.utcTicks < b.utcTicks }
    static func == (a: DateTimeOffsetValue, b: DateTimeOffsetValue) -> Bool { a.utcTicks == b.utcTicks }
}

public enum DateTimeOffsets {
    static let unixEpoch = DateTimeOffsetValue(utcTicks: PSDateTime.unixEpochTicks, offsetMinutes: 0)
    static let maxTicks: Int64 = 3_155_378_975_999_999_999

    /// A DateTimeOffset for the other layers: its UTC ticks and its offset in minutes east of UTC.
    public static func value(utcTicks: Int64, offsetMinutes: Int) -> PSValue {
        object(DateTimeOffsetValue(utcTicks: utcTicks, offsetMinutes: offsetMinutes))
    }

    /// A wall-clock time of no zone as .NET's DateTimeOffset reads it: at the local offset then.
    public static func localValue(wallTicks: Int64) -> PSValue {
        object(DateTimeOffsetValue(PSDateTime(ticks: wallTicks, kind: .local)))
    }

    static func object(_ v: DateTimeOffsetValue) -> PSValue {
        let o = PSObject(typeNames: [DateTimeOffsetValue.typeName, "System.ValueType", "System.Object"], baseObject: v)
        // .NET 8's properties in the order PowerShell lists them.
        let clock: [(String, (PSDateTime) -> PSValue)] = [
            ("DateTime", { .dateTime($0) }),
            ("UtcDateTime", { _ in .dateTime(v.utcDateTime) }),
            ("LocalDateTime", { _ in .dateTime(v.localDateTime) }),
            ("Date", { .dateTime(PSDateTime(ticks: $0.ticks - $0.ticks % 864_000_000_000)) }),
            ("Day", { .int(Int32($0.components.day)) }),
            ("DayOfWeek", { .enumValue(DotNetEnums.dayOfWeek.value(Int64($0.dayOfWeek))) }),
            ("DayOfYear", { d in
                let c = d.components
                return .int(Int32(PSDateTime.days(fromCivil: c.year, c.month, c.day) - PSDateTime.days(fromCivil: c.year, 1, 1) + 1))
            }),
            ("Hour", { .int(Int32($0.components.hour)) }),
            ("Millisecond", { .int(Int32($0.components.fraction / 10_000)) }),
            ("Microsecond", { .int(Int32($0.components.fraction / 10 % 1000)) }),
            ("Nanosecond", { .int(Int32($0.components.fraction % 10 * 100)) }),
            ("Minute", { .int(Int32($0.components.minute)) }),
            ("Month", { .int(Int32($0.components.month)) }),
            ("Offset", { _ in .timeSpan(v.offset) }),
            ("Second", { .int(Int32($0.components.second)) }),
            ("Ticks", { .long($0.ticks) }),
            ("UtcTicks", { _ in .long(v.utcTicks) }),
            ("TimeOfDay", { .timeSpan(PSTimeSpan(ticks: $0.ticks % 864_000_000_000)) }),
            ("Year", { .int(Int32($0.components.year)) }),
        ]
        for (name, read) in clock { o.addProperty(name) { _ in read(v.dateTime) } }
        o.addMethod("ToUnixTimeSeconds") { _, _ in .long(floorDiv(v.utcTicks - PSDateTime.unixEpochTicks, 10_000_000)) }
        o.addMethod("ToUnixTimeMilliseconds") { _, _ in .long(floorDiv(v.utcTicks - PSDateTime.unixEpochTicks, 10_000)) }
        o.addMethod("ToUniversalTime") { _, _ in object(DateTimeOffsetValue(utcTicks: v.utcTicks, offsetMinutes: 0)) }
        o.addMethod("ToLocalTime") { _, _ in
            object(DateTimeOffsetValue(utcTicks: v.utcTicks, offsetMinutes: DateTimeOffsetValue.localOffsetMinutes(atUTCTicks: v.utcTicks)))
        }
        o.addMethod("ToOffset") { _, args in
            guard case .timeSpan(let t)? = args.first?.unwrapped else { throw Members.argCount("ToOffset", args.count) }
            return object(DateTimeOffsetValue(utcTicks: v.utcTicks, offsetMinutes: Int(t.ticks / 600_000_000)))
        }
        o.addMethod("ToString") { _, args in .string(v.formatted(args.first.map { PSConvert.toString($0) })) }
        o.addMethod("Equals") { _, args in
            guard case .object(let other)? = args.first?.unwrapped, let w = other.baseObject as? DateTimeOffsetValue else { return .false }
            return .bool(w == v)
        }
        // The same moment at the same offset (Equals and -eq compare only the moment).
        o.addMethod("EqualsExact") { _, args in
            guard case .object(let other)? = args.first?.unwrapped, let w = other.baseObject as? DateTimeOffsetValue else { return .false }
            return .bool(w.utcTicks == v.utcTicks && w.offsetMinutes == v.offsetMinutes)
        }
        o.addMethod("CompareTo") { _, args in
            guard case .object(let other)? = args.first?.unwrapped, let w = other.baseObject as? DateTimeOffsetValue else {
                throw Members.argCount("CompareTo", args.count)
            }
            return .int(v < w ? -1 : v == w ? 0 : 1)
        }
        for (name, unit) in [("AddDays", 864_000_000_000.0), ("AddHours", 36_000_000_000), ("AddMinutes", 600_000_000),
                             ("AddSeconds", 10_000_000), ("AddMilliseconds", 10_000)] {
            o.addMethod(name) { _, args in
                let amount = try PSConvert.toDouble(args.first ?? .int(0))
                let ticks = (amount * unit).rounded()
                guard ticks.isFinite, abs(ticks) < 9e18 else { throw DotNetErrors.argumentOutOfRange("Value to add was out of range.", parameter: "value") }
                return try shifted(v, by: Int64(ticks), name, args.count)
            }
        }
        o.addMethod("AddTicks") { _, args in
            try shifted(v, by: try PSConvert.toInt64(args.first ?? .int(0)), "AddTicks", args.count)
        }
        o.addMethod("Add") { _, args in
            guard case .timeSpan(let t)? = args.first?.unwrapped else { throw Members.argCount("Add", args.count) }
            return try shifted(v, by: t.ticks, "Add", args.count)
        }
        o.toStringHandler = { _ in v.description }
        return .object(o)
    }

    private static func shifted(_ v: DateTimeOffsetValue, by ticks: Int64, _ name: String, _ count: Int) throws -> PSValue {
        let (clock, overflow) = v.clockTicks.addingReportingOverflow(ticks)
        guard !overflow, clock >= 0, clock <= maxTicks else {
            throw DotNetErrors.methodInvocation(name, argumentCount: count, PSRuntimeError.message(
                "The added or subtracted value results in an un-representable DateTime. (Parameter 'value')",
                errorId: "ArgumentOutOfRangeException", category: .invalidArgument, exceptionType: "System.ArgumentOutOfRangeException"))
        }
        return object(DateTimeOffsetValue(utcTicks: v.utcTicks + ticks, offsetMinutes: v.offsetMinutes))
    }

    private static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 { a >= 0 ? a / b : -((-a + b - 1) / b) }

    /// `[DateTimeOffset]'2020-01-01T00:00:00+02:00'`, `[DateTimeOffset](Get-Date)`; nil when not one.
    static func value(from input: PSValue) -> DateTimeOffsetValue? {
        switch input.unwrapped {
        case .object(let o) where o.baseObject is DateTimeOffsetValue: return o.baseObject as? DateTimeOffsetValue
        case .dateTime(let d): return DateTimeOffsetValue(d)
        case .string(let text): return parse(text)
        default: return nil
        }
    }

    /// Date text with an optional offset at its end (`+02:00`, `-0530`, `Z`); without one the
    /// local zone's offset at that time.
    static func parse(_ text: String) -> DateTimeOffsetValue? {
        var s = text.trimmingCharacters(in: .whitespaces)
        var offset: Int?
        if let sign = s.lastIndex(where: { $0 == "+" || $0 == "-" }), s.distance(from: sign, to: s.endIndex) <= 6 {
            let digits = s[s.index(after: sign)...].filter { $0 != ":" }
            let prefix = s[..<sign]
            if digits.count == 4 || digits.count == 2, digits.allSatisfy(\.isNumber), prefix.contains(":") || prefix.contains("T") || prefix.hasSuffix(" "),
               let h = Int(digits.prefix(2)), let m = Int(digits.count == 4 ? String(digits.suffix(2)) : "0"), h <= 14, m < 60 {
                offset = (h * 60 + m) * (s[sign] == "-" ? -1 : 1)
                s = String(prefix).trimmingCharacters(in: .whitespaces)
            }
        }
        guard let date = DateParsing.parse(s) else { return nil }
        if let offset { return DateTimeOffsetValue(utcTicks: date.ticks - Int64(offset) * 600_000_000, offsetMinutes: offset) }
        return DateTimeOffsetValue(date)
    }

    /// `[DateTimeOffset]::new(...)`: (DateTime), (DateTime, TimeSpan), (ticks, TimeSpan) and
    /// (year, month, day, hour, minute, second[, millisecond[, microsecond]], TimeSpan).
    static func construct(_ args: [PSValue]) throws -> PSValue {
        func offsetMinutes(_ v: PSValue) throws -> Int {
            guard case .timeSpan(let t) = v.unwrapped else { throw PSConvert.cannotConvert(v, to: .timeSpan) }
            guard t.ticks % 600_000_000 == 0 else {
                throw DotNetErrors.methodInvocation("new", argumentCount: args.count, PSRuntimeError.message(
                    "Offset must be specified in whole minutes. (Parameter 'offset')", errorId: "ArgumentException",
                    category: .invalidArgument, exceptionType: "System.ArgumentException"))
            }
            return Int(t.ticks / 600_000_000)
        }
        switch args.count {
        case 1:
            guard let v = value(from: args[0]) else { throw PSConvert.cannotConvert(args[0], to: .named(DateTimeOffsetValue.typeName)) }
            return object(v)
        case 2:
            let minutes = try offsetMinutes(args[1])
            let clock: Int64
            if case .dateTime(let d) = args[0].unwrapped { clock = d.ticks } else { clock = try PSConvert.toInt64(args[0]) }
            return object(DateTimeOffsetValue(utcTicks: clock - Int64(minutes) * 600_000_000, offsetMinutes: minutes))
        case 7, 8, 9:
            // (year, month, day, hour, minute, second[, millisecond[, microsecond]], offset)
            let n = try args.dropLast().map { try PSConvert.toInt($0) }
            let minutes = try offsetMinutes(args[args.count - 1])
            let d = PSDateTime(year: n[0], month: n[1], day: n[2], hour: n[3], minute: n[4], second: n[5])
            let fraction = Int64(n.count > 6 ? n[6] : 0) * 10_000 + Int64(n.count > 7 ? n[7] : 0) * 10
            return object(DateTimeOffsetValue(utcTicks: d.ticks + fraction - Int64(minutes) * 600_000_000, offsetMinutes: minutes))
        default:
            throw Members.argCount("new", args.count)
        }
    }
}
