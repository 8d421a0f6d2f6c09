// Get-Help of a function or a script file: finding it, and the help object it writes, which scripts
// can read (`(Get-Help Deploy-Lab).Synopsis`, `.Parameters.Parameter`, `.Examples.Example`) and which
// prints as PowerShell's help view for -Detailed, -Full, -Examples or -Parameter.

import Foundation
import PSRuntime

enum ScriptHelpObjects {
    static let typeName = "MamlCommandHelpInfo"
    static let parameterTypeName = "MamlCommandHelpInfo#parameter"
    static let syntaxTypeName = "MamlCommandHelpInfo#syntax"
    static let viewTypeNames = ["MamlCommandHelpInfo#DetailedView", "MamlCommandHelpInfo#FullView", "MamlCommandHelpInfo#ExamplesView"]

    /// The function (through an alias too) or script a Get-Help name means; nil when it is neither.
    static func source(for name: String, session: ShellSession) throws -> CommandHelpSource? {
        var target = name
        if let a = session.aliasTarget(name) { target = a }
        if let f = session.function(named: target) {
            guard var source = session.helpSource(function: f) else { return nil }
            source.commandName = f.name
            return source
        }
        let pathLike = name.contains("/") || name.contains("\\") || name.lowercased().hasSuffix(".ps1")
        guard pathLike else { return nil }
        let path = FileSystemPaths.resolve(name, session: session)
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        return try session.helpSource(scriptPath: path)
    }

    static func object(_ h: ScriptHelp, view: ScriptHelpViews.View, module: String?, session: ShellSession) -> PSValue {
        var names = [typeName, "HelpInfo", "System.Object"]
        switch view {
        case .detailed: names.insert(viewTypeNames[0], at: 0)
        case .full: names.insert(viewTypeNames[1], at: 0)
        case .examples: names.insert(viewTypeNames[2], at: 0)
        case .normal: break
        }
        let o = PSObject(typeNames: names)
        o.addNote("Name", .string(h.name))
        o.addNote("Category", .string(h.category))
        o.addNote("Synopsis", .string(h.synopsis ?? h.syntaxSynopsis ?? ""))
        o.addNote("Component", h.component.map { .string($0) } ?? .null)
        o.addNote("Role", h.role.map { .string($0) } ?? .null)
        o.addNote("Functionality", h.functionality.map { .string($0) } ?? .null)
        o.addNote("ModuleName", .string(module ?? ""))
        let details = PSObject(typeNames: ["MamlCommandHelpInfo#details", "System.Object"])
        details.addNote("name", .string(h.name))
        details.addNote("description", paragraphs(h.synopsis))
        o.addNote("details", .object(details))
        o.addNote("description", paragraphs(h.description))
        let parameters = PSObject(typeNames: ["MamlCommandHelpInfo#parameters", "System.Object"])
        parameters.addNote("parameter", .array(PSArray(h.parameters.map { .object(parameterObject($0, session: session)) })))
        o.addNote("parameters", .object(parameters))
        o.addNote("syntax", syntaxObject(h))
        let examples = PSObject(typeNames: ["MamlCommandHelpInfo#examples", "System.Object"])
        examples.addNote("example", .array(PSArray(h.examples.map { e in
            let x = PSObject(typeNames: ["MamlCommandHelpInfo#example", "System.Object"])
            x.addNote("title", .string(e.title))
            x.addNote("introduction", paragraphs(e.introduction, trim: false))
            x.addNote("code", .string(e.code))
            x.addNote("remarks", .array(PSArray(e.remarks.map { paragraph($0) })))
            return .object(x)
        })))
        o.addNote("examples", h.examples.isEmpty ? .null : .object(examples))
        // .INPUTS and .OUTPUTS as the MAML PowerShell builds from them (inputTypes.inputType.type.name,
        // returnValues.returnValue.type.name): one object per section, an array only for several.
        o.addNote("inputTypes", typeList(h.inputs, list: "inputTypes", item: "inputType"))
        o.addNote("returnValues", typeList(h.outputs, list: "returnValues", item: "returnValue"))
        o.addNote("alertSet", h.notes.map { n in
            let a = PSObject(typeNames: ["MamlCommandHelpInfo#alertSet", "System.Object"])
            a.addNote("alert", paragraphs(n))
            return .object(a)
        } ?? .null)
        let links = PSObject(typeNames: ["MamlCommandHelpInfo#relatedLinks", "System.Object"])
        links.addNote("navigationLink", .array(PSArray(h.links.map { l in
            let n = PSObject(typeNames: ["MamlCommandHelpInfo#navigationLink", "System.Object"])
            n.addNote("linkText", .string(l.text))
            n.addNote("uri", .string(l.uri))
            return .object(n)
        })))
        o.addNote("relatedLinks", h.links.isEmpty ? .null : .object(links))
        unowned let s = session
        o.toStringHandler = { _ in ScriptHelpViews.render(h, view: view, columns: max(s.host.windowWidth, 6) - 1) }
        return .object(o)
    }

    /// `syntax.syntaxItem[]`, one per parameter set, each with its name and its parameters as
    /// HelpCommentsParser writes them for the syntax (no switch value, no type or default); it prints
    /// as the syntax lines.
    private static func syntaxObject(_ h: ScriptHelp) -> PSValue {
        let o = PSObject(typeNames: [syntaxTypeName, "System.Object"])
        let items: [PSValue] = h.syntax.map { set in
            let item = PSObject(typeNames: ["MamlCommandHelpInfo#syntaxItem", "System.Object"])
            item.addNote("name", .string(h.name))
            item.addNote("parameter", .array(PSArray(set.map { p in
                let q = PSObject(typeNames: ["MamlCommandHelpInfo#parameter", "System.Object"])
                q.addNote("name", .string(p.name))
                q.addNote("required", .string(p.required ? "true" : "false"))
                q.addNote("globbing", .string(p.globbing ? "true" : "false"))
                q.addNote("pipelineInput", .string(p.pipelineInput))
                q.addNote("position", .string(p.position))
                addValue(p, to: q, forSyntax: true)
                return .object(q)
            })))
            return .object(item)
        }
        o.addNote("syntaxItem", .array(PSArray(items)))
        let lines = h.syntax.map { set in h.name + " " + set.map(ScriptHelpViews.syntaxParameter).joined() + "[<CommonParameters>]" }
        let text = "\n" + lines.joined(separator: "\n\n") + "\n"
        o.toStringHandler = { _ in text }
        return .object(o)
    }

    /// parameterValue (the type name, required unless a switch; none for a switch in the syntax)
    /// or, for an enum, parameterValueGroup with each of its names.
    private static func addValue(_ p: ScriptHelp.Param, to o: PSObject, forSyntax: Bool) {
        if let names = p.enumNames {
            let group = PSObject(typeNames: ["MamlCommandHelpInfo#parameterValueGroup", "System.Object"])
            group.addNote("parameterValue", .array(PSArray(names.map { valueText($0, required: false) })))
            o.addNote("parameterValueGroup", .object(group))
        } else if !(forSyntax && p.isSwitch) {
            o.addNote("parameterValue", valueText(p.typeName, required: !p.isSwitch))
        }
    }

    /// A MAML element with text and a `required` attribute: the text, carrying the attribute.
    private static func valueText(_ text: String, required: Bool) -> PSValue {
        let v = PSObject(typeNames: ["System.String", "System.Object"])
        v.addNote("#text", .string(text))
        v.addNote("required", .string(required ? "true" : "false"))
        v.toStringHandler = { _ in text }
        return .object(v)
    }

    private static func typeList(_ names: [String], list: String, item: String) -> PSValue {
        let items: [PSValue] = names.filter { !$0.isEmpty }.map { name in
            let type = PSObject(typeNames: ["MamlCommandHelpInfo#type", "System.Object"])
            type.addNote("name", .string(name))
            let entry = PSObject(typeNames: ["MamlCommandHelpInfo#\(item)", "System.Object"])
            entry.addNote("type", .object(type))
            return .object(entry)
        }
        guard !items.isEmpty else { return .null }
        let o = PSObject(typeNames: ["MamlCommandHelpInfo#\(list)", "System.Object"])
        o.addNote(item, items.count == 1 ? items[0] : .array(PSArray(items)))
        return .object(o)
    }

    static func parameterObject(_ p: ScriptHelp.Param, session: ShellSession) -> PSObject {
        let o = PSObject(typeNames: [parameterTypeName, "System.Object"])
        o.addNote("name", .string(p.name))
        o.addNote("description", paragraphs(p.description))
        o.addNote("required", .string(p.required ? "true" : "false"))
        o.addNote("position", .string(p.position))
        o.addNote("pipelineInput", .string(p.pipelineInput))
        o.addNote("globbing", .string(p.globbing ? "true" : "false"))
        o.addNote("defaultValue", .string(p.defaultValue))
        o.addNote("type", .string(p.typeName))
        addValue(p, to: o, forSyntax: false)
        unowned let s = session
        o.toStringHandler = { _ in ScriptHelpViews.renderParameters([p], columns: max(s.host.windowWidth, 6) - 1) }
        return o
    }

    /// MAML paragraphs as PowerShell's help objects carry them (objects with a Text property).
    static func paragraphs(_ text: String?, trim: Bool = true) -> PSValue {
        guard let text, !text.isEmpty else { return .null }
        return .array(PSArray([paragraph(trim ? text.trimmingCharacters(in: .whitespacesAndNewlines) : text)]))
    }

    static func paragraph(_ text: String) -> PSValue {
        let p = PSObject(typeNames: ["MamlParaTextItem", "MamlTextItem", "System.Object"])
        p.addNote("Text", .string(text))
        p.toStringHandler = { _ in text }
        return .object(p)
    }
}
