/// DateTime.ParseExact: a .NET custom date format read against the text (invariant culture). Each
/// field of the format takes its digits, month or day name, or AM/PM designator from the text;
/// quoted text, `\x` and every other character must appear as written. nil when the text does not
/// fit the format (the caller reports .NET's FormatException).
enum ExactDateParsing {
    static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August",
                             "September", "October", "November", "December"]
    static let dayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]

    static func parseExact(_ text: String, format: String) -> PSDateTime? {
        let f = Array(format), t = Array(text)
        var i = 0, p = 0
        var year = 1, month = 1, day = 1, hour = 0, minute = 0, second = 0, fraction: Int64 = 0
        var pm: Bool?
        /// Reads between `min` and `max` digits.
        func digits(_ min: Int, _ max: Int) -> Int? {
            var n = 0, count = 0
            while count < max, p < t.count, let d = t[p].wholeNumberValue, t[p].isASCII { n = n * 10 + d; p += 1; count += 1 }
            return count >= min ? n : nil
        }
        /// Reads one of `names` (full, or their first three letters when `short`), case-insensitively.
        func name(_ names: [String], short: Bool) -> Int? {
            for (k, full) in names.enumerated() {
                let candidate = Array(short ? String(full.prefix(3)) : full)
                if p + candidate.count <= t.count, String(t[p..<p + candidate.count]).lowercased() == String(candidate).lowercased() {
                    p += candidate.count
                    return k
                }
            }
            return nil
        }
        while i < f.count {
            let c = f[i]
            var run = 1
            while i + run < f.count, f[i + run] == c { run += 1 }
            switch c {
            case "y":
                guard let v = digits(run <= 2 ? 1 : run, run <= 2 ? 2 : max(run, 4)) else { return nil }
                year = run <= 2 ? (v < 50 ? 2000 + v : 1900 + v) : v
            case "M":
                if run >= 3 { guard let k = name(monthNames, short: run == 3) else { return nil }; month = k + 1 }
                else { guard let v = digits(run, 2) else { return nil }; month = v }
            case "d":
                if run >= 3 { guard name(dayNames, short: run == 3) != nil else { return nil } }
                else { guard let v = digits(run, 2) else { return nil }; day = v }
            case "H": guard let v = digits(run, 2) else { return nil }; hour = v
            case "h": guard let v = digits(run, 2) else { return nil }; hour = v % 12
            case "m": guard let v = digits(run, 2) else { return nil }; minute = v
            case "s": guard let v = digits(run, 2) else { return nil }; second = v
            case "f", "F":
                let start = p
                guard let v = digits(c == "f" ? run : 0, run) else { return nil }
                let read = p - start
                fraction = read == 0 ? 0 : Int64(v) * Int64(pow10(7 - read))
            case "t":
                guard p < t.count else { return nil }
                let letter = t[p].uppercased()
                guard letter == "A" || letter == "P" else { return nil }
                pm = letter == "P"
                p += 1
                if run >= 2 { guard p < t.count, t[p].uppercased() == "M" else { return nil }; p += 1 }
            case "'", "\"":
                var j = i + 1
                while j < f.count, f[j] != c {
                    guard p < t.count, t[p] == f[j] else { return nil }
                    p += 1; j += 1
                }
                i = j + 1
                continue
            case "\\":
                guard i + 1 < f.count, p < t.count, t[p] == f[i + 1] else { return nil }
                p += 1; i += 2
                continue
            default:
                for _ in 0..<run {
                    guard p < t.count, t[p] == c else { return nil }
                    p += 1
                }
            }
            i += run
        }
        guard p == t.count else { return nil }
        if let pm { hour = hour % 12 + (pm ? 12 : 0) }
        guard (1...12).contains(month), (1...DateMethods.daysInMonth(year, month)).contains(day), hour < 24, minute < 60, second < 60 else { return nil }
        var date = PSDateTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        date.ticks += fraction
        return date
    }

    private static func pow10(_ n: Int) -> Int { (0..<max(0, n)).reduce(1) { r, _ in r * 10 } }
}
