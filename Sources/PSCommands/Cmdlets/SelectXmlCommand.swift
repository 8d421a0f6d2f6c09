import Foundation
import PSRuntime

/// Select-Xml: the nodes an XPath query finds in XML documents given as `[xml]` objects (-Xml, from
/// the pipeline), as text (-Content) or as files (-Path with wildcards, -LiteralPath). Each hit is a
/// SelectXmlInfo (Node, Path, Pattern) whose ToString is the node's text, followed by `:path` for a file.
final class SelectXmlCommand: Cmdlet {
    static let infoType = "Microsoft.PowerShell.Commands.SelectXmlInfo"
    static let inputStream = "InputStream"

    static let xpath = Parameter<String>("XPath", position: 0, mandatory: true)
    static let xml = Parameter<[PSValue]>("Xml", type: .array(.named("System.Xml.XmlNode")), aliases: ["Node"], position: 1, mandatory: true,
                                          valueFromPipeline: true, valueFromPipelineByPropertyName: true, sets: ["Xml"])
    static let path = Parameter<[String]>("Path", position: 1, mandatory: true, valueFromPipelineByPropertyName: true, sets: ["Path"])
    static let literalPath = Parameter<[String]>("LiteralPath", aliases: ["PSPath", "LP"], mandatory: true,
                                                 valueFromPipelineByPropertyName: true, sets: ["LiteralPath"])
    static let content = Parameter<[String]>("Content", mandatory: true, valueFromPipelineByPropertyName: true, sets: ["Content"])
    static let namespace = Parameter<PSValue>("Namespace", type: .hashtable)
    static let declaration = CmdletDeclaration(
        "Select-Xml", parameters: [xpath, xml, path, literalPath, content, namespace], defaultParameterSet: "Xml",
        outputTypes: [infoType], synopsis: "Finds text in an XML string or document.",
        description: "Runs the -XPath query against each XML document (-Xml, -Content, or the files of -Path/-LiteralPath) and writes a SelectXmlInfo for each node found; -Namespace maps the query's prefixes to namespace URIs.")

    private var namespaces: [String: String]?

    func begin(_ context: CmdletContext) throws {
        var map: [String: String] = [:]
        if let given = context[Self.namespace], case .hashtable(let table) = given.unwrapped {
            for (key, value) in table.pairs {
                guard !value.isNull else {
                    throw context.terminatingError("Cannot validate argument on parameter 'Namespace'. The namespace URI for prefix '\(PSConvert.toString(key))' is null.",
                                                   errorId: "PrefixError", category: .invalidArgument, target: given)
                }
                map[PSConvert.toString(key)] = PSConvert.toString(value)
            }
        }
        namespaces = map
    }

    func process(_ context: CmdletContext) throws {
        if let nodes = context[Self.xml] {
            for node in nodes { try query(node, path: Self.inputStream, context) }
        } else if let texts = context[Self.content] {
            for text in texts {
                do {
                    try query(try XmlAccess.parse(text), path: Self.inputStream, context)
                } catch let failure as XmlAccess.ParseFailure {
                    try context.writeError(ErrorRecord(
                        message: "Cannot convert value \"\(text)\" to type \"System.Xml.XmlDocument\". Error: \"\(failure.message)\"",
                        errorId: context.qualifiedErrorId("InvalidCastToXmlDocument"), category: .invalidArgument,
                        target: .string(text), exceptionType: "System.Management.Automation.PSInvalidCastException"))
                }
            }
        } else if let given = context[Self.literalPath] ?? context[Self.path] {
            let literal = context[Self.literalPath] != nil
            for p in given {
                let files: [String]
                do { files = try FileSystemPaths.expand(p, session: context.session, literal: literal) } catch {
                    try processingError("Cannot find drive. A drive with the name '\(p.split(separator: ":").first ?? "")' does not exist.", p, context)
                    continue
                }
                if files.isEmpty {
                    if !literal && WildcardPattern.containsWildcard(p) { continue }
                    try processingError("Cannot find path '\(FileSystemPaths.resolve(p, session: context.session))' because it does not exist.", p, context)
                    continue
                }
                for file in files { try queryFile(file, context) }
            }
        }
    }

    private func processingError(_ message: String, _ target: String, _ context: CmdletContext) throws {
        try context.writeError(ErrorRecord(message: message, errorId: context.qualifiedErrorId("ProcessingFile"),
                                           category: .invalidArgument, target: .string(target), exceptionType: "System.Exception"))
    }

    private func queryFile(_ file: String, _ context: CmdletContext) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory), !isDirectory.boolValue,
              let text = FileText.read(file) else {
            try processingError("Access to the path '\(file)' is denied.", file, context)
            return
        }
        let document: PSValue
        do { document = try XmlAccess.parse(text) } catch let failure as XmlAccess.ParseFailure {
            try processingError(failure.message, file, context)
            return
        }
        try query(document, path: file, context)
    }

    private func query(_ node: PSValue, path: String, _ context: CmdletContext) throws {
        guard let pattern = context[Self.xpath] else { return }
        let found: [PSValue]
        do {
            found = try XmlAccess.select(pattern, from: node, namespaces: namespaces ?? [:])
        } catch let failure as XmlAccess.ParseFailure {
            throw context.terminatingError(failure.message, errorId: "XPathException", category: .invalidArgument,
                                           target: .string(pattern), exceptionType: "System.Xml.XPath.XPathException")
        }
        for hit in found {
            let info = PSObject(typeNames: [Self.infoType, "System.Object"])
            info.addNote("Node", hit)
            info.addNote("Path", .string(path))
            info.addNote("Pattern", .string(pattern))
            for name in ["Node", "Path", "Pattern"] { info.setMemberType(name, "Property") }
            info.toStringHandler = { _ in
                let text = XmlAccess.displayText(hit)
                return path == Self.inputStream ? text : "\(text):\(path)"
            }
            try context.writeObject(.object(info))
        }
    }
}
