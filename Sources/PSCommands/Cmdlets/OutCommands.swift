// Out-Default, Out-Host, Out-String, Out-Null, Out-File: the end of a pipeline, where objects
// become text.

import Foundation
import PSRuntime

/// Out-Default: what the shell appends to every top-level pipeline. Tables and lists fit in the
/// console width minus one, as in PowerShell (which keeps the last column free).
final class OutDefaultCommand: Cmdlet {
    static let inputObject = Parameter<PSValue>("InputObject", valueFromPipeline: true)
    static let transcript = Parameter<SwitchParameter>("Transcript")
    static let declaration = CmdletDeclaration("Out-Default", parameters: [inputObject, transcript], synopsis: "Sends output to the default formatter and the host.",
       description: "Formats each object with its registered view (or as a table or list of its properties) and writes the text to the host. The shell adds Out-Default to the end of every pipeline typed at the prompt or run from a script.")

    private var formatter: LineFormatter?

    func begin(_ context: CmdletContext) throws {
        let width = max(context.host.windowWidth, 6) - 1
        let session = context.session
        // The host is looked up per line: Start-Transcript swaps it while this Out-Default runs.
        formatter = LineFormatter(context: context, screenWidth: width, listWidth: width) { line in
            session.host.write(line + "\n", stream: .output)
        }
    }

    func process(_ context: CmdletContext) throws {
        guard let v = context[Self.inputObject], let f = formatter else { return }
        // Get-Error's objects are records too, but shown in its own view.
        if case .object(let o) = v, let r = o.baseObject as? ErrorRecord, o.typeNames.first != GetErrorCommand.extendedRecordType {
            f.flushOpenDocument()
            context.session.displayError(r)
            return
        }
        try f.add(v)
    }

    func end(_ context: CmdletContext) throws { formatter?.finish() }
}

/// Out-Host: the same text as Out-Default, optionally a page at a time (-Paging is accepted and ignored
/// when not interactive).
final class OutHostCommand: Cmdlet {
    static let paging = Parameter<SwitchParameter>("Paging")
    /// The same InputObject as Out-Default's, which does the work.
    static let declaration = CmdletDeclaration("Out-Host", parameters: [OutDefaultCommand.inputObject, paging], synopsis: "Sends output to the host.",
       description: "Formats objects like Out-Default and writes them to the host; nothing goes down the pipeline.")

    private let inner = OutDefaultCommand()
    func begin(_ context: CmdletContext) throws { try inner.begin(context) }
    func process(_ context: CmdletContext) throws { try inner.process(context) }
    func end(_ context: CmdletContext) throws { try inner.end(context) }
}

/// Out-String: the formatted text as one string, or one string per line with -Stream.
final class OutStringCommand: Cmdlet {
    static let inputObject = Parameter<PSValue>("InputObject", valueFromPipeline: true)
    static let width = Parameter<Int>("Width", validate: [.range(min: 2, max: nil)])
    // -Stream and -NoNewline are two parameter sets, so giving both is PowerShell's AmbiguousParameterSet.
    static let streamLines = Parameter<SwitchParameter>("Stream", sets: ["Stream"])
    static let noNewline = Parameter<SwitchParameter>("NoNewline", sets: ["NoNewLineFormatting"])
    static let declaration = CmdletDeclaration("Out-String", parameters: [inputObject, width, streamLines, noNewline],
                                               defaultParameterSet: "NoNewLineFormatting", outputTypes: ["System.String"], synopsis: "Turns objects into text.",
       description: "Formats the input like the console would and returns the text: a single string by default, or one string per line with -Stream. -Width sets the line width (the console width by default; lists are not wrapped unless -Width is given).")

    private var formatter: LineFormatter?
    private var text = ""
    private var stream = false
    private var noNewline = false
    private var pending: [String] = []

    func begin(_ context: CmdletContext) throws {
        stream = context[Self.streamLines]
        noNewline = context[Self.noNewline]
        let width = context[Self.width]
        let screen = width ?? context.host.windowWidth
        formatter = LineFormatter(context: context, screenWidth: screen, listWidth: width ?? Int.max / 4) { [unowned self] line in
            if self.stream { self.pending.append(line) } else {
                self.text += line
                if !self.noNewline { self.text += "\n" }
            }
        }
    }

    func process(_ context: CmdletContext) throws {
        guard let v = context[Self.inputObject], let f = formatter else { return }
        if stream, FormatRecordObjects.record(v) == nil, PropertyAccess.isScalar(v) {
            // Scalars pass through line by line as soon as they arrive.
            for line in LineBreaking.splitLines(PSConvert.toString(v)) { try context.writeObject(.string(line)) }
            return
        }
        if noNewline, FormatRecordObjects.record(v) == nil, PropertyAccess.isScalar(v) {
            // -NoNewline drops the line ends the formatter adds, not those inside a string.
            text += PSConvert.toString(v)
            return
        }
        try f.add(v)
        try drain(context)
    }

    private func drain(_ context: CmdletContext) throws {
        guard stream else { return }
        let lines = pending
        pending.removeAll()
        for l in lines { try context.writeObject(.string(l)) }
    }

    func end(_ context: CmdletContext) throws {
        formatter?.finish()
        if stream { try drain(context); return }
        if !text.isEmpty || context.expectingInput { try context.writeObject(.string(text)) }
    }
}

final class OutNullCommand: Cmdlet {
    static let inputObject = Parameter<PSValue>("InputObject", valueFromPipeline: true)
    static let declaration = CmdletDeclaration("Out-Null", parameters: [inputObject], synopsis: "Discards its input.", description: "Accepts objects and writes nothing; used to silence output.")
}

/// Out-File: the formatted text written to a file (UTF-8 without BOM, as PowerShell 7).
final class OutFileCommand: Cmdlet {
    static let filePath = Parameter<String>("FilePath", aliases: ["Path"], position: 0, mandatory: true, sets: ["ByPath"])
    static let literalPath = Parameter<String>("LiteralPath", aliases: ["PSPath", "LP"], mandatory: true, sets: ["ByLiteralPath"])
    static let encoding = Parameter<String>("Encoding", position: 1)
    static let inputObject = Parameter<PSValue>("InputObject", valueFromPipeline: true)
    static let append = Parameter<SwitchParameter>("Append")
    static let force = Parameter<SwitchParameter>("Force")
    static let noClobber = Parameter<SwitchParameter>("NoClobber", aliases: ["NoOverwrite"])
    static let width = Parameter<Int>("Width")
    static let noNewline = Parameter<SwitchParameter>("NoNewline")
    static let declaration = CmdletDeclaration("Out-File", parameters: [
        filePath, literalPath, encoding, inputObject, append, force, noClobber, width, noNewline,
    ], defaultParameterSet: "ByPath", supportsShouldProcess: true, synopsis: "Writes formatted output to a file.",
       description: "Formats the input like the console and writes the text to a file, replacing it unless -Append is given.")

    private var formatter: LineFormatter?
    private var text = ""
    private var path = ""

    func begin(_ context: CmdletContext) throws {
        path = FileSystemPaths.resolve(context[Self.filePath] ?? context[Self.literalPath] ?? "", session: context.session)
        if context[Self.noClobber], FileManager.default.fileExists(atPath: path) {
            throw context.terminatingError("The file '\(path)' already exists.", errorId: "NoClobber", category: .resourceExists, target: .string(path))
        }
        let width = context[Self.width] ?? context.host.windowWidth
        let noNewline = context[Self.noNewline]
        formatter = LineFormatter(context: context, screenWidth: width, listWidth: width) { [unowned self] line in
            self.text += line
            if !noNewline { self.text += "\n" }
        }
    }

    func process(_ context: CmdletContext) throws {
        guard let v = context[Self.inputObject] else { return }
        try formatter?.add(v)
    }

    func end(_ context: CmdletContext) throws {
        formatter?.finish()
        guard try context.shouldProcess(target: path, action: "Output to File") else { return }
        try FileText.write(text, to: path, append: context[Self.append],
                           encoding: try FileText.encoding(context, Self.encoding) ?? .utf8NoBOM, context: context)
    }
}
