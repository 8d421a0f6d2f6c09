// Dates in JSON text, as PowerShell 7's ConvertFrom-Json (Json.NET) reads and ConvertTo-Json writes
// them. A string is a date when it is 19 to 40 characters long, starts with a digit, has `T` at
// index 10 and is exactly `yyyy-MM-ddTHH:mm:ss[.f…(1-7)][Z|±HH[:mm]|±HHmm]`; or `/Date(ms[±HHmm])/`.
// Without a zone the DateTime is Unspecified, with `Z` it is Utc, with an offset it is converted to
// local time (Json.NET's RoundtripKind).

import Foundation
import PSRuntime

enum JSONDates {
    /// How ConvertFrom-Json's -DateKind shapes the dates it finds.
    enum Kind: String, CaseIterable {
        case `default` = "Default", local = "Local", utc = "Utc", offset = "Offset", string = "String"
    }

    /// The zone a date string names.
    enum Zone { case none, utc, offset(Int64) }

    /// -DateKind Offset: the DateTimeOffset a JSON date string stands for (a time without a zone at
    /// the local offset, `Z` at +00:00, an offset kept as written), nil when it is not a date.
    static func offsetValue(_ s: String) -> PSValue? {
        guard let (wall, zone) = parseISO(s) ?? parseMicrosoft(s) else { return nil }
        switch zone {
        case .none: return DateTimeOffsets.localValue(wallTicks: wall)
        case .utc: return DateTimeOffsets.value(utcTicks: wall, offsetMinutes: 0)
        case .offset(let o): return DateTimeOffsets.value(utcTicks: wall - o, offsetMinutes: Int(o / 600_000_000))
        }
    }

    /// The DateTime a JSON string stands for, nil when it is not a date. -DateKind Local and Utc
    /// convert instants and relabel zone-less times, as Json.NET's Local/Utc handling does (Offset is
    /// `offsetValue`).
    static func parse(_ s: String, kind: Kind = .default) -> PSDateTime? {
        if kind == .string { return nil }
        guard let (wall, zone) = parseISO(s) ?? parseMicrosoft(s) else { return nil }
        var d: PSDateTime
        switch zone {
        case .none: d = PSDateTime(ticks: wall, kind: .unspecified)
        case .utc: d = PSDateTime(ticks: wall, kind: .utc)
        case .offset(let o): d = toLocal(PSDateTime(ticks: wall - o, kind: .utc))
        }
        switch kind {
        case .local: d = d.kind == .utc ? toLocal(d) : PSDateTime(ticks: d.ticks, kind: .local)
        case .utc: d = d.kind == .local ? toUTC(d) : PSDateTime(ticks: d.ticks, kind: .utc)
        default: break
        }
        return d
    }

    /// ISO 8601 as Json.NET accepts it: wall-clock ticks and the zone.
    static func parseISO(_ s: String) -> (Int64, Zone)? {
        let c = Array(s.utf8)
        guard (19...40).contains(c.count), c[0] >= 48 && c[0] <= 57, c[10] == UInt8(ascii: "T") else { return nil }
        var i = 0
        func digits(_ n: Int) -> Int? {
            guard i + n <= c.count else { return nil }
            var v = 0
            for k in i..<(i + n) {
                guard c[k] >= 48 && c[k] <= 57 else { return nil }
                v = v * 10 + Int(c[k] - 48)
            }
            i += n
            return v
        }
        func expect(_ ch: Character) -> Bool {
            guard i < c.count, c[i] == UInt8(ascii: ch.unicodeScalars.first!) else { return false }
            i += 1
            return true
        }
        guard let y = digits(4), expect("-"), let mo = digits(2), expect("-"), let d = digits(2), expect("T"),
              let h = digits(2), expect(":"), let mi = digits(2), expect(":"), let se = digits(2) else { return nil }
        guard (1...12).contains(mo), d >= 1, d <= daysIn(mo, y), h < 24, mi < 60, se < 60, y >= 1 else { return nil }
        var fraction: Int64 = 0
        if i < c.count, c[i] == UInt8(ascii: ".") {
            i += 1
            var n = 0
            while i < c.count, c[i] >= 48 && c[i] <= 57, n < 7 {
                fraction = fraction * 10 + Int64(c[i] - 48); i += 1; n += 1
            }
            guard n > 0 else { return nil }
            for _ in n..<7 { fraction *= 10 }
        }
        var zone = Zone.none
        if i < c.count {
            if c[i] == UInt8(ascii: "Z") {
                zone = .utc; i += 1
            } else if c[i] == UInt8(ascii: "+") || c[i] == UInt8(ascii: "-") {
                let sign: Int64 = c[i] == UInt8(ascii: "-") ? -1 : 1
                i += 1
                guard let oh = digits(2), oh <= 14 else { return nil }
                var om = 0
                if i < c.count {
                    if c[i] == UInt8(ascii: ":") { i += 1 }
                    guard let m = digits(2), m < 60 else { return nil }
                    om = m
                }
                zone = .offset(sign * Int64(oh * 60 + om) * 600_000_000)
            } else { return nil }
        }
        guard i == c.count else { return nil }
        let ticks = PSDateTime(year: y, month: mo, day: d, hour: h, minute: mi, second: se).ticks + fraction
        return (ticks, zone)
    }

    /// `/Date(1704164645000)/` (milliseconds since 1970, UTC) or `/Date(1704164645000+0100)/`.
    static func parseMicrosoft(_ s: String) -> (Int64, Zone)? {
        guard s.hasPrefix("/Date("), s.hasSuffix(")/") else { return nil }
        var body = Substring(s.dropFirst(6).dropLast(2))
        var offset: Int64?
        if let signIndex = body.dropFirst().lastIndex(where: { $0 == "+" || $0 == "-" }) {
            let zone = body[signIndex...]
            guard zone.count == 5, let hhmm = Int(zone.dropFirst()) else { return nil }
            offset = (zone.first == "-" ? -1 : 1) * Int64(hhmm / 100 * 60 + hhmm % 100) * 600_000_000
            body = body[..<signIndex]
        }
        // Milliseconds beyond DateTime's range make no date (the text stays a string).
        guard let ms = Int64(body), case let (scaled, o1) = ms.multipliedReportingOverflow(by: 10_000), !o1,
              case let (utc, o2) = scaled.addingReportingOverflow(PSDateTime.unixEpochTicks), !o2,
              utc >= 0, utc <= PSDateTime.maxTicks else { return nil }
        guard let offset else { return (utc, .utc) }
        guard utc + offset >= 0, utc + offset <= PSDateTime.maxTicks else { return nil }
        return (utc + offset, .offset(offset))
    }

    private static func daysIn(_ month: Int, _ year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// The local offset, in ticks, at a UTC instant.
    static func localOffset(utcTicks: Int64) -> Int64 {
        let date = Date(timeIntervalSince1970: Double(utcTicks - PSDateTime.unixEpochTicks) / 10_000_000)
        return Int64(TimeZone.current.secondsFromGMT(for: date)) * 10_000_000
    }

    static func toLocal(_ utc: PSDateTime) -> PSDateTime {
        PSDateTime(ticks: utc.ticks + localOffset(utcTicks: utc.ticks), kind: .local)
    }

    static func toUTC(_ d: PSDateTime) -> PSDateTime {
        if d.kind == .utc { return d }
        // Wall-clock local time to UTC: the offset at (roughly) that instant.
        let guess = d.ticks - localOffset(utcTicks: d.ticks)
        return PSDateTime(ticks: d.ticks - localOffset(utcTicks: guess), kind: .utc)
    }

    /// ConvertTo-Json's form: `2024-01-02T03:04:05`, fraction without trailing zeros, then `Z` for
    /// UTC or the local offset (`+02:00`) for local times.
    static func format(_ d: PSDateTime) -> String {
        let c = d.components
        func p(_ v: Int, _ n: Int) -> String { let s = String(v); return String(repeating: "0", count: max(0, n - s.count)) + s }
        var s = "\(p(c.year, 4))-\(p(c.month, 2))-\(p(c.day, 2))T\(p(c.hour, 2)):\(p(c.minute, 2)):\(p(c.second, 2))"
        if c.fraction != 0 {
            var f = p(Int(c.fraction), 7)
            while f.hasSuffix("0") { f.removeLast() }
            s += "." + f
        }
        switch d.kind {
        case .utc: s += "Z"
        case .local:
            let guessUTC = d.ticks - localOffset(utcTicks: d.ticks)
            let minutes = Int(localOffset(utcTicks: guessUTC) / 600_000_000)
            s += (minutes < 0 ? "-" : "+") + p(abs(minutes) / 60, 2) + ":" + p(abs(minutes) % 60, 2)
        case .unspecified: break
        }
        return s
    }
}
