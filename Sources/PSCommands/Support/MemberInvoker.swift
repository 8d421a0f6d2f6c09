// Calling a method or reading a property by name on any value (ForEach-Object -MemberName,
// Select-Object -ExpandProperty on built-in values), with the evaluator's own member rules.

import PSRuntime

enum MemberInvoker {
    /// Throws the runtime's `MethodNotFound` error when the value has neither a property nor a method of that name.
    static func call(_ target: PSValue, _ name: String, _ args: [PSValue], session: ShellSession) throws -> [PSValue] {
        if case .object(let o) = target, let m = o.member(name) {
            if case .method = m.kind { return flatten(try o.callMethod(name, args) ?? .null) }
            return flatten((try o.property(name)) ?? .null)
        }
        if args.isEmpty {
            if let v = PropertyAccess.value(target, name) { return flatten(v) }
            let v = try session.propertyValue(of: target, name)
            if !v.isNull { return flatten(v) }
        }
        return flatten(try session.callMethod(on: target, name, args) ?? .null)
    }

    static func flatten(_ v: PSValue) -> [PSValue] {
        if case .null = v { return [] }
        return [v]
    }
}
