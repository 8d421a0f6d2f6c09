import Foundation

/// DateTime and TimeSpan methods.
enum DateMethods {
    static func callDate(_ d: PSDateTime, _ lower: String, _ name: String, _ args: [PSValue]) throws -> PSValue? {
        func num() throws -> Double { try PSConvert.toDouble(args.first ?? .int(0)) }
        // .NET's exceptions from the arithmetic reach scripts as MethodInvocationException.
        func checked(_ body: () throws -> PSDateTime) throws -> PSValue {
            try DotNetErrors.asMethodError(name, args.count) { .dateTime(try body()) }
        }
        func add(_ ticksPerUnit: Int64) throws -> PSValue {
            let value = try num()
            return try checked { try d.checkedAdding(units: value, ticksPerUnit: ticksPerUnit) }
        }
        switch lower {
        case "adddays": return try add(864_000_000_000)
        case "addhours": return try add(36_000_000_000)
        case "addminutes": return try add(600_000_000)
        case "addseconds": return try add(10_000_000)
        case "addmilliseconds": return try add(10_000)
        case "addticks":
            let n = try PSConvert.toInt64(args.first ?? .int(0))
            return try checked { try d.checkedAdding(ticks: n) }
        case "add":
            guard case .timeSpan(let t)? = args.first else { throw Members.argCount(name, args.count) }
            return try checked { try d.checkedAdding(ticks: t.ticks) }
        case "addmonths":
            let n = try PSConvert.toInt64(args.first ?? .int(0))
            return try checked {
                guard n.magnitude <= 120_000 else { throw DotNetErrors.argumentOutOfRange("Months value must be between +/-120000.", parameter: "months") }
                return try d.checkedAdding(months: n)
            }
        case "addyears":
            let n = try PSConvert.toInt64(args.first ?? .int(0))
            return try checked {
                guard n.magnitude <= 10_000 else { throw DotNetErrors.argumentOutOfRange("Years value must be between +/-10000.", parameter: "years") }
                return try d.checkedAdding(months: n * 12, parameter: "years")
            }
        case "subtract":
            switch args.first {
            case .dateTime(let e)?: return .timeSpan(PSTimeSpan(ticks: d.ticks - e.ticks))
            case .timeSpan(let t)?: return try checked { try d.checkedAdding(ticks: try t.checkedNegated().ticks) }
            default: throw Members.argCount(name, args.count)
            }
        case "touniversaltime": return .dateTime(d.toUniversal())
        case "tolocaltime":
            if d.kind == .local { return .dateTime(d) }
            let off = Int64(TimeZone.current.secondsFromGMT()) * 10_000_000
            return .dateTime(PSDateTime(ticks: d.ticks + off, kind: .local))
        case "toshortdatestring": return .string(PSFormat.formatDate(d, "d"))
        case "tolongdatestring": return .string(PSFormat.formatDate(d, "D"))
        case "toshorttimestring": return .string(PSFormat.formatDate(d, "t"))
        case "tolongtimestring": return .string(PSFormat.formatDate(d, "T"))
        case "tofiletime", "tofiletimeutc": return .long(d.ticks - 504_911_232_000_000_000)
        case "isdaylightsavingtime": return .false
        default: throw Members.methodNotFound(.dateTime(d), name)
        }
    }

    static func daysInMonth(_ y: Int, _ m: Int) -> Int { PSDateTime.daysInMonth(year: y, month: m) }

    static func callTimeSpan(_ t: PSTimeSpan, _ lower: String, _ name: String, _ args: [PSValue]) throws -> PSValue? {
        switch lower {
        case "add", "subtract":
            guard case .timeSpan(let u)? = args.first else { throw Members.argCount(name, args.count) }
            return try DotNetErrors.asMethodError(name, args.count) {
                .timeSpan(lower == "add" ? try t.checkedAdding(u) : try t.checkedSubtracting(u))
            }
        case "negate": return try DotNetErrors.asMethodError(name, args.count) { .timeSpan(try t.checkedNegated()) }
        case "duration": return try DotNetErrors.asMethodError(name, args.count) { .timeSpan(try t.checkedDuration()) }
        default: throw Members.methodNotFound(.timeSpan(t), name)
        }
    }
}

extension PSDateTime {
    /// DateTime.ToUniversalTime(): a Utc date stays, a Local or Unspecified one is taken as local time.
    public func toUniversal() -> PSDateTime {
        if kind == .utc { return self }
        // The zone's offset at that date (summer time differs from now), found from the wall clock
        // read as UTC and corrected once.
        func offset(_ utcTicks: Int64) -> Int64 {
            let date = Date(timeIntervalSince1970: Double(utcTicks - PSDateTime.unixEpochTicks) / 10_000_000)
            return Int64(TimeZone.current.secondsFromGMT(for: date)) * 10_000_000
        }
        let guess = ticks - offset(ticks)
        return PSDateTime(ticks: ticks - offset(guess), kind: .utc)
    }
}
