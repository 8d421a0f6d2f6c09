/// A Swift type a cmdlet reads one of its parameters as. The binder has already converted the
/// argument to `parameterType` (or to the type the parameter declares), so `init(bound:)` only
/// unwraps the converted value; it never runs a second PowerShell conversion on the happy path.
public protocol ParameterValue {
    /// What the binder converts an argument to when the parameter declares no type of its own.
    static var parameterType: PSType { get }
    /// The Swift form of a bound value; nil only for a value the binder could not have produced.
    static func unwrap(bound: PSValue) -> Self?
}

/// Anything that contributes one parameter to a `CmdletDeclaration`.
public protocol ParameterKey: Sendable {
    var declaration: ParameterDeclaration { get }
}

/// One cmdlet parameter, declared once and read back through the same value:
///
///     static let count = Parameter<Int64>("Count")
///     ...
///     if let count = context[Self.count] { settings.count = count }
///
/// The key carries everything `[Parameter()]`, `[Alias()]` and `[Validate*()]` say, so the cmdlet's
/// declaration is built from its keys and a misspelt name cannot compile.
public struct Parameter<Value: ParameterValue>: ParameterKey, Sendable {
    public let declaration: ParameterDeclaration

    public var name: String { declaration.name }

    /// The same attributes in every listed set (all sets when `sets` is empty). `type` overrides the
    /// PowerShell type the binder converts to (an enum, a module class such as `VirtualMachine[]`).
    public init(_ name: String, type: PSType? = nil, aliases: [String] = [], position: Int? = nil,
                mandatory: Bool = false, valueFromPipeline: Bool = false,
                valueFromPipelineByPropertyName: Bool = false, valueFromRemainingArguments: Bool = false,
                sets: [String] = [], validate: [ParameterValidation] = [], help: String? = nil,
                defaultValueText: String? = nil, dontShow: Bool = false, allow: ParameterAllowance = []) {
        declaration = ParameterDeclaration(
            name, type ?? Value.parameterType, aliases: aliases, position: position, mandatory: mandatory,
            valueFromPipeline: valueFromPipeline, valueFromPipelineByPropertyName: valueFromPipelineByPropertyName,
            valueFromRemainingArguments: valueFromRemainingArguments, sets: sets, validate: validate, help: help,
            defaultValueText: defaultValueText, dontShow: dontShow, allow: allow)
    }

    /// The same parameter with PowerShell's `[Runspace()]` transformation (see `ParameterDeclaration.transformsRunspace`).
    public func transformingRunspace() -> Parameter {
        var changed = declaration
        changed.transformsRunspace = true
        return Parameter(declaration: changed)
    }

    /// The same parameter with an argument transformation (see `ParameterDeclaration.transform`).
    public func transforming(_ transform: @escaping @Sendable (PSValue) -> PSValue) -> Parameter {
        var changed = declaration
        changed.transform = transform
        return Parameter(declaration: changed)
    }

    private init(declaration: ParameterDeclaration) { self.declaration = declaration }

    /// Different position/mandatory/pipeline settings per parameter set.
    public init(_ name: String, type: PSType? = nil, aliases: [String] = [], memberships: [ParameterSetMembership],
                validate: [ParameterValidation] = [], help: String? = nil, allow: ParameterAllowance = []) {
        declaration = ParameterDeclaration(name, type ?? Value.parameterType, aliases: aliases,
                                           memberships: memberships, validate: validate, help: help, allow: allow)
    }
}

/// A `[switch]` parameter's value: `context[Self.force]` is true when the switch was given and not
/// turned off with `-Force:$false`.
public struct SwitchParameter: ParameterValue, Sendable {
    public let isPresent: Bool
    public static var parameterType: PSType { .switchParameter }
    public init(isPresent: Bool) { self.isPresent = isPresent }
    public static func unwrap(bound: PSValue) -> SwitchParameter? { SwitchParameter(isPresent: PSConvert.toBool(bound)) }
}

/// The members of a `[string[]]`-style parameter: a scalar gives one element, `$null` none.
private func elements(of value: PSValue) -> [PSValue] {
    if case .null = value { return [] }
    return value.arrayElements ?? [value]
}

extension PSValue: ParameterValue {
    public static var parameterType: PSType { .object }
    public static func unwrap(bound: PSValue) -> PSValue? { bound }
}

extension String: ParameterValue {
    public static var parameterType: PSType { .string }
    /// Enum-typed parameters read as their member name (`On`), everything else as PowerShell's string.
    public static func unwrap(bound: PSValue) -> Self? {
        switch bound {
        case .string(let s): return s
        case .enumValue(let e): return e.description
        default: return PSConvert.toString(bound)
        }
    }
}

extension Bool: ParameterValue {
    public static var parameterType: PSType { .bool }
    public static func unwrap(bound: PSValue) -> Bool? { PSConvert.toBool(bound) }
}

extension FixedWidthInteger {
    /// A bound value of another shape (another integer type, numeric text) as this integer type, when
    /// it fits exactly; nil otherwise (the binder has already refused what does not convert).
    public static func exactly(converting bound: PSValue) -> Self? {
        (try? PSConvert.toInt64(bound)).flatMap { Self(exactly: $0) }
    }
}

extension Int32: ParameterValue {
    public static var parameterType: PSType { .int32 }
    public static func unwrap(bound: PSValue) -> Self? {
        if case .int(let n) = bound { return n }
        return exactly(converting: bound)
    }
}

extension Int64: ParameterValue {
    public static var parameterType: PSType { .int64 }
    public static func unwrap(bound: PSValue) -> Self? {
        switch bound {
        case .long(let n): return n
        case .int(let n): return Int64(n)
        default:
            guard let n = try? PSConvert.toInt64(bound) else { return nil }
            return n
        }
    }
}

/// Swift's `Int` stands for PowerShell's `[int]` (System.Int32) in declarations.
extension Int: ParameterValue {
    public static var parameterType: PSType { .int32 }
    public static func unwrap(bound: PSValue) -> Self? {
        switch bound {
        case .int(let n): return Int(n)
        case .long(let n): return Int(n)
        default:
            guard let n = try? PSConvert.toInt64(bound) else { return nil }
            return Int(n)
        }
    }
}

extension UInt64: ParameterValue {
    public static var parameterType: PSType { .uint64 }
    public static func unwrap(bound: PSValue) -> Self? {
        if case .uint64(let n) = bound { return n }
        return exactly(converting: bound)
    }
}

extension UInt32: ParameterValue {
    public static var parameterType: PSType { .uint32 }
    public static func unwrap(bound: PSValue) -> Self? {
        if case .uint32(let n) = bound { return n }
        return exactly(converting: bound)
    }
}

extension UInt8: ParameterValue {
    public static var parameterType: PSType { .byte }
    public static func unwrap(bound: PSValue) -> Self? {
        if case .byte(let n) = bound { return n }
        return exactly(converting: bound)
    }
}

extension Double: ParameterValue {
    public static var parameterType: PSType { .double }
    public static func unwrap(bound: PSValue) -> Self? {
        if case .double(let d) = bound { return d }
        guard let d = try? PSConvert.toDouble(bound) else { return nil }
        return d
    }
}

extension PSScriptBlock: ParameterValue {
    public static var parameterType: PSType { .scriptBlock }
    public static func unwrap(bound: PSValue) -> PSScriptBlock? {
        if case .scriptBlock(let block) = bound { return block }
        return nil
    }
}

extension Array: ParameterValue where Element: ParameterValue {
    public static var parameterType: PSType { .array(Element.parameterType) }
    public static func unwrap(bound: PSValue) -> Self? {
        var result: [Element] = []
        for element in elements(of: bound) {
            guard let e = Element.unwrap(bound: element) else { return nil }
            result.append(e)
        }
        return result
    }
}

extension CmdletContext {
    /// The value of a bound parameter, nil when it was not given.
    public subscript<Value>(_ key: Parameter<Value>) -> Value? {
        guard let value = self[key.declaration.name] else { return nil }
        return Value.unwrap(bound: value)
    }

    /// A switch: true when given and not `-Name:$false`.
    public subscript(_ key: Parameter<SwitchParameter>) -> Bool {
        guard let value = self[key.declaration.name] else { return false }
        return PSConvert.toBool(value)
    }

    /// True when the parameter was given (on the command line, by splatting or from the pipeline).
    public func isBound<Value>(_ key: Parameter<Value>) -> Bool { self[key.declaration.name] != nil }

    /// True when the parameter took an unnamed argument by position (not `-Name value`, not a splatted key).
    public func wasBoundByPosition<Value>(_ key: Parameter<Value>) -> Bool {
        guard let index = bound.metadata.index(of: key.declaration.name) else { return false }
        return bound.storage.boundByPosition.contains(index)
    }
}
