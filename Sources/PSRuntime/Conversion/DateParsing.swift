import Foundation

/// The date and time-span text forms `[datetime]'…'` and `[timespan]'…'` accept (invariant culture).
enum DateParsing {
    /// Accepts `yyyy-MM-dd[THH:mm[:ss[.fffffff]]][Z]`, `MM/dd/yyyy[ HH:mm[:ss]]` and `HH:mm[:ss]` (today).
    static func parse(_ text: String) -> PSDateTime? {
        var s = text.trimmingCharacters(in: .whitespaces)
        // A trailing Z (either case) right after a digit marks UTC, also on a date without a time.
        var zoneZ = false
        if let last = s.last, last == "Z" || last == "z", s.dropLast().last?.isNumber == true { zoneZ = true; s.removeLast() }
        if let named = parseMonthName(s) { return zoneZ ? PSDateTime(ticks: named.ticks, kind: .utc) : named }
        var datePart = s, timePart = ""
        if let t = s.firstIndex(where: { $0 == "T" || $0 == " " }) {
            datePart = String(s[..<t]); timePart = String(s[s.index(after: t)...]).trimmingCharacters(in: .whitespaces)
        }
        var isUTC = zoneZ
        if timePart.hasSuffix("Z") { isUTC = true; timePart.removeLast() }
        // An offset after the time (`15:54:06-07:00`, `+0200`, `+02`): the instant, as a local time,
        // as .NET's DateTime.Parse gives it.
        var offsetSeconds: Int?
        if !isUTC, let sign = timePart.lastIndex(where: { $0 == "+" || $0 == "-" }), timePart[..<sign].contains(":") {
            let digits = timePart[timePart.index(after: sign)...].filter { $0 != ":" }
            guard digits.count == 2 || digits.count == 4, digits.allSatisfy(\.isNumber),
                  let h = Int(digits.prefix(2)), let mi = Int(digits.dropFirst(2).isEmpty ? "0" : String(digits.dropFirst(2))),
                  h <= 14, mi < 60 else { return nil }
            offsetSeconds = (h * 3600 + mi * 60) * (timePart[sign] == "-" ? -1 : 1)
            timePart = String(timePart[..<sign])
        }
        var y = 0, m = 0, d = 0
        if datePart.contains("-") {
            let p = datePart.split(separator: "-").compactMap { Int($0) }
            guard p.count == 3 else { return nil }
            (y, m, d) = (p[0], p[1], p[2])
        } else if datePart.contains("/") {
            let p = datePart.split(separator: "/").compactMap { Int($0) }
            guard p.count == 3 else { return nil }
            (m, d, y) = (p[0], p[1], p[2])
            // A one- or two-digit year is read by the calendar's TwoDigitYearMax (2049): 91 is 1991, 20 is 2020.
            if let yearText = datePart.split(separator: "/").last, yearText.count <= 2 { y += y <= 49 ? 2000 : 1900 }
        } else if datePart.contains(":") && timePart.isEmpty {
            let now = PSDateTime.now().components
            (y, m, d) = (now.year, now.month, now.day)
            timePart = datePart
        } else { return nil }
        guard (1...9999).contains(y), (1...12).contains(m), d >= 1, d <= PSDateTime.daysInMonth(year: y, month: m) else { return nil }
        var hh = 0, mm = 0, ss = 0, frac: Int64 = 0
        if !timePart.isEmpty {
            var tp = timePart
            var pm = false, am = false
            if tp.uppercased().hasSuffix("PM") { pm = true; tp = String(tp.dropLast(2)).trimmingCharacters(in: .whitespaces) }
            else if tp.uppercased().hasSuffix("AM") { am = true; tp = String(tp.dropLast(2)).trimmingCharacters(in: .whitespaces) }
            let parts = tp.split(separator: ":")
            guard parts.count >= 2, parts.count <= 3, let h = Int(parts[0]), let mi = Int(parts[1]) else { return nil }
            hh = h; mm = mi
            if parts.count == 3 {
                let sp = parts[2].split(separator: ".")
                guard let sec = Int(sp[0]) else { return nil }
                ss = sec
                if sp.count == 2 {
                    let digits = String(sp[1].prefix(7)).padding(toLength: 7, withPad: "0", startingAt: 0)
                    frac = Int64(digits) ?? 0
                }
            }
            if pm && hh < 12 { hh += 12 }
            if am && hh == 12 { hh = 0 }
            guard (0..<24).contains(hh), (0..<60).contains(mm), (0..<60).contains(ss), frac >= 0 else { return nil }
        }
        var r = PSDateTime(year: y, month: m, day: d, hour: hh, minute: mm, second: ss, kind: isUTC ? .utc : .unspecified)
        r.ticks += frac
        if let offsetSeconds {
            let utcTicks = r.ticks - Int64(offsetSeconds) * 10_000_000
            let instant = Date(timeIntervalSince1970: Double(utcTicks - PSDateTime.unixEpochTicks) / 10_000_000)
            var local = PSDateTime(date: instant, kind: .local)
            local.ticks = utcTicks + Int64(TimeZone.current.secondsFromGMT(for: instant)) * 10_000_000
            return local
        }
        return r
    }

    private static let months = ["january", "february", "march", "april", "may", "june", "july", "august",
                                 "september", "october", "november", "december"]

    /// The invariant culture's month-name forms: `Jan 1, 2020`, `January 1 2020`, `1 Jan 2020`,
    /// a weekday name in front (`Wednesday, January 1, 2020`), each with an optional time after it.
    static func parseMonthName(_ s: String) -> PSDateTime? {
        guard s.contains(where: \.isLetter) else { return nil }
        var words = s.replacingOccurrences(of: ",", with: " ").split(separator: " ").map(String.init)
        if let w = words.first?.lowercased(), w.count >= 3,
           ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"].contains(where: { $0.hasPrefix(w) }) {
            words.removeFirst()
        }
        func month(_ w: String) -> Int? {
            let l = w.lowercased()
            guard l.count >= 3, l.allSatisfy(\.isLetter) else { return nil }
            return months.firstIndex { $0 == l || (l.count == 3 && $0.hasPrefix(l)) }.map { $0 + 1 }
        }
        guard words.count >= 3 else { return nil }
        var m = 0, d = 0, y = 0
        if let mm = month(words[0]), let dd = Int(words[1]), let yy = Int(words[2]) { (m, d, y) = (mm, dd, yy) }
        else if let dd = Int(words[0]), let mm = month(words[1]), let yy = Int(words[2]) { (m, d, y) = (mm, dd, yy) }
        else { return nil }
        let time = words.dropFirst(3).joined(separator: " ")
        let iso = String(format: "%04d-%02d-%02d", y, m, d)
        guard (1...9999).contains(y) else { return nil }
        return parse(time.isEmpty ? iso : iso + " " + time)
    }

    /// `[-][d.]hh:mm[:ss[.fffffff]]` or a whole number of days.
    static func parseTimeSpan(_ text: String) -> PSTimeSpan? {
        var s = Substring(text.trimmingCharacters(in: .whitespaces))
        var neg = false
        if s.first == "-" { neg = true; s = s.dropFirst() }
        if let days = Int64(s) {
            // TimeSpan.MaxValue is 10675199 days.
            guard days >= 0, days <= 10_675_199 else { return nil }
            return PSTimeSpan(ticks: (neg ? -1 : 1) * days * 864_000_000_000)
        }
        var days: Int64 = 0
        let colon = s.firstIndex(of: ":") ?? s.endIndex
        if let dot = s[..<colon].firstIndex(of: ".") {
            guard let d = Int64(s[..<dot]), d >= 0, d <= 10_675_199 else { return nil }
            days = d; s = s[s.index(after: dot)...]
        }
        let parts = s.split(separator: ":")
        guard parts.count >= 2, parts.count <= 3, let h = Int64(parts[0]), let m = Int64(parts[1]),
              (0..<24).contains(h), (0..<60).contains(m) else { return nil }
        var sec: Int64 = 0, frac: Int64 = 0
        if parts.count == 3 {
            let sp = parts[2].split(separator: ".")
            guard let sv = Int64(sp[0]), (0..<60).contains(sv) else { return nil }
            sec = sv
            if sp.count == 2 { frac = Int64(String(sp[1].prefix(7)).padding(toLength: 7, withPad: "0", startingAt: 0)) ?? 0 }
            guard frac >= 0 else { return nil }
        }
        // At most 10675199 days and a day's seconds: only the last steps can pass TimeSpan's range.
        let (whole, o1) = (((days * 24 + h) * 60 + m) * 60 + sec).multipliedReportingOverflow(by: 10_000_000)
        let (ticks, o2) = whole.addingReportingOverflow(frac)
        guard !o1, !o2 else { return nil }
        return PSTimeSpan(ticks: neg ? -ticks : ticks)
    }
}
