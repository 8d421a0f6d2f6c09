// Select-String: regular-expression (or plain-text) search in pipeline strings and files.

import Foundation
import PSRuntime

final class SelectStringCommand: Cmdlet {
    static let matchInfoType = "Microsoft.PowerShell.Commands.MatchInfo"
    static let contextType = "Microsoft.PowerShell.Commands.MatchInfoContext"
    static let pattern = Parameter<[String]>("Pattern", position: 0, mandatory: true)
    static let path = Parameter<[String]>("Path", position: 1, valueFromPipelineByPropertyName: true)
    static let inputObject = Parameter<PSValue>("InputObject", valueFromPipeline: true)
    static let simpleMatch = Parameter<SwitchParameter>("SimpleMatch")
    static let caseSensitive = Parameter<SwitchParameter>("CaseSensitive")
    static let notMatch = Parameter<SwitchParameter>("NotMatch")
    static let allMatches = Parameter<SwitchParameter>("AllMatches")
    static let quiet = Parameter<SwitchParameter>("Quiet")
    static let list = Parameter<SwitchParameter>("List")
    static let noEmphasis = Parameter<SwitchParameter>("NoEmphasis")
    static let raw = Parameter<SwitchParameter>("Raw")
    static let include = Parameter<[String]>("Include")
    static let exclude = Parameter<[String]>("Exclude")
    static let encoding = Parameter<String>("Encoding")
    static let contextLines = Parameter<[Int32]>("Context", validate: [.count(min: 1, max: 2), .range(min: 0, max: nil)])
    static let culture = Parameter<String>("Culture", validate: [.notNull])
    static let declaration = CmdletDeclaration("Select-String", parameters: [
        pattern, path, ItemParameters.literalPath, inputObject, simpleMatch, caseSensitive, notMatch, allMatches, quiet, list,
        noEmphasis, raw, include, exclude, encoding, contextLines, culture,
    ], synopsis: "Finds text matching a pattern in strings or files.",
       description: "Writes a MatchInfo for each input line (or file line with -Path) that matches one of the regular expressions (plain text with -SimpleMatch, compared in -Culture); case-insensitive unless -CaseSensitive. -Context N or -Context Before,After keeps the lines around each match. -Quiet writes True at the first match (for files False when none matched); -Raw writes the matching lines themselves; -List only the first match of each file.")

    /// What a match knows before its context is complete.
    /// `spans`: each match's UTF-16 offset and length, which the emphasized display reverses.
    struct Hit { var line: String; var number: Int; var path: String; var pattern: String; var matches: [PSValue]; var spans: [(Int, Int)] }

    /// The patterns compiled once, before any input (none with -SimpleMatch).
    private var regexes: [PSRegex] = []
    private var recordNumber = 0
    private var done = false
    private var pipelineTracker: MatchContextTracker<Hit>!

    func begin(_ context: CmdletContext) throws {
        if context.isBound(Self.culture) && !context.isBound(Self.simpleMatch) {
            throw context.terminatingError("You must specify -Culture parameter only with -SimpleMatch parameter.",
                                           errorId: "CannotSpecifyCultureWithoutSimpleMatch", category: .invalidData,
                                           exceptionType: "System.InvalidOperationException")
        }
        if context[Self.raw] && context[Self.quiet] {
            // PowerShell's parameter sets put -Raw and -Quiet apart.
            throw context.terminatingError("Parameter set cannot be resolved using the specified named parameters. One or more parameters issued cannot be used together or an insufficient number of parameters were provided.",
                                           errorId: "AmbiguousParameterSet", category: .invalidArgument,
                                           exceptionType: "System.Management.Automation.ParameterBindingException")
        }
        pipelineTracker = makeTracker(context)
        if context[Self.simpleMatch] { return }
        for p in context[Self.pattern] ?? [] {
            do {
                regexes.append(try PSRegex(p, ignoreCase: !context[Self.caseSensitive]))
            } catch {
                throw context.terminatingError("The string \(p) is not a valid regular expression: Invalid pattern '\(p)'.",
                                               errorId: "InvalidRegex", category: .invalidArgument,
                                               exceptionType: "System.ArgumentException")
            }
        }
    }

    private func makeTracker(_ context: CmdletContext) -> MatchContextTracker<Hit> {
        let c = context[Self.raw] ? [] : (context[Self.contextLines] ?? []).map(Int.init)
        return MatchContextTracker(pre: c.first ?? 0, post: c.count > 1 ? c[1] : (c.first ?? 0))
    }

    /// The first pattern that matches (all its matches with -AllMatches); with -NotMatch a hit is a
    /// line no pattern matches, reported under the first pattern.
    private func search(_ line: String, _ context: CmdletContext) throws -> (pattern: String, matches: [PSValue], spans: [(Int, Int)])? {
        let patterns = context[Self.pattern] ?? []
        var found: (String, [PSValue], [(Int, Int)])?
        if context[Self.simpleMatch] {
            for p in patterns {
                guard let span = find(line, p, context) else { continue }
                found = (p, [], [span])
                break
            }
        } else {
            let method = context[Self.allMatches] && !context[Self.notMatch] ? "Matches" : "Match"
            for r in regexes where r.regex.firstMatch(in: line, range: NSRange(location: 0, length: (line as NSString).length)) != nil {
                let m = try context.session.callMethod(on: .regex(r), method, [.string(line)]) ?? .null
                let matches = m.arrayElements ?? [m]
                let spans: [(Int, Int)] = matches.compactMap { m in
                    guard let i = try? PSConvert.toInt(PropertyAccess.value(m, "Index") ?? .null),
                          let n = try? PSConvert.toInt(PropertyAccess.value(m, "Length") ?? .null) else { return nil }
                    return (i, n)
                }
                found = (r.pattern, matches, spans)
                break
            }
        }
        if context[Self.notMatch] { return found == nil ? (patterns.first ?? "", [], []) : nil }
        return found
    }

    /// -SimpleMatch: a substring search, case-insensitive unless -CaseSensitive, in -Culture (the
    /// current culture by default; Ordinal and Invariant by name).
    /// Where the needle first occurs (UTF-16 offset and length), nil when it does not.
    private func find(_ line: String, _ needle: String, _ context: CmdletContext) -> (Int, Int)? {
        if needle.isEmpty { return (0, 0) }
        var options: String.CompareOptions = context[Self.caseSensitive] ? [] : [.caseInsensitive]
        var locale: Locale? = Locale(identifier: "en_US")
        switch (context[Self.culture] ?? "Current").lowercased() {
        case "ordinal": options.insert(.literal); locale = nil
        case "invariant", "current": break
        case let name: locale = Locale(identifier: name.replacingOccurrences(of: "-", with: "_"))
        }
        guard let r = line.range(of: needle, options: options, locale: locale) else { return nil }
        let start = line.utf16.distance(from: line.utf16.startIndex, to: r.lowerBound)
        return (start, line.utf16.distance(from: r.lowerBound, to: r.upperBound))
    }

    private func matchInfo(_ t: TrackedMatch<Hit>, _ context: CmdletContext) -> PSValue {
        let hit = t.info
        let o = PSObject(typeNames: [Self.matchInfoType, "System.Object"])
        let fromFile = hit.path != "InputStream"
        o.addNote("IgnoreCase", .bool(!context[Self.caseSensitive]))
        o.addNote("LineNumber", .uint64(UInt64(hit.number)))
        o.addNote("Line", .string(hit.line))
        o.addNote("Filename", .string(fromFile ? (hit.path as NSString).lastPathComponent : "InputStream"))
        o.addNote("Path", .string(hit.path))
        o.addNote("Pattern", .string(hit.pattern))
        var contextValue = PSValue.null
        if pipelineTracker.hasContext {
            let c = PSObject(typeNames: [Self.contextType, "System.Object"])
            func strings(_ a: [String]) -> PSValue { .array(PSArray(a.map { .string($0) })) }
            c.addNote("PreContext", strings(t.preContext))
            c.addNote("PostContext", strings(t.postContext))
            c.addNote("DisplayPreContext", strings(t.displayPreContext))
            c.addNote("DisplayPostContext", strings(t.displayPostContext))
            contextValue = .object(c)
        }
        o.addNote("Context", contextValue)
        o.addNote("Matches", .array(PSArray(hit.matches)))
        let display = MatchInfoText(path: fromFile ? hit.path : nil, line: hit.line, number: hit.number,
                                    context: pipelineTracker.hasContext ? (t.displayPreContext, t.displayPostContext) : nil,
                                    spans: context[Self.noEmphasis] ? nil : hit.spans)
        o.addMethod("ToString") { _, args in
            .string(display.text(directory: args.first.map { PSConvert.toString($0) }, emphasize: false))
        }
        o.addMethod("ToEmphasizedString") { _, args in
            guard args.count == 1 else { throw MatchInfoText.argCount("ToEmphasizedString", args.count) }
            return .string(display.text(directory: PSConvert.toString(args[0]), emphasize: true))
        }
        o.addMethod("RelativePath") { _, args in
            guard args.count == 1 else { throw MatchInfoText.argCount("RelativePath", args.count) }
            return .string(display.relativePath(PSConvert.toString(args[0])))
        }
        o.baseObject = display
        o.toStringHandler = { _ in display.text(directory: nil, emphasize: false) }
        return .object(o)
    }

    /// Writes the matches that are ready; true when there was one.
    @discardableResult
    private func write(_ ready: [TrackedMatch<Hit>], _ context: CmdletContext) throws -> Bool {
        guard let first = ready.first else { return false }
        if context[Self.raw] {
            for t in ready { try context.writeObject(.string(t.info.line)) }
        } else if context[Self.quiet] && !context[Self.list] {
            try context.writeObject(.true)
        } else if context[Self.list] {
            try context.writeObject(matchInfo(first, context))
        } else {
            for t in ready { try context.writeObject(matchInfo(t, context)) }
        }
        return true
    }

    private func track(_ tracker: MatchContextTracker<Hit>, line: String, number: Int, path: String, _ context: CmdletContext) throws -> [TrackedMatch<Hit>] {
        guard let found = try search(line, context) else { return tracker.line(line) }
        return tracker.match(TrackedMatch(Hit(line: line, number: number, path: path, pattern: found.pattern, matches: found.matches, spans: found.spans), line: line))
    }

    func process(_ context: CmdletContext) throws {
        if done { return }
        if let input = context[Self.inputObject], !context.isBound(Self.path) && !context.isBound(ItemParameters.literalPath) {
            recordNumber += 1
            // A MatchInfo from an earlier Select-String is searched by its line.
            let line = PSConvert.toString(PropertyAccess.value(input, "Line").flatMap { input.typeNames.first == Self.matchInfoType ? $0 : nil } ?? input)
            if try write(try track(pipelineTracker, line: line, number: recordNumber, path: "InputStream", context), context), context[Self.quiet] {
                done = true
            }
            return
        }
        // -Include/-Exclude pick among the files the paths name, by file name.
        let filters = ItemFilters(filter: nil, include: context[Self.include], exclude: context[Self.exclude])
        for path in try FileItems.paths(context, path: Self.path) where filters.includes(ItemFilters.leaf(path)) {
            guard let text = FileText.read(path) else { continue }
            var lines = LineBreaking.splitLines(text)
            if text.hasSuffix("\n") { lines.removeLast() }
            let tracker = makeTracker(context)
            var found = false
            for (i, l) in lines.enumerated() {
                if try write(try track(tracker, line: l, number: i + 1, path: path, context), context) {
                    found = true
                    if context[Self.list] || context[Self.quiet] { break }
                }
            }
            if !found || !(context[Self.list] || context[Self.quiet]) { found = try write(tracker.end(), context) || found }
            if found && context[Self.quiet] { return }
        }
        if context[Self.quiet] && !context[Self.list] { try context.writeObject(.false) }
    }

    func end(_ context: CmdletContext) throws {
        if !done { try write(pipelineTracker.end(), context) }
    }
}

/// How a MatchInfo reads (MatchInfo.ToString / ToEmphasizedString): `path:line:text` for a file (the
/// path relative to a directory when one is given), the line alone for pipeline input; with context,
/// the display lines around it ("  " before them, "> " before the match). Emphasis wraps each match
/// in $PSStyle.Reverse and $PSStyle.Reset, unless Select-String had -NoEmphasis (`spans` nil).
final class MatchInfoText {
    let path: String?
    let line: String
    let number: Int
    let context: (pre: [String], post: [String])?
    let spans: [(Int, Int)]?

    init(path: String?, line: String, number: Int, context: ([String], [String])?, spans: [(Int, Int)]?) {
        self.path = path
        self.line = line
        self.number = number
        self.context = context.map { (pre: $0.0, post: $0.1) }
        self.spans = spans
    }

    static func argCount(_ name: String, _ count: Int) -> PSRuntimeError {
        PSRuntimeError.message("Cannot find an overload for \"\(name)\" and the argument count: \"\(count)\".",
                               errorId: "MethodCountCouldNotFindBest", category: .notSpecified,
                               exceptionType: "System.Management.Automation.MethodException")
    }

    /// MatchInfo.RelativePath: the path without a leading `directory` (ignoring case) and its separator.
    func relativePath(_ directory: String) -> String {
        guard let path else { return "InputStream" }
        guard !directory.isEmpty, path.lowercased().hasPrefix(directory.lowercased()) else { return path }
        let chars = Array(path), offset = Array(directory).count
        guard offset < chars.count else { return path }
        if directory.hasSuffix("/") || directory.hasSuffix("\\") { return String(chars[offset...]) }
        if chars[offset] == "/" || chars[offset] == "\\" { return String(chars[(offset + 1)...]) }
        return path
    }

    func text(directory: String?, emphasize: Bool) -> String {
        let shown = path.map { p in directory.map(relativePath) ?? p }
        let matchLine = emphasize ? emphasized() : line
        func format(_ text: String, _ n: Int, _ prefix: String) -> String {
            shown.map { "\(prefix)\($0):\(n):\(text)" } ?? prefix + text
        }
        guard let context else { return format(matchLine, number, "") }
        var n = number - context.pre.count
        var lines: [String] = []
        for l in context.pre { lines.append(format(l, n, "  ")); n += 1 }
        lines.append(format(matchLine, n, "> ")); n += 1
        for l in context.post { lines.append(format(l, n, "  ")); n += 1 }
        return lines.joined(separator: "\n")
    }

    /// The line with each match between the reverse-video and reset sequences.
    private func emphasized() -> String {
        guard let spans, !spans.isEmpty else { return line }
        let units = Array(line.utf16)
        var out: [UInt16] = []
        var at = 0
        for (index, length) in spans where index >= at && index + length <= units.count {
            out += units[at..<index]
            out += Array("\u{1B}[7m".utf16) + units[index..<(index + length)] + Array("\u{1B}[0m".utf16)
            at = index + length
        }
        out += units[at...]
        return String(decoding: out, as: UTF16.self)
    }
}
