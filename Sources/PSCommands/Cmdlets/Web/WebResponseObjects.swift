// The objects and errors of the web cmdlets: BasicHtmlWebResponseObject (Invoke-WebRequest), the
// HttpResponseException PowerShell 7 throws for a status that is not a success, and the content
// Invoke-RestMethod makes of a response (JSON to objects, else text).

import Foundation
import JSONText
import PSRuntime

enum WebObjects {
    static let basicHtmlType = "Microsoft.PowerShell.Commands.BasicHtmlWebResponseObject"
    static let webResponseType = "Microsoft.PowerShell.Commands.WebResponseObject"

    /// The response's text, decoded as its charset says (UTF-8 when it says nothing).
    static func text(_ response: WebResponse) -> String {
        let type = response.header("Content-Type")?.lowercased() ?? ""
        if type.contains("charset=iso-8859-1") || type.contains("charset=latin1") {
            return String(data: response.body, encoding: .isoLatin1) ?? ""
        }
        var s = String(decoding: response.body, as: UTF8.self)
        if s.hasPrefix("\u{FEFF}") { s.removeFirst() }
        return s
    }

    /// Headers as PowerShell 7 gives them: each name to an array of its values.
    static func headers(_ response: WebResponse) -> PSHashtable {
        let h = PSHashtable(ordered: true)
        for (name, value) in response.headers {
            try? h.add(.string(name), .array(PSArray([.string(value)])))
        }
        return h
    }

    static func rawContent(_ response: WebResponse, content: String) -> String {
        var lines = ["HTTP/1.1 \(response.statusCode) \(response.reasonPhrase)"]
        for (name, value) in response.headers { lines.append("\(name): \(value)") }
        return lines.joined(separator: "\r\n") + "\r\n\r\n" + content
    }

    /// pwsh's ContentHelper.IsText: text/*, JSON and XML types (and nothing when there is no type).
    static func isText(_ contentType: String?) -> Bool {
        guard let signature = contentType?.split(separator: ";", maxSplits: 1).first?
            .trimmingCharacters(in: .whitespaces).lowercased(), !signature.isEmpty else { return false }
        let json = ["application/json", "text/json", "application/x-javascript", "text/x-javascript",
                    "application/javascript", "text/javascript"]
        let xml = ["application/xml", "application/xml-external-parsed-entity", "application/xml-dtd"]
        return signature.hasPrefix("text/") || json.contains(signature) || xml.contains(signature) || signature.hasSuffix("+xml")
    }

    /// Invoke-WebRequest's object: a BasicHtmlWebResponseObject for text, else a WebResponseObject whose
    /// Content is the bytes.
    static func make(_ response: WebResponse) throws -> PSValue {
        guard isText(response.header("Content-Type")) else { return try makeBinary(response) }
        let content = text(response)
        let o = PSObject(typeNames: [basicHtmlType, webResponseType, "System.Object"])
        o.addNote("Content", .string(content))
        o.addNote("StatusCode", .int(Int32(response.statusCode)))
        o.addNote("StatusDescription", .string(response.reasonPhrase))
        o.addNote("RawContentLength", .long(Int64(response.body.count)))
        o.addNote("RawContent", .string(rawContent(response, content: content)))
        o.addNote("Headers", .hashtable(headers(response)))
        o.addNote("Images", .array(PSArray(tags("img", in: content))))
        o.addNote("InputFields", .array(PSArray(tags("input", in: content))))
        o.addNote("Links", .array(PSArray(tags("a", in: content))))
        o.addNote("RelationLink", .hashtable(relationLinks(response)))
        o.addNote("BaseResponse", .object(baseResponse(response)))
        o.toStringHandler = { _ in content }
        return .object(o)
    }

    static func makeBinary(_ response: WebResponse) throws -> PSValue {
        // Each byte becomes an element of a PowerShell array: far larger than the body itself.
        try ResourceLimits.checkArray(count: response.body.count)
        let visible = asciiView(response.body)
        let o = PSObject(typeNames: [webResponseType, "System.Object"])
        o.addNote("Content", .array(PSArray(response.body.map { PSValue.byte($0) })))
        o.addNote("StatusCode", .int(Int32(response.statusCode)))
        o.addNote("StatusDescription", .string(response.reasonPhrase))
        o.addNote("RawContentLength", .long(Int64(response.body.count)))
        o.addNote("RawContent", .string(rawContent(response, content: visible)))
        o.addNote("Headers", .hashtable(headers(response)))
        o.addNote("RelationLink", .hashtable(relationLinks(response)))
        o.addNote("BaseResponse", .object(baseResponse(response)))
        o.toStringHandler = { _ in visible }
        return .object(o)
    }

    /// WebResponseObject.ToString: the bytes as ASCII (above 127 is `?`), anything not a letter, digit,
    /// punctuation or white space shown as `.`.
    static func asciiView(_ bytes: Data) -> String {
        let punctuation = Set("!\"#%&'()*,-./:;?@[\\]_{}".utf8)
        var out = String.UnicodeScalarView()
        for byte in bytes {
            let b = byte > 127 ? UInt8(ascii: "?") : byte
            let c = Unicode.Scalar(b)
            let keep = (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
                || punctuation.contains(b) || b == 0x20 || (b >= 0x09 && b <= 0x0D)
            out.append(keep ? c : ".")
        }
        return String(out)
    }

    /// The Link header's `<url>; rel=name` pairs (the first of each name, case-insensitively), each URL
    /// made absolute against the response's own, as pwsh's ParseLinkHeader does.
    static func relationLinks(_ response: WebResponse) -> PSHashtable {
        let links = PSHashtable()
        guard let header = response.header("Link"),
              let pattern = try? NSRegularExpression(pattern: #"<(.*?)>;\s*rel=(?:"([^"]*)"|([^,;]*))"#) else { return links }
        let ns = header as NSString
        var seen = Set<String>()
        for match in pattern.matches(in: header, range: NSRange(location: 0, length: ns.length)) {
            let url = ns.substring(with: match.range(at: 1))
            let relRange = match.range(at: 2).location != NSNotFound ? match.range(at: 2) : match.range(at: 3)
            guard relRange.location != NSNotFound else { continue }
            let rel = ns.substring(with: relRange)
            guard !url.isEmpty, !rel.isEmpty, seen.insert(rel.lowercased()).inserted else { continue }
            let absolute = URL(string: url, relativeTo: response.url)?.absoluteString ?? url
            try? links.add(.string(rel), .string(absolute))
        }
        return links
    }

    /// HttpResponseMessage's members scripts read (`$_.Exception.Response.StatusCode`).
    static func baseResponse(_ response: WebResponse) -> PSObject {
        let o = PSObject(typeNames: ["System.Net.Http.HttpResponseMessage", "System.Object"])
        o.addNote("StatusCode", .enumValue(HTTPStatus.value(response.statusCode)))
        o.addNote("ReasonPhrase", .string(response.reasonPhrase))
        o.addNote("IsSuccessStatusCode", .bool(response.isSuccess))
        o.addNote("Version", .string("1.1"))
        o.addNote("Headers", .hashtable(headers(response)))
        let requestMessage = PSObject(typeNames: ["System.Net.Http.HttpRequestMessage", "System.Object"])
        requestMessage.addNote("RequestUri", .string(response.url.absoluteString))
        o.addNote("RequestMessage", .object(requestMessage))
        o.toStringHandler = { _ in "StatusCode: \(response.statusCode), ReasonPhrase: '\(response.reasonPhrase)', Version: 1.1" }
        return o
    }

    /// `<tag ...>` elements of HTML content as objects with their attributes and outerHTML (what
    /// the basic parser of PowerShell 7 gives for Links, Images and InputFields).
    static func tags(_ tag: String, in html: String) -> [PSValue] {
        guard html.range(of: "<" + tag, options: .caseInsensitive) != nil,
              let element = try? NSRegularExpression(pattern: "<\(tag)\\b[^>]*>(?:[^<]*</\(tag)>)?", options: [.caseInsensitive]),
              let attribute = try? NSRegularExpression(pattern: "([A-Za-z_:][-A-Za-z0-9_:.]*)\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s>]+))") else { return [] }
        let ns = html as NSString
        return element.matches(in: html, range: NSRange(location: 0, length: ns.length)).map { m in
            let outer = ns.substring(with: m.range)
            let o = PSObject()
            o.addNote("outerHTML", .string(outer))
            o.addNote("tagName", .string(tag.uppercased()))
            let openTag = String(outer.prefix { $0 != ">" })
            let ons = openTag as NSString
            for a in attribute.matches(in: openTag, range: NSRange(location: 0, length: ons.length)) {
                let name = ons.substring(with: a.range(at: 1))
                let value = (2...4).compactMap { i in a.range(at: i).location == NSNotFound ? nil : ons.substring(with: a.range(at: i)) }.first ?? ""
                o.addNote(name, .string(value))
            }
            return .object(o)
        }
    }

    /// PowerShell 7's error for a status that is not a success. The body, when there is one, is the
    /// message shown (ErrorDetails): JSON re-indented, XML as it came, anything else with its tags taken out.
    static func statusError(_ response: WebResponse, request: String, context: CmdletContext) -> PSRuntimeError {
        let message = "Response status code does not indicate success: \(response.statusCode) (\(response.reasonPhrase))."
        let exception = PSException(message, type: "Microsoft.PowerShell.Commands.HttpResponseException")
        // HttpRequestException.StatusCode (.NET 5+) as well as the response itself.
        exception.extraProperties = [("Response", .object(baseResponse(response))),
                                     ("StatusCode", .enumValue(HTTPStatus.value(response.statusCode)))]
        let record = ErrorRecord(exception, errorId: context.qualifiedErrorId("WebCmdletWebResponseException"),
                                 category: .invalidOperation, target: .string(request))
        let details = errorDetails(text(response), contentType: response.header("Content-Type"))
        if !details.isEmpty { record.errorDetailsMessage = details }
        // Stamped with the command as ThrowTerminatingError would (the view's `Invoke-WebRequest:` prefix).
        let stamped = context.terminatingError("", errorId: "").record
        record.commandName = stamped.commandName
        record.invocationName = stamped.invocationName
        record.position = stamped.position
        record.categoryActivity = stamped.categoryActivity
        return PSRuntimeError(record)
    }

    static func errorDetails(_ body: String, contentType: String?) -> String {
        let type = contentType?.lowercased() ?? ""
        if type.contains("json"), let node = try? JSONReader.read(body, grammar: .strict, maxDepth: 1024) {
            return "\n" + JSONWriter.write(node, compress: false)
        }
        if type.contains("xml"), body.contains("<") { return "\n" + body }
        return body.replacingOccurrences(of: "<[^>]*>", with: "", options: .regularExpression)
    }

    /// A failure before any response: HttpRequestException, the header wait's time-out, the size limit.
    static func clientError(_ error: WebClientError, request: String, context: CmdletContext) -> PSRuntimeError {
        switch error {
        case .timedOut(let seconds):
            return context.terminatingError("The request was canceled due to the configured HttpClient.Timeout of \(seconds) seconds elapsing.",
                                            errorId: "ConnectionTimeoutReached", category: .operationTimeout,
                                            exceptionType: "System.Threading.Tasks.TaskCanceledException")
        case .readTimedOut:
            return context.terminatingError("The operation has timed out.", errorId: "OperationTimeoutReached",
                                            category: .operationTimeout, exceptionType: "System.TimeoutException")
        case .failed(let text, let inner):
            let error = context.terminatingError(text, errorId: "WebCmdletWebResponseException", category: .invalidOperation,
                                                 target: .string(request), exceptionType: "System.Net.Http.HttpRequestException")
            if let inner, !inner.isEmpty { error.record.errorDetailsMessage = inner }
            return error
        case .tooLarge(let limit):
            // pwsh keeps a body in a MemoryStream, whose limit is 2 GiB; hvsh also stops at its allocation limit.
            return limit >= Int(Int32.max)
                ? context.terminatingError("Stream was too long.", errorId: "System.IO.IOException", category: .notSpecified,
                                           target: .string(request), exceptionType: "System.IO.IOException")
                : context.terminatingError(from: DotNetErrors.outOfMemory())
        case .outFile(let path, let reason):
            return context.terminatingError(reason, errorId: "System.IO.IOException", category: .writeError,
                                            target: .string(path), exceptionType: "System.IO.IOException")
        case .stopped:
            return context.terminatingError("The pipeline has been stopped.", errorId: "PipelineStopped", category: .operationStopped,
                                            exceptionType: "System.Management.Automation.PipelineStoppedException")
        }
    }

    /// Invoke-RestMethod's reading of a body: JSON (by type, or text that parses as JSON) to objects,
    /// anything else as the text itself.
    static func restContent(_ response: WebResponse) -> (value: PSValue, enumerate: Bool) {
        let content = text(response)
        if content.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return (.string(content), false) }
        // JSON a PSCustomObject cannot hold (an empty or case-repeated name) stays text, as in PowerShell.
        if let node = try? JSONReader.read(content, grammar: .lenient, maxDepth: 1024),
           let value = try? JSONConversion.value(node, asHashtable: false, dates: .default) {
            return (value, true)
        }
        return (.string(content), false)
    }
}

enum WebViews {
    /// PowerShell's list views of the responses: Content and RawContent cut at 200 characters with `…`.
    static var all: [FormatView] {
        func cut(_ name: String) -> FormatValue {
            .computed { v in
                let text = PropertyAccess.value(v, name).map { PSConvert.toString($0) } ?? ""
                return .string(text.count >= 200 ? String(text.prefix(200)) + "\u{2026}" : text)
            }
        }
        // .NET's KeyValuePair<string, IEnumerable<string>> prints as `[Name, System.String[]]`.
        let headerPairs = FormatValue.computed { v in
            guard case .hashtable(let h)? = PropertyAccess.value(v, "Headers") else { return .null }
            return .array(PSArray(h.keys.map { .string("[\(PSConvert.toString($0)), System.String[]]") }))
        }
        return [
            FormatView(name: WebObjects.basicHtmlType, typeNames: [WebObjects.basicHtmlType], list: [
                ListItem("StatusCode"), ListItem("StatusDescription"), ListItem("Content", value: cut("Content")),
                ListItem("RawContent", value: cut("RawContent")), ListItem("Headers", value: headerPairs), ListItem("Images"),
                ListItem("InputFields"), ListItem("Links"), ListItem("RawContentLength"), ListItem("RelationLink"),
            ]),
            FormatView(name: WebObjects.webResponseType, typeNames: [WebObjects.webResponseType], list: [
                ListItem("StatusCode"), ListItem("StatusDescription"), ListItem("Content"),
                ListItem("RawContent", value: cut("RawContent")), ListItem("Headers", value: headerPairs),
                ListItem("RawContentLength"), ListItem("RelationLink"),
            ]),
        ]
    }
}
