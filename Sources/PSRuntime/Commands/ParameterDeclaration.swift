/// The name PowerShell uses for "this parameter belongs to every set".
public let allParameterSets = "__AllParameterSets"

/// How a parameter takes part in one parameter set (PowerShell's `[Parameter(...)]` attribute).
public struct ParameterSetMembership: Sendable, Equatable {
    public var setName: String
    public var position: Int?
    public var mandatory: Bool
    public var valueFromPipeline: Bool
    public var valueFromPipelineByPropertyName: Bool
    public var valueFromRemainingArguments: Bool
    public var helpMessage: String?

    public init(setName: String = allParameterSets, position: Int? = nil, mandatory: Bool = false,
                valueFromPipeline: Bool = false, valueFromPipelineByPropertyName: Bool = false,
                valueFromRemainingArguments: Bool = false, helpMessage: String? = nil) {
        self.setName = setName
        self.position = position
        self.mandatory = mandatory
        self.valueFromPipeline = valueFromPipeline
        self.valueFromPipelineByPropertyName = valueFromPipelineByPropertyName
        self.valueFromRemainingArguments = valueFromRemainingArguments
        self.helpMessage = helpMessage
    }
}

/// Validation attributes; the binder checks them after conversion, with PowerShell's messages.
public enum ParameterValidation: Sendable {
    /// `[ValidateSet(...)]`; case-insensitive unless `ignoreCase` is false.
    case set([String], ignoreCase: Bool = true)
    /// `[ValidateRange(min, max)]` (either bound optional).
    case range(min: Double?, max: Double?)
    case notNull
    case notNullOrEmpty
    /// `[ValidatePattern(regex)]`, case-insensitive.
    case pattern(String)
    /// `[ValidateCount(min, max)]`.
    case count(min: Int, max: Int)
    /// `[ValidateLength(min, max)]`.
    case length(min: Int, max: Int)
    /// A Swift check returning an error message (nil when valid); the binder wraps it as
    /// `Cannot validate argument on parameter 'X'. <message>`.
    case custom(@Sendable (PSValue) -> String?)
    /// A check like `custom` whose failure, while binding by position, only passes the argument on
    /// to the next parameter (PowerShell's ValidationMetadataException with SwallowException, as
    /// Add-Member's -NotePropertyName refuses a member type's name so that -MemberType takes it).
    case notPositionally(@Sendable (PSValue) -> String?)
}

/// What a mandatory cmdlet parameter accepts beyond a real value (PowerShell's `[AllowNull]`,
/// `[AllowEmptyString]` and `[AllowEmptyCollection]`); without them the binder refuses `$null`, `''`
/// and `@()` for a parameter that is mandatory in any set.
public struct ParameterAllowance: OptionSet, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let null = ParameterAllowance(rawValue: 1)
    public static let emptyString = ParameterAllowance(rawValue: 2)
    public static let emptyCollection = ParameterAllowance(rawValue: 4)
}

/// One parameter of a cmdlet, as one declaration. Covers what PowerShell's `[Parameter()]`,
/// `[Alias()]` and `[Validate*()]` attributes say.
public struct ParameterDeclaration: Sendable {
    public var name: String
    public var type: PSType
    public var aliases: [String]
    /// One entry per parameter set the parameter is in; a single `allParameterSets` entry by default.
    public var sets: [ParameterSetMembership]
    public var validations: [ParameterValidation]
    public var helpMessage: String?
    /// Shown by Get-Help as the default value.
    public var defaultValueText: String?
    /// Hidden from tab completion and Get-Command's syntax (`[Parameter(DontShow)]`).
    public var dontShow: Bool
    /// `[AllowNull]`/`[AllowEmptyString]`/`[AllowEmptyCollection]` of a cmdlet parameter.
    public var allow: ParameterAllowance = []
    /// PowerShell's ArgumentTransformationAttribute: run on the argument before its type is checked,
    /// in the binder's passes with and without conversion alike.
    public var transform: (@Sendable (PSValue) -> PSValue)?
    /// `[Runspace()]`: a runspace's name, Id or InstanceId becomes the runspace (ShellSession.runspaceArgument).
    public var transformsRunspace = false

    /// The common case: the same attributes in every listed set (or in all sets when `sets` is empty).
    public init(_ name: String, _ type: PSType = .object, aliases: [String] = [], position: Int? = nil,
                mandatory: Bool = false, valueFromPipeline: Bool = false,
                valueFromPipelineByPropertyName: Bool = false, valueFromRemainingArguments: Bool = false,
                sets: [String] = [], validate: [ParameterValidation] = [], help: String? = nil,
                defaultValueText: String? = nil, dontShow: Bool = false, allow: ParameterAllowance = []) {
        self.name = name
        self.type = type
        self.aliases = aliases
        let setNames = sets.isEmpty ? [allParameterSets] : sets
        self.sets = setNames.map {
            ParameterSetMembership(setName: $0, position: position, mandatory: mandatory,
                                   valueFromPipeline: valueFromPipeline,
                                   valueFromPipelineByPropertyName: valueFromPipelineByPropertyName,
                                   valueFromRemainingArguments: valueFromRemainingArguments, helpMessage: help)
        }
        self.validations = validate
        self.helpMessage = help
        self.defaultValueText = defaultValueText
        self.dontShow = dontShow
        self.allow = allow
    }

    /// Full control: different position/mandatory/pipeline settings per set.
    public init(_ name: String, _ type: PSType, aliases: [String] = [], memberships: [ParameterSetMembership],
                validate: [ParameterValidation] = [], help: String? = nil, allow: ParameterAllowance = []) {
        self.name = name
        self.type = type
        self.aliases = aliases
        self.sets = memberships
        self.validations = validate
        self.helpMessage = help
        self.defaultValueText = nil
        self.dontShow = false
        self.allow = allow
    }

    public var isSwitch: Bool { type == .switchParameter }
    public var inAllSets: Bool { sets.contains { $0.setName == allParameterSets } }
}

/// `[CmdletBinding(ConfirmImpact = ...)]`.
public enum ConfirmImpact: Int, Sendable, Comparable {
    case none = 0, low, medium, high
    public static func < (a: ConfirmImpact, b: ConfirmImpact) -> Bool { a.rawValue < b.rawValue }
}

/// Everything about a cmdlet that is not code: name, parameters, sets, ShouldProcess support,
/// output types, help text. It drives binding, Get-Command, Get-Help and tab completion.
public struct CmdletDeclaration: Sendable {
    /// `Verb-Noun`.
    public var name: String
    public var parameters: [ParameterDeclaration]
    /// The set chosen when the arguments do not decide between sets.
    public var defaultParameterSet: String?
    public var supportsShouldProcess: Bool
    public var confirmImpact: ConfirmImpact
    /// .NET type names of what the cmdlet writes (`[OutputType()]`).
    public var outputTypes: [String]
    /// One-line help shown by Get-Help and Get-Command.
    public var synopsis: String
    /// Longer help text (paragraphs separated by blank lines).
    public var description: String
    /// The .NET class that implements the cmdlet in PowerShell, the second half of its errors'
    /// FullyQualifiedErrorId; nil lets the module's naming rule decide (see `CommandClassNames`).
    public var className: String?

    public init(_ name: String, parameters: [any ParameterKey] = [], defaultParameterSet: String? = nil,
                supportsShouldProcess: Bool = false, confirmImpact: ConfirmImpact = .medium,
                outputTypes: [String] = [], synopsis: String = "", description: String = "",
                className: String? = nil) {
        self.init(name, declarations: parameters.map(\.declaration), defaultParameterSet: defaultParameterSet,
                  supportsShouldProcess: supportsShouldProcess, confirmImpact: confirmImpact, outputTypes: outputTypes,
                  synopsis: synopsis, description: description, className: className)
    }

    /// From untyped declarations: script functions' `param()` blocks, whose parameters no Swift code reads.
    init(_ name: String, declarations parameters: [ParameterDeclaration], defaultParameterSet: String? = nil,
                supportsShouldProcess: Bool = false, confirmImpact: ConfirmImpact = .medium,
                outputTypes: [String] = [], synopsis: String = "", description: String = "",
                className: String? = nil) {
        self.name = name
        self.className = className
        self.parameters = parameters
        self.defaultParameterSet = defaultParameterSet
        self.supportsShouldProcess = supportsShouldProcess
        self.confirmImpact = confirmImpact
        self.outputTypes = outputTypes
        self.synopsis = synopsis
        self.description = description
    }

    public var verb: String { name.split(separator: "-", maxSplits: 1).first.map(String.init) ?? name }
    public var noun: String { name.split(separator: "-", maxSplits: 1).dropFirst().first.map(String.init) ?? "" }
}
