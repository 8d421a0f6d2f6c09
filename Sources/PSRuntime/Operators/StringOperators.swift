import Foundation

/// `-match`, `-replace`, `-split`, `-join` on .NET-compatible regular expressions.
enum StringOperators {
    /// Compiled patterns by (pattern, case) so loops do not recompile.
    final class RegexCache {
        private var cache: [String: PSRegex] = [:]
        func get(_ pattern: String, ignoreCase: Bool, multiline: Bool = false, singleline: Bool = false,
                 ignorePatternWhitespace: Bool = false) throws -> PSRegex {
            let key = (ignoreCase ? "i" : "c") + (multiline ? "m" : "-") + (singleline ? "s" : "-") + (ignorePatternWhitespace ? "x" : "-") + pattern
            if let r = cache[key] { return r }
            let r = try PSRegex(pattern, ignoreCase: ignoreCase, multiline: multiline, singleline: singleline,
                                ignorePatternWhitespace: ignorePatternWhitespace)
            if cache.count > 500 { cache.removeAll() }
            cache[key] = r
            return r
        }
    }

    /// The `$Matches` table for a match: numbered groups as Int32 keys, named groups as strings.
    /// `$Matches` for a match, numbered as .NET numbers groups: the unnamed groups first (1, 2, ...),
    /// then the named ones, which are listed by name only. ICU numbers all groups left to right.
    static func matchesTable(_ m: NSTextCheckingResult, in s: String, regex: NSRegularExpression) -> PSHashtable {
        let h = PSHashtable()
        let ns = s as NSString
        let names = groupNames(regex.pattern)
        let named = Set(namedGroupIndices(regex.pattern))
        var numbered: [(Int, NSRange)] = [(0, m.range(at: 0))]
        var next = 1
        if m.numberOfRanges > 1 {
            for i in 1..<m.numberOfRanges where !named.contains(i) {
                numbered.append((next, m.range(at: i)))
                next += 1
            }
        }
        // Named groups first, then the numbered ones from the highest down: the order PowerShell's
        // documentation shows $Matches in.
        for n in names {
            let r = m.range(withName: n)
            if r.location != NSNotFound { h[.string(n)] = .string(ns.substring(with: r)) }
        }
        for (n, r) in numbered.reversed() where r.location != NSNotFound {
            h[.int(Int32(n))] = .string(ns.substring(with: r))
        }
        return h
    }

    /// ICU's (left-to-right) numbers of the named groups of a pattern.
    static func namedGroupIndices(_ p: String) -> [Int] {
        var result: [Int] = []
        var idx = 0
        var i = p.startIndex
        var inClass = false
        while i < p.endIndex {
            let c = p[i]
            if c == "\\" { i = p.index(after: i); if i < p.endIndex { i = p.index(after: i) }; continue }
            if inClass { if c == "]" { inClass = false }; i = p.index(after: i); continue }
            if c == "[" { inClass = true }
            if c == "(" {
                let rest = p[p.index(after: i)...]
                if !rest.hasPrefix("?") { idx += 1 }
                else if rest.hasPrefix("?<") && !rest.hasPrefix("?<=") && !rest.hasPrefix("?<!") { idx += 1; result.append(idx) }
                else if rest.hasPrefix("?P<") || rest.hasPrefix("?'") { idx += 1; result.append(idx) }
            }
            i = p.index(after: i)
        }
        return result
    }

    static func groupNames(_ pattern: String) -> [String] {
        var names: [String] = []
        var rest = Substring(pattern)
        while let r = rest.range(of: "(?<") {
            let after = rest[r.upperBound...]
            if let close = after.firstIndex(of: ">"), let f = after.first, f != "=" && f != "!" {
                names.append(String(after[..<close]))
            }
            rest = after
        }
        return names
    }

    // MARK: -replace

    /// Applies a .NET replacement pattern (`$1`, `${name}`, `$0`, `$&`, `$$`) to one match.
    static func expandReplacement(_ template: String, match m: NSTextCheckingResult, in s: NSString, regex: NSRegularExpression) -> String {
        var out = ""
        let chars = Array(template)
        var i = 0
        func group(_ n: Int) -> String? {
            guard n < m.numberOfRanges else { return nil }
            let r = m.range(at: n)
            return r.location == NSNotFound ? "" : s.substring(with: r)
        }
        while i < chars.count {
            let c = chars[i]
            if c == "$" && i + 1 < chars.count {
                let n = chars[i + 1]
                if n == "$" { out.append("$"); i += 2; continue }
                if n == "&" { out += group(0) ?? ""; i += 2; continue }
                if n == "{" , let close = chars[(i + 2)...].firstIndex(of: "}") {
                    let name = String(chars[(i + 2)..<close])
                    if let num = Int(name), let g = group(num) { out += g; i = close + 1; continue }
                    let r = m.range(withName: name)
                    if r.location != NSNotFound || groupNames(regex.pattern).contains(name) {
                        out += r.location == NSNotFound ? "" : s.substring(with: r)
                        i = close + 1
                        continue
                    }
                }
                if n.isASCII && n.isNumber {
                    // Longest digit run that names an existing group.
                    var j = i + 1
                    var digits = ""
                    var best: (Int, Int)? = nil
                    while j < chars.count, chars[j].isASCII, chars[j].isNumber {
                        digits.append(chars[j])
                        if let num = Int(digits), num < m.numberOfRanges { best = (num, j + 1) }
                        j += 1
                    }
                    if let (num, end) = best { out += group(num) ?? ""; i = end; continue }
                }
            }
            out.append(c)
            i += 1
        }
        return out
    }

    static func replace(_ input: String, regex: PSRegex, replacement: PSValue,
                        scriptBlock: ((PSValue) throws -> String)?) throws -> String {
        let ns = input as NSString
        let matches = regex.regex.matches(in: input, range: NSRange(location: 0, length: ns.length))
        if matches.isEmpty { return input }
        var out = ""
        var last = 0
        let template = PSConvert.toString(replacement)
        for m in matches {
            out += ns.substring(with: NSRange(location: last, length: m.range.location - last))
            if let sb = scriptBlock {
                out += try sb(.object(matchObject(m, in: input, regex: regex.regex)))
            } else {
                out += expandReplacement(template, match: m, in: ns, regex: regex.regex)
            }
            last = m.range.location + m.range.length
        }
        out += ns.substring(from: last)
        return out
    }

    /// A System.Text.RegularExpressions.Match-like object (for `-replace { }` and `[regex]::Match`).
    static func matchObject(_ m: NSTextCheckingResult, in s: String, regex: NSRegularExpression) -> PSObject {
        let ns = s as NSString
        let o = PSObject(typeNames: ["System.Text.RegularExpressions.Match", "System.Text.RegularExpressions.Group",
                                     "System.Text.RegularExpressions.Capture", "System.Object"])
        let value = ns.substring(with: m.range)
        var groups: [PSValue] = []
        // Groups in .NET's order: 0, the unnamed groups, then the named ones under their names (so
        // `.Groups['name']` finds them); ICU numbers every group left to right.
        let namedIndices = namedGroupIndices(regex.pattern), names = groupNames(regex.pattern)
        let order = (0..<m.numberOfRanges).filter { !namedIndices.contains($0) } + namedIndices.filter { $0 < m.numberOfRanges }
        for (position, i) in order.enumerated() {
            let r = m.range(at: i)
            let g = PSObject(typeNames: ["System.Text.RegularExpressions.Group", "System.Object"])
            let gv = r.location == NSNotFound ? "" : ns.substring(with: r)
            let namedAt = namedIndices.firstIndex(of: i)
            g.addNote("Success", .bool(r.location != NSNotFound))
            g.addNote("Name", .string(namedAt.flatMap { $0 < names.count ? names[$0] : nil } ?? String(position)))
            // A group's Captures: one Capture for a group that took part in the match (ICU keeps no
            // earlier repetitions), none for one that did not.
            g.addNote("Captures", .array(PSArray(r.location == NSNotFound ? [] : [.object(capture(index: r.location, value: gv))])))
            g.addNote("Index", .int(Int32(r.location == NSNotFound ? 0 : r.location)))
            g.addNote("Length", .int(Int32(r.location == NSNotFound ? 0 : r.length)))
            g.addNote("Value", .string(gv))
            g.toStringHandler = { _ in gv }
            groups.append(.object(g))
        }
        o.addNote("Groups", .array(PSArray(groups)))
        o.addNote("Success", .true)
        o.addNote("Name", .string("0"))
        // A Match is its own single capture (read each time, so the object holds no cycle to itself).
        o.addProperty("Captures", get: { this in .array(PSArray([.object(this)])) })
        o.addNote("Index", .int(Int32(m.range.location)))
        o.addNote("Length", .int(Int32(m.range.length)))
        o.addNote("Value", .string(value))
        o.toStringHandler = { _ in value }
        return o
    }

    /// A System.Text.RegularExpressions.Capture: where a group matched and what.
    static func capture(index: Int, value: String) -> PSObject {
        let c = PSObject(typeNames: ["System.Text.RegularExpressions.Capture", "System.Object"])
        c.addNote("Index", .int(Int32(index)))
        c.addNote("Length", .int(Int32((value as NSString).length)))
        c.addNote("Value", .string(value))
        c.toStringHandler = { _ in value }
        return c
    }

    // MARK: -split

    struct SplitOptions {
        var simpleMatch = false, ignoreCase = true, multiline = false, singleline = false, explicitCapture = false
        var ignorePatternWhitespace = false
    }

    static func parseSplitOptions(_ v: PSValue, caseSensitive: Bool) throws -> SplitOptions {
        var o = SplitOptions()
        o.ignoreCase = !caseSensitive
        var regexMatch = false
        for part in PSConvert.toString(v).split(separator: ",") {
            switch part.trimmingCharacters(in: .whitespaces).lowercased() {
            case "simplematch": o.simpleMatch = true
            case "regexmatch": regexMatch = true
            case "ignorepatternwhitespace": o.ignorePatternWhitespace = true
            case "none", "cultureinvariant": break
            case "ignorecase": o.ignoreCase = true
            case "multiline": o.multiline = true
            case "singleline": o.singleline = true
            case "explicitcapture": o.explicitCapture = true
            case "": break
            default:
                throw PSRuntimeError.message(
                    "Cannot convert value \"\(part)\" to type \"System.Management.Automation.SplitOptions\". Error: \"Unable to match the identifier name \(part) to a valid enumerator name. Specify one of the following enumerator names and try again:\nSimpleMatch, RegexMatch, CultureInvariant, IgnorePatternWhitespace, Multiline, Singleline, IgnoreCase, ExplicitCapture\"",
                    errorId: "InvalidCastFromStringToInteger", category: .invalidArgument)
            }
        }
        // SimpleMatch takes none of the regex options (IgnoreCase aside).
        if o.simpleMatch && (regexMatch || o.multiline || o.singleline || o.explicitCapture || o.ignorePatternWhitespace) {
            throw PSRuntimeError.message("The combination of options with the -split operator is not valid.",
                                         errorId: "InvalidSplitOptionCombination", category: .invalidOperation)
        }
        return o
    }

    /// Splits with a regex (or literal) delimiter; `max` > 0 limits the pieces from the left, < 0 from the right.
    static func split(_ input: String, delimiter: String, max: Int, options: SplitOptions, cache: RegexCache) throws -> [String] {
        let pattern = options.simpleMatch ? NSRegularExpression.escapedPattern(for: delimiter) : delimiter
        let re = try cache.get(pattern, ignoreCase: options.ignoreCase, multiline: options.multiline, singleline: options.singleline,
                               ignorePatternWhitespace: options.ignorePatternWhitespace).regex
        // ExplicitCapture: only named groups capture (ICU has no such option, so unnamed ones are skipped).
        let named = options.explicitCapture ? namedGroupFlags(pattern) : []
        let ns = input as NSString
        var matches = re.matches(in: input, range: NSRange(location: 0, length: ns.length))
        // An empty match at position 0 or at the end splits nothing (as .NET).
        matches = matches.filter { !($0.range.length == 0 && ($0.range.location == 0 || $0.range.location == ns.length)) }
        if max > 0 && matches.count > max - 1 { matches = Array(matches.prefix(max - 1)) }
        if max < 0 && matches.count > -max - 1 { matches = Array(matches.suffix(-max - 1)) }
        var out: [String] = []
        var last = 0
        for m in matches {
            out.append(ns.substring(with: NSRange(location: last, length: m.range.location - last)))
            for g in stride(from: 1, to: m.numberOfRanges, by: 1) {
                if options.explicitCapture && !(g - 1 < named.count && named[g - 1]) { continue }
                let r = m.range(at: g)
                if r.location != NSNotFound { out.append(ns.substring(with: r)) }
            }
            last = m.range.location + m.range.length
        }
        out.append(ns.substring(from: last))
        return out
    }

    /// Splits where the predicate is true for a character (the character itself is dropped); a negative
    /// `max` counts the pieces from the right.
    static func split(_ input: String, max: Int, predicate: (PSValue) throws -> Bool) throws -> [String] {
        var out: [String] = []
        var cur: [UInt16] = []
        let units = Array(input.utf16)
        if max < 0 {
            var i = units.count - 1
            while i >= 0 {
                let c = units[i]
                if out.count < -max - 1, try predicate(.char(c)) {
                    out.append(String(utf16CodeUnits: cur.reversed(), count: cur.count)); cur = []
                } else {
                    cur.append(c)
                }
                i -= 1
            }
            out.append(String(utf16CodeUnits: cur.reversed(), count: cur.count))
            return out.reversed()
        }
        for c in units {
            if (max <= 0 || out.count < max - 1), try predicate(.char(c)) {
                out.append(String(utf16CodeUnits: cur, count: cur.count)); cur = []
            } else {
                cur.append(c)
            }
        }
        out.append(String(utf16CodeUnits: cur, count: cur.count))
        return out
    }

    /// For each capture group in order, whether it is named (`(?<n>…)`, `(?'n'…)`, `(?P<n>…)`).
    static func namedGroupFlags(_ pattern: String) -> [Bool] {
        let c = Array(pattern)
        var flags: [Bool] = [], i = 0, inClass = false
        while i < c.count {
            switch c[i] {
            case "\\": i += 1
            case "[": inClass = true
            case "]": inClass = false
            case "(" where !inClass:
                if i + 1 < c.count, c[i + 1] == "?" {
                    let rest = String(c[(i + 2)...].prefix(2))
                    if rest.hasPrefix("'") || rest.hasPrefix("P<") || (rest.hasPrefix("<") && rest != "<=" && rest != "<!") { flags.append(true) }
                } else {
                    flags.append(false)
                }
            default: break
            }
            i += 1
        }
        return flags
    }
}
