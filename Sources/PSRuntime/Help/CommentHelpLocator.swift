import Foundation
import PSLanguage

/// What Get-Help needs to describe a function or script: its comment-based help, the comments
/// around each parameter, the parameters' default values as written, and its binding metadata.
public struct CommandHelpSource {
    /// The function's name, or the script's full path (which is what PowerShell shows as its name).
    public var commandName: String
    public var isScript: Bool
    public var help: CommentHelp?
    /// The comments before, inside and after each declared parameter, as a section's text.
    public var parameterComments: [String]
    /// Each declared parameter's default value as written (`"txt"`, `2GB`), by lower-cased name.
    public var defaultValues: [String: String]
    public var metadata: CommandMetadata
    /// The lower-cased names of the parameters marked `[SupportsWildcards()]` (help's globbing).
    public var wildcardParameters: Set<String> = []
}

/// Finds comment-based help where PowerShell looks for it. A function: the comment block right before
/// `function` (at most one blank line between), else the first help block at the start of its body,
/// else the last one before its closing brace. A script: the first help block at its start (not one
/// that belongs to a function right after it), else the one at its end.
enum CommentHelpLocator {
    /// Comments closer than this many lines to what follows belong to it.
    static let proximity = 2

    struct Comment {
        let range: SourceRange
        let startLine: Int
        let endLine: Int
        let text: String
    }

    static func comments(_ parsed: ParseResult) -> [Comment] {
        parsed.comments.map { r in
            Comment(range: r, startLine: parsed.source.location(of: r.start).line,
                    endLine: parsed.source.location(of: max(r.start, r.end - 1)).line, text: parsed.source.text(r))
        }
    }

    /// True when only blanks (spaces, tabs, newlines, `;`-free whitespace) lie between two offsets.
    static func onlyWhitespace(_ source: SourceText, _ from: Int, _ to: Int) -> Bool {
        guard from < to else { return true }
        for b in source.bytes[from..<to] where !(b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D) { return false }
        return true
    }

    /// The comments right before `offset` (on `line`): each one ending no more than `proximity` lines
    /// above the previous, with nothing but blanks between.
    static func precedingBlock(_ all: [Comment], _ source: SourceText, before offset: Int, line: Int, proximity: Int) -> [Comment] {
        var block: [Comment] = []
        var minEndLine = line - proximity
        var boundary = offset
        for c in all.reversed() where c.range.end <= boundary {
            guard c.endLine >= minEndLine, onlyWhitespace(source, c.range.end, boundary) else { break }
            block.insert(c, at: 0)
            minEndLine = c.startLine - 1
            boundary = c.range.start
        }
        return block
    }

    /// The comments starting at `offset`: each on the line after the previous at most, nothing but blanks
    /// before the first. Returns the block and the offset after it.
    static func followingBlock(_ all: [Comment], _ source: SourceText, from offset: Int) -> ([Comment], Int) {
        var block: [Comment] = []
        var position = offset
        var maxStartLine = Int.max
        for c in all where c.range.start >= position {
            guard onlyWhitespace(source, position, c.range.start), c.startLine <= maxStartLine else { break }
            block.append(c)
            maxStartLine = c.endLine + 1
            position = c.range.end
        }
        return (block, position)
    }

    static func help(_ block: [Comment]) -> CommentHelp? {
        block.isEmpty ? nil : CommentHelp(lines: CommentHelp.lines(ofComments: block.map(\.text)))
    }

    /// Comment help of a function defined by `definition` in `parsed`.
    static func functionHelp(_ parsed: ParseResult, _ definition: FunctionDefinition) -> CommentHelp? {
        let all = comments(parsed)
        let source = parsed.source
        let line = source.location(of: definition.range.start).line
        if let h = help(precedingBlock(all, source, before: definition.range.start, line: line, proximity: proximity)) { return h }
        // Inside the body: after `{`, then before `}`.
        let body = definition.body.range
        var position = body.start + 1
        while true {
            let (block, next) = followingBlock(all, source, from: position)
            if block.isEmpty { break }
            if let h = help(block) { return h }
            position = next
        }
        let close = max(body.start, body.end - 1)
        return help(precedingBlock(all, source, before: close, line: source.location(of: close).line, proximity: Int.max / 2))
    }

    /// Comment help of a whole script.
    static func scriptHelp(_ parsed: ParseResult) -> CommentHelp? {
        let all = comments(parsed)
        let source = parsed.source
        var position = 0
        while true {
            let (block, next) = followingBlock(all, source, from: position)
            if block.isEmpty { break }
            if let h = help(block) {
                // Help right above the script's first function (fewer than two blank lines between)
                // belongs to that function.
                if let first = parsed.scriptBlock.endBlock?.body.statements.first, case .function(let fd) = first,
                   parsed.scriptBlock.endBlock?.isUnnamed ?? false,
                   source.location(of: fd.range.start).line - block.last!.endLine <= proximity {
                    break
                }
                return h
            }
            position = next
        }
        let end = source.bytes.count
        return help(precedingBlock(all, source, before: end, line: source.location(of: max(0, end - 1)).line + 1, proximity: Int.max / 2))
    }

    /// For each parameter: the comment block right before it, comments inside it, and the block after it.
    static func parameterComments(_ parsed: ParseResult, _ parameters: [ParameterNode]) -> [String] {
        let all = comments(parsed)
        let source = parsed.source
        return parameters.map { p in
            var block = precedingBlock(all, source, before: p.range.start, line: source.location(of: p.range.start).line,
                                       proximity: proximity)
            block += all.filter { $0.range.start >= p.range.start && $0.range.end <= p.range.end }
            block += followingBlock(all, source, from: p.range.end).0
            var i = -1
            return CommentHelp.section(CommentHelp.lines(ofComments: block.map(\.text)), &i)
        }
    }

    static func wildcardParameters(_ parameters: [ParameterNode]) -> Set<String> {
        Set(parameters.filter { p in
            p.attributes.contains { if case .attribute(let a) = $0 { return ["supportswildcards", "supportswildcardsattribute"].contains(a.typeName.name.lowercased()) }; return false }
        }.map { $0.name.name.lowercased() })
    }

    static func defaults(_ parsed: ParseResult, _ parameters: [ParameterNode]) -> [String: String] {
        var out: [String: String] = [:]
        for p in parameters {
            if let d = p.defaultValue { out[p.name.name.lowercased()] = parsed.source.text(d.range) }
            // `[PSDefaultValue(Help = 'Current directory')]` describes the default in words instead.
            for case .attribute(let a) in p.attributes where a.typeName.name.lowercased() == "psdefaultvalue" {
                for n in a.namedArguments where n.name.lowercased() == "help" {
                    if case .string(let text)? = n.value { out[p.name.name.lowercased()] = text.value }
                }
            }
        }
        return out
    }
}

extension ShellSession {
    /// Where a function's comment-based help and parameter facts come from (nil for a function made
    /// from a script block at run time, which has no source to read).
    public func helpSource(function f: FunctionInfo) -> CommandHelpSource? {
        guard let code = f.block.body else { return nil }
        let parsed: ParseResult
        let fd: FunctionDefinition
        if let definition = f.definitionRange {
            parsed = Parser.parse(code.source.text)
            guard let found = f.definition ?? CommentHelpLocator.function(in: parsed.scriptBlock, at: definition) else { return nil }
            fd = found
        } else {
            // A function made from a script block (`Set-Item function:f -Value { ... }`): its help is
            // in the block's body, as in a function's.
            parsed = Parser.parse(SourceText("function f {" + f.block.text + "\n}"))
            guard case .function(let found)? = parsed.scriptBlock.endBlock?.body.statements.first else { return nil }
            fd = found
        }
        let parameters = fd.parameters + (fd.body.paramBlock?.parameters ?? [])
        return CommandHelpSource(commandName: f.name, isScript: false, help: CommentHelpLocator.functionHelp(parsed, fd),
                                 parameterComments: CommentHelpLocator.parameterComments(parsed, parameters),
                                 defaultValues: CommentHelpLocator.defaults(parsed, parameters), metadata: code.metadata,
                                 wildcardParameters: CommentHelpLocator.wildcardParameters(parameters))
    }

    /// Where a script file's comment-based help and parameter facts come from.
    public func helpSource(scriptPath path: String) throws -> CommandHelpSource {
        let code = try compileFile(path)
        let parsed = Parser.parse(code.source.text)
        let parameters = parsed.scriptBlock.paramBlock?.parameters ?? []
        return CommandHelpSource(commandName: path, isScript: true, help: CommentHelpLocator.scriptHelp(parsed),
                                 parameterComments: CommentHelpLocator.parameterComments(parsed, parameters),
                                 defaultValues: CommentHelpLocator.defaults(parsed, parameters), metadata: code.metadata,
                                 wildcardParameters: CommentHelpLocator.wildcardParameters(parameters))
    }
}

extension CommentHelpLocator {
    /// The function definition with exactly this range anywhere in the script.
    static func function(in block: ScriptBlock, at range: SourceRange) -> FunctionDefinition? {
        var found: FunctionDefinition?
        func visit(_ sb: ScriptBlock) {
            for named in [sb.beginBlock, sb.processBlock, sb.endBlock, sb.cleanBlock].compactMap({ $0 }) {
                for s in named.body.statements { visit(s) }
                if found != nil { return }
            }
        }
        func visit(_ s: Statement) {
            guard found == nil else { return }
            if case .function(let fd) = s {
                if fd.range == range { found = fd; return }
                visit(fd.body)
            }
        }
        visit(block)
        return found
    }
}
