// The core cmdlets and the formatting engine as one module for the session:
//     ShellSession(host: host, modules: [CoreCommands.module, ...])
// Its Out-Default replaces the runtime's minimal fallback.

import PSRuntime

public enum CoreCommands {
    public static var module: PSModule {
        PSModule(name: "Microsoft.PowerShell.Utility", version: PSVersion(7, 0, 0, 0),
                 cmdlets: cmdlets, aliases: aliases, formatViews: BuiltinViews.all)
    }

    static var cmdlets: [any Cmdlet.Type] {
        [OutDefaultCommand.self, OutHostCommand.self, OutStringCommand.self, OutNullCommand.self, OutFileCommand.self,
         FormatTableCommand.self, FormatListCommand.self, FormatWideCommand.self]
            + CoreCommands.utilityCmdlets
    }

    static var aliases: [(String, String)] {
        [("ft", "Format-Table"), ("fl", "Format-List"), ("fw", "Format-Wide"), ("oh", "Out-Host")]
    }
}

/// Formatting entry points for Swift callers (the shell, tests): objects to console text.
public enum Formatting {
    /// The text Out-String would produce for `values` (script-block columns cannot run here).
    public static func outString(_ values: [PSValue], session: ShellSession, width: Int? = nil) throws -> String {
        var text = ""
        let f = LineFormatter(session: session, invoke: { _, _ in [] }, screenWidth: width ?? session.host.windowWidth,
                              listWidth: width ?? Int.max / 4) { text += $0 + "\n" }
        for v in values { try f.add(v) }
        f.finish()
        return text
    }
}

/// Views PowerShell ships for .NET types that scripts meet every day.
enum BuiltinViews {
    static var all: [FormatView] {
        [
            FormatView(name: "Dictionary", typeNames: ["System.Collections.DictionaryEntry"], table: [
                TableColumn("Name", width: 30),
                TableColumn("Value"),
            ]),
        ]
    }
}
