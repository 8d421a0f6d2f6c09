import Foundation

/// DateTime and TimeSpan methods.
enum DateMethods {
    static func callDate(_ d: PSDateTime, _ lower: String, _ name: String, _ args: [PSValue]) throws -> PSValue? {
        func num() throws -> Double { try PSConvert.toDouble(args.first ?? .int(0)) }
        func add(_ ticksPerUnit: Double) throws -> PSValue { .dateTime(d.adding(ticks: Int64((try num() * ticksPerUnit).rounded()))) }
        switch lower {
        case "adddays": return try add(864_000_000_000)
        case "addhours": return try add(36_000_000_000)
        case "addminutes": return try add(600_000_000)
        case "addseconds": return try add(10_000_000)
        case "addmilliseconds": return try add(10_000)
        case "addticks": return .dateTime(d.adding(ticks: try PSConvert.toInt64(args.first ?? .int(0))))
        case "add":
            guard case .timeSpan(let t)? = args.first else { throw Members.argCount(name, args.count) }
            return .dateTime(d.adding(ticks: t.ticks))
        case "addmonths", "addyears":
            let n = try PSConvert.toInt(args.first ?? .int(0)) * (lower == "addyears" ? 12 : 1)
            let c = d.components
            var m = c.month - 1 + n
            var y = c.year + m / 12
            m %= 12
            if m < 0 { m += 12; y -= 1 }
            let dim = daysInMonth(y, m + 1)
            var r = PSDateTime(year: y, month: m + 1, day: min(c.day, dim), hour: c.hour, minute: c.minute, second: c.second, kind: d.kind)
            r.ticks += c.fraction
            return .dateTime(r)
        case "subtract":
            switch args.first {
            case .dateTime(let e)?: return .timeSpan(PSTimeSpan(ticks: d.ticks - e.ticks))
            case .timeSpan(let t)?: return .dateTime(d.adding(ticks: -t.ticks))
            default: throw Members.argCount(name, args.count)
            }
        case "touniversaltime":
            if d.kind == .utc { return .dateTime(d) }
            let off = Int64(TimeZone.current.secondsFromGMT()) * 10_000_000
            return .dateTime(PSDateTime(ticks: d.ticks - off, kind: .utc))
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

    static func daysInMonth(_ y: Int, _ m: Int) -> Int {
        switch m {
        case 2: return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static func callTimeSpan(_ t: PSTimeSpan, _ lower: String, _ name: String, _ args: [PSValue]) throws -> PSValue? {
        switch lower {
        case "add", "subtract":
            guard case .timeSpan(let u)? = args.first else { throw Members.argCount(name, args.count) }
            return .timeSpan(PSTimeSpan(ticks: lower == "add" ? t.ticks + u.ticks : t.ticks - u.ticks))
        case "negate": return .timeSpan(PSTimeSpan(ticks: -t.ticks))
        case "duration": return .timeSpan(PSTimeSpan(ticks: abs(t.ticks)))
        default: throw Members.methodNotFound(.timeSpan(t), name)
        }
    }
}
