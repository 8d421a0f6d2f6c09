import PSLanguage

/// ScriptBlock.CheckRestrictedLanguage(allowedCommands, allowedVariables, allowEnvironmentVariables):
/// holds the block to the data section's restricted language (DataSectionChecker) with the caller's
/// commands and variables, and throws a ParseException naming every construct outside it.
enum ScriptBlockRestrictedCheck {
    static func check(_ block: PSScriptBlock, _ args: [PSValue]) throws -> PSValue {
        guard args.count == 3 else { throw Members.argCount("CheckRestrictedLanguage", args.count) }
        let parsed = Parser.parse(block.text)
        var checker = DataSectionChecker(commands: names(args[0]), variables: names(args[1]),
                                         allowEnvironment: PSConvert.toBool(args[2]), source: parsed.source)
        checker.check(parsed.scriptBlock)
        let errors = checker.problems.map { restriction, range in
            let (id, message) = restriction.idAndText
            return ParseError(id: id, message: message, range: range, location: parsed.source.location(of: range.start),
                              isIncomplete: false)
        }
        guard let first = errors.first else { return .null }
        let record = ParseErrors.record(first, source: parsed.source)
        ParseErrors.describe(record.exception, errors: errors, source: parsed.source)
        record.fullyQualifiedErrorId = "ParseException"
        throw DotNetErrors.methodInvocation("CheckRestrictedLanguage", argumentCount: args.count, PSRuntimeError(record))
    }

    /// An IEnumerable<string> argument: nil for $null, else each element's text.
    private static func names(_ value: PSValue) -> [String]? {
        switch value.unwrapped {
        case .null: return nil
        default: return (value.arrayElements ?? [value]).map { PSConvert.toString($0) }
        }
    }
}
