/// A pipeline: one or more elements joined by `|`. A pipeline of a single expression
/// (`$a + 1`) is a pipeline whose only element is `.expression`.
public struct Pipeline: Sendable, Hashable {
    public var elements: [PipelineElement]
    /// True when the pipeline ends with `&` (run as a background job).
    public var isBackground: Bool
    public var range: SourceRange
}

/// One stage of a pipeline.
public enum PipelineElement: Sendable, Hashable {
    /// A command invocation: `Get-VM -Name x`, `& $sb`, `. ./lib.ps1`.
    case command(Command)
    /// An expression used as a pipeline stage (only legal first): `$a`, `1..3`, `"x"`.
    case expression(CommandExpression)

    public var range: SourceRange {
        switch self {
        case .command(let c): return c.range
        case .expression(let e): return e.range
        }
    }
}

/// How a command is invoked.
public enum InvocationOperator: String, Sendable, Hashable {
    /// No operator: `Get-VM`.
    case none = ""
    /// `& name` — run in a child scope.
    case call = "&"
    /// `. name` — dot-source into the current scope.
    case dotSource = "."
}

/// A command call.
public struct Command: Sendable, Hashable {
    public var invocation: InvocationOperator
    /// The name element: usually `.string(bare)` (`Get-VM`); with `&`/`.` any expression (`& $sb`).
    public var name: Expression
    /// Parameters and arguments after the name, in source order.
    public var elements: [CommandElement]
    public var redirections: [Redirection]
    public var range: SourceRange

    /// The command name when it is a plain word or quoted string.
    public var nameText: String? {
        if case .string(let s) = name { return s.value }
        return nil
    }
}

/// An element after a command's name.
public enum CommandElement: Sendable, Hashable {
    /// `-Name`, `-Name:value` or (when the parser can see it) `-Name value` is NOT merged: the
    /// value after a space is a separate `.argument`, because only the binder knows if `-Name` is a switch.
    case parameter(CommandParameter)
    /// A positional argument or the value after `-Name ` (including `@splat` as a splatted variable).
    case argument(Expression)
    /// Everything after `--%`, verbatim.
    case verbatim(String, SourceRange)

    public var range: SourceRange {
        switch self {
        case .parameter(let p): return p.range
        case .argument(let e): return e.range
        case .verbatim(_, let r): return r
        }
    }
}

/// `-Name` or `-Name:value`.
public struct CommandParameter: Sendable, Hashable {
    /// The name without the dash (`VMName`); any dash character (`-`, `–`, `—`, `―`) may have been used.
    public var name: String
    /// The value after `:`, when written `-Name:value`.
    public var argument: Expression?
    /// True when a `:` followed the name (even if the value is on a later token: `-Name: value`).
    public var hasColon: Bool
    public var range: SourceRange
}

/// An expression pipeline stage with its redirections.
public struct CommandExpression: Sendable, Hashable {
    public var expression: Expression
    public var redirections: [Redirection]
    public var range: SourceRange
}

/// A redirection after a command or expression.
public enum Redirection: Sendable, Hashable {
    /// `n> target`, `n>> target`, `*>$null`.
    case file(stream: RedirectionStream, append: Bool, target: Expression, range: SourceRange)
    /// `2>&1`, `*>&1`.
    case merge(from: RedirectionStream, to: RedirectionStream, range: SourceRange)

    public var range: SourceRange {
        switch self {
        case .file(_, _, _, let r): return r
        case .merge(_, _, let r): return r
        }
    }
}

/// `a && b`, `a || b`: pipelines chained by success, left-associative.
public struct PipelineChain: Sendable, Hashable {
    /// The first pipeline (or an earlier chain).
    public var left: Statement
    /// `&&` (true) or `||` (false).
    public var isAnd: Bool
    public var right: Pipeline
    /// True when the whole chain ends with `&`.
    public var isBackground: Bool
    public var range: SourceRange
}
