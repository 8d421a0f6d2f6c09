/// A script block: a script file, a `{ }` literal or a function body.
/// Statements outside any named block go into `endBlock` with `isUnnamed == true`
/// (or `processBlock` for a `filter`).
public struct ScriptBlock: Sendable, Hashable {
    /// `#Requires` lines found in the block (scripts only), as written after `#Requires`.
    public var requirements: [String]
    /// `using namespace/module` statements at the top, as written.
    public var usingStatements: [String]
    public var paramBlock: ParamBlock?
    public var dynamicParamBlock: NamedBlock?
    public var beginBlock: NamedBlock?
    public var processBlock: NamedBlock?
    public var endBlock: NamedBlock?
    public var cleanBlock: NamedBlock?
    public var range: SourceRange
}

/// Which named block.
public enum NamedBlockKind: String, Sendable, Hashable {
    case dynamicParam = "dynamicparam", begin, process, end, clean
}

/// `begin { }`, `process { }`, `end { }`, or the implicit end block of unnamed statements.
public struct NamedBlock: Sendable, Hashable {
    public var kind: NamedBlockKind
    public var body: StatementBlock
    /// True when no `end { }` was written: the statements were directly in the script block.
    public var isUnnamed: Bool
    public var range: SourceRange
}

/// `[CmdletBinding()] param( ... )`.
public struct ParamBlock: Sendable, Hashable {
    /// Attributes before `param`, e.g. `[CmdletBinding(SupportsShouldProcess)]`, `[OutputType([string])]`.
    public var attributes: [AttributeNode]
    public var parameters: [ParameterNode]
    public var range: SourceRange
}

/// One parameter: `[Parameter(Mandatory)][ValidateSet('a')][string]$Name = 'a'`.
public struct ParameterNode: Sendable, Hashable {
    /// Attributes and type constraints in source order.
    public var attributes: [AttributeOrType]
    public var name: VariablePath
    public var defaultValue: Expression?
    public var range: SourceRange
    /// The `$name` token's range (the ParameterAst's Name).
    public var nameRange: SourceRange? = nil

    /// The last type constraint, which decides the parameter's type (`[switch]`, `[string[]]`, ...).
    public var typeConstraint: TypeName? {
        for a in attributes.reversed() { if case .type(let t) = a { return t } }
        return nil
    }
}
