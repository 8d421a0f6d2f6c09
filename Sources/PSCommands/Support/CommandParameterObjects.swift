// The parameter objects of a CommandInfo: `.Parameters` (name → ParameterMetadata, in declaration
// order, the common parameters last for advanced commands) and `.ParameterSets` (one
// CommandParameterSetInfo per set, the default first; its ToString() is the set's syntax).

import PSRuntime

enum CommandParameterObjects {
    /// `.Parameters`: an ordered dictionary keyed by parameter name.
    static func parameters(_ d: CmdletDeclaration, advanced: Bool) -> PSValue {
        let table = PSHashtable(ordered: true)
        for p in allParameters(d, advanced: advanced) {
            let o = PSObject(typeNames: ["System.Management.Automation.ParameterMetadata", "System.Object"])
            o.addNote("Name", .string(p.name))
            o.addNote("ParameterType", .type(p.type))
            let sets = PSHashtable(ordered: true)
            for s in p.sets { sets[.string(s.setName)] = membership(s) }
            o.addNote("ParameterSets", .hashtable(sets))
            o.addNote("IsDynamic", .false)
            o.addNote("Aliases", .list(p.aliases.map { .string($0) }))
            o.addNote("Attributes", .array(PSArray(AttributeObjects.objects(for: p), kind: .collection(.named("System.Attribute")))))
            o.addNote("SwitchParameter", .bool(p.isSwitch))
            o.toStringHandler = { _ in "System.Management.Automation.ParameterMetadata" }
            table[.string(p.name)] = .object(o)
        }
        return .hashtable(table)
    }

    /// `.ParameterSets`: one object per set, with the parameters that belong to it.
    static func parameterSets(_ d: CmdletDeclaration, advanced: Bool) -> PSValue {
        var names: [String] = []
        for p in d.parameters { for s in p.sets where s.setName != allParameterSets && !names.contains(s.setName) { names.append(s.setName) } }
        if let def = d.defaultParameterSet, !names.contains(def) { names.append(def) }
        if names.isEmpty { names = [allParameterSets] }
        let syntax = HelpText.syntax(d, commonParameters: advanced)
        var out: [PSValue] = []
        for set in names {
            let o = PSObject(typeNames: ["System.Management.Automation.CommandParameterSetInfo", "System.Object"])
            o.addNote("Name", .string(set))
            o.addNote("IsDefault", .bool(set == d.defaultParameterSet || names.count == 1))
            var members: [PSValue] = []
            for p in allParameters(d, advanced: advanced) {
                guard let m = p.sets.first(where: { $0.setName == set }) ?? p.sets.first(where: { $0.setName == allParameterSets }) else { continue }
                let info = PSObject(typeNames: ["System.Management.Automation.CommandParameterInfo", "System.Object"])
                info.addNote("Name", .string(p.name))
                info.addNote("ParameterType", .type(p.type))
                info.addNote("IsMandatory", .bool(m.mandatory))
                info.addNote("IsDynamic", .false)
                // .NET's "no position" is int.MinValue.
                info.addNote("Position", .int(m.position.map { Int32($0) } ?? Int32.min))
                info.addNote("ValueFromPipeline", .bool(m.valueFromPipeline))
                info.addNote("ValueFromPipelineByPropertyName", .bool(m.valueFromPipelineByPropertyName))
                info.addNote("ValueFromRemainingArguments", .bool(m.valueFromRemainingArguments))
                info.addNote("HelpMessage", m.helpMessage.map { .string($0) } ?? .null)
                info.addNote("Aliases", .list(p.aliases.map { .string($0) }))
                info.addNote("Attributes", .list([]))
                members.append(.object(info))
            }
            o.addNote("Parameters", .list(members))
            // The set's syntax without the command name, as CommandParameterSetInfo.ToString() gives it.
            let order = HelpText.syntaxSetOrder(d)
            let line = order.firstIndex(of: set).map { syntax[$0] } ?? ""
            let text = line.hasPrefix(d.name + " ") ? String(line.dropFirst(d.name.count + 1)) : (line == d.name ? "" : line)
            o.toStringHandler = { _ in text }
            out.append(.object(o))
        }
        return .list(out)
    }

    private static func allParameters(_ d: CmdletDeclaration, advanced: Bool) -> [ParameterDeclaration] {
        d.parameters + (advanced ? CommonParameters.declarations(shouldProcess: d.supportsShouldProcess) : [])
    }

    private static func membership(_ s: ParameterSetMembership) -> PSValue {
        let o = PSObject(typeNames: ["System.Management.Automation.ParameterSetMetadata", "System.Object"])
        o.addNote("Position", .int(s.position.map { Int32($0) } ?? Int32.min))
        o.addNote("IsMandatory", .bool(s.mandatory))
        o.addNote("ValueFromPipeline", .bool(s.valueFromPipeline))
        o.addNote("ValueFromPipelineByPropertyName", .bool(s.valueFromPipelineByPropertyName))
        o.addNote("ValueFromRemainingArguments", .bool(s.valueFromRemainingArguments))
        o.addNote("HelpMessage", s.helpMessage.map { .string($0) } ?? .null)
        return .object(o)
    }
}
