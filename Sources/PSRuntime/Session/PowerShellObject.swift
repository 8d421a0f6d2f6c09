import Foundation

/// The script-facing face of `PowerShellInstance`: the object `[powershell]::Create()` returns, its
/// builder methods (each returns the same object, so calls chain), Invoke/BeginInvoke/EndInvoke,
/// Commands, Streams, HadErrors, InvocationStateInfo and Dispose.
enum PowerShellObject {
    /// What BeginInvoke's result holds when the invocation failed: EndInvoke throws it.
    final class PendingFailure {
        let error: PSRuntimeError
        init(error: PSRuntimeError) { self.error = error }
    }

    static func create(_ call: StaticCall) throws -> PSValue {
        guard call.args.count <= 1 else { throw call.wrongCount() }
        var currentRunspace = false
        if let mode = call.args.first {
            if case .object(let o) = mode.unwrapped, let state = o.baseObject as? InitialSessionStateObject.State {
                return .object(make(PowerShellInstance(parent: call.session, currentRunspace: false, initialState: state)))
            }
            switch PSConvert.toString(mode).lowercased() {
            case "currentrunspace": currentRunspace = true
            case "newrunspace": break
            default:
                throw call.failure("Cannot convert argument \"runspace\", with value: \"\(PSConvert.toString(mode))\", for \"Create\" to type \"System.Management.Automation.RunspaceMode\".",
                                   id: "MethodArgumentConversionInvalidCastArgument")
            }
        }
        return .object(make(PowerShellInstance(parent: call.session, currentRunspace: currentRunspace)))
    }

    static func make(_ instance: PowerShellInstance) -> PSObject {
        let o = PSObject(typeNames: [PowerShellInstance.typeName, "System.Object"], baseObject: instance)
        func text(_ args: [PSValue], _ method: String) throws -> String {
            guard let first = args.first else { throw Members.argCount(method, args.count) }
            // AddScript takes a script block too (its text runs in the instance's session).
            if case .scriptBlock(let block) = first.unwrapped { return block.text }
            if case .object(let info) = first.unwrapped, info.typeNames.contains(where: { $0.hasSuffix("Info") }),
               let name = try info.property("Name") {
                return PSConvert.toString(name)
            }
            return PSConvert.toString(first)
        }
        o.addMethod("AddScript") { me, args in
            guard (1...2).contains(args.count) else { throw Members.argCount("AddScript", args.count) }
            let local = args.count == 2 ? PSConvert.toBool(args[1]) : false
            instance.add(.init(text: try text(args, "AddScript"), isScript: true, useLocalScope: local))
            return .object(me)
        }
        o.addMethod("AddCommand") { me, args in
            guard (1...2).contains(args.count) else { throw Members.argCount("AddCommand", args.count) }
            instance.add(.init(text: try text(args, "AddCommand"), isScript: false, useLocalScope: true))
            return .object(me)
        }
        o.addMethod("AddParameter") { me, args in
            guard (1...2).contains(args.count) else { throw Members.argCount("AddParameter", args.count) }
            let name = PSConvert.toString(args[0])
            // A name alone is a switch that is present.
            try instance.withLastCommand("AddParameter") { $0.named.append((name, args.count == 2 ? args[1] : .true)) }
            return .object(me)
        }
        o.addMethod("AddParameters") { me, args in
            guard args.count == 1 else { throw Members.argCount("AddParameters", args.count) }
            let value = args[0].unwrapped
            if case .hashtable(let table) = value {
                try instance.withLastCommand("AddParameters") { command in
                    for key in table.keys { command.named.append((PSConvert.toString(key), table[key] ?? .null)) }
                }
            } else {
                try instance.withLastCommand("AddParameters") { $0.positional += value.arrayElements ?? [value] }
            }
            return .object(me)
        }
        o.addMethod("AddArgument") { me, args in
            guard args.count == 1 else { throw Members.argCount("AddArgument", args.count) }
            try instance.withLastCommand("AddArgument") { $0.positional.append(args[0]) }
            return .object(me)
        }
        o.addMethod("AddStatement") { me, args in
            if !(instance.statements.last?.isEmpty ?? true) { instance.statements.append([]) }
            return .object(me)
        }
        o.addMethod("Invoke") { _, args in
            var input: [PSValue]?
            if let first = args.first, !first.isNull { input = first.arrayElements ?? [first] }
            let toHistory = args.count >= 2 && addsToHistory(args[1])
            return .array(PSArray(try instance.invoke(input: input, argumentCount: args.count, addToHistory: toHistory)))
        }
        // Runs at once: hvsh has no background pipelines, so the "asynchronous" call has finished when
        // it returns, and EndInvoke hands back what it wrote.
        o.addMethod("BeginInvoke") { _, args in
            var input: [PSValue]?
            if let first = args.first, !first.isNull { input = first.arrayElements ?? [first] }
            let result = PSObject(typeNames: ["System.Management.Automation.PowerShellAsyncResult", "System.Object"])
            do {
                _ = try instance.run(input: input)
            } catch let error as PSRuntimeError {
                result.baseObject = PendingFailure(error: error)
            }
            result.addNote("IsCompleted", .true)
            result.addNote("CompletedSynchronously", .true)
            return .object(result)
        }
        o.addMethod("EndInvoke") { _, args in
            guard args.count == 1 else { throw Members.argCount("EndInvoke", args.count) }
            if case .object(let result) = args[0].unwrapped, let failure = result.baseObject as? PendingFailure {
                throw PowerShellInstance.methodError("EndInvoke", argumentCount: 1, failure.error)
            }
            return .array(PSArray(instance.lastOutput))
        }
        o.addVoidMethod("Stop") { _, _ in
            if instance.state == "Running" { instance.state = "Stopped" }
        }
        o.addVoidMethod("Dispose") { _, _ in
            instance.dispose()
        }
        o.addProperty("Commands") { me in .object(commands(instance, owner: me)) }
        o.addProperty("Runspace", get: { _ in
            do { return .object(try instance.runspace().object) } catch let e as PSRuntimeError {
                throw DotNetErrors.methodInvocation("Runspace", argumentCount: 0, e)
            }
        }, set: { _, value in
            guard let runspace = RunspaceObject.runspace(from: value) else {
                throw PSRuntimeError.message(
                    "Exception setting \"Runspace\": \"Cannot convert the \"\(PSConvert.toString(value))\" value of type \"\(value.typeFullName)\" to type \"System.Management.Automation.Runspaces.Runspace\".\"",
                    errorId: "ExceptionWhenSetting", category: .notSpecified,
                    exceptionType: "System.Management.Automation.SetValueInvocationException")
            }
            instance.setRunspace(runspace)
        })
        o.addProperty("Streams") { _ in .object(streams(instance)) }
        o.addProperty("HadErrors") { _ in .bool(instance.hadErrors) }
        o.addProperty("InvocationStateInfo") { _ in
            let info = PSObject(typeNames: ["System.Management.Automation.PSInvocationStateInfo", "System.Object"])
            info.addNote("State", .string(instance.state))
            info.addNote("Reason", instance.stateReason)
            return .object(info)
        }
        o.addProperty("IsNested") { _ in .false }
        // hvsh has no runspace pools: an instance runs in its own runspace whatever is assigned here.
        o.addProperty("RunspacePool", get: { _ in .null }, set: { _, _ in })
        o.addProperty("InstanceId") { _ in .guid(UUID()) }
        o.toStringHandler = { _ in PowerShellInstance.typeName }
        return o
    }

    static let settingsType = "System.Management.Automation.PSInvocationSettings"

    /// `[System.Management.Automation.PSInvocationSettings]::new()`: the options Invoke($input, $settings)
    /// reads; hvsh acts on AddToHistory and keeps the others for scripts that set them.
    static func makeSettings(_ args: [PSValue]) throws -> PSValue {
        guard args.isEmpty else { throw Members.argCount("new", args.count) }
        let o = PSObject(typeNames: [settingsType, "System.Object"])
        o.addNote("ApartmentState", .string("Unknown"))
        o.addNote("Host", .null)
        o.addNote("RemoteStreamOptions", .string("None"))
        o.addNote("ErrorActionPreference", .null)
        o.addNote("FlowImpersonationPolicy", .false)
        o.addNote("ExposeFlowControlExceptions", .false)
        // Typed like the .NET property: `$s.AddToHistory = 1` stores True.
        let addToHistory = Box(false)
        o.addProperty("AddToHistory", get: { _ in .bool(addToHistory.value) },
                      set: { _, v in addToHistory.value = PSConvert.toBool(v) })
        return .object(o)
    }

    private final class Box {
        var value: Bool
        init(_ value: Bool) { self.value = value }
    }

    private static func addsToHistory(_ settings: PSValue) -> Bool {
        guard case .object(let o) = settings.unwrapped, o.typeNames.first == settingsType,
              let v = try? o.property("AddToHistory") else { return false }
        return PSConvert.toBool(v)
    }

    /// PSCommand: the commands added so far (as Command objects naming their text) and Clear().
    private static func commands(_ instance: PowerShellInstance, owner: PSObject) -> PSObject {
        let o = PSObject(typeNames: ["System.Management.Automation.PSCommand", "System.Object"])
        // PSCommand's builders add to the same instance (and return the PSCommand).
        for name in ["AddScript", "AddCommand", "AddParameter", "AddParameters", "AddArgument", "AddStatement"] {
            o.addMethod(name) { me, args in
                _ = try owner.callMethod(name, args)
                return .object(me)
            }
        }
        let list = instance.statements.flatMap { $0 }.map { command -> PSValue in
            let c = PSObject(typeNames: ["System.Management.Automation.Runspaces.Command", "System.Object"])
            c.addNote("CommandText", .string(command.text))
            c.addNote("IsScript", .bool(command.isScript))
            c.addNote("UseLocalScope", .bool(command.useLocalScope))
            let parameters = command.named.map { name, value -> PSValue in
                let p = PSObject(typeNames: ["System.Management.Automation.Runspaces.CommandParameter", "System.Object"])
                p.addNote("Name", .string(name))
                p.addNote("Value", value)
                return .object(p)
            } + command.positional.map { value -> PSValue in
                let p = PSObject(typeNames: ["System.Management.Automation.Runspaces.CommandParameter", "System.Object"])
                p.addNote("Name", .null)
                p.addNote("Value", value)
                return .object(p)
            }
            c.addNote("Parameters", .array(PSArray(parameters)))
            c.toStringHandler = { _ in command.text }
            return .object(c)
        }
        o.addNote("Commands", .array(PSArray(list)))
        o.addVoidMethod("Clear") { _, _ in
            instance.statements = [[]]
        }
        return o
    }

    /// PSDataStreams: the records Invoke collected, per stream, and ClearStreams().
    private static func streams(_ instance: PowerShellInstance) -> PSObject {
        let o = PSObject(typeNames: ["System.Management.Automation.PSDataStreams", "System.Object"])
        o.addNote("Error", .array(instance.errors))
        o.addNote("Progress", .array(instance.progress))
        o.addNote("Verbose", .array(instance.verbose))
        o.addNote("Debug", .array(instance.debug))
        o.addNote("Warning", .array(instance.warnings))
        o.addNote("Information", .array(instance.information))
        o.addVoidMethod("ClearStreams") { _, _ in
            instance.clearStreams()
        }
        return o
    }
}
