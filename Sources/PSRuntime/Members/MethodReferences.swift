/// A method named without a call (`'abc'.ToUpper`, `[Math]::Round`, a class's `$obj.Twice`):
/// PowerShell's PSMethod, whose OverloadDefinitions list the overloads (its view prints one a line)
/// and whose Invoke calls the method.
public enum MethodReferences {
    static let typeNames = ["System.Management.Automation.PSMethod", "System.Management.Automation.PSMethodInfo",
                            "System.Management.Automation.PSMemberInfo", "System.Object"]

    static func make(name: String, overloads: [String], isInstance: Bool, baseObject: AnyObject? = nil,
                     invoke: @escaping ([PSValue]) throws -> PSValue?) -> PSValue {
        let o = PSObject(typeNames: typeNames, baseObject: baseObject)
        o.addNote("OverloadDefinitions", .array(PSArray(overloads.map { .string($0) }, kind: .collection(.string))))
        o.addNote("TypeNameOfValue", .string("System.Management.Automation.PSMethod"))
        o.addNote("MemberType", .enumValue(Members.memberTypes.value(named: "Method")!))
        o.addNote("Name", .string(name))
        o.addNote("IsInstance", .bool(isInstance))
        o.addMethod("Invoke") { _, args in try invoke(args) ?? .null }
        o.toStringHandler = { _ in overloads.joined(separator: ", ") }
        return .object(o)
    }

    /// `$value.Name` where the value has a .NET method of that name and no property: its PSMethod
    /// (the overloads are what Get-Member lists, which the command layer tells the session).
    static func instance(_ value: PSValue, _ name: String, session: ShellSession) -> PSValue? {
        if case .null = value { return nil }
        // A custom object without methods of its own has only System.Object's: a property it lacks
        // (`if ($o.Optional)`, read in loops) is answered without listing its members.
        if session.typeData.isEmpty, case .object(let o) = value, o.baseValue == nil, o.baseObject == nil, !o.members.contains(where: { !$0.isProperty }),
           !["equals", "gethashcode", "gettype", "tostring"].contains(name.lowercased()) {
            return nil
        }
        guard let (proper, overloads) = session.methodOverloads?(value, name, session), !overloads.isEmpty else { return nil }
        return make(name: proper, overloads: overloads, isInstance: true) { args in
            try Members.invoke(value, proper, args, session: session)
        }
    }

    /// `[Type]::Name` for a static method of the table.
    static func staticMethod(_ type: PSType, _ name: String, session: ShellSession) -> PSValue? {
        guard let method = StaticTypes.surface(of: type)?.method(name.lowercased()) else { return nil }
        return make(name: method.name, overloads: method.overloads, isInstance: false) { args in
            try method.call(StaticCall(type: type, name: method.name, args: args, session: session))
        }
    }

    /// A Get-Member definition (`string ToUpper(), string ToUpper(cultureinfo culture)`) split into
    /// its overloads: at the commas outside any parameter list or generic argument list.
    public static func overloads(_ definition: String) -> [String] {
        var parts: [String] = [], current = "", depth = 0
        var characters = definition.makeIterator()
        while let c = characters.next() {
            if c == "(" || c == "[" { depth += 1 } else if c == ")" || c == "]" { depth -= 1 }
            if c == ",", depth == 0 {
                parts.append(current)
                current = ""
                continue
            }
            current.append(c)
        }
        parts.append(current)
        return parts.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
