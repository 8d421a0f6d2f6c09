#if canImport(Glibc)
import Glibc
#endif

/// The interactive loop on a terminal: prompt, `>> ` while the statement is incomplete, history
/// kept across sessions, Ctrl-C to drop the line, Ctrl-D on an empty line (or `exit`) to leave.
struct REPL {
    let engine: any ShellEngine
    let editor: LineEditor
    let history: HistoryFile?
    /// Reported when the user leaves with Ctrl-D: the last `exit` code, or 0.
    var lastExitCode: Int32 = 0

    init(engine: any ShellEngine, editor: LineEditor, history: HistoryFile?) {
        self.engine = engine
        self.editor = editor
        self.history = history
    }

    /// Runs until `exit` or end of input; returns the process exit code.
    mutating func run() -> Int32 {
        var previous: String?
        for entry in history?.load() ?? [] {
            editor.addHistory(entry)
            previous = entry
        }
        let catalog = engine.completionCatalog
        var cachedExecutables: [String]?
        let completer = Completer(catalog: catalog, pathExecutables: {
            if cachedExecutables == nil { cachedExecutables = Completer.executablesOnPath() }
            return cachedExecutables!
        })
        editor.completer = { line, _ in completer.complete(line) }

        var pending = StatementCollector()
        while true {
            let prompt = pending.isEmpty ? engine.prompt() : ">> "
            switch editor.readLine(prompt: prompt) {
            case .endOfInput:
                if pending.isEmpty { return lastExitCode }
                pending.reset()   // Ctrl-D inside a continuation drops the unfinished statement
                editor.writeToTerminal("\n")
            case .interrupted:
                pending.reset()
            case .line(let line):
                guard let text = pending.add(line, needsMoreInput: engine.needsMoreInput) else { continue }
                editor.addHistory(text)
                history?.append(text, previous: previous)
                previous = text
                let outcome = engine.runInteractive(text)
                if let code = outcome.exitCode { return code }
                // The terminal echoed ^C where the output stopped; the prompt goes on the next line.
                if outcome.stopped { editor.writeToTerminal("\n") }
            }
        }
    }
}
