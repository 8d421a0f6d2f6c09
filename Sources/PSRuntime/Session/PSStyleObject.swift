// `$PSStyle`: PowerShell's one process-wide PSStyle, the ANSI escape sequences for text attributes
// and colours, the styles formatting and the streams use (Formatting.TableHeader, FormatAccent, ...),
// and OutputRendering (Host, PlainText, Ansi), which says whether formatting decorates its output.

public final class PSStyleSettings: @unchecked Sendable {
    /// PowerShell keeps one instance for the process (PSStyle.Instance); runspaces share it.
    public static let shared = PSStyleSettings()

    public static let renderingType = PSEnumType(fullName: "System.Management.Automation.OutputRendering",
                                                 members: [("Host", 0), ("PlainText", 1), ("Ansi", 2)])
    static let progressViewType = PSEnumType(fullName: "System.Management.Automation.ProgressView",
                                             members: [("Minimal", 0), ("Classic", 1)])

    public var outputRendering = "Host"
    public var formatting: [(name: String, value: String)] = [
        ("FormatAccent", "\u{1B}[32;1m"), ("TableHeader", "\u{1B}[32;1m"), ("CustomTableHeaderLabel", "\u{1B}[32;1;3m"),
        ("ErrorAccent", "\u{1B}[36;1m"), ("Error", "\u{1B}[31;1m"), ("Warning", "\u{1B}[33;1m"),
        ("Verbose", "\u{1B}[33;1m"), ("Debug", "\u{1B}[33;1m"), ("FeedbackName", "\u{1B}[33m"),
        ("FeedbackText", "\u{1B}[96m"), ("FeedbackAction", "\u{1B}[97m"),
    ]
    /// FileInfo.Extension: the decoration per file extension (matched ignoring case), in insertion order.
    var extensions: [(name: String, value: String)] =
        [".zip", ".tgz", ".gz", ".tar", ".nupkg", ".cab", ".7z"].map { ($0, "\u{1B}[31;1m") }
        + [".ps1", ".psd1", ".psm1", ".ps1xml"].map { ($0, "\u{1B}[33;1m") }
    var progressStyle = "\u{1B}[33;1m"
    var progressMaxWidth: Int32 = 120
    var progressView = "Minimal"
    var useOSCIndicator = false
    var fileInfo: [(name: String, value: String)] = [
        ("Directory", "\u{1B}[44;1m"), ("SymbolicLink", "\u{1B}[36;1m"), ("Executable", "\u{1B}[32;1m"),
    ]

    public static let reset = "\u{1B}[0m"

    /// Whether formatting writes its decorations (table headers, list labels): only when asked for with
    /// Ansi; Host output here goes to pipes and files, which PowerShell writes as plain text.
    public var decorates: Bool { outputRendering == "Ansi" }

    public func style(_ name: String) -> String { formatting.first { $0.name == name }?.value ?? "" }

    static let attributes: [(String, String)] = [
        ("Reset", "0m"), ("BlinkOff", "25m"), ("Blink", "5m"), ("BoldOff", "22m"), ("Bold", "1m"), ("DimOff", "22m"),
        ("Dim", "2m"), ("Hidden", "8m"), ("HiddenOff", "28m"), ("Reverse", "7m"), ("ReverseOff", "27m"),
        ("ItalicOff", "23m"), ("Italic", "3m"), ("UnderlineOff", "24m"), ("Underline", "4m"),
        ("StrikethroughOff", "29m"), ("Strikethrough", "9m"),
    ]
    static let colorNames = ["Black", "Red", "Green", "Yellow", "Blue", "Magenta", "Cyan", "White"]

    /// The text with its escape sequences removed (CSI `ESC [ ... final`, OSC `ESC ] ... BEL or ESC \`).
    public static func plainText(_ s: String) -> String {
        guard s.unicodeScalars.contains("\u{1B}") else { return s }
        var out = String.UnicodeScalarView()
        let scalars = Array(s.unicodeScalars)
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            guard c == "\u{1B}", i + 1 < scalars.count else { out.append(c); i += 1; continue }
            if scalars[i + 1] == "[" {
                i += 2
                while i < scalars.count, !(0x40...0x7E).contains(scalars[i].value) { i += 1 }
                i += 1
            } else if scalars[i + 1] == "]" {
                i += 2
                while i < scalars.count {
                    if scalars[i] == "\u{07}" { i += 1; break }
                    if scalars[i] == "\u{1B}", i + 1 < scalars.count, scalars[i + 1] == "\\" { i += 2; break }
                    i += 1
                }
            } else {
                i += 2
            }
        }
        return String(out)
    }
}

enum PSStyleObject {
    static let typeName = "System.Management.Automation.PSStyle"

    static func make() -> PSObject {
        let state = PSStyleSettings.shared
        let o = PSObject(typeNames: [typeName, "System.Object"])
        o.addProperty("Reset") { _ in .string(PSStyleSettings.reset) }
        for (name, code) in PSStyleSettings.attributes where name != "Reset" {
            o.addProperty(name) { _ in .string("\u{1B}[" + code) }
        }
        o.addProperty("OutputRendering", get: { _ in .enumValue(PSStyleSettings.renderingType.value(named: state.outputRendering)!) },
                      set: { _, value in
            let v = try PSConvert.convert(value, to: .enumType(PSStyleSettings.renderingType))
            if case .enumValue(let e) = v.unwrapped { state.outputRendering = e.description }
        })
        o.addProperty("Formatting") { _ in .object(formatting(state)) }
        o.addProperty("Progress") { _ in .object(progress(state)) }
        o.addProperty("Foreground") { _ in .object(colors(foreground: true)) }
        o.addProperty("Background") { _ in .object(colors(foreground: false)) }
        o.addProperty("FileInfo") { _ in .object(fileInfo(state)) }
        o.addMethod("FormatHyperlink") { _, args in
            guard args.count == 2 else { throw Members.argCount("FormatHyperlink", args.count) }
            let text = PSConvert.toString(args[0]), link = PSConvert.toString(args[1])
            return .string("\u{1B}]8;;\(link)\u{1B}\\\(text)\u{1B}]8;;\u{1B}\\")
        }
        o.toStringHandler = { _ in typeName }
        return o
    }

    /// A style setter takes only escape sequences, as PowerShell's does.
    private static func checked(_ value: PSValue) throws -> String {
        let text = PSConvert.toString(value)
        guard PSStyleSettings.plainText(text).isEmpty else {
            throw PSRuntimeError.message("The specified string contains printable content when it should only contain ANSI escape sequences.",
                                         errorId: "ExceptionWhenSetting", category: .notSpecified,
                                         exceptionType: "System.Management.Automation.SetValueInvocationException")
        }
        return text
    }

    private static func formatting(_ state: PSStyleSettings) -> PSObject {
        let o = PSObject(typeNames: [typeName + "+FormattingData", "System.Object"])
        for (k, entry) in state.formatting.enumerated() {
            o.addProperty(entry.name, get: { _ in .string(state.formatting[k].value) },
                          set: { _, value in state.formatting[k].value = try checked(value) })
        }
        o.toStringHandler = { _ in typeName + "+FormattingData" }
        return o
    }

    private static func progress(_ state: PSStyleSettings) -> PSObject {
        let o = PSObject(typeNames: [typeName + "+ProgressConfiguration", "System.Object"])
        o.addProperty("Style", get: { _ in .string(state.progressStyle) }, set: { _, v in state.progressStyle = try checked(v) })
        o.addProperty("MaxWidth", get: { _ in .int(state.progressMaxWidth) }, set: { _, v in
            let n = try PSConvert.toInt32(v)
            guard n >= 18 else {
                throw PSRuntimeError.message("The 'MaxWidth' for the 'Minimal' view must be at least 18.", errorId: "ExceptionWhenSetting",
                                             category: .notSpecified, exceptionType: "System.Management.Automation.SetValueInvocationException")
            }
            state.progressMaxWidth = n
        })
        o.addProperty("View", get: { _ in .enumValue(PSStyleSettings.progressViewType.value(named: state.progressView)!) }, set: { _, v in
            if case .enumValue(let e) = try PSConvert.convert(v, to: .enumType(PSStyleSettings.progressViewType)).unwrapped {
                state.progressView = e.description
            }
        })
        o.addProperty("UseOSCIndicator", get: { _ in .bool(state.useOSCIndicator) }, set: { _, v in state.useOSCIndicator = PSConvert.toBool(v) })
        o.toStringHandler = { _ in typeName + "+ProgressConfiguration" }
        return o
    }

    private static func fileInfo(_ state: PSStyleSettings) -> PSObject {
        let o = PSObject(typeNames: [typeName + "+FileInfoFormatting", "System.Object"])
        for (k, entry) in state.fileInfo.enumerated() {
            o.addProperty(entry.name, get: { _ in .string(state.fileInfo[k].value) },
                          set: { _, value in state.fileInfo[k].value = try checked(value) })
        }
        o.addProperty("Extension") { _ in .object(extensionDictionary(state)) }
        o.toStringHandler = { _ in typeName + "+FileInfoFormatting" }
        return o
    }

    /// PSStyle.FileInfoFormatting.FileExtensionDictionary: Add/Remove/Clear/ContainsKey, Keys and the
    /// indexer; an extension must start with a period and a decoration hold only escape sequences.
    private static func extensionDictionary(_ state: PSStyleSettings) -> PSObject {
        let o = PSObject(typeNames: [typeName + "+FileInfoFormatting+FileExtensionDictionary", "System.Object"])
        func argument(_ message: String) -> PSRuntimeError {
            PSRuntimeError.message(message, errorId: "ArgumentException", category: .notSpecified, exceptionType: "System.ArgumentException")
        }
        func extensionName(_ value: PSValue) throws -> String {
            let text = PSConvert.toString(value)
            guard text.hasPrefix(".") else { throw argument("When adding or removing extensions, the extension must start with a period.") }
            return text
        }
        func decoration(_ value: PSValue) throws -> String {
            let text = PSConvert.toString(value)
            guard PSStyleSettings.plainText(text).isEmpty else {
                throw argument("The specified string contains printable content when it should only contain ANSI escape sequences: \(text)")
            }
            return text
        }
        func index(_ name: String) -> Int? { state.extensions.firstIndex { $0.name.lowercased() == name.lowercased() } }
        func method(_ name: String, _ count: Int, _ body: @escaping ([PSValue]) throws -> PSValue) {
            o.addMethod(name) { _, args in
                guard args.count == count else { throw Members.argCount(name, args.count) }
                return try DotNetErrors.asMethodError(name, count) { try body(args) }
            }
        }
        method("Add", 2) { args in
            let name = try extensionName(args[0]), value = try decoration(args[1])
            guard index(name) == nil else { throw argument("An item with the same key has already been added. Key: \(name)") }
            state.extensions.append((name, value))
            return .null
        }
        method("Remove", 1) { args in
            if let i = index(try extensionName(args[0])) { state.extensions.remove(at: i) }
            return .null
        }
        method("Clear", 0) { _ in state.extensions.removeAll(); return .null }
        method("ContainsKey", 1) { args in
            let text = PSConvert.toString(args[0])
            if text.isEmpty { return .false }
            return .bool(index(try extensionName(args[0])) != nil)
        }
        method("get_Item", 1) { args in
            let name = try extensionName(args[0])
            guard let i = index(name) else {
                throw PSRuntimeError.message("The given key '\(name)' was not present in the dictionary.", errorId: "KeyNotFoundException",
                                             category: .notSpecified, exceptionType: "System.Collections.Generic.KeyNotFoundException")
            }
            return .string(state.extensions[i].value)
        }
        method("set_Item", 2) { args in
            let name = try extensionName(args[0]), value = try decoration(args[1])
            if let i = index(name) { state.extensions[i].value = value } else { state.extensions.append((name, value)) }
            return .null
        }
        o.addProperty("Keys") { _ in .array(PSArray(state.extensions.map { .string($0.name) })) }
        o.toStringHandler = { _ in typeName + "+FileInfoFormatting+FileExtensionDictionary" }
        return o
    }

    /// Foreground 30-37 and 90-97, background 40-47 and 100-107, and FromRgb for 24-bit colours.
    private static func colors(foreground: Bool) -> PSObject {
        let kind = foreground ? "ForegroundColor" : "BackgroundColor"
        let o = PSObject(typeNames: [typeName + "+" + kind, "System.Object"])
        let base = foreground ? 30 : 40, bright = foreground ? 90 : 100
        for (k, name) in PSStyleSettings.colorNames.enumerated() {
            o.addProperty(name) { _ in .string("\u{1B}[\(base + k)m") }
        }
        for (k, name) in PSStyleSettings.colorNames.enumerated() {
            o.addProperty("Bright" + name) { _ in .string("\u{1B}[\(bright + k)m") }
        }
        o.addMethod("FromRgb") { _, args in
            let lead = foreground ? 38 : 48
            switch args.count {
            case 1:
                let rgb = try PSConvert.toInt64(args[0])
                return .string("\u{1B}[\(lead);2;\((rgb >> 16) & 0xFF);\((rgb >> 8) & 0xFF);\(rgb & 0xFF)m")
            case 3:
                let parts = try args.map { try PSConvert.convert($0, to: .byte) }.map { PSConvert.toString($0) }
                return .string("\u{1B}[\(lead);2;\(parts.joined(separator: ";"))m")
            default:
                throw Members.argCount("FromRgb", args.count)
            }
        }
        o.toStringHandler = { _ in typeName + "+" + kind }
        return o
    }
}
