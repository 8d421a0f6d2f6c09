import PSRuntime

/// Update-List: adds items to, removes items from, or replaces the items of a list a property of the
/// input object holds (PowerShell's PSListModifier applied to it), writing the object; without
/// -Property, a hashtable of the changes (Add/Remove/Replace) for a cmdlet that takes one.
final class UpdateListCommand: Cmdlet {
    static let add = Parameter<[PSValue]>("Add", sets: ["AddRemoveSet"], validate: [.notNullOrEmpty])
    static let remove = Parameter<[PSValue]>("Remove", sets: ["AddRemoveSet"], validate: [.notNullOrEmpty])
    static let replace = Parameter<[PSValue]>("Replace", mandatory: true, sets: ["ReplaceSet"], validate: [.notNullOrEmpty])
    static let inputObject = Parameter<PSValue>("InputObject", type: .psObject, valueFromPipeline: true, validate: [.notNullOrEmpty])
    static let property = Parameter<String>("Property", position: 0, validate: [.notNullOrEmpty])
    static let declaration = CmdletDeclaration(
        "Update-List", parameters: [add, remove, replace, inputObject, property], defaultParameterSet: "AddRemoveSet",
        synopsis: "Adds items to and removes items from a property value that contains a collection of objects.",
        description: "Changes the list in -Property of each input object (-Replace: its items become these; otherwise -Remove's items are taken out, then -Add's appended) and writes the object. Without -Property it writes a hashtable of the changes.")

    func process(_ context: CmdletContext) throws {
        guard let name = context[Self.property] else { return }
        guard let input = context[Self.inputObject] else {
            try context.writeError(error(context, "MissingInputObjectParameter",
                                         "You must specify the InputObject parameter when the Property parameter is specified.", target: .null))
            return
        }
        guard let list = PropertyAccess.value(input, name) else {
            try context.writeError(error(context, "MemberDoesntExist", "The property '\(name)' cannot be found on this object", target: input))
            return
        }
        // PSListModifier works on an IList (or ICollection<T>); anything else is refused.
        guard case .array(let array) = list.unwrapped, array.kind != .enumerator else {
            try context.writeError(error(context, "ApplyFailed", "Cannot apply the update because the object is not a supported collection type.",
                                         target: .null, exceptionType: "System.Management.Automation.PSInvalidOperationException"))
            return
        }
        let target = PSValue.array(array)
        let session = context.session
        if let replacement = context[Self.replace] {
            _ = try session.callMethod(on: target, "Clear", [])
            for item in replacement { _ = try session.callMethod(on: target, "Add", [item]) }
        } else {
            for item in context[Self.remove] ?? [] { _ = try session.callMethod(on: target, "Remove", [item]) }
            for item in context[Self.add] ?? [] { _ = try session.callMethod(on: target, "Add", [item]) }
        }
        try context.writeObject(input)
    }

    func end(_ context: CmdletContext) throws {
        guard context[Self.property] == nil else { return }
        if context[Self.inputObject] != nil {
            throw context.terminatingError("You must specify the Property parameter when the InputObject parameter is specified.",
                                           errorId: "MissingPropertyParameter", category: .invalidOperation,
                                           exceptionType: "System.InvalidOperationException")
        }
        let changes = PSHashtable()
        for (key, items) in [("Add", context[Self.add]), ("Remove", context[Self.remove]), ("Replace", context[Self.replace])] {
            if let items { changes[.string(key)] = .array(PSArray(items)) }
        }
        try context.writeObject(.hashtable(changes))
    }

    private func error(_ context: CmdletContext, _ id: String, _ message: String, target: PSValue,
                       exceptionType: String = "System.InvalidOperationException") -> ErrorRecord {
        ErrorRecord(message: message, errorId: context.qualifiedErrorId(id), category: .invalidOperation, target: target,
                    exceptionType: exceptionType)
    }
}
