/// Generic methods called with type arguments (`[Array]::Empty[string]()`). The type arguments are
/// resolved first, so an unknown one is PowerShell's TypeNotFound; the generic methods hvsh knows
/// answer here, and every other call goes on to the method of that name as if not generic.
enum GenericMethods {
    /// `writtenName` is the type as the script wrote it: hvsh resolves `[Array]` to the Object[] it
    /// makes arrays as, so the static class is recognised by its name.
    static func invokeStatic(_ type: PSType, writtenName: String?, _ name: String, typeArguments: [PSType],
                             _ args: [PSValue]) throws -> PSValue? {
        let written = writtenName?.lowercased()
        let isArrayClass = type.fullName.lowercased() == "system.array" || written == "array" || written == "system.array"
        guard isArrayClass, name.lowercased() == "empty" else { return nil }
        guard typeArguments.count == 1, args.isEmpty else {
            throw PSRuntimeError.message(
                "Cannot find an overload for \"\(name)\" and the argument count: \"\(args.count)\".",
                errorId: "MethodCountCouldNotFindBestGeneric", category: .notSpecified,
                exceptionType: "System.Management.Automation.MethodException")
        }
        return .array(PSArray([], kind: .typed(typeArguments[0])))
    }
}
