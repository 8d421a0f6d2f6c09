import PSLanguage
/// Options of a variable (`New-Variable -Option`).
public struct VariableOptions: OptionSet, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let readOnly = VariableOptions(rawValue: 1)
    public static let constant = VariableOptions(rawValue: 2)
    public static let `private` = VariableOptions(rawValue: 4)
    public static let allScope = VariableOptions(rawValue: 8)
}

/// A variable cell. Compiled code holds these directly in slots, so a loop reads and writes
/// `cell.value` without any name lookup; `isSet` false means "declared by the compiler for this scope
/// but not assigned yet", and reads fall back to the parent scopes.
public final class PSVariable {
    public let name: String
    public var value: PSValue
    public var isSet: Bool
    public var options: VariableOptions {
        didSet { if options.contains(.allScope) { Scope.allScopeInUse = true } }
    }
    /// `[int]$x = 1` makes later assignments convert to Int32.
    public var typeConstraint: PSType?
    public var validations: [ParameterValidation] = []
    /// An unbound parameter with validation attributes and no default: PowerShell creates its variable,
    /// attributes and all, at the first assignment, so a value they refuse is reported as an attribute
    /// that cannot be added rather than as a value that cannot be validated.
    public var validatesFirstValue = false
    public var description: String = ""
    /// Set when the variable was assigned a statement that wrote nothing (`$x = & {}`): PowerShell keeps
    /// AutomationNull there, which `@($x)` and `$x | ...` treat as no object at all. Only meaningful
    /// while `value` is null; every other write clears it.
    public var holdsAutomationNull = false

    public init(name: String, value: PSValue = .null, isSet: Bool = true, options: VariableOptions = []) {
        self.name = name
        self.value = value
        self.isSet = isSet
        self.options = options
        if options.contains(.allScope) { Scope.allScopeInUse = true }
    }

    /// A value made to fit the type constraint, as PowerShell's ArgumentTypeConverterAttribute does:
    /// a failed conversion is an ArgumentTransformationMetadataException (`RuntimeException`,
    /// MetadataError) around the cast error, and an ActionPreference variable refuses Suspend.
    public func constrained(_ value: PSValue, types: TypeRegistry) throws -> PSValue {
        guard let type = typeConstraint else { return value }
        let converted: PSValue
        do {
            converted = try PSConvert.convert(value, to: type, types: types)
        } catch let e as PSRuntimeError {
            throw PSVariable.transformationError(e.record.message, inner: e.record.exception)
        }
        if case .enumType(let e) = type, e == ActionPreference.enumType, ActionPreference(converted) == .suspend {
            throw PSVariable.transformationError("The Suspend ActionPreference value is reserved for future use and is not supported at this time. For more information about preference variables, see the Help topic, \"about_Preference_Variables.\"",
                                                 inner: PSException("", type: "System.Management.Automation.PSInvalidCastException"))
        }
        return converted
    }

    static func transformationError(_ message: String, inner: PSException) -> PSRuntimeError {
        let exception = PSException(message, type: "System.Management.Automation.ArgumentTransformationMetadataException", inner: inner)
        return PSRuntimeError(ErrorRecord(exception, errorId: "RuntimeException", category: .metadataError))
    }
}

/// A scope: variables, functions and aliases defined at one level (global, script, function, `& {}`).
public final class Scope {
    public let parent: Scope?
    // unowned(unsafe): the script scope is this scope or an ancestor, and children hold their
    // parents strongly, so it always outlives this reference; nil means "this scope".
    private unowned(unsafe) var enclosingScript: Scope?
    /// The nearest script scope (`$script:`), which is the global scope at top level.
    public var scriptScope: Scope { enclosingScript ?? self }
    var variables: [String: PSVariable] = [:]
    var functions: [String: FunctionInfo] = [:]
    var aliases: [String: String] = [:]
    /// The spelling and details of the aliases Set-Alias/New-Alias made in this scope (see ScopedAliases).
    var aliasNotes: [String: (name: String, details: AliasDetails)] = [:]
    /// Set on a module's own scope (see `enclosingModule`).
    public internal(set) weak var module: ScriptModule?
    // unowned(unsafe) as `enclosingScript`: the nearest ancestor that is a module's scope, found once
    // here so `enclosingModule` (asked on every script block literal and call) does not walk the chain.
    unowned(unsafe) var enclosingModuleScope: Scope?
    /// The scope that called into this one when that is not `parent`: a module function's scope has the
    /// module's scope as parent and its caller here, which is where a script block of the caller's session
    /// state finds the scope it runs under (`Scope.current(in:)`). Weak: a scope can outlive its call.
    weak var invoker: Scope?
    /// `$MyInvocation` of the function or script whose scope this is (see CompileVariables).
    var invocationInfo: PSValue?
    /// What Set-StrictMode chose for this scope and its children: nil inherits the parent's, 0 is off.
    public var strictModeSetting: Int?

    /// The strict-mode version in force here (0 when off).
    public var strictMode: Int {
        var s: Scope? = self
        while let cur = s {
            if let v = cur.strictModeSetting { return v }
            s = cur.parent
        }
        return 0
    }

    /// Set once any variable has been given the AllScope option; until then no lookup looks for one.
    nonisolated(unsafe) static var allScopeInUse = false

    init(parent: Scope?, isScriptScope: Bool) {
        self.parent = parent
        self.enclosingScript = (isScriptScope || parent == nil) ? nil : parent!.scriptScope
        self.enclosingModuleScope = parent.flatMap { $0.module != nil ? $0 : $0.enclosingModuleScope }
    }

    /// The cell for a name defined (and set) in this very scope.
    public func localVariable(_ name: String) -> PSVariable? {
        guard let v = variables[name.caseInsensitiveKey], v.isSet else { return nil }
        return v
    }

    /// The visible variable: this scope, then parents (skipping private variables of other scopes).
    public func lookup(_ name: String) -> PSVariable? {
        let key = name.caseInsensitiveKey
        var s: Scope? = self
        var first = true
        while let cur = s {
            if let v = cur.variables[key], v.isSet, first || !v.options.contains(.private) { return v }
            first = false
            s = cur.parent
        }
        return nil
    }

    /// The cell for `name` in this scope, created unset if missing (compiled slots bind to these).
    func cell(_ name: String) -> PSVariable {
        let key = name.caseInsensitiveKey
        if let v = variables[key] { return v }
        // An AllScope variable is the same variable in every scope below the one that made it.
        var above = Scope.allScopeInUse ? parent : nil
        while let scope = above {
            if let shared = scope.variables[key], shared.isSet, shared.options.contains(.allScope) {
                variables[key] = shared
                return shared
            }
            above = scope.parent
        }
        let v = PSVariable(name: name, isSet: false)
        variables[key] = v
        return v
    }

    /// Sets (creating locally when needed) a variable in this scope.
    @discardableResult
    public func set(_ name: String, _ value: PSValue) -> PSVariable {
        let v = cell(name)
        v.value = value
        v.isSet = true
        return v
    }

    public func remove(_ name: String) { variables[name.caseInsensitiveKey]?.isSet = false }

    /// Variables set in this scope, for Get-Variable.
    public var definedVariables: [PSVariable] { variables.values.filter(\.isSet) }

    public func lookupFunction(_ name: String) -> FunctionInfo? {
        let key = name.caseInsensitiveKey
        var s: Scope? = self
        while let cur = s {
            if let f = cur.functions[key] { return f }
            s = cur.parent
        }
        return nil
    }

    public func defineFunction(_ f: FunctionInfo) { functions[f.name.caseInsensitiveKey] = f }
}

/// A script function or filter.
public final class FunctionInfo {
    public let name: String
    public let block: PSScriptBlock
    public let isFilter: Bool
    /// The module that defined it: it runs in that module's scope wherever it is called from.
    public internal(set) weak var module: ScriptModule?
    /// Where its `function` statement is in its source text (Get-Help reads the comments around it).
    public internal(set) var definitionRange: SourceRange?
    /// The `function` statement itself, wherever it was nested (a script block, a loop, an `if`).
    var definition: FunctionDefinition?

    public init(name: String, block: PSScriptBlock, isFilter: Bool) {
        self.name = name
        self.block = block
        self.isFilter = isFilter
    }
}
