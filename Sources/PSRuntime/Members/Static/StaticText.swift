import Foundation

/// String, Char, Regex, Convert and Text.Encoding.
extension StaticTypes {
    nonisolated(unsafe) static let textTypes: [StaticType] = [
        StaticType(keys: ["string"], properties: [StaticType.constant("string", "Empty", .string(""))], methods: stringMethods),
        StaticType(keys: ["char"], methods: charMethods),
        StaticType(keys: ["text.regularexpressions.regex", "regex"], methods: regexMethods),
        StaticType(keys: ["convert"], methods: convertMethods),
    ] + encodingTypes

    private nonisolated(unsafe) static let stringMethods: [StaticMethod] = [
        StaticType.method("Compare", "static int Compare(string strA, string strB)", "static int Compare(string strA, string strB, bool ignoreCase)",
                          "static int Compare(string strA, string strB, System.StringComparison comparisonType)") { call in
            let ignoreCase = call.args.count > 2 && PSConvert.toBool(call.args[2])
            return .int(Int32(Comparison.compareStrings(call.string(0), call.string(1), caseSensitive: !ignoreCase)))
        },
        StaticType.method("Concat", "static string Concat(System.Object arg0)", "static string Concat(System.Object arg0, System.Object arg1)",
                          "static string Concat(Params System.Object[] args)", "static string Concat(Params string[] values)") { call in
            let items = call.args.count == 1 ? (call.args[0].arrayElements ?? [call.args[0]]) : call.args
            return .string(items.map { PSConvert.toString($0) }.joined())
        },
        StaticType.method("Equals", "static bool Equals(string a, string b)", "static bool Equals(string a, string b, System.StringComparison comparisonType)",
                          "static bool Equals(System.Object objA, System.Object objB)") { .bool($0.string(0) == $0.string(1)) },
        StaticType.method("Format", "static string Format(string format, System.Object arg0)",
                          "static string Format(string format, System.Object arg0, System.Object arg1)",
                          "static string Format(string format, Params System.Object[] args)") { call in
            let rest = Array(call.args.dropFirst())
            return .string(try PSFormat.format(call.string(0), rest.count == 1 ? (rest[0].arrayElements ?? rest) : rest))
        },
        StaticType.method("IsNullOrEmpty", "static bool IsNullOrEmpty(string value)") { call in
            .bool(call.args.first.map { $0.isNull || PSConvert.toString($0).isEmpty } ?? true)
        },
        StaticType.method("IsNullOrWhiteSpace", "static bool IsNullOrWhiteSpace(string value)") { call in
            .bool(call.args.first.map { $0.isNull || PSConvert.toString($0).trimmingCharacters(in: .whitespacesAndNewlines).isEmpty } ?? true)
        },
        StaticType.method("Join", "static string Join(string separator, Params string[] value)",
                          "static string Join(string separator, Params System.Object[] values)",
                          "static string Join(char separator, Params string[] value)") { call in
            let rest = Array(call.args.dropFirst())
            let items = rest.count == 1 ? (rest[0].arrayElements ?? [rest[0]]) : rest
            return .string(items.map { PSConvert.toString($0) }.joined(separator: call.string(0)))
        },
    ]

    private nonisolated(unsafe) static let charTests: [(name: String, test: (Character) -> Bool)] = [
        ("IsDigit", { $0.isNumber && $0.isASCII }), ("IsLetter", { $0.isLetter }), ("IsLetterOrDigit", { $0.isLetter || $0.isNumber }),
        ("IsLower", { $0.isLowercase }), ("IsPunctuation", { $0.isPunctuation }), ("IsUpper", { $0.isUppercase }),
        ("IsWhiteSpace", { $0.isWhitespace }),
    ]

    private nonisolated(unsafe) static let charMethods: [StaticMethod] = charTests.map { name, test in
        StaticType.method(name, "static bool \(name)(char c)", "static bool \(name)(string s, int index)") { call in
            let text = call.string(0)
            return .bool(test(text.first ?? " "))
        }
    } + [
        StaticType.method("ToLower", "static char ToLower(char c)", "static char ToLower(char c, cultureinfo culture)") {
            .char($0.string(0).lowercased().utf16.first ?? 0)
        },
        StaticType.method("ToUpper", "static char ToUpper(char c)", "static char ToUpper(char c, cultureinfo culture)") {
            .char($0.string(0).uppercased().utf16.first ?? 0)
        },
        StaticType.method("ConvertFromUtf32", "static string ConvertFromUtf32(int utf32)") { call in
            guard call.args.count == 1 else { throw call.wrongCount() }
            let code = try PSConvert.toInt32(call.args[0])
            guard code >= 0, let scalar = Unicode.Scalar(UInt32(code)) else {
                throw DotNetErrors.methodInvocation(call.name, argumentCount: 1, DotNetErrors.argumentOutOfRange(
                    "A valid UTF32 value is between 0x000000 and 0x10ffff, inclusive, and should not include surrogate codepoint values (0x00d800 ~ 0x00dfff).",
                    parameter: "utf32"))
            }
            return .string(String(Character(scalar)))
        },
        StaticType.method("ConvertToUtf32", "static int ConvertToUtf32(char highSurrogate, char lowSurrogate)", "static int ConvertToUtf32(string s, int index)") { call in
            guard call.args.count == 2 else { throw call.wrongCount() }
            let units: [UInt16]
            if case .string(let s) = call.args[0].unwrapped {
                let all = Array(s.utf16), index = try PSConvert.toInt(call.args[1])
                guard index >= 0, index < all.count else {
                    throw DotNetErrors.methodInvocation(call.name, argumentCount: 2, DotNetErrors.argumentOutOfRange(
                        "Index was out of range. Must be non-negative and less than the size of the collection.", parameter: "index"))
                }
                units = Array(all[index..<min(index + 2, all.count)])
            } else {
                units = call.args.compactMap { if case .char(let c) = (try? PSConvert.convert($0, to: .char)) { return c }; return nil }
            }
            if let first = units.first, !UTF16.isLeadSurrogate(first), !UTF16.isTrailSurrogate(first) { return .int(Int32(first)) }
            if units.count == 2, UTF16.isLeadSurrogate(units[0]), UTF16.isTrailSurrogate(units[1]) {
                return .int(Int32(0x10000 + ((Int(units[0]) - 0xD800) << 10) + (Int(units[1]) - 0xDC00)))
            }
            throw DotNetErrors.methodInvocation(call.name, argumentCount: 2, DotNetErrors.argument("Found a high surrogate char without a following low surrogate at index: 0. The input may not be in this encoding, or may not contain valid Unicode (UTF-16) characters. (Parameter 's')"))
        },
    ]

    private nonisolated(unsafe) static let regexMethods: [StaticMethod] = [
        StaticType.method("Escape", "static string Escape(string str)") { .string(RegexEscaping.escape($0.string(0))) },
        StaticType.method("Unescape", "static string Unescape(string str)") { .string(RegexEscaping.unescape($0.string(0))) },
        regexStatic("IsMatch", returns: "bool"),
        regexStatic("Match", returns: "System.Text.RegularExpressions.Match"),
        regexStatic("Matches", returns: "System.Text.RegularExpressions.MatchCollection"),
        regexStatic("Replace", returns: "string", replacement: true),
        regexStatic("Split", returns: "string[]"),
    ]

    /// `[regex]::Match(input, pattern[, options])` and the like: the instance method on a regex made
    /// from the pattern.
    private static func regexStatic(_ name: String, returns: String, replacement: Bool = false) -> StaticMethod {
        let parameters = "string input, string pattern" + (replacement ? ", string replacement" : "")
        return StaticType.method(name, "static \(returns) \(name)(\(parameters))",
                                 "static \(returns) \(name)(\(parameters), System.Text.RegularExpressions.RegexOptions options)") { call in
            let args = call.args
            guard args.count >= 2 else { throw call.wrongCount() }
            let ignoreCase = args.count > (replacement ? 3 : 2) && PSConvert.toString(args.last!).lowercased().contains("ignorecase")
            let regex = try PSRegex(call.string(1), ignoreCase: ignoreCase)
            var instanceArgs = [args[0]]
            if replacement { instanceArgs.append(args.count > 2 ? args[2] : .string("")) }
            return try RegexMethods.call(regex, name.lowercased(), call.name, instanceArgs, session: call.session)
        }
    }

    /// `[Text.Encoding]::UTF8` with GetBytes/GetString.
}
