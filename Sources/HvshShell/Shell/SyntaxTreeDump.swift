import PSLanguage

/// `hvsh -DumpAst FILE|-`: prints the front end's syntax tree of a script (S-expressions, one
/// statement per line) and, on stderr, its parse errors as `line:column: id: message`.
/// Exit code 1 when the script does not parse, as running it would.
enum SyntaxTreeDump {
    static func run(path: String, terminal: Terminal) -> Int32 {
        let text: String
        switch path == "-" ? ScriptFile.readStandardInput() : ScriptFile.read(path) {
        case .success(let read): text = read
        case .failure(.tooLarge):
            HvshMain.writeError(ScriptFile.tooLargeMessage(path == "-" ? "(standard input)" : path), terminal)
            return InvocationError.exitCode
        case .failure(.unreadable):
            HvshMain.writeError("The script file '\(path)' does not exist or cannot be read.\n", terminal)
            return InvocationError.exitCode
        }
        let result = Parser.parse(text, fileName: path == "-" ? nil : path)
        var tree = ASTDump.render(result)
        if !tree.hasSuffix("\n") { tree += "\n" }
        FileText.writeAll(.output, tree)
        guard result.errors.isEmpty else {
            HvshMain.writeError(result.errors.map { "\($0)\n" }.joined(), terminal)
            return 1
        }
        return 0
    }
}
