/// Lookup tables built once per command from its declaration (cmdlet or advanced function): the
/// binder uses them for every invocation, so nothing is recomputed per pipeline object.
public final class CommandMetadata {
    public let name: String
    public let parameters: [ParameterDeclaration]
    public let defaultParameterSet: String?
    public let supportsShouldProcess: Bool
    public let confirmImpact: ConfirmImpact
    /// False for simple functions (no `[CmdletBinding()]`/`[Parameter()]`): no common parameters, and
    /// unbound arguments go to `$args` instead of failing.
    public let isAdvanced: Bool
    /// All set names except `__AllParameterSets`, in declaration order.
    public let setNames: [String]
    /// Lower-cased name and alias → parameter index (the common parameters included, after the declared ones).
    let lookup: [String: Int]
    /// Names and aliases as declared → index: cmdlets read their parameters by the declared spelling,
    /// so the common case needs no lower-casing.
    let exactLookup: [String: Int]
    /// Lower-cased names and aliases in a stable order, for prefix matching.
    let lookupKeys: [(key: String, index: Int)]
    public let commonParameterStart: Int
    /// What follows the comma in the FullyQualifiedErrorId of errors this command raises: the .NET
    /// class for cmdlets (`Microsoft.PowerShell.Commands.GetItemCommand`), the name for functions.
    public let errorIdSource: String
    /// The same for the module's own failures (`CommandError`s), when the module names its classes
    /// (`PSModule.commandClassName`): Hyper-V's errors carry `Microsoft.HyperV.PowerShell.Commands.GetVM`.
    public let commandErrorSource: String

    public init(_ d: CmdletDeclaration, isAdvanced: Bool = true, errorIdSource: String? = nil,
                commandErrorSource: String? = nil) {
        name = d.name
        self.errorIdSource = errorIdSource ?? d.className ?? d.name
        self.commandErrorSource = commandErrorSource ?? self.errorIdSource
        var params = d.parameters
        commonParameterStart = params.count
        if isAdvanced {
            params += CommonParameters.declarations
            if d.supportsShouldProcess { params += CommonParameters.shouldProcessDeclarations }
        }
        parameters = params
        defaultParameterSet = d.defaultParameterSet
        supportsShouldProcess = d.supportsShouldProcess
        confirmImpact = d.confirmImpact
        self.isAdvanced = isAdvanced
        var names: [String] = []
        for p in d.parameters { for s in p.sets where s.setName != allParameterSets && !names.contains(s.setName) { names.append(s.setName) } }
        if let def = d.defaultParameterSet, !names.contains(def) { names.append(def) }
        setNames = names
        var l: [String: Int] = [:]
        var exact: [String: Int] = [:]
        var keys: [(String, Int)] = []
        for (i, p) in params.enumerated() {
            for n in [p.name] + p.aliases {
                if exact[n] == nil { exact[n] = i }
                let k = n.lowercased()
                if l[k] == nil { l[k] = i; keys.append((k, i)) }
            }
        }
        lookup = l
        exactLookup = exact
        lookupKeys = keys
    }

    public func index(of name: String) -> Int? { exactLookup[name] ?? lookup[name.caseInsensitiveKey] }
}

/// The parameters every advanced command has (`-ErrorAction`, `-Verbose`, ...).
public enum CommonParameters {
    public static let names: Set<String> = Set((declarations + shouldProcessDeclarations).map { $0.name.lowercased() })

    static let declarations: [ParameterDeclaration] = [
        ParameterDeclaration("Verbose", .switchParameter, aliases: ["vb"]),
        ParameterDeclaration("Debug", .switchParameter, aliases: ["db"]),
        ParameterDeclaration("ErrorAction", .enumType(ActionPreference.enumType), aliases: ["ea"]),
        ParameterDeclaration("WarningAction", .enumType(ActionPreference.enumType), aliases: ["wa"]),
        ParameterDeclaration("InformationAction", .enumType(ActionPreference.enumType), aliases: ["infa"]),
        ParameterDeclaration("ProgressAction", .enumType(ActionPreference.enumType), aliases: ["proga"]),
        ParameterDeclaration("ErrorVariable", .string, aliases: ["ev"]),
        ParameterDeclaration("WarningVariable", .string, aliases: ["wv"]),
        ParameterDeclaration("InformationVariable", .string, aliases: ["iv"]),
        ParameterDeclaration("OutVariable", .string, aliases: ["ov"]),
        ParameterDeclaration("OutBuffer", .int32, aliases: ["ob"]),
        ParameterDeclaration("PipelineVariable", .string, aliases: ["pv"]),
    ]

    static let shouldProcessDeclarations: [ParameterDeclaration] = [
        ParameterDeclaration("WhatIf", .switchParameter, aliases: ["wi"]),
        ParameterDeclaration("Confirm", .switchParameter, aliases: ["cf"]),
    ]
}

/// System.Management.Automation.ActionPreference.
public enum ActionPreference: Int64, Sendable {
    case silentlyContinue = 0, stop = 1, `continue` = 2, inquire = 3, ignore = 4, suspend = 5, `break` = 6

    public static let enumType = PSEnumType(
        fullName: "System.Management.Automation.ActionPreference",
        members: [("SilentlyContinue", 0), ("Stop", 1), ("Continue", 2), ("Inquire", 3), ("Ignore", 4),
                  ("Suspend", 5), ("Break", 6)])

    public var value: PSValue { .enumValue(ActionPreference.enumType.value(rawValue)) }

    /// Reads a preference from a variable's value (enum, name string or number); nil if unusable.
    public init?(_ v: PSValue) {
        guard let e = try? PSConvert.toEnum(v, ActionPreference.enumType) else { return nil }
        self.init(rawValue: e.rawValue)
    }
}

/// Storage shared by the binder and the command's context, so binding a pipeline object is a store
/// into one array with no copying.
final class BoundStorage {
    var values: [PSValue?]
    /// The parameters that took an unnamed argument by its position (a few cmdlets read a first
    /// argument differently when it was not named, as Add-Member does with `Add-Member Name Value`).
    var boundByPosition: Set<Int> = []
    init(count: Int) { values = Array(repeating: nil, count: count) }
}

/// Parameter values bound for one invocation, by declared parameter.
public struct BoundParameters {
    public let metadata: CommandMetadata
    let storage: BoundStorage
    var values: [PSValue?] { storage.values }

    init(metadata: CommandMetadata, storage: BoundStorage? = nil) {
        self.metadata = metadata
        self.storage = storage ?? BoundStorage(count: metadata.parameters.count)
    }

    /// The bound value, looked up by name or alias (case-insensitive); nil when not bound.
    public subscript(name: String) -> PSValue? {
        guard let i = metadata.index(of: name) else { return nil }
        return values[i]
    }

    public subscript(index i: Int) -> PSValue? { values[i] }

    public func contains(_ name: String) -> Bool { self[name] != nil }

    /// Names of the bound parameters, in declaration order (`$PSBoundParameters.Keys`).
    public var names: [String] {
        values.indices.compactMap { values[$0] == nil ? nil : metadata.parameters[$0].name }
    }

    public var pairs: [(name: String, value: PSValue)] {
        values.indices.compactMap { i in values[i].map { (metadata.parameters[i].name, $0) } }
    }
}
