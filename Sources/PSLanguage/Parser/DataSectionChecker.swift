/// The restricted language of a `data` section, checked as the section is parsed (as PowerShell's
/// semantic checks do, so a script with a forbidden construct in a data section does not run at all):
/// literals, arrays, hashtables, `if`, a few operators, the variables `$true`/`$false`/`$null`/
/// `$PSCulture`/`$PSUICulture`, casts to simple types, and only ConvertFrom-StringData and the
/// commands `-SupportedCommand` names. Every construct found is reported, outermost first.
/// ScriptBlock.CheckRestrictedLanguage uses it too, with its own commands and variables.
public struct DataSectionChecker {
    /// The commands allowed; nil when any is (a `-SupportedCommand` that is not a constant).
    let allowedCommands: [String]?
    /// The variables allowed (lower-cased); nil when any is (`*`).
    let allowedVariables: Set<String>?
    /// Their list as the error names it; nil for the defaults' own wording.
    let allowedVariablesText: String?
    /// `$env:` variables allowed too (module manifests).
    let allowEnvironment: Bool
    let source: SourceText
    public private(set) var problems: [(DataSectionRestriction, SourceRange)] = []

    init(supportedCommands: [String]?, source: SourceText) {
        allowedCommands = supportedCommands.map { ["ConvertFrom-StringData"] + $0 }
        allowedVariables = Self.defaultVariables
        allowedVariablesText = nil
        allowEnvironment = false
        self.source = source
    }

    /// PowerShell's RestrictedLanguageChecker as ScriptBlock.CheckRestrictedLanguage makes it: nil
    /// commands allow any command; the variables given join the defaults (a lone `*` allows all).
    public init(commands: [String]?, variables: [String]?, allowEnvironment: Bool, source: SourceText) {
        allowedCommands = commands
        if let variables, variables == ["*"] {
            allowedVariables = nil
            allowedVariablesText = nil
        } else if let variables {
            var names = ["PSCulture", "PSUICulture", "true", "false", "null"]
            for v in variables where !names.contains(v) { names.append(v) }  // Enumerable.Union: ordinal
            allowedVariables = Set(names.map { $0.lowercased() })
            allowedVariablesText = names.map { "$" + $0 }.joined(separator: ", ")
        } else {
            allowedVariables = Self.defaultVariables
            allowedVariablesText = nil
        }
        self.allowEnvironment = allowEnvironment
        self.source = source
    }

    /// Checks a script block's body: only an end block's statements may be there.
    public mutating func check(_ scriptBlock: ScriptBlock) {
        if let other = scriptBlock.beginBlock ?? scriptBlock.processBlock ?? scriptBlock.cleanBlock {
            report(.scriptBlockBlocks, other.range)
        } else if let p = scriptBlock.paramBlock {
            report(.scriptBlockBlocks, p.range)
        }
        if let end = scriptBlock.endBlock { check(end.body) }
    }

    private static let defaultVariables: Set<String> = ["psculture", "psuiculture", "true", "false", "null"]
    /// Types whose .NET TypeCode is not Object (and arrays of them): what a data section may cast to.
    private static let simpleTypes: Set<String> = [
        "bool", "boolean", "char", "sbyte", "byte", "short", "int16", "ushort", "uint16", "int", "int32", "uint", "uint32",
        "long", "int64", "ulong", "uint64", "float", "single", "double", "decimal", "datetime", "string", "dbnull",
    ]

    private mutating func report(_ restriction: DataSectionRestriction, _ range: SourceRange) {
        problems.append((restriction, range))
    }

    public mutating func check(_ block: StatementBlock) {
        for trap in block.traps { report(.trap, trap.range); check(trap.body) }
        for statement in block.statements { check(statement) }
    }

    mutating func check(_ statement: Statement) {
        switch statement {
        case .pipeline(let pipeline): check(pipeline)
        case .chain(let chain): check(chain.left); check(chain.right)
        case .assignment(let a):
            report(.assignment, a.range)
            check(a.target)
            check(a.value)
        case .if(let s):
            for clause in s.clauses { check(clause.condition); check(clause.body) }
            if let e = s.elseBody { check(e) }
        case .switch(let s):
            report(.switch, s.range)
            check(s.condition)
            for clause in s.clauses { check(clause.pattern); check(clause.body) }
            if let d = s.defaultBody { check(d) }
        case .foreach(let s):
            report(.forEach, s.range)
            check(.variable(s.variable)); check(s.iterable); check(s.body)
        case .for(let s):
            report(.forWhile, s.range)
            for part in [s.initializer, s.condition, s.iterator] { if let p = part { check(p) } }
            check(s.body)
        case .while(let s):
            report(.forWhile, s.range)
            check(s.condition); check(s.body)
        case .doLoop(let s):
            report(.doWhile, s.range)
            check(s.body); check(s.condition)
        case .break(let s), .continue(let s):
            report(.flowControl, s.range)
            if let l = s.label { check(l) }
        case .return(let s), .exit(let s), .throw(let s):
            report(.flowControl, s.range)
            if let p = s.pipeline { check(p) }
        case .try(let s):
            report(.try, s.range)
            check(s.body)
            for c in s.catches { check(c.body) }
            if let f = s.finallyBody { check(f) }
        case .trap(let s):
            report(.trap, s.range)
            check(s.body)
        case .function(let f): report(.functionDeclaration, f.range)
        case .typeDefinition: break
        // A statement block in statement position is another data section's body.
        case .block(let b): report(.dataSection, b.range)
        case .error: break
        }
    }

    mutating func check(_ pipeline: Pipeline) {
        for element in pipeline.elements {
            switch element {
            case .expression(let e):
                check(e.expression)
                for r in e.redirections { report(.redirection, r.range) }
            case .command(let c):
                check(c)
            }
        }
    }

    mutating func check(_ command: Command) {
        if command.invocation == .dotSource {
            report(.dotSourcing, command.range)
        } else if let allowed = allowedCommands {
            if let name = command.nameText, command.invocation == .none || isConstantName(command.name) {
                if !allowed.contains(where: { $0.lowercased() == name.lowercased() }) { report(.commandNotAllowed(name), command.range) }
            } else if command.invocation == .call {
                report(.operator("&"), command.range)
            } else {
                report(.commandNotAllowed(source.text(command.range)), command.range)
            }
        }
        if command.invocation != .none || command.nameText == nil { check(command.name) }
        for element in command.elements {
            switch element {
            case .parameter(let p): if let a = p.argument { check(a) }
            case .argument(let e): check(e)
            case .verbatim: break
            }
        }
        for r in command.redirections { report(.redirection, r.range) }
    }

    private func isConstantName(_ e: Expression) -> Bool {
        if case .string = e { return true }
        return false
    }

    mutating func check(_ e: Expression) {
        switch e {
        case .number, .string, .error: break
        case .expandableString(let s):
            for part in s.parts {
                switch part {
                case .text: break
                case .variable(let path, let range): checkVariable(path, range)
                case .subExpression(let sub): check(sub.body)
                }
            }
        case .variable(let v): checkVariable(v.path, v.range)
        case .binary(let b):
            if Self.forbidden(b.op) { report(.operator(Self.tokenText(b.op)), b.operatorRange) }
            check(b.left); check(b.right)
        case .unary(let u):
            switch u.op {
            case .preIncrement, .postIncrement: report(.operator("++"), u.range)
            case .preDecrement, .postDecrement: report(.operator("--"), u.range)
            case .split: report(.operator("-isplit"), u.range)
            case .cSplit: report(.operator("-csplit"), u.range)
            case .join: report(.operator("-join"), u.range)
            default: break
            }
            check(u.operand)
        case .convert(let c):
            checkType(c.type)
            check(c.operand)
        case .typeLiteral(let t): checkType(t.type)
        case .member(let m):
            report(.propertyReference, m.range)
            check(m.target)
        case .invokeMember(let m):
            report(.methodCall, m.range)
            check(m.target)
            for a in m.arguments { check(a) }
        case .index(let i):
            report(.arrayReference, i.range)
            check(i.target); check(i.index)
        case .arrayLiteral(let a): for x in a.elements { check(x) }
        case .arrayExpression(let a): check(a.body)
        case .subExpression(let s): check(s.body)
        case .paren(let p): check(p.pipeline)
        case .hashtable(let h):
            for entry in h.entries { check(entry.key); check(entry.value) }
        case .scriptBlock(let s): report(.scriptBlock, s.range)
        case .ternary(let t): check(t.condition); check(t.ifTrue); check(t.ifFalse)
        case .attributed(let a):
            report(.attribute, a.range)
            check(a.child)
        }
    }

    private mutating func checkVariable(_ path: VariablePath, _ range: SourceRange) {
        guard let allowed = allowedVariables else { return }
        if allowed.contains(path.userPath.lowercased()) { return }
        if allowEnvironment, path.qualifier?.lowercased() == "env" { return }
        report(.variable(allowedVariablesText), range)
    }

    private mutating func checkType(_ type: TypeName) {
        var name = type.name.lowercased()
        if name.hasPrefix("system.") { name.removeFirst(7) }
        if !type.genericArguments.isEmpty || !Self.simpleTypes.contains(name) { report(.type(type.fullName), type.range) }
    }

    /// Operators that build unbounded values, set `$Matches` or run code (PowerShell's
    /// DisallowedInRestrictedMode tokens).
    private static func forbidden(_ op: BinaryOperator) -> Bool {
        switch op.caseInsensitiveBase {
        case .range, .format, .join, .match, .notMatch, .replace, .split, .as: return true
        default: return false
        }
    }

    /// The operator as PowerShell's token table spells it (`-match` is the token `-imatch`).
    private static func tokenText(_ op: BinaryOperator) -> String {
        if op.isCaseSensitive { return op.rawValue }
        switch op {
        case .match, .notMatch, .replace, .split: return "-i" + op.rawValue.dropFirst()
        default: return op.rawValue
        }
    }
}
