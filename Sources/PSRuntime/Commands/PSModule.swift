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
    /// Runs after registration (e.g. to set module variables, or `session.services.provide` the
    /// module's service).
    public var onImport: ((ShellSession) -> Void)?
    /// The .NET class of a cmdlet by its name, appended to the error ids of the module's
    /// `CommandError`s (`Set-VMProcessor` → `Microsoft.HyperV.PowerShell.Commands.SetVMProcessor`);
    /// nil for the command's `errorIdSource` (see `CommandClassNames`).
    public var commandClassName: ((String) -> String)?
    /// The module each cmdlet belongs to when one registration carries several of PowerShell's
    /// modules (hvsh's core module holds the cmdlets of Microsoft.PowerShell.Core, .Management,
    /// .Utility, .Security and .Host); nil: all are `name`'s. Each named module is listed as loaded.
    public var commandModule: ((String) -> String)?

    public init(name: String, version: PSVersion = PSVersion(1, 0), cmdlets: [any Cmdlet.Type] = [],
                aliases: [(String, String)] = [], enums: [PSEnumType] = [], typeNames: [String] = [],
                formatViews: [FormatView] = [], onImport: ((ShellSession) -> Void)? = nil,
                commandClassName: ((String) -> String)? = nil, commandModule: ((String) -> String)? = nil) {
        self.name = name
        self.version = version
        self.cmdlets = cmdlets
        self.aliases = aliases
        self.enums = enums
        self.typeNames = typeNames
        self.formatViews = formatViews
        self.onImport = onImport
        self.commandClassName = commandClassName
        self.commandModule = commandModule
    }
}
