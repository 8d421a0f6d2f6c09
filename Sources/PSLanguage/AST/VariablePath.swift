/// The name of a variable as written after `$` or `@`: `x`, `script:x`, `env:PATH`, `_`, `?`.
public struct VariablePath: Sendable, Hashable, CustomStringConvertible {
    /// Scope or provider-drive qualifier before the colon (`global`, `script`, `local`, `private`,
    /// `using`, `env`, `function`, `variable`, any drive name); `nil` when unqualified.
    public var qualifier: String?
    /// The name after the qualifier (`PATH` in `$env:PATH`, `_` in `$_`).
    public var name: String
    /// True when written with braces (`${any name}`).
    public var isBraced: Bool

    public init(qualifier: String? = nil, name: String, isBraced: Bool = false) {
        self.qualifier = qualifier
        self.name = name
        self.isBraced = isBraced
    }

    /// The path as the user wrote it, without `$` and braces (`env:PATH`).
    public var userPath: String { qualifier.map { "\($0):\(name)" } ?? name }
    public var description: String { userPath }

    /// The qualifier as a scope, if it is one of the scope modifiers.
    public var scope: VariableScope? {
        guard let q = qualifier?.lowercased() else { return nil }
        return VariableScope(rawValue: q)
    }

    /// True for `$true`, `$false`, `$null` (case-insensitive, unqualified).
    public var isConstantName: Bool {
        qualifier == nil && ["true", "false", "null"].contains(name.lowercased())
    }
}

/// Scope modifiers that can qualify a variable.
public enum VariableScope: String, Sendable, Hashable {
    case global, script, local, `private`, using, workflow
}
