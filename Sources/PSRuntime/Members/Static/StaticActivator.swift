/// System.Activator.CreateInstance: `[T]::new(...)` for a type held in a variable.
extension StaticTypes {
    nonisolated(unsafe) static let activatorTypes: [StaticType] = [
        StaticType(keys: ["activator"], methods: [
            StaticType.method("CreateInstance", "static System.Object CreateInstance(type type)",
                              "static System.Object CreateInstance(type type, Params System.Object[] args)") { call in
                guard let first = call.args.first else { throw call.wrongCount() }
                guard case .type(let type) = first.unwrapped else {
                    throw DotNetClasses.argumentConversion(method: "CreateInstance", parameter: "type", value: first, type: "System.Type")
                }
                var rest = Array(call.args.dropFirst())
                // `params object[] args` given as one array: its elements are the arguments.
                if rest.count == 1, case .array(let array) = rest[0].unwrapped, array.kind == .objectArray { rest = array.elements }
                return try TypeOperations.construct(type, rest, session: call.session)
            },
        ]),
    ]
}
