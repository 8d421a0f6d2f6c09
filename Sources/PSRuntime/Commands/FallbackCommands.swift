/// The few commands the language needs to be testable on its own. PSCommands registers the real
/// ones later under the same names, which replaces these.
enum FallbackCommands {
    static var module: PSModule {
        PSModule(name: "Microsoft.PowerShell.Core", cmdlets: [OutDefaultCommand.self, WriteOutputCommand.self, ForEachObjectCommand.self])
    }
}

extension FallbackCommands {
    /// Out-Default without the formatting engine: each object's string form on its own line.
    final class OutDefaultCommand: Cmdlet {
        static let inputObject = Parameter<PSValue>("InputObject", valueFromPipeline: true)
        static let declaration = CmdletDeclaration("Out-Default", parameters: [inputObject],
                                                   synopsis: "Sends objects to the host as text.")

        init() {}

        func process(_ context: CmdletContext) throws {
            guard let v = context[Self.inputObject] else { return }
            if let r = ErrorRecordObjects.record(from: v) {
                context.session.displayError(r)
                return
            }
            if case .null = v { return }
            context.host.write(PSConvert.toString(v) + "\n", stream: .output)
        }
    }

    /// Write-Output: the pipeline objects or `-InputObject` values, enumerated unless `-NoEnumerate`.
    final class WriteOutputCommand: Cmdlet {
        // Read as PSValue: a single object must not be wrapped in an array on its way out.
        static let inputObject = Parameter<PSValue>("InputObject", type: .psObject, position: 0, mandatory: true,
                                                    valueFromPipeline: true, valueFromRemainingArguments: true,
                                                    allow: [.null, .emptyCollection])
        static let noEnumerate = Parameter<SwitchParameter>("NoEnumerate")
        static let declaration = CmdletDeclaration("Write-Output", parameters: [inputObject, noEnumerate],
                                                   synopsis: "Writes objects to the pipeline.")

        init() {}

        func process(_ context: CmdletContext) throws {
            guard let v = context[Self.inputObject] else { return }
            try context.writeObject(v, enumerate: !context[Self.noEnumerate])
        }
    }

    /// ForEach-Object with a process block (and optional -Begin/-End), enough for the language's tests.
    final class ForEachObjectCommand: Cmdlet {
        static let inputObject = Parameter<PSValue>("InputObject", valueFromPipeline: true)
        static let process = Parameter<PSScriptBlock>("Process", position: 0)
        static let begin = Parameter<PSScriptBlock>("Begin")
        static let end = Parameter<PSScriptBlock>("End")
        static let declaration = CmdletDeclaration("ForEach-Object", parameters: [inputObject, process, begin, end],
                                                   synopsis: "Runs a script block for each pipeline object.")

        init() {}

        func begin(_ context: CmdletContext) throws {
            if let b = context[Self.begin] { try context.invokeToOutput(b) }
        }

        func process(_ context: CmdletContext) throws {
            guard let b = context[Self.process] else { return }
            let item = context[Self.inputObject]
            if item == nil && context.expectingInput { return }
            try context.invokeToOutput(b, dollarUnder: item ?? .null)
        }

        func end(_ context: CmdletContext) throws {
            if let b = context[Self.end] { try context.invokeToOutput(b) }
        }
    }
}
