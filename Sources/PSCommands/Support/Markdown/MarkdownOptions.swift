import Foundation
import PSRuntime

/// Microsoft.PowerShell.MarkdownRender.PSMarkdownOptionInfo: the escape sequences (without their
/// leading ESC) the VT100 renderer colours each element with, dark or light theme, and whether it
/// colours at all. The session keeps the current one for Get-/Set-MarkdownOption.
final class MarkdownOptions {
    static let typeName = "Microsoft.PowerShell.MarkdownRender.PSMarkdownOptionInfo"
    static let propertyNames = ["Header1", "Header2", "Header3", "Header4", "Header5", "Header6", "Code", "Link", "Image",
                                "EmphasisBold", "EmphasisItalics"]

    var values: [String: String] = [:]
    var enableVT100Encoding = true

    init() { setTheme(light: false) }

    func setTheme(light: Bool) {
        let headers = light ? ["[7m", "[4;33m", "[4;34m", "[4;35m", "[4;36m", "[4;30m"]
                            : ["[7m", "[4;93m", "[4;94m", "[4;95m", "[4;96m", "[4;97m"]
        for (i, h) in headers.enumerated() { values["Header\(i + 1)"] = h }
        values["Code"] = "[48;2;155;155;155;38;2;30;30;30m"
        values["Link"] = "[4;38;5;117m"
        values["Image"] = "[33m"
        values["EmphasisBold"] = "[1m"
        values["EmphasisItalics"] = "[36m"
    }

    func header(_ level: Int) -> String { values["Header\(level)"] ?? "" }
    var code: String { values["Code"] ?? "" }
    var link: String { values["Link"] ?? "" }
    var image: String { values["Image"] ?? "" }
    var emphasisBold: String { values["EmphasisBold"] ?? "" }
    var emphasisItalics: String { values["EmphasisItalics"] ?? "" }

    /// The session's options (PowerShell keeps them in the Utility module's scope).
    static func current(_ session: ShellSession) -> MarkdownOptions {
        if let holder = try? session.services.service(Holder.self) { return holder.options }
        let holder = Holder()
        session.services.provide(Holder.self) { holder }
        return holder.options
    }

    static func setCurrent(_ options: MarkdownOptions, _ session: ShellSession) {
        _ = current(session)
        (try? session.services.service(Holder.self))?.options = options
    }

    final class Holder { var options = MarkdownOptions() }

    private weak var face: PSObject?

    var object: PSObject {
        if let face { return face }
        let o = PSObject(typeNames: [Self.typeName, "System.Object"], baseObject: self)
        let options = self
        for name in Self.propertyNames {
            o.addProperty(name, get: { _ in .string(options.values[name] ?? "") },
                          set: { _, v in options.values[name] = v.isNull ? nil : PSConvert.toString(v) })
        }
        o.addProperty("EnableVT100Encoding", get: { _ in .bool(options.enableVT100Encoding) },
                      set: { _, v in options.enableVT100Encoding = PSConvert.toBool(v) })
        // ESC, the sequence, the sequence again as text, ESC[0m: each option shown in its own colour.
        o.addMethod("AsEscapeSequence") { _, args in
            guard args.count == 1 else {
                throw PSRuntimeError.message("Cannot find an overload for \"AsEscapeSequence\" and the argument count: \"\(args.count)\".",
                                             errorId: "MethodCountCouldNotFindBest", category: .notSpecified,
                                             exceptionType: "System.Management.Automation.MethodException")
            }
            let asked = PSConvert.toString(args[0])
            guard let name = Self.propertyNames.first(where: { $0.lowercased() == asked.lowercased() }) else {
                throw PSRuntimeError.message(
                    "Cannot convert argument \"propertyName\", with value: \"\(asked)\", for \"AsEscapeSequence\" to type \"Microsoft.PowerShell.MarkdownRender.MarkdownOptionInfoProperty\": \"Cannot convert value \"\(asked)\" to type \"Microsoft.PowerShell.MarkdownRender.MarkdownOptionInfoProperty\". Error: \"Unable to match the identifier name \(asked) to a valid enumerator name. Specify one of the following enumerator names and try again:\n\(Self.propertyNames.joined(separator: ", "))\"\"",
                    errorId: "MethodArgumentConversionInvalidCastArgument", category: .notSpecified,
                    exceptionType: "System.Management.Automation.MethodException")
            }
            let value = options.values[name] ?? ""
            return .string("\u{1B}" + value + value + "\u{1B}[0m")
        }
        o.addMethod("SetDarkTheme") { _, _ in options.setTheme(light: false); return .null }
        o.addMethod("SetLightTheme") { _, _ in options.setTheme(light: true); return .null }
        o.toStringHandler = { _ in Self.typeName }
        face = o
        return o
    }

    static func from(_ value: PSValue) -> MarkdownOptions? {
        if case .object(let o) = value.unwrapped { return o.baseObject as? MarkdownOptions }
        return nil
    }

    /// PowerShell's list view of the options: each as AsEscapeSequence shows it.
    static var formatView: FormatView {
        FormatView(name: typeName, typeNames: [typeName], list: propertyNames.map { name in
            ListItem(name, value: .computed { v in
                guard let o = MarkdownOptions.from(v) else { return .null }
                let value = o.values[name] ?? ""
                return .string("\u{1B}" + value + value + "\u{1B}[0m")
            })
        })
    }
}
