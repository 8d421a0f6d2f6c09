/// A function's `dynamicparam` block, in PowerShell's order: the declared parameters take what they
/// can of the command line (names they do not know are set aside with their values), the block runs
/// with `$PSBoundParameters` as bound so far, and what it returns (a RuntimeDefinedParameterDictionary,
/// or nothing) adds parameters that the command line is bound to again. Dynamic parameters get no
/// variables: the function reads them from `$PSBoundParameters` or from the dictionary it returned.
extension ScriptStage {
    func bindWithDynamicParameters() throws -> ParameterBinder {
        let declared = makeBinder(code.metadata, rules: code.parameters.map(\.rules))
        declared.setsAsideUnknownNames = true
        binder = declared
        // Errors here are found again, with the dynamic parameters known, by the binding below.
        _ = try? declared.bindCommandLine(arguments)
        try assignParameters(initial: true)

        var results: [PSValue] = []
        do {
            try run(code.dynamicParam, "<DynamicParam>", into: ClosureSink { results.append($0) })
            if results.count > 1 {
                let text = results.map { PSConvert.toString($0) }.joined(separator: " ")
                throw PSRuntimeError.message("Object \"\(text)\" is the wrong type to return from the dynamicparam block. The dynamicparam block must return either $null, or an object with type [System.Management.Automation.RuntimeDefinedParameterDictionary].",
                                             errorId: "DynamicParametersWrongType", category: .invalidOperation,
                                             exceptionType: "System.Management.Automation.PSInvalidOperationException")
            }
        } catch let error as PSRuntimeError {
            let failure = declared.bindingError("Cannot retrieve the dynamic parameters for the cmdlet. \(error.record.message)",
                                                id: "GetDynamicParametersException")
            failure.record.exception.innerException = error.record.exception
            throw failure
        }

        var declarations = code.parameters.map(\.declaration)
        var rules = code.parameters.map(\.rules)
        var added: [(PSValue) throws -> Void] = []
        func add(_ name: String, _ type: PSType, _ attributes: [AttributeArguments], _ assign: @escaping (PSValue) throws -> Void) {
            var reader = ParameterAttributeReader()
            reader.session = session
            for arguments in attributes { reader.read(arguments) }
            // A property or runtime parameter without [Parameter()] is not bindable (PowerShell skips it).
            guard reader.sawParameterAttribute,
                  !declarations.contains(where: { $0.name.caseInsensitiveCompare(name) == .orderedSame }) else { return }
            declarations.append(reader.declaration(name, type))
            rules.append(reader.rules)
            added.append(assign)
        }
        if let result = results.first, case .hashtable(let table) = result.unwrapped,
           table.engineTypeName == RuntimeDefinedParameters.dictionaryTypeName {
            for (_, value) in table.pairs {
                guard let parameter = RuntimeDefinedParameters.state(of: value) else { continue }
                add(parameter.name, parameter.type, (parameter.attributes.arrayElements ?? []).compactMap(AttributeObjects.arguments(of:))) {
                    parameter.value = $0
                    parameter.isSet = true
                }
            }
        } else if let result = results.first, case .object(let instance) = result.unwrapped,
                  let typeName = instance.typeNames.first, case .scriptClass(let classType)? = session.types.resolve(typeName) {
            // An instance of a script class: its [Parameter()] properties are the parameters, bound into it.
            for property in classType.chain.reversed().flatMap(\.properties) where !property.isStatic {
                add(property.name, property.type ?? .object, property.attributes) { try instance.setProperty(property.name, $0) }
            }
        }
        guard !added.isEmpty else {
            let b = makeBinder(code.metadata, rules: code.parameters.map(\.rules))
            binder = b
            try b.bindCommandLine(arguments)
            return b
        }
        let metadata = CommandMetadata(CmdletDeclaration(code.name, declarations: declarations, defaultParameterSet: code.defaultParameterSet,
                                                         supportsShouldProcess: code.supportsShouldProcess, confirmImpact: code.confirmImpact),
                                       isAdvanced: true)
        let b = makeBinder(metadata, rules: rules)
        let first = code.parameters.count
        dynamicParameters = added.enumerated().map { (index: first + $0.offset, assign: $0.element) }
        b.runtimeDefined = Set(dynamicParameters.map(\.index))
        binder = b
        try b.bindCommandLine(arguments)
        return b
    }
}
