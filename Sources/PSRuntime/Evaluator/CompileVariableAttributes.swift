import PSLanguage

/// `[ValidateRange(1, 10)][int]$x = 5`: validation attributes on a variable. The attributes apply from
/// the one nearest the variable outwards (a type converts, a validation checks the value so far), so
/// `[string][ValidateLength(1,5)]$v = 43` fails while `[ValidateLength(1,5)][string]$v = 43` works.
/// The variable keeps its type and rules, and later assignments are checked against them.
extension Compiler {
    enum VariableAttribute {
        case type(() throws -> PSType)
        case rule(ParameterValidation)
    }

    /// The assignable for an attributed variable, or nil when the chain has no validation attribute
    /// (plain casts keep their own path).
    func compileAttributedLValue(_ e: PSExpr) -> LValue? {
        var chain: [VariableAttribute] = []
        var node = e
        var hasRule = false
        while true {
            switch node {
            case .attributed(let a):
                if let rule = variableRule(a.attribute) { chain.append(.rule(rule)); hasRule = true }
                node = a.child
                continue
            case .convert(let c):
                chain.append(.type(typeResolver(c.type)))
                node = c.operand
                continue
            default: break
            }
            break
        }
        guard hasRule, case .variable(let v) = node, v.path.qualifier == nil else { return nil }
        let steps = Array(chain.reversed())
        let i = slot(v.path.name)
        let name = v.path.name
        let session = self.session
        let read = compileVariableRead(v.path, range: v.range)
        return LValue(get: read, set: { frame, value in
            let cell = frame.slots[i]
            var current = value
            var type: PSType? = nil
            var rules: [ParameterValidation] = []
            let isNew = !cell.isSet
            for step in steps {
                switch step {
                case .type(let resolve):
                    let t = try resolve()
                    current = try PSConvert.convert(current, to: t, types: session.types)
                    type = t
                case .rule(let r):
                    rules.append(r)
                    if isNew && Frame.ruleFails(r, current) {
                        throw PSRuntimeError.message(
                            "The attribute cannot be added because variable \(name) with value \(Frame.valueText(current)) would no longer be valid.",
                            errorId: "ValidateSetFailure", category: .metadataError,
                            exceptionType: "System.Management.Automation.ValidationMetadataException")
                    }
                }
            }
            if !isNew, rules.contains(where: { Frame.ruleFails($0, current) }) {
                throw Frame.invalidValue(name, current)
            }
            if cell.isSet && (cell.options.contains(.readOnly) || cell.options.contains(.constant)) {
                throw PSRuntimeError.message("Cannot overwrite variable \(cell.name) because it is read-only or constant.",
                                             errorId: "VariableNotWritable", category: .writeError,
                                             exceptionType: "System.Management.Automation.SessionStateUnauthorizedAccessException",
                                             target: .string(cell.name))
            }
            cell.typeConstraint = type
            cell.validations = rules
            cell.value = current
            cell.isSet = true
        })
    }

    /// A validation attribute on a variable; `[ValidateScript()]` runs its block with `$_` set.
    private func variableRule(_ attr: AttributeNode) -> ParameterValidation? {
        guard attr.typeName.name.lowercased() == "validatescript" else { return validationRule(attr) }
        guard let first = attr.positionalArguments.first, case .scriptBlock(let sb) = first else { return nil }
        let code = Compiler.compile(sb.body, session: session, source: source)
        let check = UncheckedSendable((session, PSScriptBlock(text: code.text, body: code)))
        return .custom { v in
            let (session, block) = check.value
            for e in v.arrayElements ?? [v] {
                let r = (try? session.invokeCollectValue(block, dollarUnder: e)) ?? .false
                if !PSConvert.toBool(r) { return "validation script failed" }
            }
            return nil
        }
    }
}

/// Carries a session-bound value into a `@Sendable` rule: a session and its rules live on one thread.
struct UncheckedSendable<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
