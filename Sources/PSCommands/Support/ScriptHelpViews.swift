// The text of Get-Help for functions and scripts, laid out as PowerShell's help views (the
// DefaultCommandHelp, VerboseCommandHelp, FullCommandHelp and ExampleCommandHelp custom controls and
// the parameter view) through a writer that works like its ComplexWriter: text collects in a
// buffer, a newline writes it wrapped to the width left by the indentation frames open at that
// moment, and an empty buffer still writes a line (indented, so such lines carry trailing spaces).

import PSRuntime

final class ComplexTextWriter {
    private let columns: Int
    private var frames: [Int] = []
    private var buffer = ""
    private(set) var lines: [String] = []

    init(columns: Int) { self.columns = columns }

    func text(_ s: String) { buffer += s }

    func newline(_ count: Int = 1) { for _ in 0..<count { flush() } }

    func frame(_ indent: Int, _ body: () -> Void) {
        frames.append(indent)
        body()
        frames.removeLast()
    }

    func flush() {
        let left = frames.reduce(0, +)
        let width = max(1, columns - left)
        let pad = String(repeating: " ", count: left)
        for line in LineBreaking.wrap(buffer, firstWidth: width, followingWidth: width) { lines.append(pad + line) }
        buffer = ""
    }

    /// The entry's lines, with the line the writer always ends on.
    func finish() -> [String] {
        flush()
        return lines
    }
}

enum ScriptHelpViews {
    enum View { case normal, detailed, full, examples }

    static let commonParametersText = "    This cmdlet supports the common parameters: Verbose, Debug,\n    ErrorAction, ErrorVariable, WarningAction, WarningVariable,\n    OutBuffer, PipelineVariable, and OutVariable. For more information, see\n    about_CommonParameters (https://go.microsoft.com/fwlink/?LinkID=113216). "

    /// The text Out-Default writes for the help: a blank line, the entry, a blank line.
    static func render(_ h: ScriptHelp, view: View, columns: Int) -> String {
        let w = ComplexTextWriter(columns: columns)
        switch view {
        case .normal:
            details(h, w); syntax(h, w); description(h, w)
            relatedLinks(h, w)
            w.newline()
            remarks(h, w)
        case .detailed:
            details(h, w); syntax(h, w); description(h, w)
            w.text("PARAMETERS"); w.newline()
            w.frame(4) {
                for p in h.parameters {
                    w.text("-" + p.name + parameterValue(p)); w.newline()
                    w.frame(4) {
                        if let d = p.description { w.text(d); w.newline() }
                        w.newline()
                    }
                }
                commonParameters(w)
            }
            w.frame(4) { examples(h, w) }
            remarks(h, w)
        case .full:
            details(h, w); syntax(h, w); description(h, w)
            w.text("PARAMETERS"); w.newline()
            w.frame(4) {
                for p in h.parameters { fullParameter(p, w) }
                commonParameters(w)
            }
            for (title, types) in [("INPUTS", h.inputs), ("OUTPUTS", h.outputs)] {
                w.text(title); w.newline()
                w.frame(4) {
                    for t in types {
                        w.text(t); w.newline()
                        w.newline()
                    }
                    w.newline()
                }
            }
            if let notes = h.notes {
                w.text("NOTES"); w.newline()
                w.frame(4) {
                    w.newline()
                    w.text(notes); w.newline()
                    w.newline()
                }
            }
            w.frame(4) {
                examples(h, w)
                w.newline()
            }
            relatedLinks(h, w)
        case .examples:
            details(h, w)
            w.frame(4) { examples(h, w) }
        }
        return framed(w.finish())
    }

    /// Get-Help -Parameter: the full view of the parameters asked for.
    static func renderParameters(_ params: [ScriptHelp.Param], columns: Int) -> String {
        var lines: [String] = []
        for p in params {
            let w = ComplexTextWriter(columns: columns)
            fullParameter(p, w)
            lines += w.finish()
        }
        return framed(lines)
    }

    private static func framed(_ lines: [String]) -> String { ([""] + lines + [""]).joined(separator: "\n") }

    private static func details(_ h: ScriptHelp, _ w: ComplexTextWriter) {
        w.text("NAME"); w.newline()
        w.frame(4) { w.text(h.name); w.newline(2) }
        w.text("SYNOPSIS"); w.newline()
        w.frame(4) {
            if let s = h.synopsis { w.text(s); w.newline() }
            w.newline(2)
        }
    }

    private static func syntax(_ h: ScriptHelp, _ w: ComplexTextWriter) {
        w.text("SYNTAX"); w.newline()
        w.frame(4) {
            for item in h.syntax {
                w.text(h.name + " ")
                for p in item { w.text(syntaxParameter(p)) }
                w.text("[<CommonParameters>]")
                w.newline(2)
            }
            w.newline()
        }
    }

    private static func description(_ h: ScriptHelp, _ w: ComplexTextWriter) {
        w.text("DESCRIPTION"); w.newline()
        w.frame(4) {
            if let d = h.description { w.text(d); w.newline() }
            w.newline()
        }
        w.newline()
    }

    private static func relatedLinks(_ h: ScriptHelp, _ w: ComplexTextWriter) {
        w.text("RELATED LINKS"); w.newline()
        w.frame(4) {
            for link in h.links {
                w.text(link.text + (link.text.isEmpty ? "" : " ") + link.uri)
                w.newline()
            }
        }
    }

    private static func remarks(_ h: ScriptHelp, _ w: ComplexTextWriter) {
        w.text("REMARKS"); w.newline()
        w.frame(4) {
            w.text("To see the examples, type: \"Get-Help \(h.name) -Examples\""); w.newline()
            w.text("For more information, type: \"Get-Help \(h.name) -Detailed\""); w.newline()
            w.text("For technical information, type: \"Get-Help \(h.name) -Full\""); w.newline()
            // Written after the frames close, so it carries its own indentation.
            if !h.links.isEmpty { w.text("    For online help, type: \"Get-Help \(h.name) -Online\"") }
        }
    }

    private static func commonParameters(_ w: ComplexTextWriter) {
        w.text("<CommonParameters>"); w.newline()
        w.frame(4) { w.text(commonParametersText) }
        w.newline(2)
    }

    private static func examples(_ h: ScriptHelp, _ w: ComplexTextWriter) {
        for e in h.examples {
            w.text(e.title); w.newline(2)
            w.text(e.introduction); w.text(e.code); w.newline()
            w.newline()
            for r in e.remarks { w.text(r); w.newline() }
        }
    }

    private static func fullParameter(_ p: ScriptHelp.Param, _ w: ComplexTextWriter) {
        w.text("-" + p.name + parameterValue(p)); w.newline()
        w.frame(4) {
            if let d = p.description { w.text(d); w.newline() }
            w.newline()
            w.text("Required?                    " + (p.required ? "true" : "false")); w.newline()
            w.text("Position?                    " + p.position); w.newline()
            w.text("Default value                " + p.defaultValue); w.newline()
            w.text("Accept pipeline input?       " + p.pipelineInput); w.newline()
            w.text("Aliases                      "); w.newline()
            w.text("Accept wildcard characters?  false"); w.newline()
            w.newline()
        }
    }

    /// ` <String>` after a parameter's name in the parameter list (` [<SwitchParameter>]` for a switch,
    /// nothing for an enum, whose values only the syntax shows).
    static func parameterValue(_ p: ScriptHelp.Param) -> String {
        if p.enumNames != nil { return "" }
        return p.isSwitch ? " [<\(p.typeName)>]" : " <\(p.typeName)>"
    }

    /// `[[-Name] <String>] `, `-Path <String> `, `[-Force] `, `[-Mode {A | B}] ` in a syntax line.
    static func syntaxParameter(_ p: ScriptHelp.Param) -> String {
        var value = ""
        if let names = p.enumNames { value = " {" + names.joined(separator: " | ") + "}" } else if !p.isSwitch { value = " <\(p.typeName)>" }
        let positional = p.position != "named"
        switch (!p.required, positional) {
        case (true, true): return "[[-\(p.name)]\(value)] "
        case (true, false): return "[-\(p.name)\(value)] "
        case (false, true): return "[-\(p.name)]\(value) "
        case (false, false): return "-\(p.name)\(value) "
        }
    }
}
