// .NET-style date formatting for Get-Date -Format (standard and custom format strings, invariant
// English names) and -UFormat (Unix strftime-like specifiers as PowerShell defines them).

#if canImport(Glibc)
import Glibc
#endif

/// A broken-down local (or UTC) time.
public struct DateParts: Sendable, Equatable {
    public var year, month, day, hour, minute, second: Int
    /// 0..<10_000_000 (100 ns ticks within the second, like .NET).
    public var ticks: Int
    /// 0 = Sunday.
    public var weekday: Int
    /// 1-based.
    public var dayOfYear: Int
    public var utcOffsetSeconds: Int
    /// True for DateTimeKind.Utc.
    public var isUTC: Bool

    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0, ticks: Int = 0,
                weekday: Int, dayOfYear: Int, utcOffsetSeconds: Int = 0, isUTC: Bool = false) {
        self.year = year; self.month = month; self.day = day
        self.hour = hour; self.minute = minute; self.second = second; self.ticks = ticks
        self.weekday = weekday; self.dayOfYear = dayOfYear
        self.utcOffsetSeconds = utcOffsetSeconds; self.isUTC = isUTC
    }

    /// Breaks down seconds since the Unix epoch in local time (or UTC).
    public init(epochSeconds: Int, ticks: Int = 0, utc: Bool = false) {
        var t = time_t(epochSeconds)
        var tmv = tm()
        if utc { gmtime_r(&t, &tmv) } else { localtime_r(&t, &tmv) }
        self.init(year: Int(tmv.tm_year) + 1900, month: Int(tmv.tm_mon) + 1, day: Int(tmv.tm_mday),
                  hour: Int(tmv.tm_hour), minute: Int(tmv.tm_min), second: Int(tmv.tm_sec), ticks: ticks,
                  weekday: Int(tmv.tm_wday), dayOfYear: Int(tmv.tm_yday) + 1,
                  utcOffsetSeconds: utc ? 0 : Int(tmv.tm_gmtoff), isUTC: utc)
    }
}

public enum DateFormatting {
    static let dayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
    static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August",
                             "September", "October", "November", "December"]

    /// Expands a .NET standard format letter to its custom pattern. hvsh displays dates the way an
    /// en-US Windows console does (what lab write-ups show): `6/2/2023 12:14:05 PM`.
    static func standardPattern(_ f: String) -> String? {
        switch f {
        case "d": return "M/d/yyyy"
        case "D": return "dddd, MMMM d, yyyy"
        case "t": return "h:mm tt"
        case "T": return "h:mm:ss tt"
        case "f": return "dddd, MMMM d, yyyy h:mm tt"
        case "F": return "dddd, MMMM d, yyyy h:mm:ss tt"
        case "g": return "M/d/yyyy h:mm tt"
        case "G": return "M/d/yyyy h:mm:ss tt"
        case "s": return "yyyy'-'MM'-'dd'T'HH':'mm':'ss"
        case "u": return "yyyy'-'MM'-'dd HH':'mm':'ss'Z'"
        case "o", "O": return "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffK"
        case "r", "R": return "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'"
        case "m", "M": return "MMMM d"
        case "y", "Y": return "MMMM yyyy"
        default: return nil
        }
    }

    /// What Out-Default shows for a DateTime (its DateTime display hint).
    public static let longDisplayPattern = "dddd, MMMM d, yyyy h:mm:ss tt"
    /// A DateTime inside a table cell or list value (DateTime.ToString() in en-US).
    public static let cellPattern = "M/d/yyyy h:mm:ss tt"

    public static func format(_ d: DateParts, _ format: String) -> String {
        if format.count == 1, let p = standardPattern(format) { return custom(d, p) }
        return custom(d, format)
    }

    static func pad(_ v: Int, _ n: Int) -> String {
        let s = String(abs(v))
        return (v < 0 ? "-" : "") + String(repeating: "0", count: max(0, n - s.count)) + s
    }

    static func offset(_ d: DateParts, minutes: Bool, padHours: Bool) -> String {
        let o = d.utcOffsetSeconds
        let sign = o < 0 ? "-" : "+"
        let h = abs(o) / 3600, m = (abs(o) % 3600) / 60
        var s = sign + (padHours ? pad(h, 2) : String(h))
        if minutes { s += ":" + pad(m, 2) }
        return s
    }

    static func custom(_ d: DateParts, _ pattern: String) -> String {
        let chars = Array(pattern)
        var out = ""
        var i = 0
        func run(_ c: Character) -> Int {
            var n = 0
            while i + n < chars.count && chars[i + n] == c { n += 1 }
            return n
        }
        while i < chars.count {
            let c = chars[i]
            switch c {
            case "d":
                let n = run(c)
                switch n {
                case 1: out += String(d.day)
                case 2: out += pad(d.day, 2)
                case 3: out += String(dayNames[d.weekday].prefix(3))
                default: out += dayNames[d.weekday]
                }
                i += n
            case "M":
                let n = run(c)
                switch n {
                case 1: out += String(d.month)
                case 2: out += pad(d.month, 2)
                case 3: out += String(monthNames[d.month - 1].prefix(3))
                default: out += monthNames[d.month - 1]
                }
                i += n
            case "y":
                let n = run(c)
                switch n {
                case 1: out += String(d.year % 100)
                case 2: out += pad(d.year % 100, 2)
                default: out += pad(d.year, n)
                }
                i += n
            case "h":
                let n = run(c)
                let h12 = d.hour % 12 == 0 ? 12 : d.hour % 12
                out += n == 1 ? String(h12) : pad(h12, 2)
                i += n
            case "H":
                let n = run(c)
                out += n == 1 ? String(d.hour) : pad(d.hour, 2)
                i += n
            case "m":
                let n = run(c)
                out += n == 1 ? String(d.minute) : pad(d.minute, 2)
                i += n
            case "s":
                let n = run(c)
                out += n == 1 ? String(d.second) : pad(d.second, 2)
                i += n
            case "f", "F":
                let n = min(run(c), 7)
                var digits = pad(d.ticks, 7)
                digits = String(digits.prefix(n))
                if c == "F" {
                    while digits.hasSuffix("0") { digits.removeLast() }
                    if digits.isEmpty, out.hasSuffix(".") { out.removeLast() }
                }
                out += digits
                i += run(c)
            case "t":
                let n = run(c)
                let ampm = d.hour < 12 ? "AM" : "PM"
                out += n == 1 ? String(ampm.prefix(1)) : ampm
                i += n
            case "z":
                let n = run(c)
                out += n == 1 ? offset(d, minutes: false, padHours: false)
                    : n == 2 ? offset(d, minutes: false, padHours: true) : offset(d, minutes: true, padHours: true)
                i += n
            case "K":
                out += d.isUTC ? "Z" : offset(d, minutes: true, padHours: true)
                i += 1
            case "g":
                out += "A.D."
                i += run(c)
            case ":":
                out += ":"; i += 1
            case "/":
                out += "/"; i += 1
            case "'", "\"":
                i += 1
                while i < chars.count && chars[i] != c { out.append(chars[i]); i += 1 }
                i += 1
            case "\\":
                if i + 1 < chars.count { out.append(chars[i + 1]) }
                i += 2
            case "%":
                i += 1 // "%d" is the single-letter custom specifier d
            default:
                out.append(c); i += 1
            }
        }
        return out
    }

    /// Get-Date -UFormat.
    public static func uformat(_ d: DateParts, epochSeconds: Int, _ format: String) -> String {
        let chars = Array(format)
        var out = ""
        var i = 0
        while i < chars.count {
            let c = chars[i]
            guard c == "%", i + 1 < chars.count else { out.append(c); i += 1; continue }
            let f = chars[i + 1]
            i += 2
            let h12 = d.hour % 12 == 0 ? 12 : d.hour % 12
            switch f {
            case "a": out += String(dayNames[d.weekday].prefix(3))
            case "A": out += dayNames[d.weekday]
            case "b", "h": out += String(monthNames[d.month - 1].prefix(3))
            case "B": out += monthNames[d.month - 1]
            case "c": out += custom(d, "ddd dd MMM yyyy HH:mm:ss")
            case "C": out += String(d.year / 100)
            case "d": out += pad(d.day, 2)
            case "D": out += custom(d, "MM/dd/yy")
            case "e": out += String(d.day).leftPadded(2)
            case "F": out += custom(d, "yyyy-MM-dd")
            case "g": out += pad(isoYear(d) % 100, 2)
            case "G": out += pad(isoYear(d), 4)
            case "H": out += pad(d.hour, 2)
            case "I": out += pad(h12, 2)
            case "j": out += pad(d.dayOfYear, 3)
            case "k": out += String(d.hour).leftPadded(2)
            case "l": out += String(h12).leftPadded(2)
            case "m": out += pad(d.month, 2)
            case "M": out += pad(d.minute, 2)
            case "n": out += "\n"
            case "p": out += d.hour < 12 ? "AM" : "PM"
            case "r": out += custom(d, "hh:mm:ss tt")
            case "R": out += custom(d, "HH:mm")
            case "s": out += String(epochSeconds)
            case "S": out += pad(d.second, 2)
            case "t": out += "\t"
            case "T": out += custom(d, "HH:mm:ss")
            case "u": out += String(d.weekday == 0 ? 7 : d.weekday)
            // PowerShell's %U and %W are both the day of the year over 7, unpadded (not strftime's weeks).
            case "U", "W": out += String(d.dayOfYear / 7)
            case "V": out += pad(isoWeek(d), 2)
            case "w": out += String(d.weekday)
            case "x": out += custom(d, "MM/dd/yy")
            case "X": out += custom(d, "HH:mm:ss")
            case "y": out += pad(d.year % 100, 2)
            case "Y": out += pad(d.year, 4)
            case "Z": out += offset(d, minutes: false, padHours: true)
            // An unknown specifier (and %%) stands for its own character, without the percent sign.
            default: out.append(f)
            }
        }
        return out
    }

    /// ISO 8601 week of the year (weeks start on Monday; week 1 holds the year's first Thursday).
    static func isoWeek(_ d: DateParts) -> Int { isoWeekAndYear(d).week }

    static func isoYear(_ d: DateParts) -> Int { isoWeekAndYear(d).year }

    static func isoWeekAndYear(_ d: DateParts) -> (week: Int, year: Int) {
        let isoWeekday = d.weekday == 0 ? 7 : d.weekday
        let week = (d.dayOfYear - isoWeekday + 10) / 7
        if week < 1 { return (isoWeeksInYear(d.year - 1), d.year - 1) }
        if week > isoWeeksInYear(d.year) { return (1, d.year + 1) }
        return (week, d.year)
    }

    /// 53 when the year starts on a Thursday, or is a leap year starting on a Wednesday.
    static func isoWeeksInYear(_ y: Int) -> Int {
        func p(_ y: Int) -> Int { (y + y / 4 - y / 100 + y / 400) % 7 }
        return p(y) == 4 || p(y - 1) == 3 ? 53 : 52
    }

    static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }
}

extension String {
    func leftPadded(_ n: Int) -> String { count >= n ? self : String(repeating: " ", count: n - count) + self }
}
