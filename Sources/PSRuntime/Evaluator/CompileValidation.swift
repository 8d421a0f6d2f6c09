import Foundation
import PSLanguage

/// `[Validate*()]` attributes of parameters and variables as binder rules. PowerShell's own messages
/// live in `Validation.check`; an `ErrorMessage = '...'` argument replaces them, formatted like `-f`
/// with the failing element as `{0}` and the set, pattern or script as `{1}`.
extension Compiler {
    func validationRule(_ attr: AttributeNode) -> ParameterValidation? { ParameterValidations.rule(attributeArguments(attr), session: session) }

    /// An attribute written in the script, its constant arguments evaluated.
    func attributeArguments(_ attr: AttributeNode) -> AttributeArguments {
        var arguments = AttributeArguments(kind: AttributeArguments.kind(of: attr.typeName.name))
        arguments.positional = attr.positionalArguments.map { constantValue($0) }
        for argument in attr.namedArguments { arguments.named[argument.name.lowercased()] = named(attr, argument.name) }
        return arguments
    }
}

enum ParameterValidations {
    /// `session` resolves the paths `[ValidateDrive()]` checks.
    static func rule(_ a: AttributeArguments, session: ShellSession?) -> ParameterValidation? {
        let message = a.named("ErrorMessage").flatMap { $0.isNull ? nil : PSConvert.toString($0) }
        switch a.kind {
        case "validateset":
            let values = a.strings
            let ignoreCase = a.named("IgnoreCase").map { PSConvert.toBool($0) } ?? true
            guard let message else { return .set(values, ignoreCase: ignoreCase) }
            return .custom { v in
                for e in v.arrayElements ?? [v] {
                    let s = PSConvert.toString(e)
                    if !values.contains(where: { ignoreCase ? $0.caseInsensitiveCompare(s) == .orderedSame : $0 == s }) {
                        return ValidationMessages.custom(message, e, .string(values.joined(separator: ",")))
                    }
                }
                return nil
            }
        case "validaterange":
            if a.positional.count == 1, let kind = a.positional[0] {
                return ValidationMessages.rangeKind(PSConvert.toString(kind))
            }
            let range = ParameterValidation.range(min: a.double(0), max: a.double(1))
            // .NET converts the value to the bounds' type before comparing: with [int] bounds 10.5
            // becomes 10 (rounded to even) and passes ValidateRange(0,10).
            let integralBounds = a.positional.prefix(2).allSatisfy {
                if case .int?? = $0 { return true }
                return false
            }
            guard integralBounds, a.positional.count == 2 else { return range }
            return .custom { v in
                let items = (v.arrayElements ?? [v]).map { e -> PSValue in
                    switch e {
                    case .double, .decimal: return (try? PSConvert.toInt32(e)).map { .int($0) } ?? e
                    default: return e
                    }
                }
                return Validation.check(range, items.count == 1 && v.arrayElements == nil ? items[0] : .array(PSArray(items)))
            }
        case "validatenotnullorempty": return .notNullOrEmpty
        case "validatenotnull": return .notNull
        case "validatenotnullorwhitespace": return ValidationMessages.notNullOrWhiteSpace
        case "validatepattern":
            guard let pattern = a.strings.first else { return nil }
            guard let message else { return .pattern(pattern) }
            return .custom { v in
                guard let re = try? PSRegex(pattern) else { return nil }
                for e in v.arrayElements ?? [v] {
                    let s = PSConvert.toString(e)
                    if re.regex.firstMatch(in: s, range: NSRange(location: 0, length: (s as NSString).length)) == nil {
                        return ValidationMessages.custom(message, .string(s), .string(pattern))
                    }
                }
                return nil
            }
        case "validatecount":
            return .count(min: Int(a.double(0) ?? 0), max: Int(a.double(1) ?? Double(Int.max)))
        case "validatelength":
            return .length(min: Int(a.double(0) ?? 0), max: Int(a.double(1) ?? Double(Int.max)))
        case "validatedrive", "validateuserdrive":
            guard let session else { return nil }
            return drive(a.kind == "validateuserdrive" ? ["User"] : a.strings, session: session)
        default:
            return nil
        }
    }
}

extension ParameterValidations {
    /// `[ValidateDrive('C', 'D')]`, `[ValidateUserDrive()]`: the path's drive, as the session resolves
    /// it (relative paths are on the current drive), must be one of them.
    static func drive(_ drives: [String], session: ShellSession) -> ParameterValidation {
        let checked = UncheckedSendable(session)
        return .custom { v in
            if v.isNull {
                return "The argument is null or empty. Provide an argument that is not null or empty, and then try the command again."
            }
            guard case .string(let path) = v.unwrapped else {
                return "The path argument is invalid. Supply a path argument that is a string type."
            }
            let located: ProviderPath
            do throws(DriveNotFound) { located = try checked.value.locateItem(path) } catch { return error.message }
            let name = located.drive.name
            if name.isEmpty { return "The path argument has no root drive.  Supply a full path argument with a root drive." }
            guard drives.contains(where: { $0.caseInsensitiveCompare(name) == .orderedSame }) else {
                return "The path argument drive \(name) does not belong to the set of approved drives: \(drives.joined(separator: ",")). Supply a path argument with an approved drive."
            }
            return nil
        }
    }
}

enum ValidationMessages {
    /// A user's `ErrorMessage` format; a malformed format is shown as written.
    static func custom(_ format: String, _ element: PSValue, _ detail: PSValue) -> String {
        (try? PSFormat.format(format, [element, detail])) ?? format
    }

    /// `[ValidateRange('Positive')]` and the other `ValidateRangeKind`s, checked against zero.
    static func rangeKind(_ kind: String) -> ParameterValidation? {
        let test: @Sendable (Double) -> Bool
        let wording: String
        switch kind.lowercased() {
        case "positive": test = { $0 > 0 }; wording = "greater than zero"
        case "nonnegative": test = { $0 >= 0 }; wording = "greater than or equal to zero"
        case "negative": test = { $0 < 0 }; wording = "less than zero"
        case "nonpositive": test = { $0 <= 0 }; wording = "less than or equal to zero"
        default: return nil
        }
        return .custom { v in
            for e in v.arrayElements ?? [v] {
                guard let d = try? PSConvert.toDouble(e) else { continue }
                if !test(d) {
                    return "The argument \"\(PSConvert.toString(e))\" cannot be validated because its value is not \(wording)."
                }
            }
            return nil
        }
    }

    static let notNullOrWhiteSpace = ParameterValidation.custom { v in
        func blank(_ e: PSValue) -> Bool {
            if e.isNull { return true }
            if case .string(let s) = e { return s.allSatisfy(\.isWhitespace) }
            return false
        }
        if let items = v.arrayElements {
            if items.isEmpty || items.contains(where: blank) {
                return "An element of the argument collection is null, empty, or consists of only white-space characters. Supply a collection that does not contain any those values and then try the command again."
            }
            return nil
        }
        if blank(v) {
            return "The argument is null, empty, or consists of only white-space characters. Provide an argument that contains non white-space characters, and then try the command again."
        }
        return nil
    }
}
