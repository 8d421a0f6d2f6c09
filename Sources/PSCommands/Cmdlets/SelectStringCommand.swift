// Select-String: regular-expression (or plain-text) search in pipeline strings and files.

import Foundation
import PSRuntime

final class SelectStringCommand: Cmdlet {
    static let matchInfoType = "Microsoft.PowerShell.Commands.MatchInfo"
    static let pattern = Parameter<[String]>("Pattern", position: 0, mandatory: true)
    static let path = Parameter<[String]>("Path", position: 1, valueFromPipelineByPropertyName: true)
    static let inputObject = Parameter<PSValue>("InputObject", valueFromPipeline: true)
    static let simpleMatch = Parameter<SwitchParameter>("SimpleMatch")
    static let caseSensitive = Parameter<SwitchParameter>("CaseSensitive")
    static let notMatch = Parameter<SwitchParameter>("NotMatch")
    static let allMatches = Parameter<SwitchParameter>("AllMatches")
    static let quiet = Parameter<SwitchParameter>("Quiet")
    static let list = Parameter<SwitchParameter>("List")
    static let raw = Parameter<SwitchParameter>("Raw")
    static let include = Parameter<[String]>("Include")
    static let exclude = Parameter<[String]>("Exclude")
    static let encoding = Parameter<String>("Encoding")
    static let contextLines = Parameter<[Int32]>("Context")
    static let declaration = CmdletDeclaration("Select-String", parameters: [
        pattern, path, ItemParameters.literalPath, inputObject, simpleMatch, caseSensitive, notMatch, allMatches, quiet, list, raw,
        include, exclude, encoding, contextLines,
    ], synopsis: "Finds text matching a pattern in strings or files.",
       description: "Writes a MatchInfo for each input line (or file line with -Path) that matches one of the regular expressions (plain text with -SimpleMatch); case-insensitive unless -CaseSensitive. -Quiet writes only True or False; -Raw writes the matching lines themselves.")
    private var any = false
    /// The patterns compiled once, before any input (nil entries with -SimpleMatch).
    private var regexes: [NSRegularExpression?] = []
    init() {}

    func begin(_ context: CmdletContext) throws {
        for p in context[Self.pattern] ?? [] {
            if context[Self.simpleMatch] { regexes.append(nil); continue }
            do {
                regexes.append(try WhereObjectCommand.regex(p, caseSensitive: context[Self.caseSensitive]))
            } catch {
                throw context.terminatingError("The string \(p) is not a valid regular expression: Invalid pattern '\(p)'.",
                                               errorId: "InvalidRegex", category: .invalidArgument,
                                               exceptionType: "System.ArgumentException")
            }
        }
    }

    private func matches(_ line: String, _ context: CmdletContext) throws -> [String] {
        var found: [String] = []
        for (k, p) in (context[Self.pattern] ?? []).enumerated() {
            if context[Self.simpleMatch] {
                let hay = context[Self.caseSensitive] ? line : line.lowercased()
                let needle = context[Self.caseSensitive] ? p : p.lowercased()
                if hay.contains(needle) { found.append(p) }
            } else {
                guard k < regexes.count, let re = regexes[k] else { continue }
                let ns = NSRange(line.startIndex..., in: line)
                for m in re.matches(in: line, range: ns) {
                    if let r = Range(m.range, in: line) { found.append(String(line[r])) }
                    if !context[Self.allMatches] { break }
                }
            }
            if !found.isEmpty && !context[Self.allMatches] { break }
        }
        return found
    }

    private func emit(line: String, number: Int, path: String, found: [String], _ context: CmdletContext) throws {
        let hit = !found.isEmpty != context[Self.notMatch]
        guard hit else { return }
        any = true
        if context[Self.quiet] { return }
        if context[Self.raw] { try context.writeObject(.string(line)); return }
        let o = PSObject(typeNames: [SelectStringCommand.matchInfoType, "System.Object"])
        o.addNote("IgnoreCase", .bool(!context[Self.caseSensitive]))
        o.addNote("LineNumber", .int(Int32(number)))
        o.addNote("Line", .string(line))
        o.addNote("Filename", .string(path == "InputStream" ? "InputStream" : (path as NSString).lastPathComponent))
        o.addNote("Path", .string(path))
        o.addNote("Pattern", .string(context[Self.pattern]?.first ?? ""))
        o.addNote("Matches", .list(found.map { .string($0) }))
        let display = path == "InputStream" ? line : "\(path):\(number):\(line)"
        o.toStringHandler = { _ in display }
        try context.writeObject(.object(o))
    }

    func process(_ context: CmdletContext) throws {
        if let input = context[Self.inputObject], !context.isBound(Self.path) && !context.isBound(ItemParameters.literalPath) {
            let line = PSConvert.toString(input)
            try emit(line: line, number: 1, path: "InputStream", found: try matches(line, context), context)
            return
        }
        // -Include/-Exclude pick among the files the paths name, by file name.
        let filters = ItemFilters(filter: nil, include: context[Self.include], exclude: context[Self.exclude])
        for path in try FileItems.paths(context, path: Self.path) where filters.includes(ItemFilters.leaf(path)) {
            guard let text = FileText.read(path) else { continue }
            var lines = LineBreaking.splitLines(text)
            if text.hasSuffix("\n") { lines.removeLast() }
            for (i, l) in lines.enumerated() {
                let before = any
                try emit(line: l, number: i + 1, path: path, found: try matches(l, context), context)
                if context[Self.list] && any && !before { break }
            }
        }
    }

    func end(_ context: CmdletContext) throws {
        if context[Self.quiet] { try context.writeObject(.bool(any)) }
    }
}
