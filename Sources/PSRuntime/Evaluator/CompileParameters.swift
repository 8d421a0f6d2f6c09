import PSLanguage

extension Compiler {
    /// A compile-time value of an attribute argument (constants, `$true`, arrays, negation).
    func constantValue(_ expression: PSExpr) -> PSValue? {
        switch expression {
        case .number(let literal): return Compiler.constant(literal.value)
        case .string(let literal): return .string(literal.value)
        case .expandableString(let literal):
            var out = ""
            for part in literal.parts { if case .text(let text) = part { out += text } else { return nil } }
            return .string(out)
        case .variable(let variable):
            switch variable.path.name.lowercased() {
            case "true": return .true
            case "false": return .false
            case "null": return .null
            default: return nil
            }
        case .arrayLiteral(let literal):
            var items: [PSValue] = []
            for element in literal.elements { guard let value = constantValue(element) else { return nil }; items.append(value) }
            return .array(PSArray(items))
        case .unary(let unary) where unary.op == .negate:
            return constantValue(unary.operand).flatMap { try? Arithmetic.negate($0) }
        case .paren(let paren):
            if case .pipeline(let pipeline) = paren.pipeline, pipeline.elements.count == 1, case .expression(let element) = pipeline.elements[0] {
                return constantValue(element.expression)
            }
            return nil
        case .typeLiteral(let literal): return source.resolveType(literal.type.fullName, session.types).map { .type($0) }
        default: return nil
        }
    }

    func named(_ attribute: AttributeNode, _ name: String) -> PSValue? {
        guard let arg = attribute.namedArguments.first(where: { $0.name.caseInsensitiveCompare(name) == .orderedSame }) else { return nil }
        guard let value = arg.value else { return .true }
        return constantValue(value) ?? .true
    }

    /// Builds parameter declarations from `param(...)` (or `function f($a)`) and the attributes.
    func compileParameters(_ paramBlock: ParamBlock?, extra: [ParameterNode]) {
        let nodes = extra + (paramBlock?.parameters ?? [])
        block.hasParamBlock = paramBlock != nil || !extra.isEmpty
        var positionalBinding = true
        for attr in paramBlock?.attributes ?? [] {
            guard case let name = attr.typeName.name.lowercased(), name == "cmdletbinding" else { continue }
            block.isAdvanced = true
            if let value = named(attr, "SupportsShouldProcess") { block.supportsShouldProcess = PSConvert.toBool(value) }
            if let value = named(attr, "DefaultParameterSetName") { block.defaultParameterSet = PSConvert.toString(value) }
            if let value = named(attr, "PositionalBinding") { positionalBinding = PSConvert.toBool(value) }
            if let value = named(attr, "ConfirmImpact") {
                switch PSConvert.toString(value).lowercased() {
                case "high": block.confirmImpact = .high
                case "low": block.confirmImpact = .low
                case "none": block.confirmImpact = .none
                default: block.confirmImpact = .medium
                }
            }
        }
        var params: [CompiledParameter] = []
        var anyExplicitPosition = false
        for node in nodes {
            var type = PSType.object
            if let typeName = node.typeConstraint { type = source.resolveType(typeName.fullName, session.types) ?? .named(typeName.fullName) }
            var reader = ParameterAttributeReader()
            reader.session = session
            for attributeNode in node.attributes {
                guard case .attribute(let attr) = attributeNode else { continue }
                let arguments = attributeArguments(attr)
                if block.attributeError == nil, let kind = AttributeObjects.kinds[arguments.kind], kind.checksArgumentCount,
                   !kind.arity.contains(attr.positionalArguments.count) {
                    // PowerShell builds the attribute when the block is invoked: no constructor takes
                    // that many arguments (`[ValidateNotNull(1, 2)]`).
                    block.attributeError = Members.argCount(".ctor", attr.positionalArguments.count).withPosition(source.extent(attr.range))
                }
                if arguments.kind == "validatescript" {
                    if let first = attr.positionalArguments.first, case .scriptBlock(let literal) = first {
                        let code = Compiler.compile(literal.body, session: session, source: source)
                        let message = named(attr, "ErrorMessage").map { PSConvert.toString($0) }
                        reader.rules.validateScripts.append((PSScriptBlock(text: code.text, body: code), message))
                    }
                    continue
                }
                reader.read(arguments)
            }
            if reader.sawParameterAttribute { block.isAdvanced = true }
            if reader.sawExplicitPosition { anyExplicitPosition = true }
            let declaration = reader.declaration(node.name.name, type)
            let rules = reader.rules
            let slot = self.slot(node.name.name)
            params.append(CompiledParameter(declaration: declaration, defaultValue: node.defaultValue.map { compileExpression($0) },
                                            slot: slot, rules: rules))
        }
        if block.isAdvanced && positionalBinding && !anyExplicitPosition {
            var position = 0
            for index in params.indices where !params[index].declaration.isSwitch {
                for set in params[index].declaration.sets.indices { params[index].declaration.sets[set].position = position }
                position += 1
            }
        }
        block.parameters = params
    }
}
