// Cmdlets lab scripts use around the core ones: Clear-Host, Measure-Command, New-Guid, secure
// strings and credentials, Start-Process.

import Foundation
import PSRuntime

final class ClearHostCommand: Cmdlet {
    static let declaration = CmdletDeclaration("Clear-Host", synopsis: "Clears the screen.",
        description: "Clears the terminal; does nothing when the output is not a terminal.")
    func process(_ context: CmdletContext) throws {
        if isatty(STDOUT_FILENO) == 1 && !(context.host is BufferHost) { context.host.write("\u{1B}[2J\u{1B}[H", stream: .output) }
    }
}

final class MeasureCommandCommand: Cmdlet {
    static let expression = Parameter<PSScriptBlock>("Expression", position: 0, mandatory: true)
    static let inputObject = Parameter<PSValue>("InputObject", valueFromPipeline: true)
    static let declaration = CmdletDeclaration("Measure-Command", parameters: [expression, inputObject], outputTypes: ["System.TimeSpan"], synopsis: "Measures how long a script block takes.",
       description: "Runs the script block (its output is discarded) and writes the elapsed time as a TimeSpan.")
    private var elapsed: UInt64 = 0
    private var ran = false
    func process(_ context: CmdletContext) throws {
        guard let b = context[Self.expression] else { return }
        let item = context[Self.inputObject]
        if context.expectingInput && item == nil { return }
        let start = monotonicNanoseconds()
        _ = try context.invoke(b, dollarUnder: item)
        elapsed += monotonicNanoseconds() - start
        ran = true
    }
    func end(_ context: CmdletContext) throws {
        try context.writeObject(.timeSpan(PSTimeSpan(ticks: Int64(elapsed / 100))))
    }
}

final class NewGuidCommand: Cmdlet {
    static let empty = Parameter<SwitchParameter>("Empty", sets: ["Empty"])
    static let inputObject = Parameter<String>("InputObject", position: 0, valueFromPipeline: true, sets: ["InputObject"], allow: .null)
    static let declaration = CmdletDeclaration("New-Guid", parameters: [empty, inputObject], defaultParameterSet: "Default",
        outputTypes: ["System.Guid"], synopsis: "Creates a GUID.",
        description: "Writes a new time-ordered GUID (UUID version 7; all zeros with -Empty), or the GUID a string (-InputObject, or each piped string) spells in any of .NET's forms.")
    func process(_ context: CmdletContext) throws {
        if context.parameterSetName == "InputObject" {
            let text = context[Self.inputObject]
            guard let text, let uuid = GuidParsing.parse(text) else {
                // .NET's Guid(string) exception as the record's; PowerShell then still writes the null Guid? it holds.
                let record = ErrorRecord(message: text == nil ? "Value cannot be null. (Parameter 'g')" : "Unrecognized Guid format.",
                                         errorId: context.qualifiedErrorId("StringNotRecognizedAsGuid"), category: .invalidArgument,
                                         exceptionType: text == nil ? "System.ArgumentNullException" : "System.FormatException")
                try context.writeError(record)
                try context.writeObject(.null)
                return
            }
            try context.writeObject(.guid(uuid))
            return
        }
        try context.writeObject(.guid(context[Self.empty] ? UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)) : Self.version7()))
    }

    /// .NET's Guid.CreateVersion7 (RFC 9562): 48 bits of Unix time in milliseconds, the version 7,
    /// then random bits under the RFC's variant.
    static func version7() -> UUID {
        var bytes = withUnsafeBytes(of: UUID().uuid) { Array($0) }
        let milliseconds = UInt64(Date().timeIntervalSince1970 * 1000)
        for i in 0..<6 { bytes[i] = UInt8(truncatingIfNeeded: milliseconds >> (8 * (5 - UInt64(i)))) }
        bytes[6] = 0x70 | (bytes[6] & 0x0F)
        bytes[8] = 0x80 | (bytes[8] & 0x3F)
        return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                           bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
    }
}

final class ConvertToSecureStringCommand: Cmdlet {
    static let string = Parameter<String>("String", position: 0, mandatory: true, valueFromPipeline: true)
    static let asPlainText = Parameter<SwitchParameter>("AsPlainText")
    static let force = Parameter<SwitchParameter>("Force")
    static let key = Parameter<[UInt8]>("Key")
    static let secureKey = Parameter<PSValue>("SecureKey")
    static let declaration = CmdletDeclaration("ConvertTo-SecureString", parameters: [string, asPlainText, force, key, secureKey],
                                               outputTypes: [SecureStrings.typeName], synopsis: "Makes a SecureString from text.",
       description: "With -AsPlainText, wraps the text in a SecureString (whose contents never print). Strings produced by ConvertFrom-SecureString are accepted back.")
    func process(_ context: CmdletContext) throws {
        let s = context[Self.string] ?? ""
        if context[Self.asPlainText] {
            try context.writeObject(SecureStrings.make(s))
            return
        }
        guard let data = Data(base64Encoded: s), let text = String(data: data, encoding: .utf8) else {
            throw context.terminatingError("Input string was not in a correct format.", errorId: "ImportSecureString_InvalidArgument",
                                           category: .invalidArgument, exceptionType: "System.FormatException")
        }
        try context.writeObject(SecureStrings.make(text))
    }
}

final class ConvertFromSecureStringCommand: Cmdlet {
    static let secureString = Parameter<PSValue>("SecureString", position: 0, mandatory: true, valueFromPipeline: true)
    static let asPlainText = Parameter<SwitchParameter>("AsPlainText")
    static let key = Parameter<[UInt8]>("Key")
    static let declaration = CmdletDeclaration("ConvertFrom-SecureString", parameters: [secureString, asPlainText, key], outputTypes: ["System.String"], synopsis: "Turns a SecureString into text.",
       description: "Writes the SecureString in an encoded form that ConvertTo-SecureString reads back, or, with -AsPlainText, its text.")
    func process(_ context: CmdletContext) throws {
        guard let v = context[Self.secureString], let plain = SecureStrings.plain(v) else {
            throw context.terminatingError("The input is not a SecureString.", errorId: "InvalidArgument", category: .invalidArgument)
        }
        try context.writeObject(.string(context[Self.asPlainText] ? plain : Data(plain.utf8).base64EncodedString()))
    }
}

final class GetCredentialCommand: Cmdlet {
    static let userName = Parameter<String>("UserName", aliases: ["Credential"], position: 0)
    static let message = Parameter<String>("Message")
    static let title = Parameter<String>("Title")
    static let declaration = CmdletDeclaration("Get-Credential", parameters: [userName, message, title], outputTypes: [SecureStrings.credentialType], synopsis: "Asks for a user name and password.",
       description: "Prompts for the user name (unless given) and the password and writes a PSCredential.")
    func process(_ context: CmdletContext) throws {
        if let m = context[Self.message] { context.host.write(m + "\n", stream: .output) }
        var user = context[Self.userName]
        if user == nil { user = context.host.readLine(prompt: "User: ") }
        guard let name = user, let password = context.host.readLine(prompt: "Password for user \(name): ") else {
            throw context.terminatingError("Get-Credential: no input to read the credential from.", errorId: "CouldNotPromptForCredential",
                                           category: .invalidOperation)
        }
        try context.writeObject(SecureStrings.credential(user: name, password: SecureStrings.make(password)))
    }
}

final class StartProcessCommand: Cmdlet {
    static let filePath = Parameter<String>("FilePath", aliases: ["PSPath", "Path"], position: 0, mandatory: true)
    static let argumentList = Parameter<[String]>("ArgumentList", aliases: ["Args"], position: 1)
    static let workingDirectory = Parameter<String>("WorkingDirectory")
    static let wait = Parameter<SwitchParameter>("Wait")
    static let passThru = Parameter<SwitchParameter>("PassThru")
    static let noNewWindow = Parameter<SwitchParameter>("NoNewWindow", aliases: ["nnw"])
    static let redirectStandardOutput = Parameter<String>("RedirectStandardOutput", aliases: ["RSO"])
    static let redirectStandardError = Parameter<String>("RedirectStandardError", aliases: ["RSE"])
    static let redirectStandardInput = Parameter<String>("RedirectStandardInput", aliases: ["RSI"])
    static let verb = Parameter<String>("Verb")
    static let windowStyle = Parameter<String>("WindowStyle")
    static let declaration = CmdletDeclaration("Start-Process", parameters: [
        filePath, argumentList, workingDirectory, wait, passThru, noNewWindow,
        redirectStandardOutput, redirectStandardError, redirectStandardInput, verb, windowStyle,
    ], supportsShouldProcess: true, synopsis: "Starts a program.",
       description: "Starts the executable (found on PATH) with the arguments; -Wait waits for it to exit, -PassThru writes a process object. -Verb (RunAs and the like) and -WindowStyle are Windows-only.")
    func begin(_ context: CmdletContext) throws {
        // pwsh on Linux refuses the shell-execute parameters before starting anything (lab scripts
        // re-launch themselves with `-Verb RunAs`; that line fails and the script goes on).
        for (given, name) in [(context.isBound(Self.verb), "-Verb"), (context.isBound(Self.windowStyle), "-WindowStyle")] where given {
            throw context.terminatingError("The parameter '\(name)' is not supported for the cmdlet 'Start-Process' on this edition of PowerShell.",
                                           errorId: "NotSupportedException", category: .notImplemented,
                                           exceptionType: "System.NotSupportedException")
        }
    }
    func process(_ context: CmdletContext) throws {
        let name = context[Self.filePath] ?? ""
        let arguments = (context[Self.argumentList] ?? []).joined(separator: " ")
        guard let exe = StartProcessCommand.find(name, session: context.session) else {
            throw context.terminatingError("This command cannot be run due to the error: An error occurred trying to start process '\(name)' with working directory '\(context.session.currentDirectory)'. No such file or directory.",
                                           errorId: "InvalidOperationException",
                                           category: .invalidOperation, target: .string(name))
        }
        guard try context.shouldProcess(target: "\(exe) \(arguments)", action: "Start-Process") else { return }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: exe)
        // Like .NET: the arguments are joined into one command line, then split again at spaces
        // outside double quotes.
        p.arguments = StartProcessCommand.splitCommandLine(arguments)
        p.currentDirectoryURL = URL(fileURLWithPath: context[Self.workingDirectory].map { FileSystemPaths.resolve($0, session: context.session) } ?? context.session.currentDirectory)
        if let o = context[Self.redirectStandardOutput] {
            let path = FileSystemPaths.resolve(o, session: context.session)
            FileManager.default.createFile(atPath: path, contents: nil)
            p.standardOutput = FileHandle(forWritingAtPath: path)
        }
        if let e = context[Self.redirectStandardError] {
            let path = FileSystemPaths.resolve(e, session: context.session)
            FileManager.default.createFile(atPath: path, contents: nil)
            p.standardError = FileHandle(forWritingAtPath: path)
        }
        if let i = context[Self.redirectStandardInput] {
            p.standardInput = FileHandle(forReadingAtPath: FileSystemPaths.resolve(i, session: context.session))
        }
        try p.run()
        if context[Self.wait] { p.waitUntilExit() }
        if context[Self.passThru] {
            if let info = GetProcessCommand.read(p.processIdentifier), case .object(let o) = info {
                if !p.isRunning { o.addNote("ExitCode", .int(p.terminationStatus)); o.addNote("HasExited", .true) }
                try context.writeObject(info)
            } else {
                let o = PSObject(typeNames: [GetProcessCommand.processType, "System.Object"])
                o.addNote("Id", .int(p.processIdentifier))
                o.addNote("ProcessName", .string((exe as NSString).lastPathComponent))
                o.addNote("HasExited", .bool(!p.isRunning))
                if !p.isRunning { o.addNote("ExitCode", .int(p.terminationStatus)) }
                try context.writeObject(.object(o))
            }
        }
    }

    static func splitCommandLine(_ line: String) -> [String] {
        var args: [String] = []
        var current = ""
        var inQuotes = false
        var has = false
        for c in line {
            if c == "\"" { inQuotes.toggle(); has = true; continue }
            if c == " " && !inQuotes {
                if has { args.append(current); current = ""; has = false }
                continue
            }
            current.append(c)
            has = true
        }
        if has { args.append(current) }
        return args
    }

    static func find(_ name: String, session: ShellSession) -> String? {
        if name.contains("/") {
            let full = FileSystemPaths.resolve(name, session: session)
            return FileManager.default.isExecutableFile(atPath: full) ? full : nil
        }
        for dir in session.executableSearchPath {
            let candidate = dir + "/" + name
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}
