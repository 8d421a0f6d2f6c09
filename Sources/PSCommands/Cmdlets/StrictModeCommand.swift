import PSRuntime

/// Set-StrictMode: turns the runtime's strict-mode checks on or off for the calling scope and the
/// scopes it creates (a script's setting ends with the script).
final class SetStrictModeCommand: Cmdlet {
    static let version = Parameter<String>("Version", aliases: ["v"], mandatory: true, sets: ["Version"])
    static let off = Parameter<SwitchParameter>("Off", mandatory: true, sets: ["Off"])
    static let declaration = CmdletDeclaration("Set-StrictMode", parameters: [version, off], defaultParameterSet: "Version", synopsis: "Turns strict mode on or off for the current scope and its child scopes.",
       description: "Version 1.0 refuses to read variables that were never set, except inside strings; 2.0 also inside strings, and refuses properties an object does not have and commands called like methods (f(1,2)); 3.0 and Latest also refuse array indexes out of range. -Off turns every check off.")

    func process(_ context: CmdletContext) throws {
        let scope = context.session.currentScope
        if context[Self.off] {
            scope.strictModeSetting = 0
            return
        }
        let text = context[Self.version] ?? ""
        guard let version = Self.version(text) else {
            throw context.terminatingError(
                "Cannot validate argument on parameter 'Version'. '\(text)' is not a strict mode version: use 1.0, 2.0, 3.0 or Latest.",
                errorId: "ParameterArgumentValidationError", category: .invalidData, target: .string(text),
                exceptionType: "System.Management.Automation.ParameterBindingValidationException")
        }
        scope.strictModeSetting = version
    }

    /// `Latest`, `1`, `2.0`, `3.0` (a version's major number counts; minor parts must be 0).
    static func version(_ text: String) -> Int? {
        let t = text.trimmingCharacters(in: .whitespaces)
        if t.lowercased() == "latest" { return 3 }
        let parts = t.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...4).contains(parts.count), let major = Int(parts[0]), (1...3).contains(major),
              parts.dropFirst().allSatisfy({ Int($0) == 0 }) else { return nil }
        return major
    }
}
