/// What Tab completion knows about the session: the shell fills it from the runtime's registry
/// (commands and their parameter metadata), its variables and the Hyper-V inventory.
public protocol CompletionCatalog {
    /// Cmdlets, functions and aliases, in any order.
    func commandNames() -> [String]
    /// The parameters of a command (an alias resolved), or nil if the command is unknown.
    func parameters(ofCommand name: String) -> [CompletionParameter]?
    /// Variable names without `$`.
    func variableNames() -> [String]
    /// Names of existing objects a parameter refers to (VMs for -VMName, switches for -SwitchName).
    func objectNames(command: String, parameter: String) -> [String]
}

/// A parameter as completion sees it.
public struct CompletionParameter: Equatable, Sendable {
    public var name: String
    public var aliases: [String]
    /// True for `[switch]` parameters, which take no value from the next word.
    public var isSwitch: Bool
    /// The names of an enum parameter's values (or a ValidateSet), in declaration order.
    public var allowedValues: [String]

    public init(name: String, aliases: [String] = [], isSwitch: Bool = false, allowedValues: [String] = []) {
        self.name = name
        self.aliases = aliases
        self.isSwitch = isSwitch
        self.allowedValues = allowedValues
    }
}
