import Foundation

/// Validation attribute checks; nil when the value passes, else the part of PowerShell's message after
/// "Cannot validate argument on parameter 'X'. ".
enum Validation {
    static func check(_ rule: ParameterValidation, _ value: PSValue) -> String? {
        switch rule {
        case .notNull:
            if case .null = value { return "The argument is null. Provide a valid value for the argument, and then try running the command again." }
            if let items = value.arrayElements, items.contains(where: \.isNull) {
                return "The argument has a null value, or an element of the argument collection contains a null value. Provide a collection that does not contain any null values, and then try the command again."
            }
            return nil
        case .notNullOrEmpty:
            switch value {
            case .null: return "The argument is null or empty. Provide an argument that is not null or empty, and then try the command again."
            case .string(let text) where text.isEmpty: return "The argument is null or empty. Provide an argument that is not null or empty, and then try the command again."
            case .array(let array) where array.count == 0: return "The argument is null, empty, or an element of the argument collection contains a null value. Supply a collection that does not contain any null values and then try the command again."
            // An empty dictionary is empty too (PowerShell checks IDictionary after the collections).
            case .hashtable(let table) where table.count == 0: return "The argument is null, empty, or an element of the argument collection contains a null value. Supply a collection that does not contain any null values and then try the command again."
            case .array(let array) where array.elements.contains(where: { $0.isNull || { if case .string(let text) = $0 { return text.isEmpty }; return false }($0) }):
                return "The argument is null, empty, or an element of the argument collection contains a null value. Supply a collection that does not contain any null values and then try the command again."
            default: return nil
            }
        case .set(let values, let ignoreCase):
            for element in value.arrayElements ?? [value] {
                let text = PSConvert.toString(element)
                let ok = values.contains { ignoreCase ? $0.caseInsensitiveCompare(text) == .orderedSame : $0 == text }
                if !ok {
                    return "The argument \"\(text)\" does not belong to the set \"\(values.joined(separator: ","))\" specified by the ValidateSet attribute. Supply an argument that is in the set and then try the command again."
                }
            }
            return nil
        case .range(let minimum, let maximum):
            for element in value.arrayElements ?? [value] {
                guard let number = try? PSConvert.toDouble(element) else { continue }
                let text = PSConvert.toString(element)
                if let minimum, number < minimum {
                    return "The \(text) argument is less than the minimum allowed range of \(NumberFormatting.format(minimum)). Supply an argument that is greater than or equal to \(NumberFormatting.format(minimum)) and then try the command again."
                }
                if let maximum, number > maximum {
                    return "The \(text) argument is greater than the maximum allowed range of \(NumberFormatting.format(maximum)). Supply an argument that is less than or equal to \(NumberFormatting.format(maximum)) and then try the command again."
                }
            }
            return nil
        case .pattern(let pattern):
            guard let regex = try? PSRegex(pattern) else { return nil }
            for element in value.arrayElements ?? [value] {
                let text = PSConvert.toString(element)
                if regex.regex.firstMatch(in: text, range: NSRange(location: 0, length: (text as NSString).length)) == nil {
                    return "The argument \"\(text)\" does not match the \"\(pattern)\" pattern. Supply an argument that matches \"\(pattern)\" and try the command again."
                }
            }
            return nil
        case .count(let minimum, let maximum):
            let count = value.arrayElements?.count ?? (value.isNull ? 0 : 1)
            if minimum == maximum && count != minimum {
                return "The parameter requires exactly \(minimum) value(s) - \(count) value(s) were provided."
            }
            if count < minimum || count > maximum {
                return "The parameter requires at least \(minimum) value(s) and no more than \(maximum) value(s) - \(count) value(s) were provided."
            }
            return nil
        case .length(let minimum, let maximum):
            for element in value.arrayElements ?? [value] {
                let count = PSConvert.toString(element).count
                if count < minimum { return "The character length (\(count)) of the argument is too short. Specify an argument with a length that is greater than or equal to \"\(minimum)\", and then try the command again." }
                if count > maximum { return "The character length of the \(count) argument is too long. Shorten the character length of the argument so it is fewer than or equal to \"\(maximum)\" characters, and then try the command again." }
            }
            return nil
        case .custom(let check), .notPositionally(let check):
            return check(value)
        }
    }
}
