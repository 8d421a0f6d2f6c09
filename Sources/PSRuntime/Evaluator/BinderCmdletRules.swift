/// The null/empty checks of mandatory cmdlet parameters. Compiled cmdlets differ from functions
/// here: no argument converter turns `$null` into `''` first, so a `[string]` parameter given
/// `$null` is "null", and a null element of a collection stays null (it is not converted).
extension ParameterBinder {
    /// A null argument, before any conversion (a cmdlet never turns it into `''` or `$false`): a
    /// `[bool]` parameter refuses it always, a mandatory one unless it allows null; the validation
    /// attributes run first, as they do in PowerShell.
    func checkCmdletNull(_ v: PSValue, for i: Int, commandLine: Bool = true) throws {
        guard !isScript, v.isNull else { return }
        let p = metadata.parameters[i]
        if p.type == .bool {
            throw bindingError("Cannot bind argument to parameter '\(p.name)' because it is null.",
                               id: "ParameterArgumentValidationErrorNullNotAllowed", category: .invalidArgument)
        }
        let mandatory = p.sets.contains(where: \.mandatory)
        if commandLine && !mandatory && (p.type == .char || p.type.isNumeric) {
            // The cmdlet's property is a .NET value type: setting it to null fails in the setter, as
            // `Start-Sleep -Seconds $null` and `Import-Csv -Delimiter $null` do in PowerShell.
            throw bindingError("Cannot bind parameter '\(p.name)' to the target. Exception setting \"\(p.name)\": \"Object reference not set to an instance of an object.\"",
                               id: "ParameterBindingFailed", category: .writeError)
        }
        guard p.type != .switchParameter, mandatory, !p.allow.contains(.null) else { return }
        try validate(v, for: i)
        throw nullOrEmptyFailure(p, "null", "NullNotAllowed")
    }

    /// `[NullString]::Value`.
    static func isNullString(_ v: PSValue) -> Bool {
        if case .object(let o) = v { return o.typeNames.first == UtilityTypes.nullString }
        return false
    }

    private func nullOrEmptyFailure(_ p: ParameterDeclaration, _ what: String, _ id: String) -> PSRuntimeError {
        bindingError("Cannot bind argument to parameter '\(p.name)' because it is \(what).",
                     id: "ParameterArgumentValidationError\(id)", category: .invalidData,
                     exceptionType: "System.Management.Automation.ParameterBindingValidationException")
    }

    /// Refuses `$null`, `''` and an empty collection for a parameter that is mandatory in any set,
    /// unless its declaration allows them (`[AllowNull]`, `[AllowEmptyString]`,
    /// `[AllowEmptyCollection]`). `original` is the argument as given, `converted` after conversion.
    func checkCmdletNullOrEmpty(original: PSValue, converted: PSValue, for i: Int) throws {
        guard !isScript else { return }
        let p = metadata.parameters[i]
        guard p.type != .switchParameter, p.sets.contains(where: \.mandatory) else { return }
        func failure(_ what: String, _ id: String) -> PSRuntimeError { nullOrEmptyFailure(p, what, id) }
        if original.isNull {
            if p.allow.contains(.null) { return }
            throw failure("null", "NullNotAllowed")
        }
        if p.type == .string {
            // `[NullString]::Value` becomes a null string, not '' (how scripts pass a real null string).
            if Self.isNullString(original) {
                if p.allow.contains(.null) { return }
                throw failure("null", "NullNotAllowed")
            }
            if case .string(let s) = converted, s.isEmpty, !p.allow.contains(.emptyString) {
                throw failure("an empty string", "EmptyStringNotAllowed")
            }
            return
        }
        let element: PSType
        switch p.type {
        case .array(let t), .list(let t): element = t
        case .arrayList: element = .object
        default: return
        }
        let given = original.arrayElements ?? [original]
        let items = converted.arrayElements ?? [converted]
        if !Self.isValueType(element) {
            for (k, item) in items.enumerated() {
                if (k < given.count && (given[k].isNull || Self.isNullString(given[k]))) || item.isNull {
                    if !p.allow.contains(.null) { throw failure("null", "NullNotAllowed") }
                } else if element == .string, case .string(let s) = item, s.isEmpty, !p.allow.contains(.emptyString) {
                    throw failure("an empty string", "EmptyStringNotAllowed")
                }
            }
        }
        if items.isEmpty && !p.allow.contains(.emptyCollection) {
            if case .array = p.type { throw failure("an empty array", "EmptyArrayNotAllowed") }
            throw failure("an empty collection", "EmptyCollectionNotAllowed")
        }
    }
}
