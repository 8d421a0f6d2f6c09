import PSLanguage

/// `pipeline &` and `a && b &`: PowerShell's InvokePipelineInBackground. The statement's own text
/// becomes the script block of a Start-Job, each variable that exists in the caller rewritten as
/// `${using:name}` so the job sees its value (the engine's own constants excepted); the job object is
/// the statement's output.
extension Compiler {
    func compileBackground(_ statement: Statement, range: SourceRange) -> Exec {
        let session = self.session
        let text = source.text
        // The job's text ends before the `&` (and the blanks before it).
        var trimmed = Substring(text.text(range))
        while let last = trimmed.last, last.isWhitespace { trimmed.removeLast() }
        if trimmed.hasSuffix("&") { trimmed.removeLast() }
        while let last = trimmed.last, last.isWhitespace { trimmed.removeLast() }
        let end = range.start + trimmed.utf8.count
        var variables: [(name: String, range: SourceRange)] = []
        var walker = ASTWalker()
        walker.onVariable = { path, written in
            if path.qualifier == nil || ["global", "local", "script"].contains(path.qualifier!.lowercased()) {
                variables.append((path.name, written))
            }
        }
        walker.statement(statement)
        let found = variables.filter { $0.range.start >= range.start && $0.range.end <= end }.sorted { $0.range.start < $1.range.start }
        let start = range.start
        let magic: Set<String> = ["pid", "psversiontable", "psedition", "pshome", "host", "true", "false", "null"]
        return { frame, out in
            var rewritten = ""
            var position = start
            for variable in found where !magic.contains(variable.name.lowercased()) && frame.scope.lookup(variable.name) != nil {
                rewritten += text.text(SourceRange(start: position, end: variable.range.start))
                rewritten += "${using:" + variable.name.replacingOccurrences(of: "}", with: "`}") + "}"
                position = variable.range.end
            }
            rewritten += text.text(SourceRange(start: position, end: end))
            let block = try session.makeScriptBlock(rewritten)
            guard let entry = session.registry.cmdlet(named: "Start-Job") else {
                throw PipelineRunner.commandNotFound("Start-Job", position: nil)
            }
            let startJob = CmdletStage(session: session, entry: entry, arguments: [
                BindArgument(parameterName: "ScriptBlock", value: .scriptBlock(block), hasColon: true, text: "-ScriptBlock"),
            ], position: nil)
            try PipelineRunner.run([startJob], session: session, output: out)
            session.lastSuccess = true
        }
    }
}
