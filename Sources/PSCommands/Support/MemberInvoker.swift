// Calling a method or reading a property by name on any value (ForEach-Object -MemberName,
// Select-Object -ExpandProperty on built-in values). PSObject members are called directly; for
// .NET-style values (strings, numbers, arrays) the evaluator's member access is used by running a
// tiny generated expression, so the two paths always agree.

import PSRuntime

enum MemberInvoker {
    static func call(_ target: PSValue, _ name: String, _ args: [PSValue], session: ShellSession) throws -> [PSValue] {
        if case .object(let o) = target, let m = o.member(name) {
            if case .method = m.kind { return flatten(try o.callMethod(name, args) ?? .null) }
            return flatten((try o.property(name)) ?? .null)
        }
        if args.isEmpty, let v = PropertyAccess.value(target, name) { return flatten(v) }
        session.setVariable("__hvshMemberTarget", target)
        session.setVariable("__hvshMemberArgs", .list(args))
        let quoted = "'" + name.replacingAll("'", with: "''") + "'"
        let argText = args.indices.map { "$__hvshMemberArgs[\($0)]" }.joined(separator: ", ")
        let text = "$__hvshMemberTarget.\(quoted)(\(argText))"
        return try session.invoke(text)
    }

    static func flatten(_ v: PSValue) -> [PSValue] {
        if case .null = v { return [] }
        return [v]
    }
}
