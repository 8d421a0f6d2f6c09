/// The positional pass of cmdlets and advanced functions, as PowerShell's binder does it
/// (`ParameterBinderController.BindPositionalParameters`): positions in order; each takes the next
/// unnamed argument, tried on the parameters at that position first without conversion (a parameter
/// whose type the argument already is wins, which is how `Write-Error $Error[0]` chooses the
/// ErrorRecord set), the default set before the other still-possible sets, then with conversion in
/// the same order. An argument no parameter takes is left over for `ValueFromRemainingArguments`.
extension ParameterBinder {
    /// The parameters at one position, each with its memberships that put it there.
    struct PositionEntry {
        let index: Int
        let sets: [ParameterSetMembership]
    }

    func bindPositionalAsCmdlet(_ args: [BindArgument]) throws {
        guard !args.isEmpty else { return }
        let table = try positionTable()
        var leftover: [BindArgument] = []
        var next = 0
        var failure: PSRuntimeError? = nil
        for (_, entries) in table {
            // Parameters drop out as binding narrows the sets (PowerShell's UpdatePositionalDictionary).
            let open = entries.filter { entry in
                values[entry.index] == nil && !delayBound.contains { $0.0 == entry.index } && entry.sets.contains(where: isStillPossible)
            }
            if open.isEmpty { continue }
            guard let argument = nextPositional(args, &next, leftover: &leftover) else { break }
            let defaultSet = metadata.defaultParameterSet.flatMap { set in candidateSets.map { $0.contains(set) } ?? true ? set : nil }
            var bound = false
            for coerce in [false, true] where !bound {
                if let set = defaultSet { bound = try bindAtPosition(open, argument, onlyIn: set, coerce: coerce, failure: &failure) }
                if !bound { bound = try bindAtPosition(open, argument, onlyIn: nil, coerce: coerce, failure: &failure) }
            }
            if !bound { leftover.append(argument) }
        }
        leftover.append(contentsOf: args[next...])
        try bindRemainingArguments(leftover, failure: failure)
    }

    /// The next unnamed argument (PowerShell's GetNextPositionalArgument): a name that matched no
    /// parameter is a named argument, left over with its value (the argument after it, unless it
    /// was written `-Name:value`).
    func nextPositional(_ args: [BindArgument], _ next: inout Int, leftover: inout [BindArgument]) -> BindArgument? {
        while next < args.count {
            let argument = args[next]
            next += 1
            if !argument.isUnmatchedName { return argument }
            leftover.append(argument)
            // `-Name:value` brings its own value (the next entry); `-Name` takes the next unnamed one.
            if next < args.count, argument.text.hasSuffix(":") || !args[next].isUnmatchedName {
                leftover.append(args[next])
                next += 1
            }
        }
        return nil
    }

    /// Unbound parameters by position, from the memberships in the still-possible sets (remaining-
    /// arguments memberships take no position). Two parameters at one position of one set make the
    /// declaration ambiguous.
    private func positionTable() throws -> [(Int, [PositionEntry])] {
        var byPosition: [Int: [PositionEntry]] = [:]
        for index in metadata.parameters.indices where values[index] == nil && isInCandidateSets(index) {
            var memberships: [Int: [ParameterSetMembership]] = [:]
            for inSet in metadata.parameters[index].sets where !inSet.valueFromRemainingArguments && isStillPossible(inSet) {
                guard let position = inSet.position else { continue }
                memberships[position, default: []].append(inSet)
            }
            for (position, sets) in memberships {
                let others = byPosition[position] ?? []
                if others.contains(where: { other in other.sets.contains { o in sets.contains { $0.setName == o.setName } } }) {
                    throw bindingError("Cannot bind positional parameters because no names were given.", id: "AmbiguousPositionalParameterNoName")
                }
                byPosition[position, default: []].append(PositionEntry(index: index, sets: sets))
            }
        }
        return byPosition.keys.sorted().map { ($0, byPosition[$0]!) }
    }

    private func isStillPossible(_ inSet: ParameterSetMembership) -> Bool {
        inSet.setName == allParameterSets || (candidateSets?.contains(inSet.setName) ?? true)
    }

    /// One try of one argument on the parameters at a position: those in `set` (nil: in any
    /// still-possible set), with or without conversion. A conversion a cmdlet's parameter refuses only
    /// moves on to the next parameter (and is reported if nothing takes the argument); a function's
    /// conversion failure, a validation failure and a refused null are errors at once.
    private func bindAtPosition(_ entries: [PositionEntry], _ argument: BindArgument, onlyIn set: String?, coerce: Bool,
                                failure: inout PSRuntimeError?) throws -> Bool {
        let value = argument.value ?? .null
        for entry in entries where values[entry.index] == nil {
            let inSet = entry.sets.contains { inSet in
                inSet.setName == allParameterSets || (set.map { inSet.setName == $0 } ?? isStillPossible(inSet))
            }
            guard inSet else { continue }
            if isDelayBind(entry.index, value), case .scriptBlock(let block) = value {
                delayBound.append((entry.index, block))
                fromCommandLine[entry.index] = true
                try narrow(by: entry.index)
                return true
            }
            let parameter = metadata.parameters[entry.index]
            let transformed = parameter.transform?(value) ?? value
            if !coerce && (!isExactArgument(transformed, for: entry.index) || !hasRequiredTypeName(transformed, for: entry.index)) { continue }
            if parameter.validations.contains(where: { rule in
                if case .notPositionally(let check) = rule { return check(transformed) != nil }
                return false
            }) { continue }
            do {
                try bind(entry.index, value, commandLine: true)
            } catch let error as PSRuntimeError where !isScript && error.record.fullyQualifiedErrorId.hasPrefix("CannotConvertArgument") {
                failure = pointAt(error, argument.extent)
                continue
            } catch let error as PSRuntimeError {
                throw pointAt(error, argument.extent)
            }
            storage.boundByPosition.insert(entry.index)
            return true
        }
        return false
    }

    /// Whether an argument binds as it is (PowerShell's `ShouldContinueUncoercedBind`): its type is
    /// the parameter's (or derives from it), a PSObject's base object is, a collection parameter's
    /// elements all are; `$null` binds so only to a reference type other than string.
    func isExactArgument(_ value: PSValue, for index: Int) -> Bool {
        let type = metadata.parameters[index].type
        if case .null = value { return type != .string && !Self.isValueType(type) }
        if PSConvert.isInstance(value, of: type) { return true }
        let base = value.unwrapped
        if PSConvert.isInstance(base, of: type) { return true }
        switch type {
        case .array(let element), .list(let element):
            if let items = base.arrayElements {
                return items.allSatisfy { item in item.isNull ? !Self.isValueType(element) : PSConvert.isInstance(item.unwrapped, of: element) }
            }
            return PSConvert.isInstance(base, of: element)
        default:
            return false
        }
    }

    /// What positions left over goes to the parameter that takes the remaining arguments in the
    /// chosen sets (as one list; a lone collection as itself), else it is an error: the conversion
    /// that refused the argument if there was one, or "no positional parameter".
    private func bindRemainingArguments(_ leftover: [BindArgument], failure: PSRuntimeError?) throws {
        guard let first = leftover.first else { return }
        var restIndex: Int? = nil
        for index in metadata.parameters.indices where values[index] == nil {
            let sets = metadata.parameters[index].sets
            guard let inSet = sets.first(where: { $0.setName != allParameterSets && isStillPossible($0) })
                    ?? sets.first(where: { $0.setName == allParameterSets }), inSet.valueFromRemainingArguments else { continue }
            if restIndex != nil {
                throw bindingError("Parameter set cannot be resolved using the specified named parameters. One or more parameters issued cannot be used together or an insufficient number of parameters were provided.",
                                   id: "AmbiguousParameterSet", category: .metadataError)
            }
            restIndex = index
        }
        if let restIndex {
            let items = leftover.map { $0.value ?? .null }
            let value: PSValue
            if items.count == 1, items[0].isEnumerable || metadata.parameters[restIndex].type == .psObject {
                value = items[0]
            } else {
                value = .array(PSArray(items, kind: .genericList(.object)))
            }
            try bind(restIndex, value, commandLine: true)
            storage.boundByPosition.insert(restIndex)
            return
        }
        if first.isUnmatchedName {
            throw pointAt(bindingError("A parameter cannot be found that matches parameter name '\(first.text.drop { $0 == "-" })'.",
                                       id: "NamedParameterNotFound"), first.extent)
        }
        if let failure { throw failure }
        let text = first.value.map { PSConvert.toString($0) } ?? first.text
        // PowerShell gives this one no argument position: it points at the whole command.
        throw bindingError("A positional parameter cannot be found that accepts argument '\(text)'.", id: "PositionalParameterNotFound")
    }

    /// .NET value types never hold null (and so never take `$null` without conversion).
    static func isValueType(_ type: PSType) -> Bool {
        switch type {
        case .bool, .char, .guid, .dateTime, .timeSpan, .enumType, .switchParameter: return true
        default: return type.isNumeric
        }
    }
}
