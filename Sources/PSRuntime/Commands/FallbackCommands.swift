/// The few commands the language needs to be testable on its own. PSCommands registers the real
/// ones later under the same names, which replaces these.
enum FallbackCommands {
    static var module: PSModule {
        PSModule(name: "Microsoft.PowerShell.Core", cmdlets: [FallbackOutDefault.self, FallbackWriteOutput.self, FallbackForEachObject.self])
    }
}

/// Out-Default without the formatting engine: each object's string form on its own line.
final class FallbackOutDefault: Cmdlet {
    static let declaration = CmdletDeclaration("Out-Default", parameters: [
        ParameterDeclaration("InputObject", .object, valueFromPipeline: true),
    ], synopsis: "Sends objects to the host as text.")

    init() {}

    func process(_ context: CmdletContext) throws {
        guard let v = context["InputObject"] else { return }
        if let r = ErrorRecordObjects.record(from: v) {
            context.session.displayError(r)
            return
        }
        if case .null = v { return }
        context.host.write(PSConvert.toString(v) + "\n", stream: .output)
    }
}

/// Write-Output: the pipeline objects or `-InputObject` values, enumerated unless `-NoEnumerate`.
final class FallbackWriteOutput: Cmdlet {
    static let declaration = CmdletDeclaration("Write-Output", parameters: [
        ParameterDeclaration("InputObject", .array(.object), position: 0, mandatory: true, valueFromPipeline: true,
                             valueFromRemainingArguments: true),
        ParameterDeclaration("NoEnumerate", .switchParameter),
    ], synopsis: "Writes objects to the pipeline.")

    init() {}

    func process(_ context: CmdletContext) throws {
        guard let v = context["InputObject"] else { return }
        try context.writeObject(v, enumerate: !context.switchPresent("NoEnumerate"))
    }
}

/// ForEach-Object with a process block (and optional -Begin/-End), enough for the language's tests.
final class FallbackForEachObject: Cmdlet {
    static let declaration = CmdletDeclaration("ForEach-Object", parameters: [
        ParameterDeclaration("InputObject", .object, valueFromPipeline: true),
        ParameterDeclaration("Process", .scriptBlock, position: 0),
        ParameterDeclaration("Begin", .scriptBlock),
        ParameterDeclaration("End", .scriptBlock),
    ], synopsis: "Runs a script block for each pipeline object.")

    init() {}

    func begin(_ context: CmdletContext) throws {
        if case .scriptBlock(let b)? = context["Begin"] { try context.invokeToOutput(b) }
    }

    func process(_ context: CmdletContext) throws {
        guard case .scriptBlock(let b)? = context["Process"] else { return }
        let item = context["InputObject"]
        if item == nil && context.expectingInput { return }
        try context.invokeToOutput(b, dollarUnder: item ?? .null)
    }

    func end(_ context: CmdletContext) throws {
        if case .scriptBlock(let b)? = context["End"] { try context.invokeToOutput(b) }
    }
}
