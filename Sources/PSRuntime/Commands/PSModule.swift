/// Everything a module contributes, registered in one call: `session.importModule(HyperVModule.module)`.
public struct PSModule {
    public var name: String
    public var version: PSVersion
    public var cmdlets: [any Cmdlet.Type]
    /// Alias → command name.
    public var aliases: [(String, String)]
    public var enums: [PSEnumType]
    /// Object type names the module's cmdlets produce (usable in `-is` and parameter types).
    public var typeNames: [String]
    public var formatViews: [FormatView]
    /// Runs after registration (e.g. to set module variables).
    public var onImport: ((ShellSession) -> Void)?

    public init(name: String, version: PSVersion = PSVersion(1, 0), cmdlets: [any Cmdlet.Type] = [],
                aliases: [(String, String)] = [], enums: [PSEnumType] = [], typeNames: [String] = [],
                formatViews: [FormatView] = [], onImport: ((ShellSession) -> Void)? = nil) {
        self.name = name
        self.version = version
        self.cmdlets = cmdlets
        self.aliases = aliases
        self.enums = enums
        self.typeNames = typeNames
        self.formatViews = formatViews
        self.onImport = onImport
    }
}
