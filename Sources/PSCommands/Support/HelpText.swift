// Get-Help and Get-Command -Syntax text generated from a cmdlet's declaration.

import PSRuntime

enum HelpText {
    /// How a parameter type is written in syntax lines (`<string[]>`, `<int>`).
    static func typeName(_ t: PSType) -> String {
        switch t {
        case .object: return "Object"
        case .bool: return "bool"
        case .switchParameter: return "switch"
        case .byte: return "byte"
        case .int16: return "short"
        case .int32: return "int"
        case .int64: return "long"
        case .uint32: return "uint"
        case .uint64: return "ulong"
        case .single: return "float"
        case .double: return "double"
        case .decimal: return "decimal"
        case .char: return "char"
        case .string: return "string"
        case .array(let e): return typeName(e) + "[]"
        case .hashtable: return "hashtable"
        case .scriptBlock: return "scriptblock"
        case .psObject: return "psobject"
        case .dateTime: return "datetime"
        case .timeSpan: return "timespan"
        default: return t.name
        }
    }

    /// One syntax line per parameter set, PowerShell style.
    /// The parameter sets in the order `syntax` lists them: the default set first.
    static func syntaxSetOrder(_ d: CmdletDeclaration) -> [String] {
        var sets: [String] = []
        for p in d.parameters { for s in p.sets where s.setName != allParameterSets && !sets.contains(s.setName) { sets.append(s.setName) } }
        if sets.isEmpty { sets = [allParameterSets] }
        if let def = d.defaultParameterSet, let i = sets.firstIndex(of: def) { sets.remove(at: i); sets.insert(def, at: 0) }
        return sets
    }

    /// One line per parameter set; a simple function (no common parameters) has no `[<CommonParameters>]`.
    static func syntax(_ d: CmdletDeclaration, commonParameters: Bool = true) -> [String] {
        return syntaxSetOrder(d).map { set in
            var members: [(ParameterDeclaration, ParameterSetMembership)] = []
            for p in d.parameters where !p.dontShow {
                if let m = p.sets.first(where: { $0.setName == set }) ?? p.sets.first(where: { $0.setName == allParameterSets }) {
                    members.append((p, m))
                }
            }
            let positional = members.filter { $0.1.position != nil }.sorted { $0.1.position! < $1.1.position! }
            let named = members.filter { $0.1.position == nil }
            // Positional parameters by position, then the rest in declaration order, as Get-Help prints them.
            let ordered = positional + named
            var parts = [d.name]
            for (p, m) in ordered {
                var text: String
                if p.isSwitch {
                    text = "-\(p.name)"
                } else if m.position != nil {
                    text = "[-\(p.name)] <\(typeName(p.type))>"
                } else {
                    text = "-\(p.name) <\(typeName(p.type))>"
                }
                if !m.mandatory { text = "[\(text)]" }
                parts.append(text)
            }
            if d.supportsShouldProcess { parts += ["[-WhatIf]", "[-Confirm]"] }
            if commonParameters { parts.append("[<CommonParameters>]") }
            return parts.joined(separator: " ")
        }
    }

    static func full(_ d: CmdletDeclaration, detailed: Bool, examples: Bool = false) -> String {
        var out = "\nNAME\n    \(d.name)\n\nSYNOPSIS\n    \(d.synopsis)\n\n\nSYNTAX\n"
        for line in syntax(d) { out += "    \(line)\n\n" }
        out += "\nDESCRIPTION\n"
        for para in (d.description.isEmpty ? d.synopsis : d.description).split(separator: "\n") { out += "    \(para)\n" }
        if detailed {
            out += "\n\nPARAMETERS\n"
            for p in d.parameters where !p.dontShow {
                let m = p.sets.first
                out += "    -\(p.name)\(p.isSwitch ? "" : " <\(typeName(p.type))>")\n"
                if let h = p.helpMessage { out += "        \(h)\n" }
                out += "        Required?                    \(m?.mandatory == true ? "true" : "false")\n"
                out += "        Position?                    \(m?.position.map { String($0) } ?? "named")\n"
                out += "        Accept pipeline input?       \(m?.valueFromPipeline == true ? "true (ByValue)" : (m?.valueFromPipelineByPropertyName == true ? "true (ByPropertyName)" : "false"))\n"
                if !p.aliases.isEmpty { out += "        Aliases                      \(p.aliases.joined(separator: ", "))\n" }
                out += "\n"
            }
            out += "    <CommonParameters>\n        This cmdlet supports the common parameters: Verbose, Debug,\n        ErrorAction, ErrorVariable, WarningAction, WarningVariable,\n        OutBuffer, PipelineVariable, and OutVariable.\n"
        }
        if examples || detailed { out += HelpExamples.text(for: d.name) }
        out += "\n\nREMARKS\n    To see more details, type: \"Get-Help \(d.name) -Detailed\".\n"
        return out
    }
}
