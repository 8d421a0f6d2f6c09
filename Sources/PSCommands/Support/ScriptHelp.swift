// Help for a function or script file: its comment-based help and parameters, put together as
// PowerShell's help system builds it (HelpCommentsParser's document, MamlNode's paragraphs).

import PSRuntime

struct ScriptHelp {
    struct Param {
        var name: String
        var required: Bool
        /// "1"-based position, or "named".
        var position: String
        var pipelineInput: String
        /// .NET's short type name (`String`, `Int32`, `SwitchParameter`, `Object`).
        var typeName: String
        var isSwitch: Bool
        /// An enum parameter's names, shown as `{A | B}` in the syntax instead of a type.
        var enumNames: [String]?
        var description: String?
        var defaultValue: String
        /// `[SupportsWildcards()]`.
        var globbing = false
    }

    struct Example {
        var title: String
        var introduction: String
        var code: String
        /// The remarks as paragraphs: the text, then the four empty ones PowerShell adds for spacing.
        var remarks: [String]
    }

    var name: String
    var category: String
    var synopsis: String?
    /// The Synopsis property of a function without comment-based help: its syntax.
    var syntaxSynopsis: String?
    var description: String?
    var syntax: [[Param]]
    var parameters: [Param]
    var examples: [Example]
    var inputs: [String]
    var outputs: [String]
    var notes: String?
    /// (text, uri): a link that is a well-formed absolute URI is a uri, anything else link text.
    var links: [(text: String, uri: String)]
    var component: String?
    var role: String?
    var functionality: String?

    init(_ source: CommandHelpSource) {
        let help = source.help
        func trimmed(_ s: String?) -> String? {
            guard let t = s?.trimmingCharacters(in: .whitespacesAndNewlines), !t.isEmpty else { return nil }
            return t
        }
        name = source.commandName
        category = source.isScript ? "ExternalScript" : "Function"
        synopsis = trimmed(help?.synopsis)
        description = trimmed(help?.description)
        notes = trimmed(help?.notes)
        component = help?.component
        role = help?.role
        functionality = help?.functionality
        inputs = (help?.inputs ?? []).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        outputs = (help?.outputs ?? []).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        links = (help?.links ?? []).map { ScriptHelp.isAbsoluteURI($0) ? ("", $0) : ($0, "") }
        examples = (help?.examples ?? []).enumerated().map { i, text in
            let parts = CommentHelp.exampleParts(text)
            let remarks = parts.remarks.trimmingCharacters(in: .whitespacesAndNewlines)
            return Example(title: "-------------------------- EXAMPLE \(i + 1) --------------------------",
                           introduction: parts.prompt, code: parts.code, remarks: [remarks, "", "", "", ""])
        }

        let metadata = source.metadata
        // The parameters a help page lists: the declared ones and ShouldProcess's -WhatIf/-Confirm,
        // not the common parameters.
        let shown = metadata.parameters.enumerated().filter { i, p in
            i < metadata.commonParameterStart || ["whatif", "confirm"].contains(p.name.lowercased())
        }.map(\.element)
        let positions = ScriptHelp.positions(metadata)
        func param(_ p: ParameterDeclaration, in set: String?) -> Param {
            let index = metadata.parameters.firstIndex { $0.name == p.name } ?? 0
            let membership = set.flatMap { s in p.sets.first { $0.setName == s } }
                ?? p.sets.first { $0.setName == allParameterSets } ?? p.sets.first ?? ParameterSetMembership()
            var pipeline = "false"
            switch (membership.valueFromPipeline, membership.valueFromPipelineByPropertyName) {
            case (true, true): pipeline = "true (ByValue, ByPropertyName)"
            case (true, false): pipeline = "true (ByValue)"
            case (false, true): pipeline = "true (ByPropertyName)"
            default: break
            }
            var description = help?.parameters[p.name.uppercased()]
            if description == nil, index < metadata.commonParameterStart, index < source.parameterComments.count {
                description = source.parameterComments[index]
            }
            let element = p.type.isArray ? ScriptHelp.elementType(p.type) : p.type
            var enumNames: [String]? = nil
            if case .enumType(let e) = element { enumNames = e.memberNames }
            return Param(name: p.name, required: membership.mandatory,
                         position: (membership.position ?? positions[p.name]).map { String($0 + 1) } ?? "named",
                         pipelineInput: pipeline, typeName: ScriptHelp.dotNetName(p.type), isSwitch: p.isSwitch,
                         enumNames: enumNames, description: trimmed(description),
                         defaultValue: source.defaultValues[p.name.lowercased()] ?? "",
                         globbing: source.wildcardParameters.contains(p.name.lowercased()))
        }
        parameters = shown.map { param($0, in: nil) }
        let sets = metadata.setNames
        if sets.isEmpty {
            syntax = [shown.map { param($0, in: nil) }]
        } else {
            syntax = sets.map { set in
                shown.filter { p in p.sets.contains { $0.setName == set || $0.setName == allParameterSets } }.map { param($0, in: set) }
            }
        }
        // A function without comment-based help gets PowerShell's default help object, whose Synopsis
        // is the command's syntax (the page hvsh prints for it stays its own).
        if help == nil && !source.isScript {
            let common = metadata.isAdvanced ? "[<CommonParameters>]" : ""
            syntaxSynopsis = syntax.map { item in
                (source.commandName + " " + item.map(ScriptHelpViews.syntaxParameter).joined() + common)
                    .trimmingCharacters(in: .whitespaces)
            }.joined(separator: "\n")
        }
    }

    /// A simple function's parameters bind by position in order (switches excepted), as PowerShell
    /// numbers them for help; advanced functions already carry their positions.
    static func positions(_ metadata: CommandMetadata) -> [String: Int] {
        guard !metadata.isAdvanced else { return [:] }
        var out: [String: Int] = [:]
        var next = 0
        for p in metadata.parameters[..<metadata.commonParameterStart] where !p.isSwitch {
            out[p.name] = next
            next += 1
        }
        return out
    }

    static func elementType(_ t: PSType) -> PSType {
        if case .array(let e) = t { return e }
        return t
    }

    /// `System.String` → `String`, `System.String[]` → `String[]`, a switch → `SwitchParameter`.
    static func dotNetName(_ t: PSType) -> String {
        if t == .switchParameter { return "SwitchParameter" }
        if t == .object { return "Object" }
        return PSType.shortName(of: t.fullName)
    }

    /// What .NET's Uri.IsWellFormedUriString(_, Absolute) accepts for the links lab scripts write.
    static func isAbsoluteURI(_ s: String) -> Bool {
        guard let colon = s.firstIndex(of: ":"), colon != s.startIndex else { return false }
        let scheme = s[..<colon]
        guard scheme.first!.isLetter, scheme.allSatisfy({ $0.isLetter || $0.isNumber || "+-.".contains($0) }) else { return false }
        return !s.contains(" ") && s[s.index(after: colon)...].count > 0
    }
}
