/// Member access for cmdlets (ForEach-Object -MemberName, Select-Object -ExpandProperty): the same
/// rules as `$x.Name` and `$x.Name(args)` in script, without compiling any script text.
extension ShellSession {
    /// `$target.name(arguments)`; nil for a void method. Throws `MethodNotFound` when there is no such method.
    public func callMethod(on target: PSValue, _ name: String, _ arguments: [PSValue]) throws -> PSValue? {
        try Members.invoke(target, name, arguments, session: self)
    }

    /// `$target.name` (null when the value has no such property, as in script).
    public func propertyValue(of target: PSValue, _ name: String) throws -> PSValue {
        try Members.get(target, name, session: self)
    }
}
