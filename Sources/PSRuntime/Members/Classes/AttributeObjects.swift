/// PowerShell's parameter attributes as objects (`[Parameter]::new()`, `[ValidateSet]::new('a', 'b')`,
/// New-Object System.Management.Automation.AliasAttribute): what a `dynamicparam` block collects into a
/// RuntimeDefinedParameter. Each object keeps its arguments as `AttributeArguments`, the same form a
/// written attribute compiles to, so the binder reads both alike; its properties read and write them.
enum AttributeObjects {
    final class Instance {
        var arguments: AttributeArguments
        init(_ arguments: AttributeArguments) { self.arguments = arguments }
    }

    /// Where a property keeps its value.
    enum Slot {
        case named(String, PSType, PSValue)
        case positional(Int, PSType)
        /// Every positional argument, as a string array (`ValidValues`, `AliasNames`).
        case allPositional
    }

    struct Kind {
        let typeName: String
        let baseTypes: [String]
        let arity: ClosedRange<Int>
        let properties: [(name: String, slot: Slot)]
        /// Whether a written attribute's positional arguments are checked against `arity` (not for
        /// the attributes with more constructors than the table models).
        var checksArgumentCount: Bool { !["ArgumentCompleterAttribute", "PSDefaultValueAttribute", "ValidateSetAttribute"].contains { typeName.hasSuffix("." + $0) } }
    }

    static let namespace = "System.Management.Automation."

    // Immutable after its first use.
    nonisolated(unsafe) static let kinds: [String: Kind] = {
        let metadata = namespace + "CmdletMetadataAttribute"
        let parsing = [namespace + "ParsingBaseAttribute", metadata]
        let validate = [namespace + "ValidateArgumentsAttribute", metadata]
        let enumerated = [namespace + "ValidateEnumeratedArgumentsAttribute"] + validate
        let errorMessage = ("ErrorMessage", Slot.named("ErrorMessage", .string, .null))
        func kind(_ name: String, _ bases: [String], _ arity: ClosedRange<Int>, _ properties: [(String, Slot)] = []) -> (String, Kind) {
            (name.lowercased(), Kind(typeName: namespace + name + "Attribute", baseTypes: bases, arity: arity,
                                     properties: properties.map { (name: $0.0, slot: $0.1) }))
        }
        func flag(_ name: String) -> (String, Slot) { (name, .named(name, .bool, .false)) }
        func text(_ name: String) -> (String, Slot) { (name, .named(name, .string, .null)) }
        return Dictionary(uniqueKeysWithValues: [
            kind("Parameter", parsing, 0...0, [
                ("Position", .named("Position", .int32, .int(Int32.min))),
                ("ParameterSetName", .named("ParameterSetName", .string, .string(allParameterSets))),
                flag("Mandatory"), flag("ValueFromPipeline"), flag("ValueFromPipelineByPropertyName"),
                flag("ValueFromRemainingArguments"), text("HelpMessage"), text("HelpMessageBaseName"),
                text("HelpMessageResourceId"), flag("DontShow"),
            ]),
            kind("Alias", parsing, 0...Int.max, [("AliasNames", .allPositional)]),
            kind("AllowNull", [metadata], 0...0), kind("AllowEmptyString", [metadata], 0...0),
            kind("AllowEmptyCollection", [metadata], 0...0), kind("SupportsWildcards", parsing, 0...0),
            kind("ValidateSet", enumerated, 1...Int.max, [("ValidValues", .allPositional),
                                                          ("IgnoreCase", .named("IgnoreCase", .bool, .true)), errorMessage]),
            kind("ValidateRange", enumerated, 1...2, [("MinRange", .positional(0, .object)), ("MaxRange", .positional(1, .object))]),
            kind("ValidatePattern", enumerated, 1...1, [("RegexPattern", .positional(0, .string)), errorMessage]),
            kind("ValidateLength", enumerated, 2...2, [("MinLength", .positional(0, .int32)), ("MaxLength", .positional(1, .int32))]),
            kind("ValidateCount", validate, 2...2, [("MinLength", .positional(0, .int32)), ("MaxLength", .positional(1, .int32))]),
            kind("ValidateScript", enumerated, 1...1, [("ScriptBlock", .positional(0, .scriptBlock)), errorMessage]),
            kind("ValidateNotNull", validate, 0...0), kind("ValidateNotNullOrEmpty", validate, 0...0),
            kind("ValidateNotNullOrWhiteSpace", validate, 0...0),
            kind("ValidateDrive", validate, 0...Int.max, [("ValidRootDrives", .allPositional)]),
            kind("ValidateUserDrive", [namespace + "ValidateDriveAttribute"] + validate, 0...0),
            kind("PSTypeName", [], 1...1, [("PSTypeName", .positional(0, .string))]),
            kind("ArgumentCompleter", [], 1...1, [("ScriptBlock", .positional(0, .scriptBlock))]),
            kind("PSDefaultValue", [], 0...0, [("Value", .named("Value", .object, .null)), text("Help")]),
        ])
    }()

    /// The kind a type name (full or accelerator, lowercased) stands for.
    static func kind(named lowercasedName: String) -> (String, Kind)? {
        let key = AttributeArguments.kind(of: lowercasedName)
        guard let kind = kinds[key],
              lowercasedName == kind.typeName.lowercased() || TypeAccelerators.byName[lowercasedName]?.lowercased() == kind.typeName.lowercased()
        else { return nil }
        return (key, kind)
    }

    static var typeNames: [(String, PSType)] { kinds.values.map { ($0.typeName, .named($0.typeName)) } + [("System.Attribute", .named("System.Attribute"))] }

    /// `[T]::new(args)`; nil when T is not one of these attributes.
    static func construct(_ lowercasedName: String, _ args: [PSValue]) throws -> PSValue? {
        guard let (key, kind) = kind(named: lowercasedName) else { return nil }
        // A `params` array: one array argument is the whole list (`[ValidateSet]::new($choices)`).
        var positional = args
        if kind.arity.upperBound == .max, args.count == 1, let items = args[0].arrayElements { positional = items }
        guard kind.arity.contains(positional.count) else { throw Members.argCount("new", args.count) }
        return .object(object(AttributeArguments(kind: key, positional: positional), kind))
    }

    /// A no-argument attribute (`[Parameter]@{ Mandatory = $true }` sets its properties next); nil
    /// when the name is no such attribute.
    static func empty(_ lowercasedName: String) -> PSObject? {
        guard let (key, kind) = kind(named: lowercasedName), kind.arity.contains(0) else { return nil }
        return object(AttributeArguments(kind: key), kind)
    }

    /// The arguments of an attribute object, nil for anything else.
    static func arguments(of value: PSValue) -> AttributeArguments? {
        guard case .object(let o) = value.unwrapped, let instance = o.baseObject as? Instance else { return nil }
        return instance.arguments
    }

    static func object(_ arguments: AttributeArguments, _ kind: Kind) -> PSObject {
        let instance = Instance(arguments)
        let o = PSObject(typeNames: [kind.typeName] + kind.baseTypes + ["System.Attribute", "System.Object"], baseObject: instance)
        for (name, slot) in kind.properties {
            switch slot {
            case .named(let key, let type, let initial):
                o.addProperty(name, get: { _ in instance.arguments.named(key) ?? initial }, set: { _, value in
                    instance.arguments.named[key.lowercased()] = try PSConvert.convert(value, to: type)
                })
                o.setMemberType(name, "Property", typeHint: type.fullName)
            case .positional(let index, let type):
                o.addProperty(name, get: { _ in
                    guard index < instance.arguments.positional.count, let value = instance.arguments.positional[index] else { return .null }
                    return (try? PSConvert.convert(value, to: type)) ?? value
                })
                o.setMemberType(name, "Property", typeHint: type.fullName)
            case .allPositional:
                o.addProperty(name, get: { _ in .array(PSArray(instance.arguments.strings.map { .string($0) }, kind: .collection(.string))) })
                o.setMemberType(name, "Property", typeHint: "System.Collections.Generic.IList[string]")
            }
        }
        o.addProperty("TypeId", get: { _ in .type(.named(kind.typeName)) })
        o.setMemberType("TypeId", "Property", typeHint: "System.Object")
        o.addMethod("ToString") { _, _ in .string(kind.typeName) }
        return o
    }
}
