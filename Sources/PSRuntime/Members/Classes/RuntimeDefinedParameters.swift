/// System.Management.Automation.RuntimeDefinedParameter and its dictionary: what a `dynamicparam`
/// block returns to add parameters to its command. The binder fills `Value` (and `IsSet`) of each
/// one the command line or the pipeline binds.
enum RuntimeDefinedParameters {
    static let typeName = "System.Management.Automation.RuntimeDefinedParameter"
    static let dictionaryTypeName = "System.Management.Automation.RuntimeDefinedParameterDictionary"
    static let attributeCollection = PSType.collection(.named("System.Attribute"))

    final class State {
        var name = ""
        var type: PSType = .object
        var value: PSValue = .null
        var isSet = false
        /// The collection given to the constructor, shared as .NET shares it: attributes added to it
        /// later count too.
        var attributes: PSValue = .array(PSArray([], kind: .collection(.named("System.Attribute"))))
    }

    static var typeNames: [(String, PSType)] { [(typeName, .named(typeName)), (dictionaryTypeName, .named(dictionaryTypeName))] }

    static func construct(_ lowercasedName: String, _ args: [PSValue], types: TypeRegistry) throws -> PSValue? {
        switch lowercasedName {
        case typeName.lowercased():
            let state = State()
            switch args.count {
            case 0: break
            case 3:
                state.name = PSConvert.toString(args[0])
                if state.name.isEmpty {
                    throw DotNetErrors.methodInvocation(".ctor", argumentCount: 3, DotNetErrors.argument("The value of the argument 'name' is null or empty. (Parameter 'name')"))
                }
                guard case .type(let type) = try PSConvert.convert(args[1], to: .type, types: types) else { throw Members.argCount("new", 3) }
                state.type = type
                state.attributes = try PSConvert.convert(args[2], to: attributeCollection, types: types)
            default: throw Members.argCount("new", args.count)
            }
            return .object(object(state))
        case dictionaryTypeName.lowercased():
            guard args.isEmpty else { throw Members.argCount("new", args.count) }
            return .hashtable(dictionary())
        default: return nil
        }
    }

    static func dictionary() -> PSHashtable {
        let table = PSHashtable.dictionary(.string, .named(typeName), ignoreCase: true)
        table.engineTypeName = dictionaryTypeName
        return table
    }

    static func state(of value: PSValue) -> State? {
        guard case .object(let o) = value.unwrapped else { return nil }
        return o.baseObject as? State
    }

    static func object(_ state: State) -> PSObject {
        let o = PSObject(typeNames: [typeName, "System.Object"], baseObject: state)
        o.addProperty("Name", get: { _ in .string(state.name) }, set: { _, v in state.name = PSConvert.toString(v) })
        o.addProperty("ParameterType", get: { _ in .type(state.type) }, set: { _, v in
            if case .type(let type) = try PSConvert.convert(v, to: .type) { state.type = type }
        })
        // .NET's setter marks the parameter as set, whatever the value.
        o.addProperty("Value", get: { _ in state.value }, set: { _, v in state.value = v; state.isSet = true })
        o.addProperty("IsSet", get: { _ in .bool(state.isSet) }, set: { _, v in state.isSet = PSConvert.toBool(v) })
        o.addProperty("Attributes", get: { _ in state.attributes })
        for (name, type) in [("Name", "string"), ("ParameterType", "type"), ("Value", "System.Object"), ("IsSet", "bool"),
                             ("Attributes", "System.Collections.ObjectModel.Collection[System.Attribute]")] {
            o.setMemberType(name, "Property", typeHint: type)
        }
        return o
    }
}
