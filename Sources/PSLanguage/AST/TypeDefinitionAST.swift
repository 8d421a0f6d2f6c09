/// `enum Name [: underlying] { A; B = 5 }` or `class Name [: Base, Interface] { members }`, with the
/// attributes written before it (`[Flags()] enum ...`). PowerShell's TypeDefinitionAst.
public struct TypeDefinition: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable { case `class`, `enum` }
    public var kind: Kind
    public var name: String
    public var nameRange: SourceRange
    public var attributes: [AttributeNode]
    /// The enum's underlying type, or the class's base class and interfaces, as written.
    public var baseTypes: [TypeName]
    public var members: [MemberDefinition]
    public var range: SourceRange

    public init(kind: Kind, name: String, nameRange: SourceRange, attributes: [AttributeNode], baseTypes: [TypeName],
                members: [MemberDefinition], range: SourceRange) {
        self.kind = kind
        self.name = name
        self.nameRange = nameRange
        self.attributes = attributes
        self.baseTypes = baseTypes
        self.members = members
        self.range = range
    }
}

/// One member of a type definition: an enum's name and value, a class's property, method or constructor.
public struct MemberDefinition: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// `Name` or `Name = value` in an enum.
        case enumerator
        /// `[type] $Name = value` in a class.
        case property
        /// `[type] Name([type]$a) { }`.
        case method
        /// `ClassName(...) : base(...) { }`, or `static ClassName() { }`.
        case constructor
    }
    public var kind: Kind
    public var name: String
    public var nameRange: SourceRange
    /// Attributes other than the type (`[ValidateNotNull()]`, `[Parameter()]`).
    public var attributes: [AttributeNode]
    /// The property's type or the method's return type (`[void]` included); nil when not written.
    public var type: TypeName?
    public var isStatic: Bool
    public var isHidden: Bool
    /// A property's default or an enumerator's value.
    public var initializer: Expression?
    public var parameters: [ParameterNode]
    /// A method's or constructor's body.
    public var body: ScriptBlock?
    /// A constructor's `: base(...)` arguments (nil when it calls no base constructor explicitly).
    public var baseArguments: [Expression]?
    public var range: SourceRange

    public init(kind: Kind, name: String, nameRange: SourceRange, attributes: [AttributeNode] = [], type: TypeName? = nil,
                isStatic: Bool = false, isHidden: Bool = false, initializer: Expression? = nil,
                parameters: [ParameterNode] = [], body: ScriptBlock? = nil, baseArguments: [Expression]? = nil,
                range: SourceRange) {
        self.kind = kind
        self.name = name
        self.nameRange = nameRange
        self.attributes = attributes
        self.type = type
        self.isStatic = isStatic
        self.isHidden = isHidden
        self.initializer = initializer
        self.parameters = parameters
        self.body = body
        self.baseArguments = baseArguments
        self.range = range
    }
}
