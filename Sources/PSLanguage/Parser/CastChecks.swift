/// PowerShell's parse-time checks on chains of casts and attributes (`[A()][T][ref]$x`), made where
/// the chain is built; the ids and the places they point at are PowerShell's.
extension ParserEngine {
    /// An attribute in an expression must end, through casts and further attributes, at a variable
    /// (`[ValidateRange(1, 10)][int]$x`); anything else is UnexpectedAttribute at the attribute.
    func checkAttributeTarget(_ attribute: AttributeNode, child: Expression) {
        var e = child
        while true {
            switch e {
            case .variable: return
            case .attributed(let a): e = a.child
            case .convert(let c): e = c.operand
            default:
                report(.unexpectedAttribute(attribute.typeName.fullName), at: attribute.range)
                return
            }
        }
    }

    /// `[ref]` must stand alone: a second `[ref]` after it is ReferenceNeedsToBeByItselfInTypeSequence,
    /// a `[ref]` after another type is ReferenceNeedsToBeLastTypeInTypeConversion (at that `[ref]`).
    func checkReferenceCast(type: TypeName, operand: Expression) {
        guard case .convert(let inner) = operand, Self.isReference(inner.type) else { return }
        let id: ParseMessage = Self.isReference(type) ? .referenceNeedsToBeByItselfInTypeSequence
                                                      : .referenceNeedsToBeLastTypeInTypeConversion
        report(id, at: Self.bracketRange(inner))
    }

    /// On the left of an assignment a `[ref]` among other types is a type constraint, which PowerShell
    /// reports as ReferenceNeedsToBeByItselfInTypeConstraint instead of the conversion's error.
    func checkReferenceConstraint(_ target: Expression) {
        var e = target
        var casts: [ConvertExpr] = []
        while true {
            switch e {
            case .attributed(let a): e = a.child; continue
            case .convert(let c): casts.append(c); e = c.operand; continue
            default: break
            }
            break
        }
        guard casts.count > 1, let ref = casts.last(where: { Self.isReference($0.type) }) else { return }
        let range = Self.bracketRange(ref)
        errors.removeAll {
            $0.id == ParseMessage.referenceNeedsToBeLastTypeInTypeConversion.id && $0.range == range
        }
        report(.referenceNeedsToBeByItselfInTypeConstraint, at: range)
    }

    /// An automatic variable (`$_`, `$args`, `$input`, `$PSBoundParameters`, ...) assigned through a type
    /// constraint must keep its own type: `[datetime]$_ = 1` is AssignmentStatementToAutomaticNotSupported
    /// over the whole constrained target (PowerShell's semantic check; the innermost type decides).
    func checkAutomaticConstraint(_ target: Expression) {
        if case .arrayLiteral(let list) = target {
            for element in list.elements { checkAutomaticConstraint(element) }
            return
        }
        var e = target
        var innermost: TypeName?
        while true {
            switch e {
            case .attributed(let a): e = a.child; continue
            case .convert(let c): innermost = c.type; e = c.operand; continue
            default: break
            }
            break
        }
        guard let type = innermost, case .variable(let v) = e else { return }
        if let q = v.path.qualifier?.lowercased(), q != "local", q != "private" { return }
        guard let (expected, spellings) = Self.automaticVariableTypes[v.path.name.lowercased()] else { return }
        var written = type.fullName.lowercased()
        if written.hasPrefix("system.") { written.removeFirst(7) }
        if type.assemblyName == nil && spellings.contains(written) { return }
        report(.assignmentToAutomaticWithType(v.path.name, expected), at: target.range)
    }

    /// SpecialVariables.AutomaticVariableTypes: each variable's type and how a script may name it
    /// (lower case, without `System.`); internal types (PSScriptCmdlet, PSBoundParametersDictionary)
    /// cannot be named at all.
    private static let automaticVariableTypes: [String: (String, Set<String>)] = [
        "_": ("System.Object", ["object"]),
        "args": ("System.Object[]", ["object[]"]),
        "this": ("System.Object", ["object"]),
        "input": ("System.Object", ["object"]),
        "pscmdlet": ("System.Management.Automation.PSScriptCmdlet", []),
        "psboundparameters": ("System.Management.Automation.PSBoundParametersDictionary", []),
        "myinvocation": ("System.Management.Automation.InvocationInfo", ["management.automation.invocationinfo"]),
        "psscriptroot": ("System.String", ["string"]),
        "pscommandpath": ("System.String", ["string"]),
    ]

    private static func isReference(_ t: TypeName) -> Bool {
        guard t.genericArguments.isEmpty, t.arrayRanks.isEmpty else { return false }
        let n = t.name.lowercased()
        return n == "ref" || n == "system.management.automation.psreference"
    }

    /// `[T]` with its brackets, as PowerShell's type constraint extent.
    private static func bracketRange(_ c: ConvertExpr) -> SourceRange {
        SourceRange(start: c.range.start, end: c.type.range.end + 1)
    }
}
