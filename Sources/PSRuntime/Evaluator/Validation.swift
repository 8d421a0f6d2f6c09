import Foundation

/// Validation attribute checks; nil when the value passes, else the part of PowerShell's message after
/// "Cannot validate argument on parameter 'X'. ".
enum Validation {
    static func check(_ rule: ParameterValidation, _ v: PSValue) -> String? {
        switch rule {
        case .notNull:
            if case .null = v { return "The argument is null. Provide a valid value for the argument, and then try running the command again." }
            if let items = v.arrayElements, items.contains(where: \.isNull) {
                return "The argument has a null value, or an element of the argument collection contains a null value. Provide a collection that does not contain any null values, and then try the command again."
            }
            return nil
        case .notNullOrEmpty:
            switch v {
            case .null: return "The argument is null or empty. Provide an argument that is not null or empty, and then try the command again."
            case .string(let s) where s.isEmpty: return "The argument is null or empty. Provide an argument that is not null or empty, and then try the command again."
            case .array(let a) where a.count == 0: return "The argument is null, empty, or an element of the argument collection contains a null value. Supply a collection that does not contain any null values and then try the command again."
            case .array(let a) where a.elements.contains(where: { $0.isNull || { if case .string(let s) = $0 { return s.isEmpty }; return false }($0) }):
                return "The argument is null, empty, or an element of the argument collection contains a null value. Supply a collection that does not contain any null values and then try the command again."
            default: return nil
            }
        case .set(let values, let ignoreCase):
            for e in v.arrayElements ?? [v] {
                let s = PSConvert.toString(e)
                let ok = values.contains { ignoreCase ? $0.caseInsensitiveCompare(s) == .orderedSame : $0 == s }
                if !ok {
                    return "The argument \"\(s)\" does not belong to the set \"\(values.joined(separator: ","))\" specified by the ValidateSet attribute. Supply an argument that is in the set and then try the command again."
                }
            }
            return nil
        case .range(let lo, let hi):
            for e in v.arrayElements ?? [v] {
                guard let d = try? PSConvert.toDouble(e) else { continue }
                let text = PSConvert.toString(e)
                if let lo, d < lo {
                    return "The \(text) argument is less than the minimum allowed range of \(NumberFormatting.format(lo)). Supply an argument that is greater than or equal to \(NumberFormatting.format(lo)) and then try the command again."
                }
                if let hi, d > hi {
                    return "The \(text) argument is greater than the maximum allowed range of \(NumberFormatting.format(hi)). Supply an argument that is less than or equal to \(NumberFormatting.format(hi)) and then try the command again."
                }
            }
            return nil
        case .pattern(let p):
            guard let re = try? PSRegex(p) else { return nil }
            for e in v.arrayElements ?? [v] {
                let s = PSConvert.toString(e)
                if re.regex.firstMatch(in: s, range: NSRange(location: 0, length: (s as NSString).length)) == nil {
                    return "The argument \"\(s)\" does not match the \"\(p)\" pattern. Supply an argument that matches \"\(p)\" and try the command again."
                }
            }
            return nil
        case .count(let lo, let hi):
            let n = v.arrayElements?.count ?? (v.isNull ? 0 : 1)
            if lo == hi && n != lo {
                return "The parameter requires exactly \(lo) value(s) - \(n) value(s) were provided."
            }
            if n < lo || n > hi {
                return "The parameter requires at least \(lo) value(s) and no more than \(hi) value(s) - \(n) value(s) were provided."
            }
            return nil
        case .length(let lo, let hi):
            for e in v.arrayElements ?? [v] {
                let n = PSConvert.toString(e).count
                if n < lo { return "The character length (\(n)) of the argument is too short. Specify an argument with a length that is greater than or equal to \"\(lo)\", and then try the command again." }
                if n > hi { return "The character length of the \(n) argument is too long. Shorten the character length of the argument so it is fewer than or equal to \"\(hi)\" characters, and then try the command again." }
            }
            return nil
        case .custom(let f):
            return f(v)
        }
    }
}
