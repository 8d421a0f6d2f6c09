/// `CultureInfo.DateTimeFormat` (System.Globalization.DateTimeFormatInfo): the names and patterns
/// scripts read to build or check date text. hvsh formats dates as en-US, so en-US (and "en") and
/// the invariant culture have theirs; other cultures have none rather than English names passed
/// off as theirs.
enum DateTimeFormatObjects {
    struct Patterns {
        let shortDate, longDate, shortTime, longTime, fullDateTime, monthDay, yearMonth: String
        let am, pm: String
    }

    static let enUS = Patterns(shortDate: "M/d/yyyy", longDate: "dddd, MMMM d, yyyy", shortTime: "h:mm tt",
                               longTime: "h:mm:ss tt", fullDateTime: "dddd, MMMM d, yyyy h:mm:ss tt",
                               monthDay: "MMMM d", yearMonth: "MMMM yyyy", am: "AM", pm: "PM")
    static let invariant = Patterns(shortDate: "MM/dd/yyyy", longDate: "dddd, dd MMMM yyyy", shortTime: "HH:mm",
                                    longTime: "HH:mm:ss", fullDateTime: "dddd, dd MMMM yyyy HH:mm:ss",
                                    monthDay: "MMMM dd", yearMonth: "yyyy MMMM", am: "AM", pm: "PM")

    static let dayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
    // .NET's month arrays have a 13th, empty, entry (for 13-month calendars).
    static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                             "October", "November", "December", ""]

    static func patterns(for cultureName: String) -> Patterns? {
        switch cultureName.lowercased() {
        case "": return invariant
        case "en", "en-us": return enUS
        default: return nil
        }
    }

    /// The properties in .NET's own (reflection) order, which Format-List shows.
    static func object(_ p: Patterns, readOnly: Bool = true) -> PSObject {
        let o = PSObject(typeNames: ["System.Globalization.DateTimeFormatInfo", "System.Object"])
        func strings(_ list: [String]) -> PSValue { .array(PSArray(list.map { .string($0) }, kind: .typed(.string))) }
        o.addNote("AMDesignator", .string(p.am))
        o.addProperty("Calendar") { _ in .object(gregorianCalendar(readOnly: readOnly)) }
        o.addNote("DateSeparator", .string("/"))
        o.addNote("FirstDayOfWeek", .enumValue(DotNetEnums.dayOfWeek.value(named: "Sunday")!))
        o.addNote("CalendarWeekRule", .enumValue(calendarWeekRule.value(named: "FirstDay")!))
        o.addNote("FullDateTimePattern", .string(p.fullDateTime))
        o.addNote("LongDatePattern", .string(p.longDate))
        o.addNote("LongTimePattern", .string(p.longTime))
        o.addNote("MonthDayPattern", .string(p.monthDay))
        o.addNote("PMDesignator", .string(p.pm))
        o.addNote("RFC1123Pattern", .string("ddd, dd MMM yyyy HH':'mm':'ss 'GMT'"))
        o.addNote("ShortDatePattern", .string(p.shortDate))
        o.addNote("ShortTimePattern", .string(p.shortTime))
        o.addNote("SortableDateTimePattern", .string("yyyy'-'MM'-'dd'T'HH':'mm':'ss"))
        o.addNote("TimeSeparator", .string(":"))
        o.addNote("UniversalSortableDateTimePattern", .string("yyyy'-'MM'-'dd HH':'mm':'ss'Z'"))
        o.addNote("YearMonthPattern", .string(p.yearMonth))
        o.addProperty("AbbreviatedDayNames") { _ in strings(dayNames.map { String($0.prefix(3)) }) }
        o.addProperty("ShortestDayNames") { _ in strings(dayNames.map { String($0.prefix(2)) }) }
        o.addProperty("DayNames") { _ in strings(dayNames) }
        o.addProperty("AbbreviatedMonthNames") { _ in strings(monthNames.map { String($0.prefix(3)) }) }
        o.addProperty("MonthNames") { _ in strings(monthNames) }
        o.addNote("IsReadOnly", .bool(readOnly))
        o.addNote("NativeCalendarName", .string("Gregorian Calendar"))
        o.addProperty("AbbreviatedMonthGenitiveNames") { _ in strings(monthNames.map { String($0.prefix(3)) }) }
        o.addProperty("MonthGenitiveNames") { _ in strings(monthNames) }
        o.addMethod("GetDayName") { _, args in
            let i = try PSConvert.toInt(args.first ?? .int(0))
            return .string(dayNames[min(max(i, 0), 6)])
        }
        o.addMethod("GetMonthName") { _, args in
            let i = try PSConvert.toInt(args.first ?? .int(1))
            return .string(monthNames[min(max(i - 1, 0), 12)])
        }
        o.addMethod("GetAbbreviatedDayName") { _, args in
            .string(String(dayNames[min(max(try PSConvert.toInt(args.first ?? .int(0)), 0), 6)].prefix(3)))
        }
        o.addMethod("GetAbbreviatedMonthName") { _, args in
            .string(String(monthNames[min(max(try PSConvert.toInt(args.first ?? .int(1)) - 1, 0), 12)].prefix(3)))
        }
        return o
    }

    static let calendarWeekRule = PSEnumType(fullName: "System.Globalization.CalendarWeekRule",
                                             names: ["FirstDay", "FirstFullWeek", "FirstFourDayWeek"])
    static let calendarAlgorithmType = PSEnumType(fullName: "System.Globalization.CalendarAlgorithmType",
                                                  names: ["Unknown", "SolarCalendar", "LunarCalendar", "LunoSolarCalendar"])
    static let gregorianCalendarTypes = PSEnumType(fullName: "System.Globalization.GregorianCalendarTypes",
                                                   members: [("Localized", 1), ("USEnglish", 2), ("MiddleEastFrench", 9), ("Arabic", 10),
                                                             ("TransliteratedEnglish", 11), ("TransliteratedFrench", 12)])

    /// System.Globalization.GregorianCalendar, every culture's calendar here (its .NET properties, in order).
    static func gregorianCalendar(readOnly: Bool) -> PSObject {
        let o = PSObject(typeNames: ["System.Globalization.GregorianCalendar", "System.Globalization.Calendar", "System.Object"])
        o.addNote("MinSupportedDateTime", .dateTime(PSDateTime(ticks: 0)))
        o.addNote("MaxSupportedDateTime", .dateTime(PSDateTime(ticks: 3_155_378_975_999_999_999)))
        o.addNote("AlgorithmType", .enumValue(calendarAlgorithmType.value(named: "SolarCalendar")!))
        o.addNote("CalendarType", .enumValue(gregorianCalendarTypes.value(named: "Localized")!))
        o.addNote("Eras", .array(PSArray([.int(1)], kind: .typed(.int32))))
        o.addNote("TwoDigitYearMax", .int(2049))
        o.addNote("IsReadOnly", .bool(readOnly))
        o.toStringHandler = { _ in "System.Globalization.GregorianCalendar" }
        return o
    }
}
