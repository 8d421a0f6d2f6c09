/// An attribute's arguments as values: what `[Name(args, Key = value)]` on a parameter says once its
/// constants are evaluated, or what an attribute object built at run time holds
/// (`[ValidateSet]::new('a', 'b')` in a `dynamicparam` block). Both become the same binder rules.
struct AttributeArguments {
    /// Lowercased, without `System.Management.Automation.` and the `Attribute` suffix: `validateset`.
    var kind: String
    /// Positional arguments; nil where the written argument was not a constant.
    var positional: [PSValue?] = []
    /// Named arguments, lowercased names (`Mandatory` written without a value is `$true`).
    var named: [String: PSValue] = [:]

    static func kind(of typeName: String) -> String {
        var name = typeName.lowercased()
        if name.hasPrefix("system.management.automation.") { name.removeFirst("system.management.automation.".count) }
        if name.hasSuffix("attribute"), name != "attribute" { name.removeLast("attribute".count) }
        return name
    }

    func named(_ name: String) -> PSValue? { named[name.lowercased()] }

    /// The positional arguments as strings, arrays flattened (`[ValidateSet('a', 'b')]`, `[Alias(...)]`).
    var strings: [String] {
        positional.flatMap { value -> [String] in
            guard let value else { return [] }
            return (value.arrayElements ?? [value]).map { PSConvert.toString($0) }
        }
    }

    func double(_ index: Int) -> Double? {
        guard index < positional.count, let value = positional[index] else { return nil }
        return try? PSConvert.toDouble(value)
    }
}

/// What a parameter's attributes say, read one attribute at a time: its parameter sets, aliases,
/// validations and the rules only script parameters have.
struct ParameterAttributeReader {
    var memberships: [ParameterSetMembership] = []
    var aliases: [String] = []
    var validations: [ParameterValidation] = []
    var rules = ScriptParameterRules()
    /// A `[Parameter()]` was read (the command is an advanced one).
    var sawParameterAttribute = false
    /// A `[Parameter(Position = n)]` was read.
    var sawExplicitPosition = false
    /// For the attributes that resolve paths (`[ValidateDrive()]`).
    var session: ShellSession?

    mutating func read(_ a: AttributeArguments) {
        switch a.kind {
        case "parameter":
            sawParameterAttribute = true
            var membership = ParameterSetMembership()
            if let value = a.named("Mandatory") { membership.mandatory = PSConvert.toBool(value) }
            if let value = a.named("Position"), let position = try? PSConvert.toInt(value), position != Int(Int32.min) {
                membership.position = position
                sawExplicitPosition = true
            }
            if let value = a.named("ValueFromPipeline") { membership.valueFromPipeline = PSConvert.toBool(value) }
            if let value = a.named("ValueFromPipelineByPropertyName") { membership.valueFromPipelineByPropertyName = PSConvert.toBool(value) }
            if let value = a.named("ValueFromRemainingArguments") { membership.valueFromRemainingArguments = PSConvert.toBool(value) }
            if let value = a.named("ParameterSetName"), !value.isNull { membership.setName = PSConvert.toString(value) }
            if let value = a.named("HelpMessage"), !value.isNull { membership.helpMessage = PSConvert.toString(value) }
            memberships.append(membership)
        case "alias": aliases += a.strings
        case "allownull": rules.allowNull = true
        case "allowemptystring": rules.allowEmptyString = true
        case "allowemptycollection": rules.allowEmptyCollection = true
        case "pstypename": rules.psTypeName = a.strings.first
        case "runspace", "runspaces.runspace": rules.transformsRunspace = true
        case "validatescript":
            if case .scriptBlock(let block)?? = a.positional.first {
                let message = a.named("ErrorMessage").flatMap { $0.isNull ? nil : PSConvert.toString($0) }
                rules.validateScripts.append((block, message))
            }
        default:
            if let rule = ParameterValidations.rule(a, session: session) { validations.append(rule) }
        }
    }

    func declaration(_ name: String, _ type: PSType) -> ParameterDeclaration {
        ParameterDeclaration(name, type, aliases: aliases, memberships: memberships.isEmpty ? [ParameterSetMembership()] : memberships,
                             validate: validations)
    }
}
