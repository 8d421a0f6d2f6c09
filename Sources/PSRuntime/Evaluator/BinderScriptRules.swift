/// Binding rules that only functions and scripts have: the null/empty checks of mandatory parameters
/// and delay-bind script blocks.
extension ParameterBinder {
    /// A mandatory parameter of a function or script takes no null, empty string or empty collection
    /// unless `[AllowNull()]`, `[AllowEmptyString()]` or `[AllowEmptyCollection()]` says so. A `[string]`
    /// parameter has already turned $null into '', so it needs AllowEmptyString, not AllowNull.
    func checkNullOrEmpty(_ v: PSValue, for i: Int) throws {
        guard isScript, i < scriptRules.count else { return }
        let p = metadata.parameters[i]
        guard p.sets.contains(where: \.mandatory) else { return }
        let rules = scriptRules[i]
        func failure(_ what: String, _ id: String) -> PSRuntimeError {
            bindingError("Cannot bind argument to parameter '\(p.name)' because it is \(what).",
                         id: "ParameterArgumentValidationError\(id)", category: .invalidData,
                         exceptionType: "System.Management.Automation.ParameterBindingValidationException")
        }
        func check(_ e: PSValue, _ type: PSType) throws {
            if e.isNull {
                if !rules.allowNull && type != .bool { throw failure("null", "NullNotAllowed") }
                return
            }
            if type == .string, case .string(let s) = e, s.isEmpty, !rules.allowEmptyString {
                throw failure("an empty string", "EmptyStringNotAllowed")
            }
        }
        try check(v, p.type)
        let element: PSType
        switch p.type {
        case .array(let t), .list(let t): element = t
        case .arrayList: element = .object
        default: return
        }
        guard let items = v.arrayElements else { return }
        if !element.isNumeric && element != .bool && element != .char {
            for e in items { try check(e, element) }
        }
        if items.isEmpty && !rules.allowEmptyCollection {
            if case .array = p.type { throw failure("an empty array", "EmptyArrayNotAllowed") }
            throw failure("an empty collection", "EmptyCollectionNotAllowed")
        }
    }

    /// `Get-Thing | Set-Thing -Name { $_.Name.ToUpper() }`: a script block given to a typed parameter
    /// that takes pipeline input is run for each input object and its result bound instead.
    func isDelayBind(_ i: Int, _ v: PSValue) -> Bool {
        guard case .scriptBlock = v else { return false }
        let p = metadata.parameters[i]
        switch p.type {
        case .object, .scriptBlock, .psObject: return false
        default: break
        }
        return p.sets.contains { $0.valueFromPipeline || $0.valueFromPipelineByPropertyName }
    }

    func bindDelayed(_ input: PSValue) throws {
        for (i, sb) in delayBound {
            let p = metadata.parameters[i]
            let out = try session.invokeCollect(sb, dollarUnder: input)
            if out.isEmpty {
                throw bindingError("Cannot evaluate parameter '\(p.name)' because its argument input did not produce any output.",
                                   id: "ScriptBlockArgumentNoOutput", category: .metadataError)
            }
            try bind(i, out.count == 1 ? out[0] : .array(PSArray(out)), commandLine: false)
        }
    }

    func checkDelayedHaveInput(expectingInput: Bool) throws {
        guard !expectingInput, let (i, _) = delayBound.first else { return }
        throw bindingError("Cannot evaluate parameter '\(metadata.parameters[i].name)' because its argument is specified as a script block and there is no input. A script block cannot be evaluated without input.",
                           id: "ScriptBlockArgumentNoInput", category: .metadataError)
    }
}
