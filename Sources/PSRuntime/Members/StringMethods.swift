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
        guard let first = args.first else { return false }
        if case .bool(let flag) = first { return flag }
        return PSConvert.toString(first).lowercased().hasSuffix("ignorecase")
    }

    /// Characters from `Trim('ab')`, `Trim([char]'a', [char]'b')` or a char array.
    static func charSet(_ args: [PSValue]) -> Set<Character> {
        var characters = Set<Character>()
        for argument in args {
            for element in argument.arrayElements ?? [argument] { for character in PSConvert.toString(element) { characters.insert(character) } }
        }
        return characters
    }

    static func call(_ text: String, _ lower: String, _ name: String, _ args: [PSValue], session: ShellSession) throws -> PSValue? {
        let value = PSValue.string(text)
        switch lower {
        case "toupper", "toupperinvariant": return .string(text.uppercased())
        case "tolower", "tolowerinvariant": return .string(text.lowercased())
        case "trim", "trimstart", "trimend":
            let set = args.isEmpty ? nil : charSet(args)
            let test: (Character) -> Bool = { character in set.map { $0.contains(character) } ?? character.isWhitespace }
            var trimmed = Substring(text)
            if lower != "trimend" { trimmed = trimmed.drop(while: test) }
            if lower != "trimstart" { while let last = trimmed.last, test(last) { trimmed = trimmed.dropLast() } }
            return .string(String(trimmed))
        case "split":
            return .array(PSArray(try split(text, args).map { .string($0) }, kind: .typed(.string)))
        case "startswith", "endswith":
            guard let argument = args.first else { throw Members.argCount(name, 0) }
            let search = PSConvert.toString(argument)
            if ignoreCase(args.dropFirst()) {
                return .bool(lower == "startswith" ? text.lowercased().hasPrefix(search.lowercased()) : text.lowercased().hasSuffix(search.lowercased()))
            }
            return .bool(lower == "startswith" ? text.hasPrefix(search) : text.hasSuffix(search))
        case "contains":
            guard let argument = args.first else { throw Members.argCount(name, 0) }
            let search = PSConvert.toString(argument)
            if ignoreCase(args.dropFirst()) { return .bool(text.range(of: search, options: .caseInsensitive) != nil || search.isEmpty) }
            return .bool(search.isEmpty || text.contains(search))
        case "indexof", "lastindexof":
            guard let argument = args.first else { throw Members.argCount(name, 0) }
            let search = PSConvert.toString(argument)
            let units = Array(text.utf16), searchUnits = Array(search.utf16)
            var start = 0
            if args.count > 1, case let from = try PSConvert.toInt(args[1]), args[1].isNumeric { start = from }
            let ignoresCase = ignoreCase(args.dropFirst())
            let hay = ignoresCase ? Array(text.lowercased().utf16) : units
            let needle = ignoresCase ? Array(search.lowercased().utf16) : searchUnits
            guard start >= 0 && start <= units.count else {
                throw methodError(name, args, "Index was out of range. Must be non-negative and less than the size of the collection. (Parameter 'startIndex')")
            }
            if needle.isEmpty { return .int(Int32(lower == "indexof" ? start : max(0, units.count - 1))) }
            guard needle.count <= hay.count else { return .int(-1) }
            let range = lower == "indexof" ? Array(stride(from: start, through: hay.count - needle.count, by: 1))
                                           : Array(stride(from: hay.count - needle.count, through: 0, by: -1))
            for position in range where position >= 0 && Array(hay[position..<(position + needle.count)]) == needle { return .int(Int32(position)) }
            return .int(-1)
        case "indexofany":
            let set = charSet([args.first ?? .null])
            for (position, character) in text.enumerated() where set.contains(character) { return .int(Int32(position)) }
            return .int(-1)
        case "replace":
            guard args.count >= 2 else { throw Members.argCount(name, args.count) }
            let old = PSConvert.toString(args[0])
            if old.isEmpty { throw methodError(name, args, "The value cannot be an empty string. (Parameter 'oldValue')", id: "ArgumentException") }
            if args.count > 2, ignoreCase(args.dropFirst(2)) {
                return .string(text.replacingOccurrences(of: old, with: PSConvert.toString(args[1]), options: .caseInsensitive))
            }
            return .string(text.replacingOccurrences(of: old, with: PSConvert.toString(args[1])))
        case "substring":
            let units = Array(text.utf16)
            guard let argument = args.first, args.count <= 2 else { throw Members.argCount(name, args.count) }
            let start = try PSConvert.toInt(argument)
            if start < 0 || start > units.count {
                throw methodError(name, args, "startIndex cannot be larger than length of string. (Parameter 'startIndex')")
            }
            var length = units.count - start
            if args.count > 1 {
                length = try PSConvert.toInt(args[1])
                if length < 0 || length > units.count - start {
                    throw methodError(name, args, "Index and length must refer to a location within the string. (Parameter 'length')")
                }
            }
            return .string(String(utf16CodeUnits: Array(units[start..<(start + length)]), count: length))
        case "padleft", "padright":
            guard let argument = args.first else { throw Members.argCount(name, 0) }
            let width = try PSConvert.toInt(argument)
            guard width >= 0 else { throw methodError(name, args, "Non-negative number required. (Parameter 'totalWidth')") }
            let pad = args.count > 1 ? (PSConvert.toString(args[1]).first ?? " ") : " "
            let padCount = max(0, width - text.count)
            try DotNetErrors.asMethodError(name, args.count) { try ResourceLimits.checkString(repeating: pad.utf8.count, count: padCount) }
            let padding = String(repeating: pad, count: padCount)
            return .string(lower == "padleft" ? padding + text : text + padding)
        case "insert":
            guard args.count == 2 else { throw Members.argCount(name, args.count) }
            var chars = Array(text)
            let position = try PSConvert.toInt(args[0])
            guard position >= 0 && position <= chars.count else { throw methodError(name, args, "Specified argument was out of the range of valid values. (Parameter 'startIndex')") }
            chars.insert(contentsOf: PSConvert.toString(args[1]), at: position)
            return .string(String(chars))
        case "remove":
            var chars = Array(text)
            guard let argument = args.first else { throw Members.argCount(name, 0) }
            let position = try PSConvert.toInt(argument)
            let count = args.count > 1 ? try PSConvert.toInt(args[1]) : chars.count - position
            guard position >= 0, count >= 0, position <= chars.count, count <= chars.count - position else {
                throw methodError(name, args, "Index and count must refer to a location within the string. (Parameter 'count')")
            }
            chars.removeSubrange(position..<(position + count))
            return .string(String(chars))
        case "tochararray":
            return .array(PSArray(text.utf16.map { .char($0) }, kind: .typed(.char)))
        case "normalize", "clone": return value
        case "isnormalized": return .true
        case "getenumerator": return .array(PSArray(text.utf16.map { .char($0) }))
        case "chars":
            let units = Array(text.utf16)
            let position = try PSConvert.toInt(args.first ?? .int(0))
            guard position >= 0 && position < units.count else { throw methodError(name, args, "Index was outside the bounds of the array.") }
            return .char(units[position])
        default:
            throw Members.methodNotFound(value, name)
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
