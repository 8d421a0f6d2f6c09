import PSLanguage

extension Compiler {
    /// A compile-time value of an attribute argument (constants, `$true`, arrays, negation).
    func constantValue(_ e: PSExpr) -> PSValue? {
        switch e {
        case .number(let n): return Compiler.constant(n.value)
        case .string(let s): return .string(s.value)
        case .expandableString(let s):
            var out = ""
            for p in s.parts { if case .text(let t) = p { out += t } else { return nil } }
            return .string(out)
        case .variable(let v):
            switch v.path.name.lowercased() {
            case "true": return .true
            case "false": return .false
            case "null": return .null
            default: return nil
            }
        case .arrayLiteral(let a):
            var items: [PSValue] = []
            for x in a.elements { guard let v = constantValue(x) else { return nil }; items.append(v) }
            return .array(PSArray(items))
        case .unary(let u) where u.op == .negate:
            return constantValue(u.operand).flatMap { try? Arithmetic.negate($0) }
        case .paren(let p):
            if case .pipeline(let pl) = p.pipeline, pl.elements.count == 1, case .expression(let ce) = pl.elements[0] {
                return constantValue(ce.expression)
            }
            return nil
        case .typeLiteral(let t): return session.types.resolve(t.type.fullName).map { .type($0) }
        default: return nil
        }
    }

    func named(_ a: AttributeNode, _ name: String) -> PSValue? {
        guard let arg = a.namedArguments.first(where: { $0.name.caseInsensitiveCompare(name) == .orderedSame }) else { return nil }
        guard let v = arg.value else { return .true }
        return constantValue(v) ?? .true
    }

    func positionalStrings(_ a: AttributeNode) -> [String] {
        a.positionalArguments.flatMap { e -> [String] in
            guard let v = constantValue(e) else { return [] }
            return (v.arrayElements ?? [v]).map { PSConvert.toString($0) }
        }
    }

    func positionalDouble(_ a: AttributeNode, _ i: Int) -> Double? {
        guard i < a.positionalArguments.count, let v = constantValue(a.positionalArguments[i]) else { return nil }
        return try? PSConvert.toDouble(v)
    }

    /// Builds parameter declarations from `param(...)` (or `function f($a)`) and the attributes.
    func compileParameters(_ pb: ParamBlock?, extra: [ParameterNode]) {
        let nodes = extra + (pb?.parameters ?? [])
        block.hasParamBlock = pb != nil || !extra.isEmpty
        var positionalBinding = true
        for attr in pb?.attributes ?? [] {
            guard case let name = attr.typeName.name.lowercased(), name == "cmdletbinding" else { continue }
            block.isAdvanced = true
            if let v = named(attr, "SupportsShouldProcess") { block.supportsShouldProcess = PSConvert.toBool(v) }
            if let v = named(attr, "DefaultParameterSetName") { block.defaultParameterSet = PSConvert.toString(v) }
            if let v = named(attr, "PositionalBinding") { positionalBinding = PSConvert.toBool(v) }
            if let v = named(attr, "ConfirmImpact") {
                switch PSConvert.toString(v).lowercased() {
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
            if let t = node.typeConstraint { type = session.types.resolve(t.fullName) ?? .named(t.fullName) }
            var aliases: [String] = []
            var memberships: [ParameterSetMembership] = []
            var validations: [ParameterValidation] = []
            var rules = ScriptParameterRules()
            for a in node.attributes {
                guard case .attribute(let attr) = a else { continue }
                switch attr.typeName.name.lowercased() {
                case "parameter", "system.management.automation.parameter":
                    block.isAdvanced = true
                    var m = ParameterSetMembership()
                    if let v = named(attr, "Mandatory") { m.mandatory = PSConvert.toBool(v) }
                    if let v = named(attr, "Position") { m.position = try? PSConvert.toInt(v); anyExplicitPosition = true }
                    if let v = named(attr, "ValueFromPipeline") { m.valueFromPipeline = PSConvert.toBool(v) }
                    if let v = named(attr, "ValueFromPipelineByPropertyName") { m.valueFromPipelineByPropertyName = PSConvert.toBool(v) }
                    if let v = named(attr, "ValueFromRemainingArguments") { m.valueFromRemainingArguments = PSConvert.toBool(v) }
                    if let v = named(attr, "ParameterSetName") { m.setName = PSConvert.toString(v) }
                    if let v = named(attr, "HelpMessage") { m.helpMessage = PSConvert.toString(v) }
                    memberships.append(m)
                case "alias": aliases += positionalStrings(attr)
                case "allownull": rules.allowNull = true
                case "allowemptystring": rules.allowEmptyString = true
                case "allowemptycollection": rules.allowEmptyCollection = true
                case "validatescript":
                    if let first = attr.positionalArguments.first, case .scriptBlock(let sb) = first {
                        let code = Compiler.compile(sb.body, session: session, source: source)
                        let message = named(attr, "ErrorMessage").map { PSConvert.toString($0) }
                        rules.validateScripts.append((PSScriptBlock(text: code.text, body: code), message))
                    }
                default:
                    if let rule = validationRule(attr) { validations.append(rule) }
                }
            }
            if memberships.isEmpty { memberships = [ParameterSetMembership()] }
            let decl = ParameterDeclaration(node.name.name, type, aliases: aliases, memberships: memberships, validate: validations)
            let slot = self.slot(node.name.name)
            params.append(CompiledParameter(declaration: decl, defaultValue: node.defaultValue.map { compileExpression($0) },
                                            slot: slot, rules: rules))
        }
        if block.isAdvanced && positionalBinding && !anyExplicitPosition {
            var pos = 0
            for i in params.indices where !params[i].declaration.isSwitch {
                for j in params[i].declaration.sets.indices { params[i].declaration.sets[j].position = pos }
                pos += 1
            }
        }
        block.parameters = params
    }
}
