import Foundation

/// The methods of a Regex object (`$re.Match(...)`); `[regex]::Match(input, pattern)` comes here too.
enum RegexMethods {
    static func call(_ pattern: PSRegex, _ lowercasedName: String, _ name: String, _ args: [PSValue],
                     session: ShellSession) throws -> PSValue? {
        let input = args.isEmpty ? "" : PSConvert.toString(args[0])
        let range = NSRange(location: 0, length: (input as NSString).length)
        switch lowercasedName {
        case "ismatch": return .bool(pattern.regex.firstMatch(in: input, range: range) != nil)
        case "match":
            if let match = pattern.regex.firstMatch(in: input, range: range) {
                return .object(StringOperators.matchObject(match, in: input, regex: pattern.regex))
            }
            let failed = PSObject(typeNames: ["System.Text.RegularExpressions.Match", "System.Object"])
            failed.addNote("Success", .false); failed.addNote("Value", .string("")); failed.addNote("Groups", .array(PSArray()))
            failed.addNote("Index", .int(0)); failed.addNote("Length", .int(0))
            return .object(failed)
        case "matches":
            return .array(PSArray(pattern.regex.matches(in: input, range: range).map {
                .object(StringOperators.matchObject($0, in: input, regex: pattern.regex))
            }))
        case "replace":
            var evaluator: ((PSValue) throws -> String)? = nil
            let replacement = args.count > 1 ? args[1] : .string("")
            if case .scriptBlock(let block) = replacement {
                evaluator = { match in session.expandToString(try session.invokeCollectValue(block, dollarUnder: match, arguments: [match])) }
            }
            return .string(try StringOperators.replace(input, regex: pattern, replacement: replacement, scriptBlock: evaluator))
        case "split":
            var options = StringOperators.SplitOptions()
            options.ignoreCase = pattern.ignoreCase
            return .array(PSArray(try StringOperators.split(input, delimiter: pattern.pattern, max: 0, options: options,
                                                            cache: session.regexCache).map { .string($0) }))
        case "tostring": return .string(pattern.pattern)
        default: throw Members.methodNotFound(.regex(pattern), name)
        }
    }
}
