import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// System.DateTime: 100 ns ticks since 0001-01-01, plus the kind (local, UTC, unspecified).
public struct PSDateTime: Hashable, Comparable, Sendable {
    public enum Kind: Sendable { case unspecified, utc, local }
    public var ticks: Int64
    public var kind: Kind

    /// Ticks between 0001-01-01 and the Unix epoch.
    public static let unixEpochTicks: Int64 = 621_355_968_000_000_000

    /// Ticks outside DateTime's range are clamped to it, so no later computation (components,
    /// formatting) ever sees an impossible date; script-facing operations check the range first and
    /// report .NET's error (`init(checkedTicks:)`, `checkedAdding`).
    public init(ticks: Int64, kind: Kind = .unspecified) {
        self.ticks = min(max(ticks, 0), 3_155_378_975_999_999_999)
        self.kind = kind
    }

    /// A local DateTime from a Foundation date (what `Get-Date` returns).
    public init(date: Date, kind: Kind = .local) {
        var seconds = date.timeIntervalSince1970
        if kind == .local { seconds += Double(TimeZone.current.secondsFromGMT(for: date)) }
        let ticks = Double(PSDateTime.unixEpochTicks) + (seconds * 10_000_000).rounded()
        self.init(ticks: ticks.isFinite ? Int64(min(max(ticks, 0), 3.155378975999999e18)) : 0, kind: kind)
    }

    public static func now() -> PSDateTime { PSDateTime(date: Date()) }

    /// Wall-clock components (the ticks are already in the value's own zone).
    public var components: (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, fraction: Int64) {
        let totalSeconds = ticks / 10_000_000
        let fraction = ticks % 10_000_000
        let days = Int(totalSeconds / 86_400)
        let secs = Int(totalSeconds % 86_400)
        let (y, m, d) = PSDateTime.civil(fromDays: days - 719_162)
        return (y, m, d, secs / 3600, (secs / 60) % 60, secs % 60, fraction)
    }

    /// A date from parts the caller has checked (`init(checkedYear:...)` checks them); parts out of
    /// range give a clamped date, never a trap.
    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0, kind: Kind = .unspecified) {
        let y = min(max(year, -1), 10_000), mo = min(max(month, 1), 12)
        let d = min(max(day, -100_000), 100_000)
        let days = Int64(PSDateTime.days(fromCivil: y, mo, d) + 719_162)
        let clock = Int64(min(max(hour, -1_000_000), 1_000_000)) * 3600 + Int64(min(max(minute, -1_000_000), 1_000_000)) * 60
            + Int64(min(max(second, -1_000_000), 1_000_000))
        self.init(ticks: min(max(days * 86_400 + clock, -1), 316_000_000_000) * 10_000_000, kind: kind)
    }

    /// Days since 1970-01-01 for a proleptic Gregorian date (H. Hinnant's algorithm).
    static func days(fromCivil year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civil(fromDays z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    public var dayOfWeek: Int { Int(((ticks / 864_000_000_000) + 1) % 7) } // 0 = Sunday

    /// Invariant-culture string PowerShell uses for conversion to string: `MM/dd/yyyy HH:mm:ss`.
    public var invariantString: String {
        let c = components
        func p(_ v: Int, _ w: Int = 2) -> String { let s = String(v); return String(repeating: "0", count: max(0, w - s.count)) + s }
        return "\(p(c.month))/\(p(c.day))/\(p(c.year, 4)) \(p(c.hour)):\(p(c.minute)):\(p(c.second))"
    }

    /// Unchecked (clamped) addition for values the caller knows are in range; see `checkedAdding`.
    public func adding(ticks delta: Int64) -> PSDateTime {
        let (sum, overflow) = ticks.addingReportingOverflow(delta)
        return PSDateTime(ticks: overflow ? (delta < 0 ? 0 : Int64.max) : sum, kind: kind)
    }

    public static func < (a: PSDateTime, b: PSDateTime) -> Bool { a.ticks < b.ticks }
}

/// System.TimeSpan in 100 ns ticks.
public struct PSTimeSpan: Hashable, Comparable, Sendable {
    public var ticks: Int64
    public init(ticks: Int64) { self.ticks = ticks }
    /// From parts the caller has checked (`init(checkedDays:...)` checks them); wraps, never traps.
    public init(days: Int = 0, hours: Int = 0, minutes: Int = 0, seconds: Int = 0, milliseconds: Int = 0) {
        ticks = ((((Int64(days) &* 24 &+ Int64(hours)) &* 60 &+ Int64(minutes)) &* 60 &+ Int64(seconds)) &* 1000 &+ Int64(milliseconds)) &* 10_000
    }
    public var totalSeconds: Double { Double(ticks) / 10_000_000 }
    public var days: Int { Int(ticks / 864_000_000_000) }
    public var hours: Int { Int((ticks / 36_000_000_000) % 24) }
    public var minutes: Int { Int((ticks / 600_000_000) % 60) }
    public var seconds: Int { Int((ticks / 10_000_000) % 60) }
    public var milliseconds: Int { Int((ticks / 10_000) % 1000) }

    /// .NET's constant ("c") format: `[-][d.]hh:mm:ss[.fffffff]`, e.g. `00:00:08.5860000`.
    public var description: String {
        let neg = ticks < 0
        // TimeSpan.MinValue has no positive counterpart: work in UInt64.
        let t = ticks.magnitude
        let d = t / 864_000_000_000
        let h = (t / 36_000_000_000) % 24, m = (t / 600_000_000) % 60, s = (t / 10_000_000) % 60
        let f = t % 10_000_000
        func p(_ v: UInt64, _ w: Int) -> String { let x = String(v); return String(repeating: "0", count: max(0, w - x.count)) + x }
        var out = neg ? "-" : ""
        if d > 0 { out += "\(d)." }
        out += "\(p(h, 2)):\(p(m, 2)):\(p(s, 2))"
        if f > 0 { out += "." + p(f, 7) }
        return out
    }
    public static func < (a: PSTimeSpan, b: PSTimeSpan) -> Bool { a.ticks < b.ticks }
}

/// System.Version: major.minor[.build[.revision]].
public struct PSVersion: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var major: Int32, minor: Int32, build: Int32, revision: Int32
    public init(_ major: Int32, _ minor: Int32, _ build: Int32 = -1, _ revision: Int32 = -1) {
        self.major = major; self.minor = minor; self.build = build; self.revision = revision
    }
    public init?(parsing text: String) {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: ".", omittingEmptySubsequences: false)
        guard (2...4).contains(parts.count) else { return nil }
        var n: [Int32] = []
        for p in parts { guard let v = Int32(p), v >= 0 else { return nil }; n.append(v) }
        while n.count < 4 { n.append(-1) }
        self.init(n[0], n[1], n[2], n[3])
    }
    public var description: String {
        var s = "\(major).\(minor)"
        if build >= 0 { s += ".\(build)"; if revision >= 0 { s += ".\(revision)" } }
        return s
    }
    public static func < (a: PSVersion, b: PSVersion) -> Bool {
        (a.major, a.minor, a.build, a.revision) < (b.major, b.minor, b.build, b.revision)
    }
}

/// System.Net.IPAddress (IPv4 or IPv6 bytes in network order).
public struct PSIPAddress: Hashable, Sendable, CustomStringConvertible {
    public let bytes: [UInt8]
    public init?(bytes: [UInt8]) {
        guard bytes.count == 4 || bytes.count == 16 else { return nil }
        self.bytes = bytes
    }
    public init?(parsing text: String) {
        let t = text.trimmingCharacters(in: .whitespaces)
        var v4 = in_addr()
        if !t.contains(":"), inet_pton(AF_INET, t, &v4) == 1 {
            self.bytes = withUnsafeBytes(of: &v4) { Array($0) }
            return
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, t, &v6) == 1 {
            self.bytes = withUnsafeBytes(of: &v6) { Array($0) }
            return
        }
        return nil
    }
    public var isIPv4: Bool { bytes.count == 4 }
    /// `InterNetwork` or `InterNetworkV6`, as AddressFamily prints.
    public var addressFamilyName: String { isIPv4 ? "InterNetwork" : "InterNetworkV6" }
    public var description: String {
        var buf = [CChar](repeating: 0, count: 64)
        let family = isIPv4 ? AF_INET : AF_INET6
        let ok = bytes.withUnsafeBytes { raw in inet_ntop(family, raw.baseAddress, &buf, socklen_t(buf.count)) != nil }
        return ok ? String(decoding: buf.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) : "?"
    }
}

/// System.Text.RegularExpressions.Regex. PowerShell's operators are case-insensitive by default.
public final class PSRegex {
    public let pattern: String
    public let ignoreCase: Bool
    public let regex: NSRegularExpression

    public init(_ pattern: String, ignoreCase: Bool = true, multiline: Bool = false, singleline: Bool = false,
                ignorePatternWhitespace: Bool = false) throws {
        var opts: NSRegularExpression.Options = []
        if ignoreCase { opts.insert(.caseInsensitive) }
        if ignorePatternWhitespace { opts.insert(.allowCommentsAndWhitespace) }
        if multiline { opts.insert(.anchorsMatchLines) }
        if singleline { opts.insert(.dotMatchesLineSeparators) }
        do {
            regex = try NSRegularExpression(pattern: PSRegex.translate(pattern), options: opts)
        } catch {
            throw PSRuntimeError.message(
                "The regular expression pattern \(pattern) is not valid.",
                errorId: "InvalidRegularExpression", category: .invalidOperation)
        }
        self.pattern = pattern
        self.ignoreCase = ignoreCase
    }

    /// .NET's named groups `(?<name>…)` and `(?'name'…)` are ICU-compatible except the quote form.
    /// ICU refuses an empty pattern, which .NET takes as matching everywhere, and a brace that is no
    /// quantifier (see `RegexBraces`).
    public static func translate(_ p: String) -> String {
        if p.isEmpty { return "(?:)" }
        let named = p.contains("(?'") ? p.replacingOccurrences(of: "(?'", with: "(?<").replacingOccurrences(of: "'>", with: ">") : p
        return RegexBraces.escapeLiterals(named)
    }
}

/// A script block value: its text plus the compiled form the evaluator attaches.
public final class PSScriptBlock: CustomStringConvertible {
    /// Source text between the braces (what `.ToString()` and `"$sb"` give).
    public let text: String
    /// The evaluator's compiled body; nil only for blocks created from Swift closures.
    let body: CompiledBlock?
    /// A Swift implementation for blocks a module builds in code: takes `$_` and `$args`.
    let native: ((PSValue, [PSValue]) throws -> [PSValue])?
    /// A literal belongs to the session state it was written in (a module's, or the global one when
    /// `sessionModule` is nil) and runs there wherever it is invoked; blocks made from text at run time
    /// (`[scriptblock]::Create`) are unbound and run in their caller's.
    let isBound: Bool
    weak var sessionModule: ScriptModule?
    /// A function's block: its whole `function Name { ... }` statement, which `.Ast` (a
    /// FunctionDefinitionAst in PowerShell) spans.
    var definitionText: String?

    init(text: String, body: CompiledBlock, boundTo module: ScriptModule? = nil, isBound: Bool = false) {
        self.text = text
        self.body = body
        self.native = nil
        self.isBound = isBound
        self.sessionModule = module
    }

    /// A script block implemented in Swift (for module defaults such as a computed column).
    public init(text: String = "", native: @escaping (PSValue, [PSValue]) throws -> [PSValue]) {
        self.text = text
        self.body = nil
        self.native = native
        self.isBound = false
    }

    public var description: String { text }

    /// The scope a call of this block (`&`, `.`) hangs under when invoked from `scope`: the caller's own,
    /// unless the block belongs to another session state, whose current scope it then runs in (a script's
    /// block handed to a module function sees the script's variables, not the function's).
    func runsUnder(_ scope: Scope) -> Scope {
        guard isBound else { return scope }
        let module = sessionModule
        guard scope.enclosingModule !== module else { return scope }
        return scope.current(in: module) ?? module?.scope ?? scope
    }
}
