/// Microsoft.PowerShell.MarkdownRender.MarkdownInfo: what ConvertFrom-Markdown writes (Html,
/// VT100EncodedString, Tokens), and what `[...MarkdownInfo]::new()` makes with all three unset.
public enum MarkdownInfos {
    public static let typeName = "Microsoft.PowerShell.MarkdownRender.MarkdownInfo"

    public static func make(html: String?, vt100: String?, tokens: PSValue = .null) -> PSObject {
        let o = PSObject(typeNames: [typeName, "System.Object"])
        o.addNote("Html", html.map { .string($0) } ?? .null)
        o.addNote("VT100EncodedString", vt100.map { .string($0) } ?? .null)
        o.addNote("Tokens", tokens)
        o.toStringHandler = { _ in typeName }
        return o
    }
}
