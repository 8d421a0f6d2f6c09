/// A type name as written inside `[...]`: `int`, `System.Collections.Generic.List[string]`,
/// `string[]`, `int[,]`, `ordered`. Resolution to a runtime type is the evaluator's job.
public struct TypeName: Sendable, Hashable {
    /// The dotted name without generic arguments or array ranks (`System.Collections.Generic.List`).
    public var name: String
    /// Generic arguments (`[string]` in `List[string]`); empty when not generic.
    public var genericArguments: [TypeName]
    /// Array dimensions, innermost first: `int[]` is `[1]`, `int[,]` is `[2]`, `int[][]` is `[1, 1]`.
    public var arrayRanks: [Int]
    public var range: SourceRange
    /// The assembly of an assembly-qualified name (`mscorlib` in `[System.String, mscorlib]`); hvsh
    /// resolves types by name alone, so it is kept only as written.
    public var assemblyName: String?

    public init(name: String, genericArguments: [TypeName] = [], arrayRanks: [Int] = [], range: SourceRange) {
        self.name = name
        self.genericArguments = genericArguments
        self.arrayRanks = arrayRanks
        self.range = range
    }

    /// True when the type is an array of something.
    public var isArray: Bool { !arrayRanks.isEmpty }

    /// The type as PowerShell would print it back: `List[string]`, `int[]`.
    public var fullName: String {
        var s = name
        if !genericArguments.isEmpty {
            s += "[" + genericArguments.map(\.fullName).joined(separator: ",") + "]"
        }
        for rank in arrayRanks { s += "[" + String(repeating: ",", count: rank - 1) + "]" }
        return s
    }
}

/// An attribute in a parameter or param block: `[Parameter(Mandatory, Position = 0)]`,
/// `[ValidateSet('a', 'b')]`, `[CmdletBinding(SupportsShouldProcess)]`.
public struct AttributeNode: Sendable, Hashable {
    public var typeName: TypeName
    /// Arguments without a name (`'a', 'b'` in `ValidateSet('a','b')`).
    public var positionalArguments: [Expression]
    /// `Name = value` or a bare `Name` (which means `$true`).
    public var namedArguments: [NamedAttributeArgument]
    public var range: SourceRange
}

/// One `Name = value` (or bare `Name`) argument of an attribute.
public struct NamedAttributeArgument: Sendable, Hashable {
    public var name: String
    /// `nil` when written without `= value` (PowerShell treats that as `$true`).
    public var value: Expression?
    public var range: SourceRange
}

/// Something written in `[...]` before a parameter or expression: a real attribute or a type constraint.
public enum AttributeOrType: Sendable, Hashable {
    /// `[Parameter(...)]` — the brackets contained a call.
    case attribute(AttributeNode)
    /// `[int]` — a type constraint (also used for conversion).
    case type(TypeName)

    public var range: SourceRange {
        switch self {
        case .attribute(let a): return a.range
        case .type(let t): return t.range
        }
    }
}
