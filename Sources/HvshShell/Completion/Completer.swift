#if canImport(Glibc)
import Glibc
#endif

/// Tab completion for the REPL: command names (with executables found on PATH), parameter names
/// after `-`, allowed values of enum parameters, inventory names for -VMName/-Name/-SwitchName,
/// variables after `$`, and file system paths. Matching is by case-insensitive prefix, like pwsh.
public struct Completer {
    public let catalog: any CompletionCatalog
    /// Lists a directory's entries; replaceable so tests can use a scratch directory.
    var listDirectory: (String) -> [(name: String, isDirectory: Bool)] = Completer.directoryEntries
    /// Executables on PATH (computed lazily by the caller and cached).
    var pathExecutables: () -> [String]

    public init(catalog: any CompletionCatalog, pathExecutables: @escaping () -> [String] = { Completer.executablesOnPath() }) {
        self.catalog = catalog
        self.pathExecutables = pathExecutables
    }

    public func complete(_ beforeCursor: String) -> CompletionResult {
        let line = CompletionLine(scanning: beforeCursor)
        let word = line.word
        let replace = word.unicodeScalars.count

        if line.openQuote == nil, word.hasPrefix("$") {
            return variables(matching: word)
        }
        if line.isCommandPosition {
            if word.contains("/") || word.hasPrefix(".") || word.hasPrefix("~") {
                return paths(matching: line)
            }
            guard !word.isEmpty else { return .none }
            return commands(matching: word, replace: replace)
        }
        let command = line.previousWords[0]
        if line.openQuote == nil, let first = word.first, isDash(first) {
            return parameters(of: command, matching: String(word.dropFirst()), replace: replace)
        }
        if let previous = line.previousWords.last, previous.count > 1, let first = previous.first, isDash(first),
           let parameter = resolveParameter(String(previous.dropFirst()), of: command), !parameter.isSwitch {
            let known = parameter.allowedValues.isEmpty
                ? catalog.objectNames(command: command, parameter: parameter.name)
                : parameter.allowedValues
            if !known.isEmpty {
                return values(known, matching: line, replace: replace)
            }
        }
        return paths(matching: line)
    }

    private func isDash(_ c: Character) -> Bool { InvocationParser.isDash(c) }

    private func sortedUnique(_ names: [String]) -> [String] {
        var seen = Set<String>()
        return names.filter { seen.insert($0.lowercased()).inserted }
            .sorted { $0.lowercased() < $1.lowercased() }
    }

    private func commands(matching word: String, replace: Int) -> CompletionResult {
        let prefix = word.lowercased()
        let builtIn = catalog.commandNames().filter { $0.lowercased().hasPrefix(prefix) }
        // Executables only when no cmdlet matches keeps `Get-<Tab>` to cmdlets, and `ip<Tab>` works.
        let names = builtIn.isEmpty ? pathExecutables().filter { $0.lowercased().hasPrefix(prefix) } : builtIn
        return CompletionResult(replaceLength: replace, candidates: sortedUnique(names))
    }

    private func resolveParameter(_ typed: String, of command: String) -> CompletionParameter? {
        guard let parameters = catalog.parameters(ofCommand: command) else { return nil }
        var name = typed.lowercased()
        if let colon = name.firstIndex(of: ":") { name = String(name[..<colon]) }
        if let exact = parameters.first(where: { $0.name.lowercased() == name || $0.aliases.contains { $0.lowercased() == name } }) {
            return exact
        }
        let matches = parameters.filter { $0.name.lowercased().hasPrefix(name) }
        return matches.count == 1 ? matches[0] : nil
    }

    private func parameters(of command: String, matching typed: String, replace: Int) -> CompletionResult {
        guard let parameters = catalog.parameters(ofCommand: command) else { return .none }
        let prefix = typed.lowercased()
        let names = parameters.map(\.name).filter { $0.lowercased().hasPrefix(prefix) }
        // Declaration order, as pwsh lists them; common parameters come last in the metadata.
        return CompletionResult(replaceLength: replace, candidates: names.map { "-" + $0 })
    }

    private func values(_ values: [String], matching line: CompletionLine, replace: Int) -> CompletionResult {
        let typed = line.openQuote == nil ? line.word : String(line.word.dropFirst())
        let matches = values.filter { $0.lowercased().hasPrefix(typed.lowercased()) }
        let candidates = matches.map { quotedIfNeeded($0, quote: line.openQuote) }
        return CompletionResult(replaceLength: replace, candidates: candidates, listItems: matches)
    }

    private func variables(matching word: String) -> CompletionResult {
        let prefix = word.dropFirst().lowercased()
        let names = catalog.variableNames().filter { $0.lowercased().hasPrefix(prefix) }
        let sorted = sortedUnique(names)
        return CompletionResult(replaceLength: word.unicodeScalars.count, candidates: sorted.map { "$" + $0 })
    }

    /// Quotes a value with spaces or special characters in single quotes (or the quote the user opened).
    private func quotedIfNeeded(_ text: String, quote: Character?) -> String {
        if let quote {
            let closing: Character = CompletionLine.isSingleQuote(quote) ? "'" : "\""
            return String(quote) + text + String(closing)
        }
        let special = text.contains { $0.isWhitespace || "'\"`$&|;(){}<>,#@".contains($0) }
        guard special else { return text }
        return "'" + text.doublingSingleQuotes + "'"
    }

    private func paths(matching line: CompletionLine) -> CompletionResult {
        let replace = line.word.unicodeScalars.count
        let typed = line.openQuote == nil ? line.word : String(line.word.dropFirst())
        var directoryPart = ""
        var namePart = typed
        if let slash = typed.lastIndex(of: "/") {
            directoryPart = String(typed[...slash])
            namePart = String(typed[typed.index(after: slash)...])
        }
        var directory = directoryPart.isEmpty ? "." : directoryPart
        if directory.hasPrefix("~"), let home = getenv("HOME") {
            directory = String(cString: home) + directory.dropFirst()
        }
        let prefix = namePart.lowercased()
        let entries = listDirectory(directory)
            .filter { $0.name.lowercased().hasPrefix(prefix) && ($0.name.first != "." || prefix.hasPrefix(".")) }
            .sorted { $0.name.lowercased() < $1.name.lowercased() }
        let candidates = entries.map { entry -> String in
            let path = directoryPart + entry.name + (entry.isDirectory ? "/" : "")
            return quotedIfNeeded(path, quote: line.openQuote)
        }
        return CompletionResult(replaceLength: replace, candidates: candidates,
                                listItems: entries.map { $0.name + ($0.isDirectory ? "/" : "") })
    }

    static func directoryEntries(_ path: String) -> [(name: String, isDirectory: Bool)] {
        guard let directory = opendir(path) else { return [] }
        defer { closedir(directory) }
        var result: [(String, Bool)] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
            }
            if name == "." || name == ".." { continue }
            var isDirectory = entry.pointee.d_type == UInt8(DT_DIR)
            if entry.pointee.d_type == UInt8(DT_LNK) || entry.pointee.d_type == UInt8(DT_UNKNOWN) {
                isDirectory = FileText.isDirectory(path + "/" + name)
            }
            result.append((name, isDirectory))
        }
        return result
    }

    /// Names of executable files in the PATH directories.
    public static func executablesOnPath() -> [String] {
        guard let path = getenv("PATH") else { return [] }
        var names: [String] = []
        for directory in String(cString: path).split(separator: ":") where !directory.isEmpty {
            for entry in directoryEntries(String(directory)) where !entry.isDirectory {
                if access(String(directory) + "/" + entry.name, X_OK) == 0 { names.append(entry.name) }
            }
        }
        return names
    }
}

extension String {
    /// Doubles every single quote, which is how a single-quoted PowerShell string escapes one.
    var doublingSingleQuotes: String {
        var out = ""
        for c in self {
            out.append(c)
            if c == "'" { out.append(c) }
        }
        return out
    }
}
