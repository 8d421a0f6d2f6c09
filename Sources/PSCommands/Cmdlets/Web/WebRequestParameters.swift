// The parameters Invoke-WebRequest and Invoke-RestMethod share, and the HTTP request they describe.

import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import PSRuntime

enum WebParameters {
    static let methodType = PSEnumType(fullName: "Microsoft.PowerShell.Commands.WebRequestMethod",
                                       names: ["Default", "Get", "Head", "Post", "Put", "Delete", "Trace", "Options", "Merge", "Patch"])
    static let uri = Parameter<String>("Uri", aliases: ["Url"], position: 0, mandatory: true)
    // pwsh's sets: a standard method, or a custom one (then mandatory), never both.
    static let method = Parameter<String>("Method", type: .enumType(methodType), sets: ["StandardMethod"])
    static let customMethod = Parameter<String>("CustomMethod", aliases: ["CM"], mandatory: true, sets: ["CustomMethod"])
    static let body = Parameter<PSValue>("Body", valueFromPipeline: true)
    static let headers = Parameter<PSValue>("Headers", type: .hashtable)
    static let contentType = Parameter<String>("ContentType")
    static let outFile = Parameter<String>("OutFile")
    static let inFile = Parameter<String>("InFile")
    static let passThru = Parameter<SwitchParameter>("PassThru")
    /// Accepted and ignored, as in pwsh 7 (parsing is always the basic kind).
    static let useBasicParsing = Parameter<SwitchParameter>("UseBasicParsing", dontShow: true)
    /// pwsh 7.4: the wait for the response headers (alias TimeoutSec); the body's reads have their own.
    static let connectionTimeoutSeconds = Parameter<Int>("ConnectionTimeoutSeconds", aliases: ["TimeoutSec"], validate: [.range(min: 0, max: nil)])
    static let operationTimeoutSeconds = Parameter<Int>("OperationTimeoutSeconds", validate: [.range(min: 0, max: nil)])
    static let maximumRedirection = Parameter<Int>("MaximumRedirection", validate: [.range(min: 0, max: nil)])
    static let skipCertificateCheck = Parameter<SwitchParameter>("SkipCertificateCheck")
    static let skipHttpErrorCheck = Parameter<SwitchParameter>("SkipHttpErrorCheck")
    static let userAgent = Parameter<String>("UserAgent")
    static let statusCodeVariable = Parameter<String>("StatusCodeVariable")
    static let responseHeadersVariable = Parameter<String>("ResponseHeadersVariable", aliases: ["RHV"])

    static let shared: [any ParameterKey] = [
        uri, method, customMethod, body, headers, contentType, outFile, inFile, passThru, useBasicParsing, connectionTimeoutSeconds, operationTimeoutSeconds,
        maximumRedirection, skipCertificateCheck, skipHttpErrorCheck, userAgent,
    ]

    static let defaultUserAgent = "Mozilla/5.0 (Linux; en-US) PowerShell/7.4.0 hvsh"
}

enum WebRequestBuilder {
    /// The request the parameters describe, as pwsh 7.4 builds it: no -Method is GET (a body and all); a
    /// dictionary body is the query string of a GET and form text otherwise; bytes go as they are, anything
    /// else as its text; a POST without a -ContentType says it is form data.
    static func build(_ context: CmdletContext) throws -> URLRequest {
        typealias P = WebParameters
        try validate(context)
        var text = context[P.uri] ?? ""
        // A URI without a scheme is taken as http, as pwsh does.
        if !text.contains("://") { text = "http://" + text }
        guard var components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
              components.host?.isEmpty == false else {
            throw context.terminatingError("Invalid URI: The hostname could not be parsed.", errorId: "System.UriFormatException",
                                           category: .invalidArgument, target: .string(text), exceptionType: "System.UriFormatException")
        }
        guard ["http", "https"].contains(scheme) else {
            throw context.terminatingError("The '\(scheme)' scheme is not supported.", errorId: "WebCmdletIEDomNotSupportedException",
                                           category: .notImplemented, exceptionType: "System.NotSupportedException")
        }
        if context[P.skipCertificateCheck] && scheme == "https" {
            throw context.terminatingError("-SkipCertificateCheck is not available in hvsh: its HTTP client (URLSession on libcurl) always verifies the server's certificate on Linux. Give the server a certificate this machine trusts, or use http inside a lab network.",
                                           errorId: "WebCmdletSkipCertificateCheckNotSupported", category: .notImplemented,
                                           target: .string(text), exceptionType: "System.NotSupportedException")
        }
        let method = context[P.customMethod]?.uppercased() ?? (context[P.method].map { $0.uppercased() } ?? "DEFAULT")
        let httpMethod = method == "DEFAULT" ? "GET" : method
        var headers: [(String, String)] = []
        if case .hashtable(let h)? = context[P.headers] {
            for (k, v) in h.pairs where !v.isNull { headers.append((PSConvert.toString(k), PSConvert.toString(v))) }
        }
        func header(_ name: String) -> String? { headers.last { $0.0.lowercased() == name.lowercased() }?.1 }
        let contentType = context[P.contentType] ?? header("Content-Type")
            ?? (httpMethod == "POST" ? "application/x-www-form-urlencoded" : nil)

        var bodyData: Data?
        if let body = context[P.body], !body.isNull {
            if case .hashtable(let h) = body {
                let form = formText(h)
                if method == "DEFAULT" || method == "GET" {
                    components.percentEncodedQuery = [components.percentEncodedQuery, form].compactMap { $0?.isEmpty == false ? $0 : nil }.joined(separator: "&")
                } else {
                    bodyData = encode(form, contentType: contentType)
                }
            } else if let bytes = byteArray(body) {
                bodyData = bytes
            } else {
                bodyData = encode(PSConvert.toString(body), contentType: contentType)
            }
        }
        if let inFile = context[P.inFile] {
            let path = context.session.resolvePath(inFile)
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
                throw context.terminatingError("Cannot find path '\(path)' because it does not exist.", errorId: "PathNotFound",
                                               category: .objectNotFound, target: .string(inFile), exceptionType: "System.Management.Automation.ItemNotFoundException")
            }
            guard !isDir.boolValue else {
                throw validationError(context, "The cmdlet cannot run because the -InFile parameter is not a valid file path: the path '\(inFile)' is a directory.",
                                      "WebCmdletInFileNotFilePathException")
            }
            guard let data = FileManager.default.contents(atPath: path) else {
                throw context.terminatingError("Access to the path '\(inFile)' is denied.", errorId: "System.UnauthorizedAccessException",
                                               category: .permissionDenied, target: .string(path), exceptionType: "System.UnauthorizedAccessException")
            }
            bodyData = data
        }
        if bodyData != nil && (httpMethod == "GET" || httpMethod == "HEAD") {
            throw context.terminatingError("hvsh cannot send a body with a \(httpMethod) request: its HTTP client (URLSession on Linux) refuses to. Give -Method Post or Put, or put the values in the query string (a hashtable -Body does that for GET).",
                                           errorId: "WebCmdletBodyWithGetNotSupported", category: .notImplemented,
                                           target: .string(text), exceptionType: "System.NotSupportedException")
        }
        guard let url = components.url else {
            throw context.terminatingError("Invalid URI: The format of the URI could not be determined.", errorId: "System.UriFormatException",
                                           category: .invalidArgument, target: .string(text), exceptionType: "System.UriFormatException")
        }
        var request = URLRequest(url: url)
        request.httpMethod = httpMethod
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        if header("User-Agent") == nil { request.setValue(context[P.userAgent] ?? WebParameters.defaultUserAgent, forHTTPHeaderField: "User-Agent") }
        // Content headers go only with content; every method but a plain GET gets some, empty if need be.
        if bodyData != nil || httpMethod != "GET" || context[P.contentType] != nil {
            request.httpBody = bodyData ?? Data()
            if let contentType { request.setValue(contentType, forHTTPHeaderField: "Content-Type") }
        } else {
            request.setValue(nil, forHTTPHeaderField: "Content-Type")
        }
        return request
    }

    /// pwsh's checks before anything is sent.
    static func validate(_ context: CmdletContext) throws {
        typealias P = WebParameters
        if context[P.body] != nil && context[P.inFile] != nil {
            throw validationError(context, "The cmdlet cannot run because the following conflicting parameters are specified: Body and InFile. Specify either Body or Infile, then retry.",
                                  "WebCmdletBodyConflictException")
        }
        if context[P.passThru] && context[P.outFile] == nil {
            throw validationError(context, "The cmdlet cannot run because the following parameter is missing: OutFile. Provide a valid OutFile parameter value when using the PassThru parameter, then retry.",
                                  "WebCmdletOutFileMissingException")
        }
    }

    static func validationError(_ context: CmdletContext, _ message: String, _ id: String) -> PSRuntimeError {
        context.terminatingError(message, errorId: id, category: .invalidArgument,
                                 exceptionType: "System.Management.Automation.ValidationMetadataException")
    }

    /// A dictionary as `key=value&...`, each side encoded as .NET's WebUtility.UrlEncode does.
    static func formText(_ h: PSHashtable) -> String {
        h.pairs.map { k, v in urlEncode(PSConvert.toString(k)) + "=" + (v.isNull ? "" : urlEncode(PSConvert.toString(v))) }
            .joined(separator: "&")
    }

    /// WebUtility.UrlEncode: letters, digits and `-_.!*()` stay, a space is `+`, the rest UTF-8 `%XX`.
    static func urlEncode(_ s: String) -> String {
        var out = ""
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "*"), UInt8(ascii: "("), UInt8(ascii: ")"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            case UInt8(ascii: " "):
                out += "+"
            default:
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
    }

    /// Text in the charset the content type names (UTF-8 when it names none).
    static func encode(_ text: String, contentType: String?) -> Data {
        let type = contentType?.lowercased() ?? ""
        if type.contains("charset=iso-8859-1") || type.contains("charset=latin1") || type.contains("charset=us-ascii") {
            return text.data(using: .isoLatin1, allowLossyConversion: true) ?? Data(text.utf8)
        }
        return Data(text.utf8)
    }

    /// `[byte[]]` and arrays of bytes as raw data.
    static func byteArray(_ v: PSValue) -> Data? {
        guard case .array(let a) = v, !a.elements.isEmpty else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(a.elements.count)
        for e in a.elements {
            guard case .byte(let b) = e else { return nil }
            bytes.append(b)
        }
        return Data(bytes)
    }
}

private extension String {
    func leftPadded(to width: Int) -> String { count >= width ? self : String(repeating: "0", count: width - count) + self }
}
