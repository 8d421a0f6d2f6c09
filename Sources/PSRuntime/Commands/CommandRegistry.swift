/// A registered cmdlet: its type (instantiated per invocation) and compiled metadata.
public final class CmdletEntry {
    public let type: any Cmdlet.Type
    public let declaration: CmdletDeclaration
    public let moduleName: String
    /// The module's rule for its cmdlets' .NET class names (nil: `CommandClassNames`' default).
    let className: ((String) -> String)?

    /// Built on first use: a session registers every cmdlet of every module at start-up but a typical
    /// run calls a handful, and building all the metadata was a third of hvsh's start-up time.
    /// Binder errors and the module's own errors both end in the cmdlet's .NET class, as PowerShell's do
    /// (`ParameterArgumentValidationErrorNullNotAllowed,Microsoft.HyperV.PowerShell.Commands.GetVMProcessor`).
    public private(set) lazy var metadata = CommandMetadata(
        declaration, errorIdSource: declaration.className ?? className?(declaration.name)
            ?? CommandClassNames.className(of: declaration, module: moduleName))

    init(type: any Cmdlet.Type, moduleName: String, className: ((String) -> String)? = nil) {
        self.type = type
        self.declaration = type.declaration
        self.moduleName = moduleName
        self.className = className
    }
}

/// Cmdlets and aliases of a session, by case-insensitive name. A later registration of the same name
/// replaces the earlier one, so PSCommands' cmdlets replace the runtime's minimal fallbacks.
public final class CommandRegistry {
    private var cmdlets: [String: CmdletEntry] = [:]
    private var aliasTable: [String: String] = [:]
    /// Aliases as they were spelt when defined (`Set-Alias ABCD` is listed as ABCD); built-in ones
    /// are missing here and listed by their key.
    private var aliasSpelling: [String: String] = [:]
    /// Description and options of aliases that were given them; the others are built-in
    /// (`DefaultAliases.options`) or plain (no description, no options).
    private var aliasDetailTable: [String: AliasDetails] = [:]
    public let formatViews = FormatViewTable()
    public private(set) var modules: [String] = []
    private var versions: [String: PSVersion] = [:]

    /// The version a built-in module was registered with.
    public func moduleVersion(_ name: String) -> PSVersion? { versions[name] }

    public init() {
        for (a, t) in DefaultAliases.table { aliasTable[a.lowercased()] = t }
    }

    public func register(_ cmdlet: any Cmdlet.Type, module: String = "Microsoft.PowerShell.Core",
                         className: ((String) -> String)? = nil) {
        cmdlets[cmdlet.declaration.name.lowercased()] = CmdletEntry(type: cmdlet, moduleName: module, className: className)
    }

    /// Every alias by lower-case name (SessionBaseline saves and restores it whole).
    var aliasEntries: [String: String] {
        get { aliasTable }
        set { aliasTable = newValue }
    }

    /// Alias details by lower-case name (SessionBaseline saves and restores them with the aliases).
    var aliasDetailEntries: [String: AliasDetails] {
        get { aliasDetailTable }
        set { aliasDetailTable = newValue }
    }

    /// Alias spellings by lower-case name (SessionBaseline saves and restores them with the aliases).
    var aliasSpellingEntries: [String: String] {
        get { aliasSpelling }
        set { aliasSpelling = newValue }
    }

    public func setAlias(_ alias: String, _ target: String) {
        aliasTable[alias.caseInsensitiveKey] = target
        aliasSpelling[alias.caseInsensitiveKey] = alias
    }
    public func removeAlias(_ alias: String) {
        aliasTable[alias.caseInsensitiveKey] = nil
        aliasSpelling[alias.caseInsensitiveKey] = nil
        aliasDetailTable[alias.caseInsensitiveKey] = nil
    }

    /// Sets (or, with nil, forgets) what an alias carries beside its target.
    public func setAliasDetails(_ alias: String, _ details: AliasDetails?) { aliasDetailTable[alias.caseInsensitiveKey] = details }

    /// An alias's description and options: as given, else PowerShell's for a built-in one.
    public func aliasDetails(_ alias: String) -> AliasDetails {
        if let given = aliasDetailTable[alias.caseInsensitiveKey] { return given }
        let builtIn = DefaultAliases.table.contains { $0.0.lowercased() == alias.lowercased() && aliasTable[alias.caseInsensitiveKey] == $0.1 }
        return AliasDetails(description: "", options: builtIn ? DefaultAliases.options(of: alias) : "None")
    }

    /// The command an alias stands for.
    public func aliasTarget(_ name: String) -> String? { aliasTable[name.caseInsensitiveKey] }

    public var aliases: [(alias: String, target: String)] {
        aliasTable.sorted { $0.key < $1.key }.map { (aliasSpelling[$0.key] ?? $0.key, $0.value) }
    }

    public func cmdlet(named name: String) -> CmdletEntry? { cmdlets[name.caseInsensitiveKey] }

    public var allCmdlets: [CmdletEntry] { cmdlets.values.sorted { $0.declaration.name < $1.declaration.name } }

    /// Registers a module's cmdlets, aliases, enums, type names and views (see `ShellSession.importModule`).
    func register(module m: PSModule, types: TypeRegistry) {
        for c in m.cmdlets {
            let module = m.commandModule?(c.declaration.name) ?? m.name
            register(c, module: module, className: m.commandClassName)
            if module != m.name, !modules.contains(module) { modules.append(module); versions[module] = m.version }
        }
        for (a, t) in m.aliases { setAlias(a, t) }
        for e in m.enums { types.register(enum: e) }
        for t in m.typeNames { types.register(typeName: t) }
        for v in m.formatViews { formatViews.add(v) }
        if !modules.contains(m.name) { modules.append(m.name) }
        versions[m.name] = m.version
    }
}
