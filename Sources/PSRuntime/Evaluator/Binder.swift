import Foundation

/// Binds arguments and pipeline input to a command's parameters, with PowerShell's order (named,
/// positional, pipeline by value, pipeline by property name), parameter sets and messages.
final class ParameterBinder {
    let metadata: CommandMetadata
    let commandName: String
    /// Script functions word conversion failures as "argument transformation" errors.
    let isScript: Bool
    // unowned(unsafe): these objects live only while their session runs code, and the session owns
    // everything that runs; a checked unowned reference would cost an atomic retain per access.
    unowned(unsafe) let session: ShellSession
    let storage: BoundStorage
    var values: [PSValue?] {
        get { storage.values }
        _modify { yield &storage.values }
    }
    var fromCommandLine: [Bool]
    var fromPipeline: [Int] = []
    /// Parameter indexes in the order they were bound (`$PSBoundParameters` keeps this order).
    var bindOrder: [Int] = []
    /// Sets still possible; nil means "all".
    var candidateSets: Set<String>?
    var chosenSet: String?
    /// Arguments a simple function did not bind (`$args`).
    var unbound: [PSValue] = []
    var position: ScriptExtent?
    /// Per parameter, for functions and scripts: Allow* permissions and ValidateScript blocks.
    var scriptRules: [ScriptParameterRules] = []
    /// While a command's dynamic parameters are not yet known: a name no parameter has is skipped
    /// with the value after it, as PowerShell leaves such arguments for the dynamic parameters.
    var setsAsideUnknownNames = false
    /// Parameters a dynamicparam block added: bound as a cmdlet binds them (no script
    /// argument-transformation wording on conversion failures).
    var runtimeDefined: Set<Int> = []
    /// Delay-bind script blocks given on the command line, run per pipeline object.
    var delayBound: [(Int, PSScriptBlock)] = []
    /// ByValue parameter when binding is trivially "any object to this parameter" (ForEach-Object's InputObject).
    private var fastPipelineIndex: Int?? = nil

    /// The parameter every pipeline object binds to by a plain store, once `bindPipeline` found that
    /// it does (nil before the first object and for commands whose binding needs the full rules).
    var directPipelineIndex: Int? {
        if case .some(.some(let index)) = fastPipelineIndex { return index }
        return nil
    }

    init(metadata: CommandMetadata, commandName: String, isScript: Bool, session: ShellSession) {
        self.metadata = metadata
        self.commandName = commandName
        self.isScript = isScript
        self.session = session
        storage = BoundStorage(count: metadata.parameters.count)
        fromCommandLine = Array(repeating: false, count: metadata.parameters.count)
    }

    // MARK: Errors

    /// Cmdlets' binding errors name their .NET class; functions' and scripts' their own name.
    var errorIdSource: String { isScript ? commandName : metadata.errorIdSource }

    /// PowerShell's ParameterBindingException records carry no target object (`InvalidArgument: (:) [Get-Item],
    /// ParameterBindingException`); the offending argument is in the message.
    func bindingError(_ message: String, id: String, category: ErrorCategory = .invalidArgument,
                      exceptionType: String = "System.Management.Automation.ParameterBindingException") -> PSRuntimeError {
        let record = ErrorRecord(message: message, errorId: "\(id),\(errorIdSource)", category: category, target: .null,
                            exceptionType: exceptionType)
        record.commandName = commandName
        record.position = position
        record.categoryActivity = commandName
        return PSRuntimeError(record)
    }

    // MARK: Name resolution

    /// Finds a parameter by exact name/alias or unique prefix; throws the ambiguity or not-found error.
    func resolve(_ name: String) throws -> Int {
        let key = name.lowercased()
        if let index = metadata.lookup[key] { return index }
        var hits: [Int] = []
        var names: [String] = []
        for (candidate, index) in metadata.lookupKeys where candidate.hasPrefix(key) {
            if !hits.contains(index) {
                hits.append(index)
                names.append(metadata.parameters[index].name)
            }
        }
        if hits.count == 1 { return hits[0] }
        // A prefix shared by one of the command's own parameters and common parameters names the
        // command's own (`Get-Member -i` is -InputObject, not -InformationAction).
        let declared = hits.filter { $0 < metadata.commonParameterStart }
        if hits.count > 1 && declared.count == 1 { return declared[0] }
        if hits.isEmpty {
            throw bindingError("A parameter cannot be found that matches parameter name '\(name)'.", id: "NamedParameterNotFound")
        }
        throw bindingError("Parameter cannot be processed because the parameter name '\(name)' is ambiguous. Possible matches include: "
                           + names.map { "-" + $0 }.joined(separator: " ") + ".",
                           id: "AmbiguousParameter")
    }

    func sets(of index: Int) -> Set<String>? {
        let parameter = metadata.parameters[index]
        if parameter.inAllSets { return nil }
        return Set(parameter.sets.map(\.setName))
    }

    func membership(_ index: Int) -> ParameterSetMembership? {
        let parameter = metadata.parameters[index]
        if let chosen = chosenSet, let inSet = parameter.sets.first(where: { $0.setName == chosen }) { return inSet }
        if let candidates = candidateSets, let inSet = parameter.sets.first(where: { candidates.contains($0.setName) }) { return inSet }
        return parameter.sets.first { $0.setName == allParameterSets } ?? parameter.sets.first
    }

    func isInCandidateSets(_ index: Int) -> Bool {
        guard let parameterSets = sets(of: index), let candidates = candidateSets else { return true }
        return !parameterSets.isDisjoint(with: candidates)
    }

    func narrow(by index: Int) throws {
        guard let parameterSets = sets(of: index) else { return }
        let next = candidateSets.map { $0.intersection(parameterSets) } ?? parameterSets
        if next.isEmpty {
            throw bindingError("Parameter set cannot be resolved using the specified named parameters. One or more parameters issued cannot be used together or an insufficient number of parameters were provided.",
                               id: "AmbiguousParameterSet")
        }
        candidateSets = next
    }

    // MARK: Conversion and validation

    func convert(_ value: PSValue, for index: Int) throws -> PSValue {
        let parameter = metadata.parameters[index]
        if parameter.type == .bool || (parameter.type == .array(.bool) && metadata.isAdvanced), !isBooleanLike(value) {
            throw bindingError("Cannot process argument transformation on parameter '\(parameter.name)'. Cannot convert value \"\(value.typeFullName)\" to type \"System.Boolean\". Boolean parameters accept only Boolean values and numbers, such as $True, $False, 1 or 0.",
                               id: "ParameterArgumentTransformationError")
        }
        // An advanced function binds as a cmdlet does: several values never join into one [string]
        // (a simple function's conversion does join them, with $OFS).
        if isScript, metadata.isAdvanced, parameter.type == .string, case .array(let items) = value.unwrapped, items.count > 1 {
            throw bindingError("Cannot process argument transformation on parameter '\(parameter.name)'. Cannot convert value to type System.String.",
                               id: "ParameterArgumentTransformationError",
                               exceptionType: "System.Management.Automation.ParameterBindingArgumentTransformationException")
        }
        if index >= metadata.commonParameterStart, parameter.name.hasSuffix("Action"), case .enumType = parameter.type {
            return try actionPreference(value, for: parameter.name)
        }
        do {
            var converted = try PSConvert.convert(value, to: parameter.type, types: session.types)
            if case .switchParameter = parameter.type, case .switchValue = converted {} else if parameter.type == .switchParameter {
                converted = .switchValue(PSConvert.toBool(value))
            }
            return converted
        } catch let error as PSRuntimeError {
            let inner = error.record.message
            if isScript && !runtimeDefined.contains(index) {
                throw bindingError("Cannot process argument transformation on parameter '\(parameter.name)'. \(inner)",
                                   id: "ParameterArgumentTransformationError",
                                   exceptionType: "System.Management.Automation.ParameterBindingArgumentTransformationException")
            }
            throw bindingError("Cannot bind parameter '\(parameter.name)'. \(inner)", id: "CannotConvertArgumentNoMessage")
        }
    }

    /// -ErrorAction, -WarningAction, -InformationAction, -ProgressAction: PowerShell sets them on the
    /// command runtime, whose setters refuse Suspend (reserved) and whose conversion refuses $null, so
    /// either fails as ParameterBindingFailed around the setter's SetValueInvocationException.
    private func actionPreference(_ value: PSValue, for name: String) throws -> PSValue {
        let inner: PSException
        do {
            guard !value.unwrapped.isNull else {
                throw PSRuntimeError.message("Cannot convert null to type \"System.Management.Automation.ActionPreference\".",
                                             errorId: "nullToEnumInvalidCast", exceptionType: "System.Management.Automation.PSInvalidCastException")
            }
            let converted = try PSConvert.convert(value, to: .enumType(ActionPreference.enumType), types: session.types)
            guard ActionPreference(converted) == .suspend else { return converted }
            inner = PSException("The Suspend ActionPreference value is reserved for future use and is not supported at this time. For more information about preference variables, see the Help topic, \"about_Preference_Variables.\"",
                                type: "System.NotSupportedException")
        } catch let error as PSRuntimeError {
            inner = error.record.exception
        }
        let setter = PSException("Exception setting \"\(name)\": \"\(inner.message)\"",
                                 type: "System.Management.Automation.SetValueInvocationException", inner: inner)
        let failure = bindingError("Cannot bind parameter '\(name)' to the target. \(setter.message)", id: "ParameterBindingFailed", category: .writeError)
        failure.record.exception.innerException = setter
        throw failure
    }

    private func isBooleanLike(_ value: PSValue) -> Bool {
        switch value {
        case .bool, .switchValue, .null: return true
        case .array(let array): return array.elements.allSatisfy(isBooleanLike)
        default: return value.isNumeric
        }
    }

    /// Whether each (non-null) element of the argument carries the `[PSTypeName()]` the parameter asks for.
    func hasRequiredTypeName(_ value: PSValue, for index: Int) -> Bool {
        guard index < scriptRules.count, let wanted = scriptRules[index].psTypeName else { return true }
        return (value.arrayElements ?? [value]).allSatisfy { element in
            element.isNull || element.typeNames.contains { $0.caseInsensitiveCompare(wanted) == .orderedSame }
        }
    }

    func validate(_ value: PSValue, for index: Int) throws {
        let parameter = metadata.parameters[index]
        if !hasRequiredTypeName(value, for: index), let wanted = scriptRules[index].psTypeName {
            throw bindingError("Cannot bind argument to parameter '\(parameter.name)', because PSTypeNames of the argument do not match the PSTypeName required by the parameter: \(wanted).",
                               id: "MismatchedPSTypeName",
                               exceptionType: "System.Management.Automation.ParameterBindingArgumentTransformationException")
        }
        for rule in parameter.validations {
            if let msg = Validation.check(rule, value) {
                throw bindingError("Cannot validate argument on parameter '\(parameter.name)'. \(msg)", id: "ParameterArgumentValidationError",
                                   category: .invalidData, exceptionType: "System.Management.Automation.ParameterBindingValidationException")
            }
        }
        if index < scriptRules.count {
            for (block, custom) in scriptRules[index].validateScripts {
                for element in value.arrayElements ?? [value] {
                    let result = try session.invokeCollectValue(block, dollarUnder: element)
                    if !PSConvert.toBool(result) {
                        let detail = custom.map { ValidationMessages.custom($0, element, .scriptBlock(block)) }
                            ?? "The \"\(block.text)\" validation script for the argument with value \"\(PSConvert.toString(element))\" did not return a result of True. Determine why the validation script failed, and then try the command again."
                        throw bindingError("Cannot validate argument on parameter '\(parameter.name)'. \(detail)",
                                           id: "ParameterArgumentValidationError", category: .invalidData,
                                           exceptionType: "System.Management.Automation.ParameterBindingValidationException")
                    }
                }
            }
        }
        try checkNullOrEmpty(value, for: index)
    }

    func bind(_ index: Int, _ argument: PSValue, commandLine: Bool) throws {
        // A compiled cmdlet gets the value a plain output wrapper carries, unless its parameter
        // takes a [psobject] (Add-Member's -InputObject keeps the very object it adds members to).
        let given = isScript || metadata.parameters[index].type == .psObject ? argument : argument.withoutPlainWrapper
        var value = metadata.parameters[index].transform?(given) ?? given
        if metadata.parameters[index].transformsRunspace || (isScript && index < scriptRules.count && scriptRules[index].transformsRunspace) {
            value = session.runspaceArgument(value)
        }
        try checkCmdletNull(value, for: index, commandLine: commandLine)
        let converted = try convert(value, for: index)
        try validate(converted, for: index)
        try checkCmdletNullOrEmpty(original: value, converted: converted, for: index)
        values[index] = converted
        if !bindOrder.contains(index) { bindOrder.append(index) }
        if commandLine { fromCommandLine[index] = true } else { fromPipeline.append(index) }
        try narrow(by: index)
    }

    // MARK: Command line

    /// Named, then positional arguments. For simple functions, leftovers go to `unbound` (`$args`).
    func bindCommandLine(_ args: [BindArgument]) throws {
        var positional: [BindArgument] = []
        // A parameter named on the command line supersedes the same one in a splatted hashtable
        // (by name, alias or prefix).
        var named: Set<Int> = []
        if args.contains(where: \.fromSplat) {
            for argument in args where !argument.fromSplat {
                if let name = argument.parameterName, let index = try? resolve(name) { named.insert(index) }
            }
        }
        var next = 0
        while next < args.count {
            let argument = args[next]
            next += 1
            guard let name = argument.parameterName else { positional.append(argument); continue }
            if argument.fromSplat, !named.isEmpty, let index = try? resolve(name), named.contains(index) { continue }
            if !metadata.isAdvanced && metadata.parameters.isEmpty {
                // No parameters at all: everything goes to $args.
                positional.append(BindArgument(parameterName: nil, value: .string(argument.text), hasColon: false, text: argument.text))
                if argument.hasColon, let value = argument.value { positional.append(BindArgument(parameterName: nil, value: value, hasColon: false, text: "")) }
                continue
            }
            let index: Int
            do { index = try resolve(name) } catch let error as PSRuntimeError {
                pointAt(error, argument.extent)
                if setsAsideUnknownNames {
                    if !argument.hasColon, next < args.count, args[next].parameterName == nil { next += 1 }
                    continue
                }
                // A function's remaining-arguments parameter also takes `-Words` that name no parameter
                // (a cmdlet reports them).
                let takesRest = isScript && metadata.parameters.contains { $0.sets.contains(where: \.valueFromRemainingArguments) }
                if (!metadata.isAdvanced || takesRest) && !error.record.fullyQualifiedErrorId.hasPrefix("AmbiguousParameter") {
                    // Simple functions pass unknown -Names through to $args.
                    // Still a named argument: no positional parameter takes it, nor its value
                    // (`-Name:value` keeps the colon, as PowerShell's parameter text does).
                    let text = "-" + name + (argument.hasColon ? ":" : "")
                    positional.append(BindArgument(parameterName: nil, value: .string(text), hasColon: false, text: text,
                                                   isLiteralText: true, isUnmatchedName: true))
                    if argument.hasColon {
                        positional.append(BindArgument(parameterName: nil, value: argument.value ?? .null, hasColon: false, text: "",
                                                       isUnmatchedName: true))
                    }
                    continue
                }
                throw error
            }
            let parameter = metadata.parameters[index]
            if values[index] != nil && fromCommandLine[index] {
                throw bindingError("Cannot bind parameter because parameter '\(parameter.name)' is specified more than once. To provide multiple values to parameters that can accept multiple values, use the array syntax. For example, \"-parameter value1,value2,value3\".",
                                   id: "ParameterAlreadyBound")
            }
            var value: PSValue
            var valueExtent = argument.extent
            if argument.hasColon {
                value = argument.value ?? .null
            } else if parameter.isSwitch {
                value = .switchValue(true)
            } else if next < args.count, args[next].parameterName == nil {
                value = args[next].value ?? .null
                valueExtent = args[next].extent
                next += 1
            } else {
                throw pointAt(bindingError("Missing an argument for parameter '\(parameter.name)'. Specify a parameter of type '\(parameter.type.fullName)' and try again.",
                                           id: "MissingArgument"), argument.extent)
            }
            if parameter.isSwitch, argument.hasColon { value = .switchValue(PSConvert.toBool(value)) }
            if isDelayBind(index, value), case .scriptBlock(let block) = value {
                delayBound.append((index, block))
                fromCommandLine[index] = true
                try narrow(by: index)
                continue
            }
            do { try bind(index, value, commandLine: true) } catch let error as PSRuntimeError { throw pointAt(error, valueExtent) }
        }
        try bindPositional(positional)
    }

    /// PowerShell's binding errors point at the argument they are about (the parameter name that
    /// matched nothing, the value that did not convert), not at the whole command.
    @discardableResult
    func pointAt(_ error: PSRuntimeError, _ extent: ScriptExtent?) -> PSRuntimeError {
        if let extent { error.record.position = extent }
        return error
    }

    private func bindPositional(_ args: [BindArgument]) throws {
        guard !args.isEmpty else { return }
        if metadata.isAdvanced { return try bindPositionalAsCmdlet(args) }
        // A simple function: its parameters take the arguments in declaration order (switches
        // excepted); what is left is `$args`.
        var leftover: [BindArgument] = []
        var next = 0
        for index in metadata.parameters.indices where values[index] == nil && !metadata.parameters[index].isSwitch {
            guard let argument = nextPositional(args, &next, leftover: &leftover) else { break }
            do { try bind(index, argument.value ?? .null, commandLine: true) } catch let error as PSRuntimeError {
                throw pointAt(error, argument.extent)
            }
            storage.boundByPosition.insert(index)
        }
        unbound = (leftover + args[next...]).map { $0.value ?? .null }
    }

    // MARK: Sets and mandatory parameters

    /// After command-line binding: picks the parameter set (when it can be decided) and checks or
    /// prompts for mandatory parameters that pipeline input will not supply.
    func finishCommandLine(expectingInput: Bool) throws {
        try applyDefaultParameterValues(expectingInput: expectingInput)
        try checkDelayedHaveInput(expectingInput: expectingInput)
        resolveSet(final: !expectingInput)
        if !expectingInput { try checkSetChosen() }
        if expectingInput, let set = chosenSet, pipelineCanChooseAnotherSet(than: set) {
            // `Get-VMSnapshot | Restore-VMSnapshot`: the piped object selects its own set, so the
            // default set's mandatory parameters are checked only once the object has been bound.
            chosenSet = nil
            return
        }
        try checkMandatory(expectingInput: expectingInput)
    }

    /// Whether an unbound parameter that takes pipeline input belongs to a still-possible set other
    /// than `set`.
    private func pipelineCanChooseAnotherSet(than set: String) -> Bool {
        metadata.parameters.indices.contains { index in
            values[index] == nil && isInCandidateSets(index) && metadata.parameters[index].sets.contains { inSet in
                (inSet.valueFromPipeline || inSet.valueFromPipelineByPropertyName) && inSet.setName != set &&
                    inSet.setName != allParameterSets && (candidateSets?.contains(inSet.setName) ?? true)
            }
        }
    }

    func resolveSet(final: Bool) {
        if metadata.setNames.isEmpty { chosenSet = allParameterSets; return }
        let possible = candidateSets.map { Array($0) } ?? metadata.setNames
        if possible.count == 1 { chosenSet = possible[0]; return }
        if let defaultSet = metadata.defaultParameterSet, possible.contains(defaultSet) { chosenSet = defaultSet; return }
        // Prefer a set whose mandatory parameters are all bound.
        let satisfied = possible.filter { set in
            metadata.parameters.indices.allSatisfy { index in
                guard let inSet = metadata.parameters[index].sets.first(where: { $0.setName == set }) else { return true }
                return !inSet.mandatory || values[index] != nil
            }
        }
        if satisfied.count == 1 { chosenSet = satisfied[0]; return }
        if final, let first = metadata.setNames.first(where: { possible.contains($0) }) { chosenSet = first }
    }

    /// An advanced function whose arguments leave several parameter sets possible, none of them the
    /// default, cannot run (PowerShell's VerifyParameterSetSelected); hvsh's own cmdlets keep
    /// choosing the first possible set.
    func checkSetChosen() throws {
        guard isScript, metadata.isAdvanced, metadata.setNames.count > 1 else { return }
        let possible = candidateSets.map { Array($0) } ?? metadata.setNames
        if possible.count == 1 { return }
        if let defaultSet = metadata.defaultParameterSet, possible.contains(defaultSet) { return }
        let satisfied = possible.filter { set in
            metadata.parameters.indices.allSatisfy { index in
                guard let inSet = metadata.parameters[index].sets.first(where: { $0.setName == set }) else { return true }
                return !inSet.mandatory || values[index] != nil
            }
        }
        if candidateSets != nil {
            // Narrowed to several sets: the one whose mandatory parameters are all bound wins.
            if satisfied.count == 1 { return }
        } else if satisfied.count < possible.count {
            // Nothing narrowed the sets and one of them lacks a mandatory parameter: PowerShell
            // reports (or asks for) that parameter first.
            return
        }
        throw bindingError("Parameter set cannot be resolved using the specified named parameters. One or more parameters issued cannot be used together or an insufficient number of parameters were provided.",
                           id: "AmbiguousParameterSet")
    }

    func checkMandatory(expectingInput: Bool) throws {
        let set = chosenSet
        var missing: [Int] = []
        for index in 0..<metadata.parameters.count where values[index] == nil && !delayBound.contains(where: { $0.0 == index }) {
            let parameter = metadata.parameters[index]
            let inChosenSets = parameter.sets.filter { $0.setName == allParameterSets || set == nil || $0.setName == set }
            guard let inSet = inChosenSets.first(where: { $0.mandatory }) else { continue }
            if set == nil, !isInCandidateSets(index) { continue }
            if expectingInput && (inSet.valueFromPipeline || inSet.valueFromPipelineByPropertyName) { continue }
            missing.append(index)
        }
        guard !missing.isEmpty else { return }
        if session.host.isInteractive {
            session.host.write("cmdlet \(commandName) at command pipeline position 1\nSupply values for the following parameters:\n", stream: .output)
            var answered = 0
            for index in missing {
                let parameter = metadata.parameters[index]
                if parameter.type.isArray {
                    var items: [PSValue] = []
                    var count = 0
                    while let line = session.host.readLine(prompt: "\(parameter.name)[\(count)]: "), !line.isEmpty {
                        items.append(.string(line)); count += 1
                    }
                    try bind(index, .array(PSArray(items)), commandLine: true)
                } else {
                    guard let line = session.host.readLine(prompt: "\(parameter.name): ") else { break }
                    try bind(index, .string(line), commandLine: true)
                }
                answered += 1
            }
            // Input ended before every value was given: the same error as without a prompt.
            if answered == missing.count { return }
            let unanswered = missing.dropFirst(answered)
            throw bindingError("Cannot process command because of one or more missing mandatory parameters: "
                               + unanswered.map { metadata.parameters[$0].name }.joined(separator: " ") + ".",
                               id: "MissingMandatoryParameter")
        }
        throw bindingError("Cannot process command because of one or more missing mandatory parameters: "
                           + missing.map { metadata.parameters[$0].name }.joined(separator: " ") + ".",
                           id: "MissingMandatoryParameter")
    }

    // MARK: Pipeline

    /// Binds one pipeline object: by value (exact type, then converted), then by property name.
    /// Returns false when nothing could take the object.
    func bindPipeline(_ input: PSValue) throws -> Bool {
        for index in fromPipeline { values[index] = nil }
        fromPipeline.removeAll(keepingCapacity: true)
        if !delayBound.isEmpty { try bindDelayed(input) }
        if fastPipelineIndex == nil { fastPipelineIndex = .some(computeFastIndex()) }
        if let fastIndex = fastPipelineIndex! {
            values[fastIndex] = isScript ? input : input.withoutPlainWrapper
            fromPipeline.append(fastIndex)
            return true
        }
        let savedSets = candidateSets
        var boundAny = false
        let count = metadata.parameters.count
        func open(_ index: Int, byValue: Bool) -> Bool {
            !fromCommandLine[index] && values[index] == nil && isInCandidateSets(index) &&
                metadata.parameters[index].sets.contains { inSet in
                    (byValue ? inSet.valueFromPipeline : inSet.valueFromPipelineByPropertyName) &&
                        (inSet.setName == allParameterSets || candidateSets?.contains(inSet.setName) ?? true)
                }
        }
        let object = input.asObject
        func propertyValue(_ index: Int) throws -> PSValue? {
            let parameter = metadata.parameters[index]
            guard let inputObject = object else {
                // Plain values have .NET properties too (a string's Length, a date's Year).
                for name in [parameter.name] + parameter.aliases {
                    let lower = name.lowercased()
                    if case .string(let text) = input, lower == "length" { return .int(Int32(text.utf16.count)) }
                    if let value = ValueProperties.value(input, lowercasedName: lower) { return value }
                }
                return nil
            }
            for name in [parameter.name] + parameter.aliases { if let value = try inputObject.property(name) { return value } }
            return nil
        }
        func isExact(_ wrapped: PSValue, _ type: PSType) -> Bool {
            if type == .object { return true }
            // A PSObject around a value (Join-Path's string in a property) is that value's type, as in PowerShell.
            let value = wrapped.withoutPlainWrapper
            if PSConvert.isInstance(value, of: type) { return true }
            if case .array(let elementType) = type { return PSConvert.isInstance(value, of: elementType) }
            return false
        }
        // PowerShell's order: by value without conversion, by property name without conversion,
        // by value with conversion, by property name with conversion.
        for index in 0..<count where !boundAny && open(index, byValue: true) && isExact(input, metadata.parameters[index].type) {
            try bind(index, input, commandLine: false); boundAny = true
        }
        for index in 0..<count where open(index, byValue: false) {
            if let value = try propertyValue(index), isExact(value, metadata.parameters[index].type) {
                try bind(index, value, commandLine: false); boundAny = true
            }
        }
        if !boundAny {
            var lastError: Error? = nil
            for index in 0..<count where !boundAny && open(index, byValue: true) {
                do { try bind(index, input, commandLine: false); boundAny = true } catch { lastError = error }
            }
            if !boundAny, let lastError, !metadata.parameters.indices.contains(where: { open($0, byValue: false) }) { throw lastError }
        }
        for index in 0..<count where open(index, byValue: false) {
            if let value = try propertyValue(index) { try bind(index, value, commandLine: false); boundAny = true }
        }
        if !boundAny { candidateSets = savedSets }
        return boundAny || !delayBound.isEmpty
    }

    private func hasByPropertyName() -> Bool {
        metadata.parameters.contains { $0.sets.contains { $0.valueFromPipelineByPropertyName } }
    }

    /// A single untyped ByValue parameter, no ByPropertyName, no validation: binding is a plain store.
    private func computeFastIndex() -> Int? {
        var found: Int? = nil
        for (index, parameter) in metadata.parameters.enumerated() {
            for inSet in parameter.sets where inSet.valueFromPipeline || inSet.valueFromPipelineByPropertyName {
                if inSet.valueFromPipelineByPropertyName || found != nil && found != index { return nil }
                found = index
            }
        }
        guard let fastIndex = found, !fromCommandLine[fastIndex], metadata.parameters[fastIndex].type == .object,
              metadata.parameters[fastIndex].validations.isEmpty, metadata.parameters[fastIndex].inAllSets,
              fastIndex >= scriptRules.count || scriptRules[fastIndex].validateScripts.isEmpty else { return nil }
        return fastIndex
    }

    func inputNotBoundError(_ input: PSValue) -> ErrorRecord {
        let record = ErrorRecord(message: "The input object cannot be bound to any parameters for the command either because the command does not take pipeline input or the input and its properties do not match any of the parameters that take pipeline input.",
                            errorId: "InputObjectNotBound,\(errorIdSource)", category: .invalidArgument, target: input,
                            exceptionType: "System.Management.Automation.ParameterBindingException")
        record.commandName = commandName
        record.position = position
        return record
    }

    /// Mandatory parameters still missing after a pipeline object was bound.
    func checkMandatoryAfterPipeline() throws {
        resolveSet(final: true)
        try checkMandatory(expectingInput: false)
    }
}
