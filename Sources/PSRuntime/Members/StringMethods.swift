import Foundation

/// System.String methods (ordinal and case-sensitive, as in .NET, unless a comparison argument says otherwise).
enum StringMethods {
    /// A .NET method's exception as PowerShell reports it: a MethodInvocationException whose inner
    /// exception is the method's own (`catch [System.FormatException]` takes it).
    static func methodError(_ name: String, _ args: [PSValue], _ message: String, id: String = "ArgumentOutOfRangeException") -> PSRuntimeError {
        let inner = PSException(message, type: innerExceptionType(id))
        let outer = PSException("Exception calling \"\(name)\" with \"\(args.count)\" argument(s): \"\(message)\"",
                                type: "System.Management.Automation.MethodInvocationException", inner: inner)
        return PSRuntimeError(ErrorRecord(outer, errorId: id, category: .notSpecified))
    }

    /// `FormatException` → `System.FormatException`, `IOException` → `System.IO.IOException`.
    static func innerExceptionType(_ id: String) -> String {
        for candidate in ["System." + id, "System.IO." + id, "System.Management.Automation." + id, id] {
            if let proper = PSException.properName(candidate.lowercased()) { return proper }
        }
        return "System." + id
    }

    static func ignoreCase(_ args: ArraySlice<PSValue>) -> Bool {
        guard let a = args.first else { return false }
        if case .bool(let b) = a { return b }
        return PSConvert.toString(a).lowercased().hasSuffix("ignorecase")
    }

    /// Characters from `Trim('ab')`, `Trim([char]'a', [char]'b')` or a char array.
    static func charSet(_ args: [PSValue]) -> Set<Character> {
        var s = Set<Character>()
        for a in args {
            for e in a.arrayElements ?? [a] { for c in PSConvert.toString(e) { s.insert(c) } }
        }
        return s
    }

    static func call(_ s: String, _ lower: String, _ name: String, _ args: [PSValue], session: ShellSession) throws -> PSValue? {
        let v = PSValue.string(s)
        switch lower {
        case "toupper", "toupperinvariant": return .string(s.uppercased())
        case "tolower", "tolowerinvariant": return .string(s.lowercased())
        case "trim", "trimstart", "trimend":
            let set = args.isEmpty ? nil : charSet(args)
            let test: (Character) -> Bool = { c in set.map { $0.contains(c) } ?? c.isWhitespace }
            var r = Substring(s)
            if lower != "trimend" { r = r.drop(while: test) }
            if lower != "trimstart" { while let l = r.last, test(l) { r = r.dropLast() } }
            return .string(String(r))
        case "split":
            return .array(PSArray(try split(s, args).map { .string($0) }, kind: .typed(.string)))
        case "startswith", "endswith":
            guard let a = args.first else { throw Members.argCount(name, 0) }
            let p = PSConvert.toString(a)
            if ignoreCase(args.dropFirst()) {
                return .bool(lower == "startswith" ? s.lowercased().hasPrefix(p.lowercased()) : s.lowercased().hasSuffix(p.lowercased()))
            }
            return .bool(lower == "startswith" ? s.hasPrefix(p) : s.hasSuffix(p))
        case "contains":
            guard let a = args.first else { throw Members.argCount(name, 0) }
            let p = PSConvert.toString(a)
            if ignoreCase(args.dropFirst()) { return .bool(s.range(of: p, options: .caseInsensitive) != nil || p.isEmpty) }
            return .bool(p.isEmpty || s.contains(p))
        case "indexof", "lastindexof":
            guard let a = args.first else { throw Members.argCount(name, 0) }
            let p = PSConvert.toString(a)
            let u = Array(s.utf16), pu = Array(p.utf16)
            var start = 0
            if args.count > 1, case let n = try PSConvert.toInt(args[1]), args[1].isNumeric { start = n }
            let ic = ignoreCase(args.dropFirst())
            let hay = ic ? Array(s.lowercased().utf16) : u
            let needle = ic ? Array(p.lowercased().utf16) : pu
            guard start >= 0 && start <= u.count else {
                throw methodError(name, args, "Index was out of range. Must be non-negative and less than the size of the collection. (Parameter 'startIndex')")
            }
            if needle.isEmpty { return .int(Int32(lower == "indexof" ? start : max(0, u.count - 1))) }
            guard needle.count <= hay.count else { return .int(-1) }
            let range = lower == "indexof" ? Array(stride(from: start, through: hay.count - needle.count, by: 1))
                                           : Array(stride(from: hay.count - needle.count, through: 0, by: -1))
            for i in range where i >= 0 && Array(hay[i..<(i + needle.count)]) == needle { return .int(Int32(i)) }
            return .int(-1)
        case "indexofany":
            let set = charSet([args.first ?? .null])
            for (i, c) in s.enumerated() where set.contains(c) { return .int(Int32(i)) }
            return .int(-1)
        case "replace":
            guard args.count >= 2 else { throw Members.argCount(name, args.count) }
            let old = PSConvert.toString(args[0])
            if old.isEmpty { throw methodError(name, args, "The value cannot be an empty string. (Parameter 'oldValue')", id: "ArgumentException") }
            if args.count > 2, ignoreCase(args.dropFirst(2)) {
                return .string(s.replacingOccurrences(of: old, with: PSConvert.toString(args[1]), options: .caseInsensitive))
            }
            return .string(s.replacingOccurrences(of: old, with: PSConvert.toString(args[1])))
        case "substring":
            let u = Array(s.utf16)
            guard let a = args.first, args.count <= 2 else { throw Members.argCount(name, args.count) }
            let start = try PSConvert.toInt(a)
            if start < 0 || start > u.count {
                throw methodError(name, args, "startIndex cannot be larger than length of string. (Parameter 'startIndex')")
            }
            var len = u.count - start
            if args.count > 1 {
                len = try PSConvert.toInt(args[1])
                if len < 0 || len > u.count - start {
                    throw methodError(name, args, "Index and length must refer to a location within the string. (Parameter 'length')")
                }
            }
            return .string(String(utf16CodeUnits: Array(u[start..<(start + len)]), count: len))
        case "padleft", "padright":
            guard let a = args.first else { throw Members.argCount(name, 0) }
            let width = try PSConvert.toInt(a)
            guard width >= 0 else { throw methodError(name, args, "Non-negative number required. (Parameter 'totalWidth')") }
            let pad = args.count > 1 ? (PSConvert.toString(args[1]).first ?? " ") : " "
            let n = max(0, width - s.count)
            try DotNetErrors.asMethodError(name, args.count) { try ResourceLimits.checkString(repeating: pad.utf8.count, count: n) }
            let p = String(repeating: pad, count: n)
            return .string(lower == "padleft" ? p + s : s + p)
        case "insert":
            guard args.count == 2 else { throw Members.argCount(name, args.count) }
            var chars = Array(s)
            let i = try PSConvert.toInt(args[0])
            guard i >= 0 && i <= chars.count else { throw methodError(name, args, "Specified argument was out of the range of valid values. (Parameter 'startIndex')") }
            chars.insert(contentsOf: PSConvert.toString(args[1]), at: i)
            return .string(String(chars))
        case "remove":
            var chars = Array(s)
            guard let a = args.first else { throw Members.argCount(name, 0) }
            let i = try PSConvert.toInt(a)
            let count = args.count > 1 ? try PSConvert.toInt(args[1]) : chars.count - i
            guard i >= 0, count >= 0, i <= chars.count, count <= chars.count - i else {
                throw methodError(name, args, "Index and count must refer to a location within the string. (Parameter 'count')")
            }
            chars.removeSubrange(i..<(i + count))
            return .string(String(chars))
        case "tochararray":
            return .array(PSArray(s.utf16.map { .char($0) }, kind: .typed(.char)))
        case "normalize", "clone": return v
        case "isnormalized": return .true
        case "getenumerator": return .array(PSArray(s.utf16.map { .char($0) }))
        case "chars":
            let u = Array(s.utf16)
            let i = try PSConvert.toInt(args.first ?? .int(0))
            guard i >= 0 && i < u.count else { throw methodError(name, args, "Index was outside the bounds of the array.") }
            return .char(u[i])
        default:
            throw Members.methodNotFound(v, name)
        }
    }

    /// String.Split overloads: a string separator splits on the whole string (.NET Core), chars or a
    /// char array split on any of them; optional count and StringSplitOptions.
    static func split(_ s: String, _ args: [PSValue]) throws -> [String] {
        var separators: [String] = []
        var count = Int.max
        var removeEmpty = false, trim = false
        for (i, a) in args.enumerated() {
            if i == 0 {
                switch a {
                case .char(let c): separators = [String(utf16CodeUnits: [c], count: 1)]
                case .array(let arr): separators = arr.elements.map { PSConvert.toString($0) }
                case .null: separators = []
                default: separators = [PSConvert.toString(a)]
                }
                continue
            }
            if a.isNumeric {
                count = try PSConvert.toInt(a)
                if count < 0 { throw methodError("Split", args, "Count cannot be less than zero. (Parameter 'count')") }
                continue
            }
            let opt = PSConvert.toString(a).lowercased()
            if opt.contains("removeemptyentries") || opt == "1" { removeEmpty = true }
            if opt.contains("trimentries") || opt == "2" { trim = true }
            if opt == "3" { removeEmpty = true; trim = true }
        }
        var parts: [String] = []
        if count == 0 { return [] }
        if separators.isEmpty || separators.allSatisfy({ $0.isEmpty }) {
            parts = s.split(whereSeparator: { $0.isWhitespace }).map(String.init)
            if !removeEmpty && s.contains(where: { $0.isWhitespace }) {
                parts = s.components(separatedBy: .whitespaces)
            }
        } else {
            var cur = ""
            var rest = Substring(s)
            outer: while !rest.isEmpty {
                if parts.count == count - 1 { break }
                for sep in separators where !sep.isEmpty && rest.hasPrefix(sep) {
                    parts.append(cur); cur = ""
                    rest = rest.dropFirst(sep.count)
                    continue outer
                }
                cur.append(rest.first!)
                rest = rest.dropFirst()
            }
            cur += rest
            parts.append(cur)
        }
        if trim { parts = parts.map { $0.trimmingCharacters(in: .whitespaces) } }
        if removeEmpty { parts = parts.filter { !$0.isEmpty } }
        return parts
    }
}
