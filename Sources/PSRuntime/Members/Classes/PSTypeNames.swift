/// System.Management.Automation.PSTypeName: a type by name, whose Type is found when asked (null
/// when no such type is loaded), the way scripts test for a type before defining it:
/// `if (-not ([System.Management.Automation.PSTypeName]'Employee').Type) { ... }`.
enum PSTypeNames {
    static let typeName = "System.Management.Automation.PSTypeName"

    /// `[PSTypeName]::new(name or type)`.
    static func construct(_ args: [PSValue], types: TypeRegistry) throws -> PSValue {
        guard args.count == 1 else { throw Members.argCount("new", args.count) }
        return try cast(args[0], types: types)
    }

    /// A string names the type; a Type gives its full name and itself.
    static func cast(_ value: PSValue, types: TypeRegistry) throws -> PSValue {
        if case .object(let o) = value, o.typeNames.first == typeName { return value }
        if case .type(let t) = value.unwrapped { return .object(object(name: t.fullName, type: { t })) }
        if value.isNull {
            throw DotNetErrors.methodInvocation(".ctor", argumentCount: 1, DotNetErrors.argumentNull(parameter: "name"))
        }
        let name = PSConvert.toString(value)
        return .object(object(name: name, type: { types.resolve(name) }))
    }

    private static func object(name: String, type: @escaping () -> PSType?) -> PSObject {
        let o = PSObject(typeNames: [typeName, "System.Object"])
        o.addNote("Name", .string(name))
        o.setMemberType("Name", "Property", typeHint: "string")
        o.addProperty("Type") { _ in type().map { .type($0) } ?? .null }
        o.setMemberType("Type", "Property", typeHint: "type")
        o.addNote("TypeDefinitionAst", .null)
        o.setMemberType("TypeDefinitionAst", "Property", typeHint: "System.Management.Automation.Language.TypeDefinitionAst")
        o.addMethod("ToString") { _, _ in .string(name) }
        o.toStringHandler = { _ in name }
        return o
    }
}
