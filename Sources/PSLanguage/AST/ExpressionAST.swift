/// An expression: anything that produces a value without being a command.
/// Each case carries a payload struct with its `range`.
public indirect enum Expression: Sendable, Hashable {
    /// A numeric literal (already typed).
    case number(NumberExpr)
    /// A string with no expansion: `'x'`, `@'...'@`, a bareword command argument, a member name.
    case string(StringConstantExpr)
    /// A string with `$var`, `$(...)` or `${...}` parts: `"..."`, `@"..."@`, or a bareword like `C:\$dir`.
    case expandableString(ExpandableStringExpr)
    /// `$x`, `@x` (splatted), `$env:PATH`, `$using:x`.
    case variable(VariableExpr)
    /// `left op right`.
    case binary(BinaryExpr)
    /// `-not x`, `!x`, `-x`, `++x`, `x++`, `-split x`, `-join x`.
    case unary(UnaryExpr)
    /// `[T]expr` — a cast; `[ordered]@{...}` is parsed as an ordered hashtable instead.
    case convert(ConvertExpr)
    /// `[T]` on its own — evaluates to the type.
    case typeLiteral(TypeLiteralExpr)
    /// `x.Name`, `x::Name`, `x?.Name`, `x.$name`.
    case member(MemberExpr)
    /// `x.Method(args)`, `[T]::Method(args)`, `x?.Method()`.
    case invokeMember(InvokeMemberExpr)
    /// `x[i]`, `x?[i]`.
    case index(IndexExpr)
    /// `a, b, c` (also the unary `,a`).
    case arrayLiteral(ArrayLiteralExpr)
    /// `@( statements )`.
    case arrayExpression(ArrayExpressionExpr)
    /// `$( statements )`.
    case subExpression(SubExpressionExpr)
    /// `( pipeline )`.
    case paren(ParenExpr)
    /// `@{ key = value; ... }` and `[ordered]@{...}`.
    case hashtable(HashtableExpr)
    /// `{ ... }` used as a value.
    case scriptBlock(ScriptBlockExpr)
    /// `cond ? a : b`.
    case ternary(TernaryExpr)
    /// `[Attr()]expr` — an attribute (not a type) applied to an expression, e.g. in `[ValidateRange(1,5)]$x = 3`.
    case attributed(AttributedExpr)
    /// Placeholder where the parser found no valid expression; an error was reported.
    case error(ErrorExpr)

    /// The source range of the expression.
    public var range: SourceRange {
        switch self {
        case .number(let e): return e.range
        case .string(let e): return e.range
        case .expandableString(let e): return e.range
        case .variable(let e): return e.range
        case .binary(let e): return e.range
        case .unary(let e): return e.range
        case .convert(let e): return e.range
        case .typeLiteral(let e): return e.range
        case .member(let e): return e.range
        case .invokeMember(let e): return e.range
        case .index(let e): return e.range
        case .arrayLiteral(let e): return e.range
        case .arrayExpression(let e): return e.range
        case .subExpression(let e): return e.range
        case .paren(let e): return e.range
        case .hashtable(let e): return e.range
        case .scriptBlock(let e): return e.range
        case .ternary(let e): return e.range
        case .attributed(let e): return e.range
        case .error(let e): return e.range
        }
    }
}

/// A numeric literal with its typed value.
public struct NumberExpr: Sendable, Hashable {
    public var value: NumberValue
    public var range: SourceRange
}

/// How a non-expanding string was written.
public enum StringQuoteKind: String, Sendable, Hashable {
    /// `'...'` (any single-quote character)
    case singleQuoted
    /// `"..."` with nothing to expand (any double-quote character)
    case doubleQuoted
    /// A command-mode bareword (`vm_name`) or a member name.
    case bare
    /// `@'...'@`
    case singleQuotedHereString
    /// `@"..."@` with nothing to expand
    case doubleQuotedHereString
}

/// A string with a fixed value (quotes removed, escapes processed).
public struct StringConstantExpr: Sendable, Hashable {
    public var value: String
    public var quoteKind: StringQuoteKind
    public var range: SourceRange
}

/// One piece of an expandable string.
public enum StringPart: Sendable, Hashable {
    /// Literal text, escapes already processed.
    case text(String)
    /// `$name` or `${name}` inside the string.
    case variable(VariablePath, SourceRange)
    /// `$( statements )` inside the string.
    case subExpression(SubExpressionExpr)
}

/// A string whose value is built at run time from its parts.
public struct ExpandableStringExpr: Sendable, Hashable {
    public var parts: [StringPart]
    public var quoteKind: StringQuoteKind
    public var range: SourceRange
}

/// A variable reference.
public struct VariableExpr: Sendable, Hashable {
    public var path: VariablePath
    /// True when written `@name` (splatting in a command argument).
    public var isSplatted: Bool
    public var range: SourceRange
}

/// A binary operation.
public struct BinaryExpr: Sendable, Hashable {
    public var op: BinaryOperator
    public var left: Expression
    public var right: Expression
    /// Range of the operator token, for error messages.
    public var operatorRange: SourceRange
    public var range: SourceRange
}

/// A unary operation (prefix or postfix, see `UnaryOperator`).
public struct UnaryExpr: Sendable, Hashable {
    public var op: UnaryOperator
    public var operand: Expression
    public var range: SourceRange
}

/// `[T]operand`.
public struct ConvertExpr: Sendable, Hashable {
    public var type: TypeName
    public var operand: Expression
    public var range: SourceRange
}

/// `[T]` used as a value.
public struct TypeLiteralExpr: Sendable, Hashable {
    public var type: TypeName
    public var range: SourceRange
}

/// Property or field access.
public struct MemberExpr: Sendable, Hashable {
    public var target: Expression
    /// Usually `.string(bare)`; can be a variable, expandable string or paren for `$x.$name`, `$x.($n)`.
    public var member: Expression
    /// `::` access.
    public var isStatic: Bool
    /// `?.` access.
    public var isNullConditional: Bool
    public var range: SourceRange
}

/// Method invocation.
public struct InvokeMemberExpr: Sendable, Hashable {
    public var target: Expression
    public var member: Expression
    public var arguments: [Expression]
    public var isStatic: Bool
    public var isNullConditional: Bool
    public var range: SourceRange
    /// A generic method's type arguments (`[int]` in `[Array]::Empty[int]()`); empty otherwise.
    public var genericArguments: [TypeName] = []
}

/// Indexing.
public struct IndexExpr: Sendable, Hashable {
    public var target: Expression
    /// The index; `a[1,2]` gives an `arrayLiteral` index.
    public var index: Expression
    /// `?[` indexing.
    public var isNullConditional: Bool
    public var range: SourceRange
}

/// The comma operator.
public struct ArrayLiteralExpr: Sendable, Hashable {
    public var elements: [Expression]
    public var range: SourceRange
}

/// `@( ... )`: always yields an array.
public struct ArrayExpressionExpr: Sendable, Hashable {
    public var body: StatementBlock
    public var range: SourceRange
}

/// `$( ... )`: yields the statements' output (one value unwrapped, several as an array).
public struct SubExpressionExpr: Sendable, Hashable {
    public var body: StatementBlock
    public var range: SourceRange
}

/// `( pipeline )`; an assignment inside parentheses also yields its value.
public struct ParenExpr: Sendable, Hashable {
    public var pipeline: Statement
    public var range: SourceRange
}

/// One `key = value` entry in a hashtable literal.
public struct HashtableEntry: Sendable, Hashable {
    /// The key: a bareword key is a `.string(bare)`; any expression is allowed.
    public var key: Expression
    /// The value is a statement (so `@{ a = Get-Date }` works).
    public var value: Statement
    public var range: SourceRange
}

/// `@{ ... }` or `[ordered]@{ ... }`.
public struct HashtableExpr: Sendable, Hashable {
    public var entries: [HashtableEntry]
    /// True for `[ordered]@{...}`.
    public var isOrdered: Bool
    public var range: SourceRange
}

/// `{ ... }` as a value.
public struct ScriptBlockExpr: Sendable, Hashable {
    public var body: ScriptBlock
    public var range: SourceRange
}

/// `condition ? ifTrue : ifFalse`.
public struct TernaryExpr: Sendable, Hashable {
    public var condition: Expression
    public var ifTrue: Expression
    public var ifFalse: Expression
    public var range: SourceRange
}

/// `[Attr(...)]child`.
public struct AttributedExpr: Sendable, Hashable {
    public var attribute: AttributeNode
    public var child: Expression
    public var range: SourceRange
}

/// Where an expression should have been.
public struct ErrorExpr: Sendable, Hashable {
    public var range: SourceRange
}
