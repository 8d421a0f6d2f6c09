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

    func bindingError(_ message: String, id: String, category: ErrorCategory = .invalidArgument,
                      exceptionType: String = "System.Management.Automation.ParameterBindingException",
                      target: PSValue = .null) -> PSRuntimeError {
        let r = ErrorRecord(message: message, errorId: "\(id),\(errorIdSource)", category: category, target: target,
                            exceptionType: exceptionType)
        r.commandName = commandName
        r.position = position
        r.categoryActivity = commandName
        return PSRuntimeError(r)
    }

    // MARK: Name resolution

    /// Finds a parameter by exact name/alias or unique prefix; throws the ambiguity or not-found error.
    func resolve(_ name: String) throws -> Int {
        let key = name.lowercased()
        if let i = metadata.lookup[key] { return i }
        var hits: [Int] = []
        var names: [String] = []
        for (k, i) in metadata.lookupKeys where k.hasPrefix(key) {
            if !hits.contains(i) {
                hits.append(i)
                names.append(metadata.parameters[i].name)
            }
        }
        if hits.count == 1 { return hits[0] }
        if hits.isEmpty {
            throw bindingError("A parameter cannot be found that matches parameter name '\(name)'.", id: "NamedParameterNotFound",
                               target: .string(name))
        }
        throw bindingError("Parameter cannot be processed because the parameter name '\(name)' is ambiguous. Possible matches include: "
                           + names.map { "-" + $0 }.joined(separator: " ") + ".",
                           id: "AmbiguousParameter", target: .string(name))
    }

    func sets(of i: Int) -> Set<String>? {
        let p = metadata.parameters[i]
        if p.inAllSets { return nil }
        return Set(p.sets.map(\.setName))
    }

    func membership(_ i: Int) -> ParameterSetMembership? {
        let p = metadata.parameters[i]
        if let s = chosenSet, let m = p.sets.first(where: { $0.setName == s }) { return m }
        if let c = candidateSets, let m = p.sets.first(where: { c.contains($0.setName) }) { return m }
        return p.sets.first { $0.setName == allParameterSets } ?? p.sets.first
    }

    func isInCandidateSets(_ i: Int) -> Bool {
        guard let s = sets(of: i), let c = candidateSets else { return true }
        return !s.isDisjoint(with: c)
    }

    func narrow(by i: Int) throws {
        guard let s = sets(of: i) else { return }
        let next = candidateSets.map { $0.intersection(s) } ?? s
        if next.isEmpty {
            throw bindingError("Parameter set cannot be resolved using the specified named parameters. One or more parameters issued cannot be used together or an insufficient number of parameters were provided.",
                               id: "AmbiguousParameterSet")
        }
        candidateSets = next
    }

    // MARK: Conversion and validation

    func convert(_ v: PSValue, for i: Int) throws -> PSValue {
        let p = metadata.parameters[i]
        if p.type == .bool || (p.type == .array(.bool) && metadata.isAdvanced), !isBooleanLike(v) {
            throw bindingError("Cannot process argument transformation on parameter '\(p.name)'. Cannot convert value \"\(v.typeFullName)\" to type \"System.Boolean\". Boolean parameters accept only Boolean values and numbers, such as $True, $False, 1 or 0.",
                               id: "ParameterArgumentTransformationError", target: v)
        }
        do {
            var converted = try PSConvert.convert(v, to: p.type, types: session.types)
            if case .switchParameter = p.type, case .switchValue = converted {} else if p.type == .switchParameter {
                converted = .switchValue(PSConvert.toBool(v))
            }
            return converted
        } catch let e as PSRuntimeError {
            let inner = e.record.message
            if isScript {
                throw bindingError("Cannot process argument transformation on parameter '\(p.name)'. \(inner)",
                                   id: "ParameterArgumentTransformationError",
                                   exceptionType: "System.Management.Automation.ParameterBindingArgumentTransformationException", target: v)
            }
            throw bindingError("Cannot bind parameter '\(p.name)'. \(inner)", id: "CannotConvertArgumentNoMessage", target: v)
        }
    }

    private func isBooleanLike(_ v: PSValue) -> Bool {
        switch v {
        case .bool, .switchValue, .null: return true
        case .array(let a): return a.elements.allSatisfy(isBooleanLike)
        default: return v.isNumeric
        }
    }

    func validate(_ v: PSValue, for i: Int) throws {
        let p = metadata.parameters[i]
        for rule in p.validations {
            if let msg = Validation.check(rule, v) {
                throw bindingError("Cannot validate argument on parameter '\(p.name)'. \(msg)", id: "ParameterArgumentValidationError",
                                   category: .invalidData, exceptionType: "System.Management.Automation.ParameterBindingValidationException", target: v)
            }
        }
        if i < scriptRules.count {
            for (sb, custom) in scriptRules[i].validateScripts {
                for e in v.arrayElements ?? [v] {
                    let r = try session.invokeCollectValue(sb, dollarUnder: e)
                    if !PSConvert.toBool(r) {
                        let detail = custom.map { ValidationMessages.custom($0, e, .scriptBlock(sb)) }
                            ?? "The \"\(sb.text)\" validation script for the argument with value \"\(PSConvert.toString(e))\" did not return a result of True. Determine why the validation script failed, and then try the command again."
                        throw bindingError("Cannot validate argument on parameter '\(p.name)'. \(detail)",
                                           id: "ParameterArgumentValidationError", category: .invalidData,
                                           exceptionType: "System.Management.Automation.ParameterBindingValidationException", target: e)
                    }
                }
            }
        }
        try checkNullOrEmpty(v, for: i)
    }

    func bind(_ i: Int, _ v: PSValue, commandLine: Bool) throws {
        try checkCmdletNull(v, for: i)
        let c = try convert(v, for: i)
        try validate(c, for: i)
        try checkCmdletNullOrEmpty(original: v, converted: c, for: i)
        values[i] = c
        if !bindOrder.contains(i) { bindOrder.append(i) }
        if commandLine { fromCommandLine[i] = true } else { fromPipeline.append(i) }
        try narrow(by: i)
    }

    // MARK: Command line

    /// Named, then positional arguments. For simple functions, leftovers go to `unbound` (`$args`).
    func bindCommandLine(_ args: [BindArgument]) throws {
        var positional: [BindArgument] = []
        var k = 0
        while k < args.count {
            let a = args[k]
            k += 1
            guard let name = a.parameterName else { positional.append(a); continue }
            if !metadata.isAdvanced && metadata.parameters.isEmpty {
                // No parameters at all: everything goes to $args.
                positional.append(BindArgument(parameterName: nil, value: .string(a.text), hasColon: false, text: a.text))
                if a.hasColon, let v = a.value { positional.append(BindArgument(parameterName: nil, value: v, hasColon: false, text: "")) }
                continue
            }
            let i: Int
            do { i = try resolve(name) } catch let e as PSRuntimeError {
                // A function's remaining-arguments parameter also takes `-Words` that name no parameter
                // (a cmdlet reports them).
                let takesRest = isScript && metadata.parameters.contains { $0.sets.contains(where: \.valueFromRemainingArguments) }
                if (!metadata.isAdvanced || takesRest) && !e.record.fullyQualifiedErrorId.hasPrefix("AmbiguousParameter") {
                    // Simple functions pass unknown -Names through to $args.
                    positional.append(BindArgument(parameterName: nil, value: .string(a.text), hasColon: false, text: a.text, isLiteralText: true))
                    continue
                }
                throw e
            }
            let p = metadata.parameters[i]
            if values[i] != nil && fromCommandLine[i] {
                throw bindingError("Cannot bind parameter because parameter '\(p.name)' is specified more than once. To provide multiple values to parameters that can accept multiple values, use the array syntax. For example, \"-parameter value1,value2,value3\".",
                                   id: "ParameterAlreadyBound")
            }
            var value: PSValue
            if a.hasColon {
                value = a.value ?? .null
            } else if p.isSwitch {
                value = .switchValue(true)
            } else if k < args.count, args[k].parameterName == nil {
                value = args[k].value ?? .null
                k += 1
            } else {
                throw bindingError("Missing an argument for parameter '\(p.name)'. Specify a parameter of type '\(p.type.fullName)' and try again.",
                                   id: "MissingArgument")
            }
            if p.isSwitch, a.hasColon { value = .switchValue(PSConvert.toBool(value)) }
            if isDelayBind(i, value), case .scriptBlock(let sb) = value {
                delayBound.append((i, sb))
                fromCommandLine[i] = true
                try narrow(by: i)
                continue
            }
            try bind(i, value, commandLine: true)
        }
        try bindPositional(positional)
    }

    private func bindPositional(_ args: [BindArgument]) throws {
        guard !args.isEmpty else { return }
        // Parameters that take positions in the still-possible sets, by position.
        // `preferred`: the position is in the default parameter set (or in all sets), which wins a
        // position that parameters of several sets share while no set has been chosen yet.
        var slots: [(pos: Int, index: Int, preferred: Bool)] = []
        for i in 0..<metadata.parameters.count where values[i] == nil && isInCandidateSets(i) {
            let p = metadata.parameters[i]
            var best: Int? = nil
            var preferred = false
            for m in p.sets where m.position != nil {
                if let c = candidateSets, m.setName != allParameterSets, !c.contains(m.setName) { continue }
                if let d = metadata.defaultParameterSet, candidateSets == nil, m.setName != d, m.setName != allParameterSets,
                   p.sets.contains(where: { $0.setName == d && $0.position != nil }) { continue }
                if m.position! < best ?? Int.max {
                    best = m.position!
                    preferred = m.setName == allParameterSets || m.setName == metadata.defaultParameterSet
                }
            }
            if let b = best { slots.append((b, i, preferred)) }
        }
        // Simple functions: every declared parameter is positional in declaration order.
        if !metadata.isAdvanced {
            slots = (0..<metadata.parameters.count).filter { values[$0] == nil && !metadata.parameters[$0].isSwitch }.enumerated().map { ($0.offset, $0.element, true) }
        }
        slots.sort { ($0.pos, $0.preferred ? 0 : 1, $0.index) < ($1.pos, $1.preferred ? 0 : 1, $1.index) }
        var remaining = args[...]
        for (_, i, _) in slots {
            guard let a = remaining.first else { break }
            if values[i] != nil { continue }
            if !isInCandidateSets(i) { continue }
            let p = metadata.parameters[i]
            if p.sets.contains(where: { $0.valueFromRemainingArguments }) {
                try bind(i, remainingList(remaining), commandLine: true)
                remaining = []
                break
            }
            remaining = remaining.dropFirst()
            try bind(i, a.value ?? .null, commandLine: true)
        }
        if let first = remaining.first {
            if let r = (0..<metadata.parameters.count).first(where: { values[$0] == nil && metadata.parameters[$0].sets.contains { $0.valueFromRemainingArguments } }) {
                try bind(r, remainingList(remaining), commandLine: true)
                return
            }
            if !metadata.isAdvanced {
                unbound = remaining.map { $0.value ?? .null }
                return
            }
            let text = first.value.map { PSConvert.toString($0) } ?? first.text
            throw bindingError("A positional parameter cannot be found that accepts argument '\(text)'.", id: "PositionalParameterNotFound",
                               target: first.value ?? .null)
        }
    }

    /// What a `ValueFromRemainingArguments` parameter receives: a List[object] of the leftover
    /// arguments; a single collection argument gives its elements (PowerShell 6.2 and later).
    private func remainingList(_ args: ArraySlice<BindArgument>) -> PSValue {
        var items = args.map { $0.value ?? .null }
        if items.count == 1, let only = items[0].arrayElements { items = only }
        return .array(PSArray(items, kind: .genericList(.object)))
    }

    // MARK: Sets and mandatory parameters

    /// After command-line binding: picks the parameter set (when it can be decided) and checks or
    /// prompts for mandatory parameters that pipeline input will not supply.
    func finishCommandLine(expectingInput: Bool) throws {
        try checkDelayedHaveInput(expectingInput: expectingInput)
        resolveSet(final: !expectingInput)
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
        metadata.parameters.indices.contains { i in
            values[i] == nil && isInCandidateSets(i) && metadata.parameters[i].sets.contains { m in
                (m.valueFromPipeline || m.valueFromPipelineByPropertyName) && m.setName != set &&
                    m.setName != allParameterSets && (candidateSets?.contains(m.setName) ?? true)
            }
        }
    }

    func resolveSet(final: Bool) {
        if metadata.setNames.isEmpty { chosenSet = allParameterSets; return }
        let possible = candidateSets.map { Array($0) } ?? metadata.setNames
        if possible.count == 1 { chosenSet = possible[0]; return }
        if let d = metadata.defaultParameterSet, possible.contains(d) { chosenSet = d; return }
        // Prefer a set whose mandatory parameters are all bound.
        let satisfied = possible.filter { set in
            metadata.parameters.indices.allSatisfy { i in
                guard let m = metadata.parameters[i].sets.first(where: { $0.setName == set }) else { return true }
                return !m.mandatory || values[i] != nil
            }
        }
        if satisfied.count == 1 { chosenSet = satisfied[0]; return }
        if final, let first = metadata.setNames.first(where: { possible.contains($0) }) { chosenSet = first }
    }

    func checkMandatory(expectingInput: Bool) throws {
        let set = chosenSet
        var missing: [Int] = []
        for i in 0..<metadata.parameters.count where values[i] == nil && !delayBound.contains(where: { $0.0 == i }) {
            let p = metadata.parameters[i]
            let ms = p.sets.filter { $0.setName == allParameterSets || set == nil || $0.setName == set }
            guard let m = ms.first(where: { $0.mandatory }) else { continue }
            if set == nil, !isInCandidateSets(i) { continue }
            if expectingInput && (m.valueFromPipeline || m.valueFromPipelineByPropertyName) { continue }
            missing.append(i)
        }
        guard !missing.isEmpty else { return }
        if session.host.isInteractive {
            session.host.write("cmdlet \(commandName) at command pipeline position 1\nSupply values for the following parameters:\n", stream: .output)
            var answered = 0
            for i in missing {
                let p = metadata.parameters[i]
                if p.type.isArray {
                    var items: [PSValue] = []
                    var n = 0
                    while let line = session.host.readLine(prompt: "\(p.name)[\(n)]: "), !line.isEmpty {
                        items.append(.string(line)); n += 1
                    }
                    try bind(i, .array(PSArray(items)), commandLine: true)
                } else {
                    guard let line = session.host.readLine(prompt: "\(p.name): ") else { break }
                    try bind(i, .string(line), commandLine: true)
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
        for i in fromPipeline { values[i] = nil }
        fromPipeline.removeAll(keepingCapacity: true)
        if !delayBound.isEmpty { try bindDelayed(input) }
        if fastPipelineIndex == nil { fastPipelineIndex = .some(computeFastIndex()) }
        if let fi = fastPipelineIndex! {
            values[fi] = input
            fromPipeline.append(fi)
            return true
        }
        let savedSets = candidateSets
        var boundAny = false
        let count = metadata.parameters.count
        func open(_ i: Int, byValue: Bool) -> Bool {
            !fromCommandLine[i] && values[i] == nil && isInCandidateSets(i) &&
                metadata.parameters[i].sets.contains { m in
                    (byValue ? m.valueFromPipeline : m.valueFromPipelineByPropertyName) &&
                        (m.setName == allParameterSets || candidateSets?.contains(m.setName) ?? true)
                }
        }
        let object = input.asObject
        func propertyValue(_ i: Int) throws -> PSValue? {
            let p = metadata.parameters[i]
            guard let o = object else {
                // Plain values have .NET properties too (a string's Length, a date's Year).
                for n in [p.name] + p.aliases {
                    let lower = n.lowercased()
                    if case .string(let s) = input, lower == "length" { return .int(Int32(s.utf16.count)) }
                    if let v = ValueProperties.value(input, lowercasedName: lower) { return v }
                }
                return nil
            }
            for n in [p.name] + p.aliases { if let v = try o.property(n) { return v } }
            return nil
        }
        func isExact(_ v: PSValue, _ t: PSType) -> Bool {
            if t == .object { return true }
            if PSConvert.isInstance(v, of: t) { return true }
            if case .array(let e) = t { return PSConvert.isInstance(v, of: e) }
            return false
        }
        // PowerShell's order: by value without conversion, by property name without conversion,
        // by value with conversion, by property name with conversion.
        for i in 0..<count where !boundAny && open(i, byValue: true) && isExact(input, metadata.parameters[i].type) {
            try bind(i, input, commandLine: false); boundAny = true
        }
        for i in 0..<count where open(i, byValue: false) {
            if let v = try propertyValue(i), isExact(v, metadata.parameters[i].type) {
                try bind(i, v, commandLine: false); boundAny = true
            }
        }
        if !boundAny {
            var lastError: Error? = nil
            for i in 0..<count where !boundAny && open(i, byValue: true) {
                do { try bind(i, input, commandLine: false); boundAny = true } catch { lastError = error }
            }
            if !boundAny, let e = lastError, !metadata.parameters.indices.contains(where: { open($0, byValue: false) }) { throw e }
        }
        for i in 0..<count where open(i, byValue: false) {
            if let v = try propertyValue(i) { try bind(i, v, commandLine: false); boundAny = true }
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
        for (i, p) in metadata.parameters.enumerated() {
            for m in p.sets where m.valueFromPipeline || m.valueFromPipelineByPropertyName {
                if m.valueFromPipelineByPropertyName || found != nil && found != i { return nil }
                found = i
            }
        }
        guard let f = found, !fromCommandLine[f], metadata.parameters[f].type == .object,
              metadata.parameters[f].validations.isEmpty, metadata.parameters[f].inAllSets,
              f >= scriptRules.count || scriptRules[f].validateScripts.isEmpty else { return nil }
        return f
    }

    func inputNotBoundError(_ input: PSValue) -> ErrorRecord {
        let r = ErrorRecord(message: "The input object cannot be bound to any parameters for the command either because the command does not take pipeline input or the input and its properties do not match any of the parameters that take pipeline input.",
                            errorId: "InputObjectNotBound,\(errorIdSource)", category: .invalidArgument, target: input,
                            exceptionType: "System.Management.Automation.ParameterBindingException")
        r.commandName = commandName
        r.position = position
        return r
    }

    /// Mandatory parameters still missing after a pipeline object was bound.
    func checkMandatoryAfterPipeline() throws {
        resolveSet(final: true)
        try checkMandatory(expectingInput: false)
    }
}
