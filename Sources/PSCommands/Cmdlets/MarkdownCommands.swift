import Foundation
import PSRuntime

/// ConvertFrom-Markdown, Show-Markdown, Get-MarkdownOption and Set-MarkdownOption over hvsh's
/// CommonMark parser (`Support/Markdown`) and its two renderers: Markdig's HTML and PowerShell's VT100.
enum MarkdownConversion {
    /// What both cmdlets say of an input object that is neither text nor a MarkdownInfo.
    static func reportInvalidInput(_ input: PSValue, _ context: CmdletContext) throws {
        try context.writeError(ErrorRecord(
            message: "The type of the input object '\(input.typeFullName)' is invalid.",
            errorId: context.qualifiedErrorId("InvalidInputObject"), category: .invalidData, target: input,
            exceptionType: "System.IO.InvalidDataException"))
    }

    /// A MarkdownInfo for `text`: HTML, or VT100 text with -AsVT100EncodedString.
    static func convert(_ text: String, vt100: Bool, options: MarkdownOptions) -> PSObject {
        let blocks = MarkdownBlockParser.parse(text)
        let tokens = PSObject(typeNames: ["Markdig.Syntax.MarkdownDocument", "Markdig.Syntax.ContainerBlock",
                                          "Markdig.Syntax.Block", "Markdig.Syntax.MarkdownObject", "System.Object"])
        tokens.addNote("Count", .int(Int32(blocks.count)))
        tokens.toStringHandler = { _ in "Markdig.Syntax.MarkdownDocument" }
        if vt100 {
            return MarkdownInfos.make(html: nil, vt100: MarkdownVT100Renderer.render(blocks, options: options), tokens: .object(tokens))
        }
        return MarkdownInfos.make(html: MarkdownHTMLRenderer.render(blocks), vt100: nil, tokens: .object(tokens))
    }

    /// The text of each file `paths` name (wildcards unless literal); errors as PowerShell's.
    static func files(_ paths: [String], literal: Bool, context: CmdletContext) throws -> [(String, String)] {
        var out: [(String, String)] = []
        for path in paths {
            if let located = try? context.session.locateItem(path), located.drive.provider != .fileSystem {
                try context.writeError(ErrorRecord(
                    message: "Only FileSystem Provider paths are supported. The file path is not supported: '\(path)'.",
                    errorId: context.qualifiedErrorId("OnlyFileSystemPathsSupported"), category: .invalidArgument,
                    target: .string(path), exceptionType: "System.ArgumentException"))
                continue
            }
            let found = (try? FileSystemPaths.expand(path, session: context.session, literal: literal)) ?? []
            if found.isEmpty {
                let full = context.session.resolvePath(path)
                try context.writeError(ErrorRecord(
                    message: "Cannot find path '\(full)' because it does not exist.",
                    errorId: context.qualifiedErrorId("FileNotFound"), category: .resourceUnavailable,
                    target: .string(path), exceptionType: "System.Management.Automation.ItemNotFoundException"))
                continue
            }
            for file in found {
                guard let text = try read(file, context: context) else { continue }
                out.append((file, text))
            }
        }
        return out
    }

    static func read(_ file: String, context: CmdletContext) throws -> String? {
        guard let data = FileManager.default.contents(atPath: file) else {
            try context.writeError(ErrorRecord(
                message: "Could not find file '\(file)'.", errorId: context.qualifiedErrorId("FileNotFound"),
                category: .resourceUnavailable, target: .string(file), exceptionType: "System.IO.FileNotFoundException"))
            return nil
        }
        return FileText.decode(data)
    }
}

final class ConvertFromMarkdownCommand: Cmdlet {
    static let path = Parameter<[String]>("Path", position: 0, mandatory: true, sets: ["PathParamSet"], validate: [.notNullOrEmpty])
    static let literalPath = Parameter<[String]>("LiteralPath", aliases: ["PSPath", "LP"], mandatory: true,
                                                 sets: ["LiteralParamSet"], validate: [.notNullOrEmpty])
    static let inputObject = Parameter<PSValue>("InputObject", mandatory: true, valueFromPipeline: true,
                                                sets: ["InputObjParamSet"], validate: [.notNullOrEmpty])
    static let asVT100 = Parameter<SwitchParameter>("AsVT100EncodedString")
    static let declaration = CmdletDeclaration(
        "ConvertFrom-Markdown", parameters: [path, literalPath, inputObject, asVT100], defaultParameterSet: "PathParamSet",
        outputTypes: [MarkdownInfos.typeName], synopsis: "Convert the contents of a string or a file to a MarkdownInfo object.",
        description: "Parses Markdown (CommonMark) from files, strings or FileInfo objects and writes a MarkdownInfo with its HTML, or with -AsVT100EncodedString its text coloured with VT100 escape sequences by the Get-MarkdownOption colours.")

    private var options = MarkdownOptions()

    func begin(_ context: CmdletContext) throws {
        // hvsh's host always supports VT100 ($Host.UI.SupportsVirtualTerminal), so the session's
        // EnableVT100Encoding alone decides.
        options = MarkdownOptions.current(context.session)
    }

    func process(_ context: CmdletContext) throws {
        let vt100 = context[Self.asVT100]
        if let input = context[Self.inputObject] {
            let base = input.unwrapped
            if case .string(let text) = base {
                try context.writeObject(.object(MarkdownConversion.convert(text, vt100: vt100, options: options)))
            } else if case .object(let o) = base, o.typeNames.first == "System.IO.FileInfo",
                      let full = PropertyAccess.value(base, "FullName").map({ PSConvert.toString($0) }) {
                guard FileManager.default.fileExists(atPath: full) else {
                    try context.writeError(ErrorRecord(
                        message: "Could not find file '\(full)'.", errorId: context.qualifiedErrorId("FileNotFound"),
                        category: .resourceUnavailable, target: .string(full), exceptionType: "System.IO.FileNotFoundException"))
                    return
                }
                if let text = try MarkdownConversion.read(full, context: context) {
                    try context.writeObject(.object(MarkdownConversion.convert(text, vt100: vt100, options: options)))
                }
            } else {
                try MarkdownConversion.reportInvalidInput(input, context)
            }
            return
        }
        let literal = context[Self.literalPath] != nil
        for (_, text) in try MarkdownConversion.files(context[Self.literalPath] ?? context[Self.path] ?? [], literal: literal, context: context) {
            try context.writeObject(.object(MarkdownConversion.convert(text, vt100: vt100, options: options)))
        }
    }
}

/// Show-Markdown: writes the VT100 text of a MarkdownInfo, a string or files to the host; with
/// -UseBrowser writes the HTML to a temporary file for a browser. PowerShell's
/// ShowMarkdownOutputBypass test hook writes the text (or HTML) as output instead.
final class ShowMarkdownCommand: Cmdlet {
    static let inputObject = Parameter<PSValue>("InputObject", mandatory: true, valueFromPipeline: true,
                                                sets: ["InputObject"], validate: [.notNullOrEmpty])
    static let path = Parameter<[String]>("Path", position: 0, mandatory: true, valueFromPipelineByPropertyName: true,
                                          sets: ["Path"], validate: [.notNullOrEmpty])
    static let literalPath = Parameter<[String]>("LiteralPath", aliases: ["PSPath", "LP"], mandatory: true,
                                                 valueFromPipelineByPropertyName: true, sets: ["LiteralPath"])
    static let useBrowser = Parameter<SwitchParameter>("UseBrowser")
    static let declaration = CmdletDeclaration(
        "Show-Markdown", parameters: [inputObject, path, literalPath, useBrowser], defaultParameterSet: "Path",
        outputTypes: ["System.String"], synopsis: "Shows a Markdown file or string in the console in a friendly way using VT100 escape sequences or in a browser using HTML.",
        description: "Converts Markdown (or takes a MarkdownInfo) and writes its VT100 text to the host, or with -UseBrowser saves its HTML to a temporary .html file.")

    func process(_ context: CmdletContext) throws {
        let browser = context[Self.useBrowser]
        let options = MarkdownOptions.current(context.session)
        var infos: [PSValue] = []
        if let input = context[Self.inputObject] {
            if case .object(let o) = input.unwrapped, o.typeNames.first == MarkdownInfos.typeName {
                infos = [input]
            } else if case .string(let text) = input.unwrapped {
                infos = [.object(MarkdownConversion.convert(text, vt100: !browser, options: options))]
            } else {
                try MarkdownConversion.reportInvalidInput(input, context)
                return
            }
        } else {
            let literal = context[Self.literalPath] != nil
            for (_, text) in try MarkdownConversion.files(context[Self.literalPath] ?? context[Self.path] ?? [], literal: literal, context: context) {
                infos.append(.object(MarkdownConversion.convert(text, vt100: !browser, options: options)))
            }
        }
        for info in infos { try show(info, browser: browser, context) }
    }

    private func show(_ info: PSValue, browser: Bool, _ context: CmdletContext) throws {
        let property = browser ? "Html" : "VT100EncodedString"
        let text = PropertyAccess.value(info, property).flatMap { $0.isNull ? nil : PSConvert.toString($0) } ?? ""
        guard !text.isEmpty else {
            try context.writeError(ErrorRecord(
                message: "The property \(property) of the given object is null or empty.",
                errorId: context.qualifiedErrorId(browser ? "HtmlIsNullOrEmpty" : "VT100EncodedStringIsNullOrEmpty"),
                category: .invalidData, target: .null, exceptionType: "System.IO.InvalidDataException"))
            return
        }
        if !browser {
            try context.writeObject(.string(text))
            return
        }
        let file = (NSTemporaryDirectory() as NSString).appendingPathComponent(UUID().uuidString.lowercased() + ".html")
        // A fresh temporary file the browser reads: no replace-in-place to guard, so a plain create.
        guard FileManager.default.createFile(atPath: file, contents: Data(text.utf8)) else {
            try context.writeError(ErrorRecord(message: "Could not write '\(file)'.", errorId: context.qualifiedErrorId("ErrorWritingTempFile"),
                                               category: .writeError, target: .string(file), exceptionType: "System.IO.IOException"))
            return
        }
        if TestHooks.showMarkdownOutputBypass { try context.writeObject(.string(text)); return }
        // No browser to launch here: say where the page is.
        try context.writeObject(.string(file))
    }
}

final class GetMarkdownOptionCommand: Cmdlet {
    static let declaration = CmdletDeclaration(
        "Get-MarkdownOption", parameters: [], outputTypes: [MarkdownOptions.typeName],
        synopsis: "Returns the current colors and styles used for rendering Markdown content in the console.",
        description: "Writes the session's PSMarkdownOptionInfo: the VT100 sequences for headers, code, links, images and emphasis.")

    func end(_ context: CmdletContext) throws {
        try context.writeObject(.object(MarkdownOptions.current(context.session).object))
    }
}

final class SetMarkdownOptionCommand: Cmdlet {
    static let colourPattern = ParameterValidation.pattern("^\\[*[0-9;]*?m{1}")
    static let header1 = Parameter<String>("Header1Color", sets: ["IndividualSetting"], validate: [colourPattern])
    static let header2 = Parameter<String>("Header2Color", sets: ["IndividualSetting"], validate: [colourPattern])
    static let header3 = Parameter<String>("Header3Color", sets: ["IndividualSetting"], validate: [colourPattern])
    static let header4 = Parameter<String>("Header4Color", sets: ["IndividualSetting"], validate: [colourPattern])
    static let header5 = Parameter<String>("Header5Color", sets: ["IndividualSetting"], validate: [colourPattern])
    static let header6 = Parameter<String>("Header6Color", sets: ["IndividualSetting"], validate: [colourPattern])
    static let code = Parameter<String>("Code", sets: ["IndividualSetting"], validate: [colourPattern])
    static let image = Parameter<String>("ImageAltTextForegroundColor", sets: ["IndividualSetting"], validate: [colourPattern])
    static let link = Parameter<String>("LinkForegroundColor", sets: ["IndividualSetting"], validate: [colourPattern])
    static let italics = Parameter<String>("ItalicsForegroundColor", sets: ["IndividualSetting"], validate: [colourPattern])
    static let bold = Parameter<String>("BoldForegroundColor", sets: ["IndividualSetting"], validate: [colourPattern])
    static let passThru = Parameter<SwitchParameter>("PassThru")
    static let theme = Parameter<String>("Theme", mandatory: true, sets: ["Theme"], validate: [.notNullOrEmpty, .set(["Dark", "Light"])])
    static let inputObject = Parameter<PSValue>("InputObject", position: 0, mandatory: true, valueFromPipeline: true,
                                                sets: ["InputObject"], validate: [.notNullOrEmpty])
    static let declaration = CmdletDeclaration(
        "Set-MarkdownOption",
        parameters: [header1, header2, header3, header4, header5, header6, code, image, link, italics, bold, passThru, theme, inputObject],
        defaultParameterSet: "IndividualSetting", outputTypes: [MarkdownOptions.typeName],
        synopsis: "Sets the colors and styles used for rendering Markdown content in the console.",
        description: "Replaces the session's Markdown options: the given colours over the dark theme's, a -Theme (Dark or Light), or a PSMarkdownOptionInfo.")

    func end(_ context: CmdletContext) throws {
        var options = MarkdownOptions()
        if let theme = context[Self.theme] {
            options.setTheme(light: theme.lowercased() == "light")
        } else if let input = context[Self.inputObject] {
            guard let given = MarkdownOptions.from(input) else {
                throw context.terminatingError("The type of the input object '\(input.typeFullName)' is invalid.", errorId: "InvalidObject",
                                               category: .invalidArgument, exceptionType: "System.ArgumentException")
            }
            options = given
        } else {
            let pairs: [(Parameter<String>, String)] = [(Self.header1, "Header1"), (Self.header2, "Header2"), (Self.header3, "Header3"),
                                                        (Self.header4, "Header4"), (Self.header5, "Header5"), (Self.header6, "Header6"),
                                                        (Self.code, "Code"), (Self.image, "Image"), (Self.link, "Link"),
                                                        (Self.italics, "EmphasisItalics"), (Self.bold, "EmphasisBold")]
            for (key, name) in pairs {
                if let value = context[key], !value.isEmpty { options.values[name] = value }
            }
        }
        MarkdownOptions.setCurrent(options, context.session)
        if context[Self.passThru] { try context.writeObject(.object(options.object)) }
    }
}
