import Foundation

/// An executable found in PATH (`ip`, `ping`): input objects become stdin lines, stdout lines become
/// string objects as they arrive, the exit code sets `$LASTEXITCODE` and `$?`.
final class NativeStage: Stage {
    let path: String
    let commandName: String
    let args: [String]
    var input: [String] = []
    var position: ScriptExtent?
    override var name: String { commandName }

    init(session: ShellSession, path: String, name: String, args: [String]) {
        self.path = path
        self.commandName = name
        self.args = args
        super.init(session: session)
    }

    override func process(_ v: PSValue) throws {
        if case .array(let a) = v { input += a.elements.map { PSConvert.toString($0) } } else { input.append(PSConvert.toString(v)) }
    }

    override func end() throws {
        var standardInput = ChildProcess.Input.inherit
        if expectingInput {
            standardInput = .bytes(Array(input.map { $0 + "\n" }.joined().utf8))
            input = []
        } else if !session.host.isInteractive {
            standardInput = .nullDevice
        }
        let p: ChildProcess
        do {
            p = try ChildProcess.spawn(path: path, arguments: args, directory: session.currentDirectory, input: standardInput)
        } catch {
            throw PSRuntimeError.message(
                "An error occurred trying to start process '\(path)' with working directory '\(session.currentDirectory)'. \(error.message)",
                errorId: "ProgramExecutionFailed", category: .resourceUnavailable, target: .string(commandName))
        }
        var pending: [UInt8] = []
        var readError: Error? = nil
        let errorBytes = p.pump { chunk in
            pending += chunk
            var start = 0
            while let nl = pending[start...].firstIndex(of: 0x0A) {
                var end = nl
                if end > start && pending[end - 1] == 0x0D { end -= 1 }
                let line = String(decoding: pending[start..<end], as: UTF8.self)
                start = nl + 1
                if readError == nil {
                    do { try output.emit(.string(line)) } catch {
                        // Keep draining so the child does not block; report after it exits.
                        readError = error
                        if error is PSPipelineStop { p.terminate() }
                    }
                }
            }
            pending.removeFirst(start)
        }
        if !pending.isEmpty, readError == nil {
            try output.emit(.string(String(decoding: pending, as: UTF8.self)))
        }
        let code = p.wait()
        session.setLastExitCode(code)
        let stderrText = String(decoding: errorBytes, as: UTF8.self)
        if !stderrText.isEmpty {
            if errorRedirected {
                var lines = stderrText.components(separatedBy: "\n")
                if lines.last == "" { lines.removeLast() }
                for l in lines {
                    let r = ErrorRecord(message: l, errorId: "NativeCommandError", category: .notSpecified, target: .string(l),
                                        exceptionType: "System.Management.Automation.RemoteException")
                    r.commandName = commandName
                    try streams.redirect.error(r)
                }
            } else {
                session.host.write(stderrText, stream: .error)
            }
        }
        if let e = readError { throw e }
        if code != 0 { streams.hadError = true }
    }

    override func processNoInput() throws {}
}

extension ShellSession {
    func setLastExitCode(_ code: Int32) {
        lastExitCode = code
        globalScope.set("LASTEXITCODE", .int(code))
    }

    /// Finds an executable by name in PATH (or as a path), caching lookups.
    public func findExecutable(_ name: String) -> String? {
        if name.contains("/") {
            let p = resolvePath(name)
            return FileManager.default.isExecutableFile(atPath: p) && !isDirectory(p) ? p : nil
        }
        let pathVar = ProcessEnvironment.value("PATH") ?? Self.defaultSearchPath
        if let c = executableCache[name], c.pathVar == pathVar { return c.path }
        var found: String? = nil
        for dir in executableSearchPath {
            let p = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: p) && !isDirectory(p) { found = p; break }
        }
        executableCache[name] = (found, pathVar)
        return found
    }

    static let defaultSearchPath = "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin"

    /// The folders of PATH in order; `~` and `~/...` in an entry are the home folder, as PowerShell
    /// on Unix reads them when it looks for commands.
    public var executableSearchPath: [String] {
        (ProcessEnvironment.value("PATH") ?? Self.defaultSearchPath).split(separator: ":").map { entry in
            if entry == "~" { return DriveInfoObjects.homeFolder }
            if entry.hasPrefix("~/") { return DriveInfoObjects.homeFolder + entry.dropFirst() }
            return String(entry)
        }
    }

    private func isDirectory(_ p: String) -> Bool {
        var d: ObjCBool = false
        return FileManager.default.fileExists(atPath: p, isDirectory: &d) && d.boolValue
    }

}
