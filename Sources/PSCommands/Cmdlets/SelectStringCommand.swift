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

    /// The Match objects of a line (the first, or all with -AllMatches).
    private func matches(_ line: String, _ context: CmdletContext) throws -> [PSValue] {
        var found: [PSValue] = []
        for (k, p) in (context[Self.pattern] ?? []).enumerated() {
            if context[Self.simpleMatch] {
                let range = (line as NSString).range(of: p, options: context[Self.caseSensitive] ? [] : [.caseInsensitive])
                if range.location != NSNotFound { found.append(RegexMatchObjects.simpleMatch(range, in: line)) }
            } else {
                guard k < regexes.count, let re = regexes[k] else { continue }
                let ns = NSRange(line.startIndex..., in: line)
                for m in re.matches(in: line, range: ns) {
                    found.append(RegexMatchObjects.match(m, in: line, pattern: p))
                    if !context[Self.allMatches] { break }
                }
            }
            if !found.isEmpty && !context[Self.allMatches] { break }
        }
        return found
    }

    /// -Context N or N,M: lines kept before and after each match (nil without -Context).
    private var tracker: MatchContextTracker?
    /// Pipeline input counts its lines across input objects, as PowerShell does.
    private var inputLineNumber = 0

    /// One line read: a hit (or, with -NotMatch, a miss) goes to the tracker or straight out.
    private func consider(_ line: String, number: Int, path: String, _ context: CmdletContext) throws {
        let found = try matches(line, context)
        let hit = !found.isEmpty != context[Self.notMatch]
        if hit { any = true }
        if context[Self.quiet] { return }
        guard tracker != nil else {
            if hit { try write(MatchContextTracker.Match(line: .init(text: line, number: number), found: found, preContext: [], displayPreContext: []),
                               path: path, withContext: false, context) }
            return
        }
        for m in tracker!.add(.init(text: line, number: number), found: hit ? found : nil) {
            try write(m, path: path, withContext: true, context)
        }
    }

    private func flush(path: String, _ context: CmdletContext) throws {
        guard tracker != nil else { return }
        for m in tracker!.flush() { try write(m, path: path, withContext: true, context) }
    }

    private func write(_ m: MatchContextTracker.Match, path: String, withContext: Bool, _ context: CmdletContext) throws {
        if context[Self.raw] { try context.writeObject(.string(m.line.text)); return }
        let o = PSObject(typeNames: [SelectStringCommand.matchInfoType, "System.Object"])
        o.addNote("IgnoreCase", .bool(!context[Self.caseSensitive]))
        o.addNote("LineNumber", .int(Int32(m.line.number)))
        o.addNote("Line", .string(m.line.text))
        o.addNote("Filename", .string(path == "InputStream" ? "InputStream" : (path as NSString).lastPathComponent))
        o.addNote("Path", .string(path))
        o.addNote("Pattern", .string(context[Self.pattern]?.first ?? ""))
        o.addNote("Matches", .array(PSArray(m.found)))
        // A file's lines are shown with its path relative to the current directory, as MatchInfo's view does.
        let here = FileSystemPaths.resolve(".", session: context.session)
        var shownPath = path
        if path != "InputStream", path.hasPrefix(here + "/") { shownPath = String(path.dropFirst(here.count + 1)) }
        func format(_ l: MatchContextTracker.Line, _ prefix: String) -> String {
            prefix + (path == "InputStream" ? l.text : "\(shownPath):\(l.number):\(l.text)")
        }
        var display = format(m.line, "")
        if withContext {
            let ctx = PSObject(typeNames: ["Microsoft.PowerShell.Commands.MatchInfoContext", "System.Object"])
            for (name, lines) in [("PreContext", m.preContext), ("PostContext", m.postContext),
                                  ("DisplayPreContext", m.displayPreContext), ("DisplayPostContext", m.postContext)] {
                ctx.addNote(name, .array(PSArray(lines.map { .string($0.text) })))
            }
            o.addNote("Context", .object(ctx))
            display = (m.displayPreContext.map { format($0, "  ") } + [format(m.line, "> ")] + m.postContext.map { format($0, "  ") })
                .joined(separator: "\n")
        }
        o.toStringHandler = { _ in display }
        try context.writeObject(.object(o))
    }

    func process(_ context: CmdletContext) throws {
        if tracker == nil, let c = context[Self.contextLines], let first = c.first {
            tracker = MatchContextTracker(before: max(0, Int(first)), after: max(0, Int(c.count > 1 ? c[1] : first)))
        }
        if let input = context[Self.inputObject], !context.isBound(Self.path) && !context.isBound(ItemParameters.literalPath) {
            inputLineNumber += 1
            try consider(PSConvert.toString(input), number: inputLineNumber, path: "InputStream", context)
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
                try consider(l, number: i + 1, path: path, context)
                if context[Self.list] && any && !before { break }
            }
            try flush(path: path, context)
        }
    }

    func end(_ context: CmdletContext) throws {
        try flush(path: "InputStream", context)
        if context[Self.quiet] { try context.writeObject(.bool(any)) }
    }
}
