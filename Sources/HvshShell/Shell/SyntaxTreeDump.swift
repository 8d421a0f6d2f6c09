/// `hvsh -DumpAst FILE|-`: prints the front end's syntax tree of a script, or its parse errors.
enum SyntaxTreeDump {
    static func run(path: String, terminal: Terminal) -> Int32 {
        let text: String?
        if path == "-" {
            text = StandardInput().readToEnd()
        } else {
            text = FileText.read(path)
        }
        guard let text else {
            HvshMain.writeError("The script file '\(path)' does not exist or cannot be read.\n", terminal)
            return InvocationError.exitCode
        }
        _ = text
        HvshMain.writeError("hvsh: -DumpAst needs the front end's AST dumper, which this build lacks.\n", terminal)
        return 1
    }
}
