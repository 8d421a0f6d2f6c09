/// A statement. Pipelines, chains and assignments are statements too, so conditions and
/// right-hand sides (which PowerShell lets be any pipeline) are typed as `Statement`.
public indirect enum Statement: Sendable, Hashable {
    /// A pipeline (the most common statement).
    case pipeline(Pipeline)
    /// `a && b || c`.
    case chain(PipelineChain)
    /// `$x = ...`, `$a, $b = ...`, `$x += 1`, `$x ??= 1`.
    case assignment(AssignmentStatement)
    case `if`(IfStatement)
    case `switch`(SwitchStatement)
    case foreach(ForEachStatement)
    case `for`(ForStatement)
    case `while`(WhileStatement)
    /// `do { } while (...)` and `do { } until (...)`.
    case doLoop(DoLoopStatement)
    case `break`(JumpStatement)
    case `continue`(JumpStatement)
    case `return`(ExitStatement)
    case exit(ExitStatement)
    case `throw`(ExitStatement)
    case `try`(TryStatement)
    case trap(TrapStatement)
    /// `function` and `filter` definitions.
    case function(FunctionDefinition)
    /// `enum` and `class` definitions.
    case typeDefinition(TypeDefinition)
    /// A bare `{ }` block in statement position is a script-block expression pipeline; this case is
    /// for statement blocks that PowerShell treats as such (e.g. `data { }` bodies).
    case block(StatementBlock)
    /// A statement the parser could not make sense of; errors were reported.
    case error(ErrorStatement)

    /// Compound statements whose last token is a closing brace (no statement terminator needed after them).
    public var endsWithBlock: Bool {
        switch self {
        case .if, .switch, .foreach, .for, .while, .try, .trap, .function, .typeDefinition: return true
        default: return false
        }
    }

    public var range: SourceRange {
        switch self {
        case .pipeline(let s): return s.range
        case .chain(let s): return s.range
        case .assignment(let s): return s.range
        case .if(let s): return s.range
        case .switch(let s): return s.range
        case .foreach(let s): return s.range
        case .for(let s): return s.range
        case .while(let s): return s.range
        case .doLoop(let s): return s.range
        case .break(let s): return s.range
        case .continue(let s): return s.range
        case .return(let s): return s.range
        case .exit(let s): return s.range
        case .throw(let s): return s.range
        case .try(let s): return s.range
        case .trap(let s): return s.range
        case .function(let s): return s.range
        case .typeDefinition(let s): return s.range
        case .block(let s): return s.range
        case .error(let s): return s.range
        }
    }
}

/// `{ statements }` — a list of statements plus any `trap` handlers defined in it.
public struct StatementBlock: Sendable, Hashable {
    public var statements: [Statement]
    /// `trap` statements found directly in this block (they are also in `statements`, in place).
    public var traps: [TrapStatement]
    public var range: SourceRange
}

/// An assignment.
public struct AssignmentStatement: Sendable, Hashable {
    /// The target: a variable, member, index, cast-variable (`[int]$x`) or an `arrayLiteral` of those
    /// for multiple assignment (`$a, $b = 1, 2`).
    public var target: Expression
    public var op: AssignmentOperator
    /// The value: any statement (`$x = if ($a) {1} else {2}` is legal).
    public var value: Statement
    public var range: SourceRange
}

/// One `if`/`elseif` arm.
public struct IfClause: Sendable, Hashable {
    public var condition: Statement
    public var body: StatementBlock
    public var range: SourceRange
}

/// `if (...) {...} elseif (...) {...} else {...}`.
public struct IfStatement: Sendable, Hashable {
    /// The `if` clause followed by every `elseif`.
    public var clauses: [IfClause]
    public var elseBody: StatementBlock?
    public var range: SourceRange
}

/// Flags after `switch`.
public struct SwitchFlags: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let regex = SwitchFlags(rawValue: 1)
    public static let wildcard = SwitchFlags(rawValue: 2)
    public static let exact = SwitchFlags(rawValue: 4)
    public static let caseSensitive = SwitchFlags(rawValue: 8)
    /// `-File path`: the condition is a file whose lines are switched on.
    public static let file = SwitchFlags(rawValue: 16)
    public static let parallel = SwitchFlags(rawValue: 32)
}

/// One `pattern { body }` arm of a switch.
public struct SwitchClause: Sendable, Hashable {
    /// A constant, bareword (as a `.string(bare)`), expression or `{ scriptblock }` condition.
    public var pattern: Expression
    public var body: StatementBlock
    public var range: SourceRange
}

/// `switch -Flags (condition) { clauses }` or `switch -File path { ... }`.
public struct SwitchStatement: Sendable, Hashable {
    public var label: String?
    public var flags: SwitchFlags
    /// The value switched on (for `-File`, the path).
    public var condition: Statement
    public var clauses: [SwitchClause]
    public var defaultBody: StatementBlock?
    public var range: SourceRange
}

/// `foreach ($v in pipeline) { }`.
public struct ForEachStatement: Sendable, Hashable {
    public var label: String?
    public var variable: VariableExpr
    public var iterable: Statement
    public var body: StatementBlock
    /// True for `foreach -Parallel` (workflow syntax, accepted and ignored by most evaluators).
    public var isParallel: Bool
    public var range: SourceRange
}

/// `for (init; condition; iterator) { }`; each part may be absent.
public struct ForStatement: Sendable, Hashable {
    public var label: String?
    public var initializer: Statement?
    public var condition: Statement?
    public var iterator: Statement?
    public var body: StatementBlock
    public var range: SourceRange
}

/// `while (condition) { }`.
public struct WhileStatement: Sendable, Hashable {
    public var label: String?
    public var condition: Statement
    public var body: StatementBlock
    public var range: SourceRange
}

/// `do { } while (c)` (`isUntil == false`) or `do { } until (c)` (`isUntil == true`).
public struct DoLoopStatement: Sendable, Hashable {
    public var label: String?
    public var body: StatementBlock
    public var condition: Statement
    public var isUntil: Bool
    public var range: SourceRange
}

/// `break` / `continue` with an optional label (a bareword label is a `.string(bare)`).
public struct JumpStatement: Sendable, Hashable {
    public var label: Expression?
    public var range: SourceRange
}

/// `return`, `exit` and `throw` with their optional pipeline.
public struct ExitStatement: Sendable, Hashable {
    public var pipeline: Statement?
    public var range: SourceRange
}

/// `catch [T1], [T2] { }`; no types means catch-all.
public struct CatchClause: Sendable, Hashable {
    public var types: [TypeName]
    /// Each type's bracketed text (`[int]`), the TypeConstraintAst's extent.
    public var typeRanges: [SourceRange] = []
    public var body: StatementBlock
    public var range: SourceRange
    public var isCatchAll: Bool { types.isEmpty }
}

/// `try { } catch { } finally { }`.
public struct TryStatement: Sendable, Hashable {
    public var body: StatementBlock
    public var catches: [CatchClause]
    public var finallyBody: StatementBlock?
    public var range: SourceRange
}

/// `trap [T] { }`.
public struct TrapStatement: Sendable, Hashable {
    public var type: TypeName?
    public var body: StatementBlock
    public var range: SourceRange
    /// The bracketed type's text (`[int]`), the TrapType TypeConstraintAst's extent.
    public var typeRange: SourceRange? = nil
}

/// `function Name($a) { }` or `filter Name { }`.
public struct FunctionDefinition: Sendable, Hashable {
    public var name: String
    /// True for `filter` (its body is a `process` block).
    public var isFilter: Bool
    /// Parameters written in parentheses after the name (`function f($a, $b)`); a `param()` block in the
    /// body appears in `body.paramBlock` instead.
    public var parameters: [ParameterNode]
    public var body: ScriptBlock
    public var range: SourceRange
}

/// A statement the parser could not make sense of: PowerShell's ErrorStatementAst, which keeps what
/// was read before the error so tools see it (`$ast.FindAll`): `nested` is its NestedAst; a broken
/// `switch` instead has its keyword (`kind`), flags, condition and clause parts.
public struct ErrorStatement: Sendable, Hashable {
    public var range: SourceRange
    /// The statement's keyword token (ErrorStatementAst.Kind), for the forms that name it.
    public var kind: SourceRange?
    public var nested: [ErrorPart]
    public var flags: [ErrorFlag]
    public var conditions: [ErrorPart]
    public var bodies: [ErrorPart]

    public init(range: SourceRange, kind: SourceRange? = nil, nested: [ErrorPart] = [], flags: [ErrorFlag] = [],
                conditions: [ErrorPart] = [], bodies: [ErrorPart] = []) {
        self.range = range
        self.kind = kind
        self.nested = nested
        self.flags = flags
        self.conditions = conditions
        self.bodies = bodies
    }
}

/// One piece of a broken statement that the parser did read.
public indirect enum ErrorPart: Sendable, Hashable {
    case statement(Statement)
    case expression(Expression)
    case block(StatementBlock)
    case catchClause(CatchClause)
    case parameter(ParameterNode)
    /// `[int]` in a catch or trap: the type and the bracketed text's range.
    case typeConstraint(TypeName, SourceRange)
}

/// A `switch` flag in a broken switch: its name as PowerShell keys it, the parameter token, and
/// for `-file` the file name read as a pipeline.
public struct ErrorFlag: Sendable, Hashable {
    public var name: String
    public var token: SourceRange
    public var argument: Statement?
}
