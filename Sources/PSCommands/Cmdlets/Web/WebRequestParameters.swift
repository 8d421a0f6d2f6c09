// The parameters Invoke-WebRequest and Invoke-RestMethod share, and the HTTP request they describe.

import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import PSRuntime

enum WebParameters {
    static let methods = ["Default", "Get", "Head", "Post", "Put", "Delete", "Trace", "Options", "Merge", "Patch"]
    static let uri = Parameter<String>("Uri", aliases: ["Url"], position: 0, mandatory: true)
    static let method = Parameter<String>("Method", validate: [.set(methods)])
    static let customMethod = Parameter<String>("CustomMethod", aliases: ["CM"])
    static let body = Parameter<PSValue>("Body", valueFromPipeline: true)
    static let headers = Parameter<PSValue>("Headers", type: .hashtable)
    static let contentType = Parameter<String>("ContentType")
    static let outFile = Parameter<String>("OutFile")
    static let inFile = Parameter<String>("InFile")
    static let passThru = Parameter<SwitchParameter>("PassThru")
    static let useBasicParsing = Parameter<SwitchParameter>("UseBasicParsing")
    static let timeoutSec = Parameter<Int>("TimeoutSec", aliases: ["ConnectionTimeoutSeconds"], validate: [.range(min: 0, max: nil)])
    static let maximumRedirection = Parameter<Int>("MaximumRedirection", validate: [.range(min: 0, max: nil)])
    static let skipCertificateCheck = Parameter<SwitchParameter>("SkipCertificateCheck")
    static let skipHttpErrorCheck = Parameter<SwitchParameter>("SkipHttpErrorCheck")
    static let userAgent = Parameter<String>("UserAgent")
    static let statusCodeVariable = Parameter<String>("StatusCodeVariable")
    static let responseHeadersVariable = Parameter<String>("ResponseHeadersVariable", aliases: ["RHV"])

    static let shared: [any ParameterKey] = [
        uri, method, customMethod, body, headers, contentType, outFile, inFile, passThru, useBasicParsing, timeoutSec,
        maximumRedirection, skipCertificateCheck, skipHttpErrorCheck, userAgent,
    ]

    static let defaultUserAgent = "Mozilla/5.0 (Linux; en-US) PowerShell/7.4.0 hvsh"
}

enum WebRequestBuilder {
    /// The request the parameters describe; the body follows PowerShell: a dictionary is form data (the
    /// query string of a GET), bytes go as they are, anything else as its UTF-8 text.
    static func build(_ context: CmdletContext) throws -> URLRequest {
        typealias P = WebParameters
        let text = context[P.uri] ?? ""
        guard var components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
              ["http", "https"].contains(scheme), components.host?.isEmpty == false else {
            throw context.terminatingError("The specified Uri '\(text)' is not valid or its scheme is not supported; use http or https.",
                                           errorId: "WebCmdletInvalidUriException", category: .invalidArgument,
                                           target: .string(text), exceptionType: "System.ArgumentException")
        }
        if context[P.skipCertificateCheck] && scheme == "https" {
            throw context.terminatingError("-SkipCertificateCheck is not available in hvsh: FoundationNetworking always verifies the server's certificate. Give the server a certificate this machine trusts, or use http in a lab network.",
                                           errorId: "WebCmdletSkipCertificateCheckNotSupported", category: .notImplemented,
                                           exceptionType: "System.NotSupportedException")
        }
        var method = context[P.customMethod]?.uppercased() ?? context[P.method].map { $0.uppercased() } ?? "DEFAULT"
        var bodyData: Data?
        var formContentType = false
        if let body = context[P.body], !body.isNull {
            if case .hashtable(let h) = body {
                let form = h.pairs.map { k, v in encode(PSConvert.toString(k)) + "=" + encode(PSConvert.toString(v)) }.joined(separator: "&")
                if method == "GET" || method == "DEFAULT" {
                    components.percentEncodedQuery = [components.percentEncodedQuery, form].compactMap { $0?.isEmpty == false ? $0 : nil }.joined(separator: "&")
                } else {
                    bodyData = Data(form.utf8)
                    formContentType = true
                }
            } else if let bytes = byteArray(body) {
                bodyData = bytes
            } else {
                bodyData = Data(PSConvert.toString(body).utf8)
            }
        }
        if let inFile = context[P.inFile] {
            let path = context.session.resolvePath(inFile)
            guard let data = FileManager.default.contents(atPath: path) else {
                throw context.terminatingError("Could not find file '\(path)'.", errorId: "WebCmdletInFileNotFilePathException",
                                               category: .invalidArgument, target: .string(path), exceptionType: "System.IO.FileNotFoundException")
            }
            bodyData = data
        }
        if method == "DEFAULT" { method = bodyData == nil ? "GET" : "POST" }
        guard let url = components.url else {
            throw context.terminatingError("The specified Uri '\(text)' is not valid.", errorId: "WebCmdletInvalidUriException",
                                           category: .invalidArgument, exceptionType: "System.ArgumentException")
        }
        var request = URLRequest(url: url)
        request.httpMethod = method
        request.setValue(context[P.userAgent] ?? WebParameters.defaultUserAgent, forHTTPHeaderField: "User-Agent")
        if case .hashtable(let h)? = context[P.headers] {
            for (k, v) in h.pairs { request.setValue(PSConvert.toString(v), forHTTPHeaderField: PSConvert.toString(k)) }
        }
        if let bodyData {
            request.httpBody = bodyData
            // PowerShell posts form data unless told otherwise.
            let type = context[P.contentType] ?? request.value(forHTTPHeaderField: "Content-Type")
                ?? (formContentType || method == "POST" ? "application/x-www-form-urlencoded" : nil)
            if let type { request.setValue(type, forHTTPHeaderField: "Content-Type") }
        } else if let type = context[P.contentType] {
            request.setValue(type, forHTTPHeaderField: "Content-Type")
        }
        if let seconds = context[P.timeoutSec], seconds > 0 { request.timeoutInterval = TimeInterval(seconds) }
        return request
    }

    static func encode(_ s: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? s
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
