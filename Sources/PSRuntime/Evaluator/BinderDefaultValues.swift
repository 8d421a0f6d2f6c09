import Foundation

/// `$PSDefaultParameterValues`: keys `Command:Parameter` (wildcards in the command part) give values to
/// parameters the command line left unbound, for cmdlets and advanced functions. A script block value
/// is run for a parameter that does not take a script block; `Disabled = $true` turns them all off.
extension ParameterBinder {
    func applyDefaultParameterValues(expectingInput: Bool) throws {
        guard !isScript || metadata.isAdvanced,
              case .hashtable(let table)? = session.variable("PSDefaultParameterValues")?.unwrapped, table.count > 0 else { return }
        if let disabled = table[.string("Disabled")], PSConvert.toBool(disabled) { return }
        for (key, value) in table.pairs {
            let text = PSConvert.toString(key)
            guard let colon = text.firstIndex(of: ":") else { continue }
            let commandPattern = text[..<colon].trimmingCharacters(in: .whitespaces)
            let parameterName = text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            guard !commandPattern.isEmpty, !parameterName.isEmpty,
                  WildcardPattern(commandPattern).matches(commandName),
                  let index = metadata.lookup[parameterName.lowercased()], values[index] == nil, isInCandidateSets(index) else { continue }
            let parameter = metadata.parameters[index]
            // Pipeline input, when it comes, binds these itself.
            if expectingInput && parameter.sets.contains(where: { $0.valueFromPipeline || $0.valueFromPipelineByPropertyName }) { continue }
            var bound = value
            if case .scriptBlock(let block) = value.unwrapped, parameter.type != .scriptBlock {
                bound = try session.invokeCollectValue(block, dollarUnder: nil)
            }
            try bind(index, bound, commandLine: true)
        }
    }
}
