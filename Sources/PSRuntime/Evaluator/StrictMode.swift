/// Set-StrictMode's rules: version 1 refuses reads of variables never set (outside strings), version 2
/// also inside strings and reads of properties an object does not have, version 3 (`Latest`) also
/// indexes outside an array. The checks run only on the slow path, after a read came back empty.
enum StrictMode {
    static let latest = 3

    static func undefinedVariable(_ name: String) -> PSRuntimeError {
        PSRuntimeError.message("The variable '$\(name)' cannot be retrieved because it has not been set.",
                               errorId: "VariableIsUndefined", category: .invalidOperation, target: .string(name))
    }

    static func propertyNotFound(_ name: String) -> PSRuntimeError {
        PSRuntimeError.message("The property '\(name)' cannot be found on this object. Verify that the property exists.",
                               errorId: "PropertyNotFoundStrict", category: .notSpecified,
                               exceptionType: "System.Management.Automation.PropertyNotFoundException",
                               target: .string(name))
    }

    static func indexOutOfRange() -> PSRuntimeError {
        PSRuntimeError.message("Index was outside the bounds of the array.", errorId: "System.IndexOutOfRangeException",
                               category: .operationStopped, exceptionType: "System.IndexOutOfRangeException")
    }

    static func methodCallSyntax(_ position: ScriptExtent) -> PSRuntimeError {
        PSRuntimeError.message("The function or command was called as if it were a method. Parameters should be separated by spaces. For information about parameters, see the about_Parameters Help topic.",
                               errorId: "StrictModeFunctionCallWithParens", category: .invalidOperation).withPosition(position)
    }

    /// Whether reading `name` from `value` found a member (whose value may be $null) rather than nothing.
    /// Hashtables answer every key, as PowerShell's strict mode lets `$h.missing` be $null.
    static func hasMember(_ value: PSValue, _ name: String) -> Bool {
        switch value {
        case .null: return false
        case .hashtable: return true
        case .object(let o):
            if o.member(name) != nil { return true }
            if let base = o.baseValue { return hasMember(base, name) }
            return false
        case .array(let a): return a.elements.contains { hasMember($0, name) }
        default: return false
        }
    }

    static func isCountOrLength(_ name: String) -> Bool {
        let n = name.lowercased()
        return n == "count" || n == "length"
    }

    /// Whether `.Count`/`.Length` of `value` is the count PowerShell makes up for a single object
    /// (or $null) rather than a real member: arrays, hashtables and a string's Length are real.
    static func isScalarCount(_ value: PSValue, _ name: String) -> Bool {
        switch value {
        case .array, .hashtable: return false
        case .string: return name.lowercased() != "length"
        case .object(let o):
            if o.member(name) != nil { return false }
            if let base = o.baseValue { return isScalarCount(base, name) }
            return true
        default: return true
        }
    }

    /// Whether `index` lies outside `target` when `target` is an array read with a single integer.
    static func isOutOfRange(_ target: PSValue, _ index: PSValue) -> Bool {
        guard case .array(let a) = target, let i = try? PSConvert.toInt64(index), index.arrayElements == nil else { return false }
        return i >= Int64(a.count) || i < -Int64(a.count)
    }
}
