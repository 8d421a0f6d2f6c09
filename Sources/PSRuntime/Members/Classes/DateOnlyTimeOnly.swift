/// System.DateOnly and System.TimeOnly (.NET 6): a calendar date and a time of day, built with
/// `[DateOnly]::new(y, m, d)` and `[TimeOnly]::new(h, m[, s[, ms]])`; their properties in .NET's order
/// (what ConvertTo-Json and Format-List show), strings in the en-US short forms.
enum DateOnlyTimeOnly {
    static let dateType = "System.DateOnly"
    static let timeType = "System.TimeOnly"

    static func construct(_ lowercasedName: String, _ args: [PSValue]) throws -> PSValue? {
        switch lowercasedName {
        case dateType.lowercased():
            guard args.count == 3 else { throw Members.argCount("new", args.count) }
            let (y, m, d) = (try PSConvert.toInt(args[0]), try PSConvert.toInt(args[1]), try PSConvert.toInt(args[2]))
            guard (1...9999).contains(y), (1...12).contains(m), d >= 1, d <= PSDateTime.daysInMonth(year: y, month: m) else {
                throw StringMethods.methodError("new", args, "Year, Month, and Day parameters describe an un-representable DateTime.")
            }
            return .object(date(y, m, d))
        case timeType.lowercased():
            guard (2...4).contains(args.count) else { throw Members.argCount("new", args.count) }
            let parts = try args.map { try PSConvert.toInt($0) }
            let (h, m, s, ms) = (parts[0], parts[1], parts.count > 2 ? parts[2] : 0, parts.count > 3 ? parts[3] : 0)
            guard (0...23).contains(h), (0...59).contains(m), (0...59).contains(s), (0...999).contains(ms) else {
                throw StringMethods.methodError("new", args, "Hour, Minute, and Second parameters describe an un-representable DateTime.")
            }
            return .object(time(ticks: Int64(((h * 60 + m) * 60 + s) * 1000 + ms) * 10_000))
        default: return nil
        }
    }

    static func date(_ year: Int, _ month: Int, _ day: Int) -> PSObject {
        let o = PSObject(typeNames: [dateType, "System.ValueType", "System.Object"])
        let dayNumber = PSDateTime.days(fromCivil: year, month, day) - PSDateTime.days(fromCivil: 1, 1, 1)
        let dayOfYear = PSDateTime.days(fromCivil: year, month, day) - PSDateTime.days(fromCivil: year, 1, 1) + 1
        let weekday = PSDateTime(ticks: Int64(dayNumber) * 864_000_000_000).dayOfWeek
        for (name, value) in [("Year", PSValue.int(Int32(year))), ("Month", .int(Int32(month))), ("Day", .int(Int32(day))),
                              ("DayOfWeek", .enumValue(DotNetEnums.dayOfWeek.value(Int64(weekday)))),
                              ("DayOfYear", .int(Int32(dayOfYear))), ("DayNumber", .int(Int32(dayNumber)))] {
            o.addNote(name, value)
            o.setMemberType(name, "Property")
        }
        let text = "\(month)/\(day)/\(year)"
        o.addMethod("ToString") { _, _ in .string(text) }
        o.toStringHandler = { _ in text }
        return o
    }

    static func time(ticks: Int64) -> PSObject {
        let o = PSObject(typeNames: [timeType, "System.ValueType", "System.Object"])
        let hour = ticks / 36_000_000_000, minute = ticks / 600_000_000 % 60, second = ticks / 10_000_000 % 60
        let fraction = ticks % 10_000_000
        for (name, value) in [("Hour", PSValue.int(Int32(hour))), ("Minute", .int(Int32(minute))), ("Second", .int(Int32(second))),
                              ("Millisecond", .int(Int32(fraction / 10_000))), ("Microsecond", .int(Int32(fraction / 10 % 1000))),
                              ("Nanosecond", .int(Int32(fraction % 10 * 100))), ("Ticks", .long(ticks))] {
            o.addNote(name, value)
            o.setMemberType(name, "Property")
        }
        // en-US short time: `10:30 AM`.
        let twelve = hour % 12 == 0 ? 12 : hour % 12
        let text = "\(twelve):\(minute < 10 ? "0" : "")\(minute) \(hour < 12 ? "AM" : "PM")"
        o.addMethod("ToString") { _, _ in .string(text) }
        o.toStringHandler = { _ in text }
        return o
    }
}
