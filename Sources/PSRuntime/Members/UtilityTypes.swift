import Foundation

/// Small .NET classes scripts reach for by name: `[StringComparer]` (the six comparers, which
/// generic collections take to ignore case), `[WildcardPattern]` (Escape/Unescape/Get/IsMatch/ToRegex
/// with PowerShell's own rules) and `[cultureinfo]` (see `CultureInfoObjects`): their objects,
/// constructors and casts. Their static members are declared in Static/StaticUtility.swift.
enum UtilityTypes {
    static let stringComparer = "System.StringComparer"
    static let wildcardPattern = "System.Management.Automation.WildcardPattern"
    static let dbNull = "System.DBNull"
    static let nullString = "System.Management.Automation.Language.NullString"
    static let automationNull = "System.Management.Automation.Internal.AutomationNull"

    /// Full names and accelerators added to the built-in type table.
    static let typeNames: [(String, PSType)] = [
        (stringComparer, .named(stringComparer)),
        (wildcardPattern, .named(wildcardPattern)),
        ("WildcardPattern", .named(wildcardPattern)),
        (CultureInfoObjects.typeName, .named(CultureInfoObjects.typeName)),
        ("cultureinfo", .named(CultureInfoObjects.typeName)),
        (dbNull, .named(dbNull)),
        (nullString, .named(nullString)),
        ("NullString", .named(nullString)),
        (automationNull, .named(automationNull)),
    ]

    /// `[DBNull]::Value` and `[NullString]::Value`: one object each, not $null (so `??` keeps them),
    /// printing as nothing.
    nonisolated(unsafe) static let dbNullValue = emptySingleton(dbNull)
    nonisolated(unsafe) static let nullStringValue = emptySingleton(nullString)

    private static func emptySingleton(_ typeName: String) -> PSObject {
        let o = PSObject(typeNames: [typeName, "System.Object"])
        o.addMethod("ToString") { _, _ in .string("") }
        o.toStringHandler = { _ in "" }
        return o
    }

    static let wildcardOptions = PSEnumType(fullName: "System.Management.Automation.WildcardOptions",
                                            members: [("None", 0), ("Compiled", 1), ("IgnoreCase", 2), ("CultureInvariant", 4)],
                                            isFlags: true)
    static let commandTypes = PSEnumType(fullName: "System.Management.Automation.CommandTypes",
                                         members: [("Alias", 1), ("Function", 2), ("Filter", 4), ("Cmdlet", 8),
                                                   ("ExternalScript", 16), ("Application", 32), ("Script", 64),
                                                   ("Configuration", 256), ("All", 383)], isFlags: true)
    static let aceFlags = PSEnumType(fullName: "System.Security.AccessControl.AceFlags",
                                     members: [("None", 0), ("ObjectInherit", 1), ("ContainerInherit", 2),
                                               ("NoPropagateInherit", 4), ("InheritOnly", 8), ("InheritanceFlags", 15),
                                               ("Inherited", 16), ("SuccessfulAccess", 64), ("FailedAccess", 128),
                                               ("AuditFlags", 192)], isFlags: true)
    static let fileAttributes = PSEnumType(fullName: "System.IO.FileAttributes",
                                           members: [("ReadOnly", 1), ("Hidden", 2), ("System", 4), ("Directory", 16),
                                                     ("Archive", 32), ("Device", 64), ("Normal", 128), ("Temporary", 256),
                                                     ("SparseFile", 512), ("ReparsePoint", 1024), ("Compressed", 2048),
                                                     ("Offline", 4096), ("NotContentIndexed", 8192), ("Encrypted", 16384),
                                                     ("IntegrityStream", 32768), ("NoScrubData", 131072)], isFlags: true)
    static var enums: [PSEnumType] { [wildcardOptions, commandTypes, aceFlags, fileAttributes] }

    /// `[WildcardPattern]::new(pattern[, options])` and `[cultureinfo]::new(name)`; nil for other types.
    static func construct(_ t: PSType, _ args: [PSValue]) throws -> PSValue? {
        switch t.fullName.lowercased() {
        case wildcardPattern.lowercased():
            guard (1...2).contains(args.count) else { throw Members.argCount("new", args.count) }
            if args[0].isNull {
                throw DotNetErrors.methodInvocation(".ctor", argumentCount: args.count,
                                                    DotNetErrors.argumentNull(parameter: "pattern"))
            }
            let options = args.count == 2 ? try PSConvert.toEnum(args[1], wildcardOptions).rawValue : 0
            return .object(wildcardObject(PSConvert.toString(args[0]), options: options))
        case CultureInfoObjects.typeName.lowercased():
            guard args.count == 1 || args.count == 2 else { throw Members.argCount("new", args.count) }
            return .object(try CultureInfoObjects.culture(named: PSConvert.toString(args[0]), method: ".ctor"))
        default:
            return nil
        }
    }

    /// Casts that go through a constructor in .NET: `[cultureinfo]'de-DE'`, `[WildcardPattern]'a*'`.
    static func convert(_ v: PSValue, toNamed lower: String) throws -> PSValue? {
        guard case .string(let s) = v.unwrapped else { return nil }
        switch lower {
        case CultureInfoObjects.typeName.lowercased(), "cultureinfo":
            return .object(try CultureInfoObjects.culture(named: s, method: nil))
        case wildcardPattern.lowercased(), "wildcardpattern":
            return .object(wildcardObject(s, options: 0))
        default:
            return nil
        }
    }

    // MARK: StringComparer

    enum StringComparerKind: String, CaseIterable {
        case Ordinal, OrdinalIgnoreCase, InvariantCulture, InvariantCultureIgnoreCase, CurrentCulture, CurrentCultureIgnoreCase

        var ignoreCase: Bool { rawValue.hasSuffix("IgnoreCase") }
        var ordinal: Bool { rawValue.hasPrefix("Ordinal") }

        /// .NET's runtime class names: the culture comparers are one class.
        var className: String {
            switch self {
            case .Ordinal: return "System.OrdinalComparer"
            case .OrdinalIgnoreCase: return "System.OrdinalIgnoreCaseComparer"
            default: return "System.CultureAwareComparer"
            }
        }

        func compare(_ a: String, _ b: String) -> Int {
            if ordinal {
                let x = ignoreCase ? a.uppercased() : a, y = ignoreCase ? b.uppercased() : b
                // Ordinal compares UTF-16 code units and answers their difference's sign.
                for (p, q) in zip(x.utf16, y.utf16) where p != q { return Int(p) - Int(q) }
                return x.utf16.count - y.utf16.count
            }
            return CultureCollation.compare(a, b, caseSensitive: !ignoreCase)
        }

        var object: PSObject {
            let o = PSObject(typeNames: [className, stringComparer, "System.Object"], baseObject: ComparerBox(self))
            let kind = self
            o.addMethod("Compare") { _, args in
                guard args.count == 2 else { throw Members.argCount("Compare", args.count) }
                if args[0].isNull || args[1].isNull { return .int(args[0].isNull ? (args[1].isNull ? 0 : -1) : 1) }
                let c = kind.compare(PSConvert.toString(args[0]), PSConvert.toString(args[1]))
                return .int(Int32(clamping: kind.ordinal ? c : c.signum()))
            }
            o.addMethod("Equals") { me, args in
                if args.count == 1 { return .bool(Members.sameReference(args[0], .object(me))) }
                guard args.count == 2 else { throw Members.argCount("Equals", args.count) }
                if args[0].isNull || args[1].isNull { return .bool(args[0].isNull && args[1].isNull) }
                return .bool(kind.compare(PSConvert.toString(args[0]), PSConvert.toString(args[1])) == 0)
            }
            o.addMethod("GetHashCode") { _, args in
                guard args.count == 1 else { throw Members.argCount("GetHashCode", args.count) }
                let s = PSConvert.toString(args[0])
                return .int(Int32(truncatingIfNeeded: (kind.ignoreCase ? s.uppercased() : s).hashValue))
            }
            o.addMethod("ToString") { _, _ in .string(kind.className) }
            o.toStringHandler = { _ in kind.className }
            return o
        }
    }

    /// Carried as the comparer object's base so collections can ask what it compares.
    final class ComparerBox { let kind: StringComparerKind; init(_ k: StringComparerKind) { kind = k } }

    /// True when `v` is a StringComparer that ignores case (`[StringComparer]::OrdinalIgnoreCase`).
    static func isIgnoreCaseComparer(_ v: PSValue) -> Bool {
        if case .object(let o) = v.unwrapped, let box = o.baseObject as? ComparerBox { return box.kind.ignoreCase }
        // StringComparison names are accepted where .NET takes a comparer by conversion.
        return PSConvert.toString(v).lowercased().hasSuffix("ignorecase")
    }

    // MARK: WildcardPattern

    static let wildcardSpecials: Set<Character> = ["*", "?", "[", "]", "`"]

    static func escape(_ s: String) -> String {
        var out = ""
        for c in s {
            if wildcardSpecials.contains(c) { out.append("`") }
            out.append(c)
        }
        return out
    }

    /// A backtick before a wildcard character goes; one before anything else stays; a doubled
    /// backtick is one; a trailing one stays (PowerShell's Unescape).
    static func unescape(_ s: String) -> String {
        var out = "", pendingEscape = false
        for c in s {
            if c == "`" {
                if pendingEscape { out.append(c); pendingEscape = false } else { pendingEscape = true }
                continue
            }
            if pendingEscape && !"*?[]".contains(c) { out.append("`") }
            out.append(c)
            pendingEscape = false
        }
        if pendingEscape { out.append("`") }
        return out
    }

    static func containsWildcard(_ s: String) -> Bool {
        var escaped = false
        for c in s {
            if escaped { escaped = false; continue }
            if c == "`" { escaped = true; continue }
            if "*?[]".contains(c) { return true }
        }
        return false
    }

    static func wildcardObject(_ pattern: String, options: Int64) -> PSObject {
        let o = PSObject(typeNames: [wildcardPattern, "System.Object"])
        let ignoreCase = options & 2 != 0
        let matcher = WildcardPattern(pattern, caseSensitive: !ignoreCase)
        o.addMethod("IsMatch") { _, args in
            guard args.count == 1 else { throw Members.argCount("IsMatch", args.count) }
            if args[0].isNull { return .false }
            return .bool(matcher.matches(PSConvert.toString(args[0])))
        }
        o.addMethod("ToRegex") { _, args in
            guard args.isEmpty else { throw Members.argCount("ToRegex", args.count) }
            return .regex(try PSRegex(regexText(pattern), ignoreCase: ignoreCase, singleline: true))
        }
        o.addMethod("ToString") { _, _ in .string(wildcardPattern) }
        return o
    }

    /// WildcardPattern.ToRegex's text: anchors only where the pattern does not start or end with
    /// `*`, `*` as `.*`, `?` as `.`, ranges kept, every literal regex-escaped.
    static func regexText(_ pattern: String) -> String {
        let chars = Array(pattern)
        if chars.isEmpty { return "^$" }
        var out = "", i = 0
        if chars.first != "*" { out = "^" }
        while i < chars.count {
            let c = chars[i]
            switch c {
            case "`" where i + 1 < chars.count:
                out += regexEscape(chars[i + 1]); i += 2; continue
            case "*":
                let start = i
                while i + 1 < chars.count && chars[i + 1] == "*" { i += 1 }
                if start != 0 && i != chars.count - 1 { out += ".*" }
            case "?": out += "."
            case "[":
                if let close = chars[(i + 1)...].firstIndex(of: "]") {
                    out += String(chars[i...close]); i = close + 1; continue
                }
                out += regexEscape(c)
            default: out += regexEscape(c)
            }
            i += 1
        }
        if chars.last != "*" || (chars.count >= 2 && chars[chars.count - 2] == "`") { out += "$" }
        return out
    }

    /// Regex.Escape's set: metacharacters and white space (`]` and `}` are left alone).
    static func regexEscape(_ c: Character) -> String {
        switch c {
        case "\\", "*", "+", "?", "|", "{", "[", "(", ")", "^", "$", ".", "#", " ": return "\\" + String(c)
        case "\t": return "\\t"
        case "\n": return "\\n"
        case "\r": return "\\r"
        default: return String(c)
        }
    }
}
