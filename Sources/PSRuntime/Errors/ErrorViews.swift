/// `$ErrorView`: which layout the host writes errors in. ConciseView is PowerShell 7's default;
/// NormalView and CategoryView give Windows PowerShell 5.1's layouts for people who want them.
public enum ErrorViews {
    public static let enumType = PSEnumType(fullName: "System.Management.Automation.ErrorView",
                                            names: ["NormalView", "CategoryView", "ConciseView", "DetailedView"])

    /// Renders `r` as the view named by `view` (the value of `$ErrorView`) asks. As in PowerShell's
    /// error view, a name it does not know gives NormalView. (DetailedView, Get-Error's listing, is
    /// shown as ConciseView.)
    public static func render(_ r: ErrorRecord, view: PSValue?, width: Int) -> String {
        guard let view else { return ErrorRendering.concise(r, width: width) }
        switch PSConvert.toString(view).lowercased() {
        case "conciseview", "detailedview": return ErrorRendering.concise(r, width: width)
        case "categoryview": return category(r)
        default: return normal(r, width: width)
        }
    }

    /// CategoryView: the CategoryInfo line alone.
    public static func category(_ r: ErrorRecord) -> String { r.categoryInfoText }

    /// NormalView, as Windows PowerShell 5.1 wrote errors:
    ///
    ///     Get-Item : Cannot find path '/nope' because it does not exist.
    ///     At line:1 char:1
    ///     + Get-Item /nope
    ///     + ~~~~~~~~~~~~~~
    ///         + CategoryInfo          : ObjectNotFound: (/nope:String) [Get-Item], ItemNotFoundException
    ///         + FullyQualifiedErrorId : PathNotFound,Microsoft.PowerShell.Commands.GetItemCommand
    ///
    /// followed by a line holding one space when the message is the exception's own.
    public static func normal(_ r: ErrorRecord, width: Int) -> String {
        var text: String
        if r.category == .parserError && r.commandName == nil {
            // A parse error's message carries its position first.
            text = (r.position.map { ErrorRendering.positionMessage($0) + "\n" } ?? "") + r.message
        } else {
            text = commandPrefix(r) + r.message
            if let p = r.position { text += "\n" + ErrorRendering.positionMessage(p) }
        }
        let chunkWidth = max(1, width - 6)
        text += "\n" + indentedChunks("+ CategoryInfo          : " + categoryInfo(r), chunkWidth)
        text += "\n" + indentedChunks("+ FullyQualifiedErrorId : " + r.fullyQualifiedErrorId, chunkWidth)
        if r.errorDetailsMessage == nil { text += "\n " }
        return text
    }

    /// `Get-VM : `: the command as typed (its name when called with `&` or `.`), nothing for an
    /// error a statement raised.
    static func commandPrefix(_ r: ErrorRecord) -> String {
        if let typed = r.invocationName, !typed.isEmpty, typed != "&", typed != "." { return typed + " : " }
        if let name = r.commandName, !name.isEmpty { return name + " : " }
        return ""
    }

    /// A parse error's category names the exception that contains it, as PowerShell's does.
    static func categoryInfo(_ r: ErrorRecord) -> String {
        guard r.category == .parserError, r.categoryReason == nil else { return r.categoryInfoText }
        return "ParserError: (:) [], ParentContainsErrorRecordException"
    }

    /// Windows PowerShell cut each `+ ...` line into pieces as wide as the console less six and put
    /// four spaces before every piece, on the same line (a console then wraps them under each other).
    static func indentedChunks(_ line: String, _ width: Int) -> String {
        var out = ""
        var rest = Substring(line)
        while !rest.isEmpty {
            out += "    " + rest.prefix(width)
            rest = rest.dropFirst(width)
        }
        return out
    }
}
