import PSRuntime

/// `$ExecutionContext` (EngineIntrinsics) as far as scripts and PowerShell's tests use it:
/// SessionState (PSVariable Get/GetValue/Set/Remove, Path.CurrentLocation, LanguageMode),
/// InvokeCommand (ExpandString, NewScriptBlock, InvokeScript, GetCommand, GetCmdlet) and Host.
/// Every member works on the session as it is when called (the current scope, location and host).
enum ExecutionContextObject {
    static func install(in session: ShellSession) {
        session.globalScope.set("ExecutionContext", .object(make(session))).options = [.constant]
    }

    static func make(_ s: ShellSession) -> PSObject {
        // The session holds this object in a variable; a strong capture would keep it alive forever.
        unowned let session = s
        let o = PSObject(typeNames: ["System.Management.Automation.EngineIntrinsics", "System.Object"])
        o.addProperty("Host") { _ in session.globalScope.lookup("Host")?.value ?? .null }
        let sessionState = self.sessionState(session)
        o.addNote("SessionState", .object(sessionState))
        o.addNote("InvokeCommand", .object(invokeCommand(session)))
        o.toStringHandler = { _ in "System.Management.Automation.EngineIntrinsics" }
        return o
    }

    private static func sessionState(_ s: ShellSession) -> PSObject {
        unowned let session = s
        let o = PSObject(typeNames: ["System.Management.Automation.SessionState", "System.Object"])
        let variables = PSObject(typeNames: ["System.Management.Automation.PSVariableIntrinsics", "System.Object"])
        func name(_ args: [PSValue], _ method: String) throws -> String {
            guard let first = args.first else { throw DotNetErrors.noOverload(method, argumentCount: args.count) }
            return PSConvert.toString(first)
        }
        variables.addMethod("Get") { _, args in
            session.currentScope.lookup(try name(args, "Get")).map { VariableObjects.make($0) } ?? .null
        }
        variables.addMethod("GetValue") { _, args in
            guard (1...2).contains(args.count) else { throw DotNetErrors.noOverload("GetValue", argumentCount: args.count) }
            return session.currentScope.lookup(try name(args, "GetValue"))?.value ?? (args.count == 2 ? args[1] : .null)
        }
        variables.addVoidMethod("Set") { _, args in
            guard (1...2).contains(args.count) else { throw DotNetErrors.noOverload("Set", argumentCount: args.count) }
            let variableName = try name(args, "Set")
            if let existing = session.currentScope.lookup(variableName),
               existing.options.contains(.constant) || existing.options.contains(.readOnly) {
                throw DotNetErrors.methodInvocation("Set", argumentCount: args.count, PSRuntimeError.message(
                    "Cannot overwrite variable \(existing.name) because it is read-only or constant.", errorId: "VariableNotWritable",
                    category: .writeError, exceptionType: "System.Management.Automation.SessionStateUnauthorizedAccessException"))
            }
            session.setVariable(variableName, args.count == 2 ? args[1] : .null)
        }
        variables.addVoidMethod("Remove") { _, args in
            session.currentScope.remove(try name(args, "Remove"))
        }
        o.addNote("PSVariable", .object(variables))
        let path = PSObject(typeNames: ["System.Management.Automation.PathIntrinsics", "System.Object"])
        path.addProperty("CurrentLocation") { _ in .object(PathInfo.make(session.currentLocation)) }
        path.addProperty("CurrentFileSystemLocation") { _ in .object(PathInfo.make(session.currentLocation)) }
        o.addNote("Path", .object(path))
        o.addNote("Provider", .object(providerIntrinsics(session)))
        o.addNote("LanguageMode", .string("FullLanguage"))
        o.addNote("Module", .null)
        o.addNote("InvokeCommand", .object(invokeCommand(session)))
        return o
    }

    /// ProviderIntrinsics: Get (a collection), GetOne and GetAll, by provider name as Get-PSProvider
    /// matches it; an unknown name is a ProviderNotFoundException.
    private static func providerIntrinsics(_ s: ShellSession) -> PSObject {
        unowned let session = s
        let o = PSObject(typeNames: ["System.Management.Automation.ProviderIntrinsics", "System.Object"])
        func providers(_ args: [PSValue], _ method: String) throws -> [PSValue] {
            guard args.count == 1 else { throw DotNetErrors.noOverload(method, argumentCount: args.count) }
            let name = PSConvert.toString(args[0])
            let hits = PSProviderKind.allCases.filter {
                $0.rawValue.caseInsensitiveCompare(name) == .orderedSame || $0.qualifiedName.caseInsensitiveCompare(name) == .orderedSame
            }
            guard !hits.isEmpty else {
                throw DotNetErrors.methodInvocation(method, argumentCount: 1, PSRuntimeError.message(
                    "Cannot find a provider with the name '\(name)'.", errorId: "ProviderNotFound", category: .objectNotFound,
                    exceptionType: "System.Management.Automation.ProviderNotFoundException"))
            }
            return hits.map { .object(DriveInfoObjects.provider($0, session: session)) }
        }
        o.addMethod("Get") { _, args in .array(PSArray(try providers(args, "Get"))) }
        o.addMethod("GetOne") { _, args in try providers(args, "GetOne")[0] }
        o.addMethod("GetAll") { _, args in
            guard args.isEmpty else { throw DotNetErrors.noOverload("GetAll", argumentCount: args.count) }
            return .array(PSArray(PSProviderKind.allCases.sorted { $0.rawValue < $1.rawValue }.map { .object(DriveInfoObjects.provider($0, session: session)) }))
        }
        return o
    }

    private static func invokeCommand(_ s: ShellSession) -> PSObject {
        unowned let session = s
        let o = PSObject(typeNames: ["System.Management.Automation.CommandInvocationIntrinsics", "System.Object"])
        func text(_ args: [PSValue], _ method: String) throws -> String {
            guard let first = args.first else { throw DotNetErrors.noOverload(method, argumentCount: args.count) }
            return PSConvert.toString(first)
        }
        /// A script block made from text, run in a scope below the caller's (its variables are seen);
        /// a parse error is the method's exception.
        func run(_ script: String, _ method: String, _ args: [PSValue], arguments: [PSValue] = []) throws -> [PSValue] {
            do {
                return try session.invoke(try session.makeScriptBlock(script), arguments: arguments)
            } catch let error as PSRuntimeError {
                throw DotNetErrors.methodInvocation(method, argumentCount: args.count, error)
            }
        }
        o.addMethod("ExpandString") { _, args in
            // The text is the body of an expandable here-string: quotes in it stay as they are.
            let output = try run("@\"\n" + (try text(args, "ExpandString")) + "\n\"@", "ExpandString", args)
            return output.first ?? .string("")
        }
        o.addMethod("NewScriptBlock") { _, args in
            do {
                return .scriptBlock(try session.makeScriptBlock(try text(args, "NewScriptBlock")))
            } catch let error as PSRuntimeError {
                throw DotNetErrors.methodInvocation("NewScriptBlock", argumentCount: args.count, error)
            }
        }
        o.addMethod("InvokeScript") { _, args in
            .array(PSArray(try run(try text(args, "InvokeScript"), "InvokeScript", args)))
        }
        for method in ["GetCommand", "GetCmdlet"] {
            o.addMethod(method) { _, args in
                let found = try run("param($n, $t) Get-Command -Name $n -CommandType $t -ErrorAction Ignore", method, args,
                                    arguments: [.string(try text(args, method)),
                                                method == "GetCmdlet" ? .string("Cmdlet") : (args.count > 1 ? args[1] : .string("All"))])
                return found.first ?? .null
            }
        }
        return o
    }
}
