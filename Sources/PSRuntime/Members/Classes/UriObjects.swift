import Foundation

/// System.Uri objects: properties in .NET's order (what Format-List shows), the constructors, the
/// `[uri]` cast (absolute or relative, as PowerShell converts a string) and the static members.
enum Uris {
    static let typeName = "System.Uri"
    static let uriKind = PSEnumType(fullName: "System.UriKind", members: [("RelativeOrAbsolute", 0), ("Absolute", 1), ("Relative", 2)])
    static let uriPartial = PSEnumType(fullName: "System.UriPartial", members: [("Scheme", 0), ("Authority", 1), ("Path", 2), ("Query", 3)])
    static let hostNameType = PSEnumType(fullName: "System.UriHostNameType", names: ["Unknown", "Basic", "Dns", "IPv4", "IPv6"])

    // MARK: Escaping

    static let unreserved = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~".utf8)
    /// What a path keeps unescaped besides the unreserved characters (and existing `%XX`).
    static let pathKeep = Set("/:@!$&'()*+,;=%".utf8)
    static let queryKeep = Set("/:@!$&'()*+,;=%?#".utf8)

    static func escape(_ s: String, keep: Set<UInt8>) -> String {
        var out = ""
        for byte in s.utf8 {
            if unreserved.contains(byte) || keep.contains(byte) { out.unicodeScalars.append(Unicode.Scalar(byte)) } else {
                out += String(format: "%%%02X", byte)
            }
        }
        return out
    }

    /// Uri.EscapeDataString: everything but the unreserved characters, as UTF-8 bytes.
    static func escapeData(_ s: String) -> String { escape(s, keep: []) }

    /// Uri.UnescapeDataString: `%XX` sequences that form UTF-8 decoded; anything else left as it is.
    static func unescape(_ s: String, keepingReserved: Bool = false) -> String {
        var bytes: [UInt8] = [], input = Array(s.utf8), i = 0
        let reserved = Set("%#?/\\;:@&=+$,[] ".utf8)
        func hex(_ b: UInt8) -> UInt8? {
            switch b { case 48...57: return b - 48; case 65...70: return b - 55; case 97...102: return b - 87; default: return nil }
        }
        while i < input.count {
            if input[i] == 37, i + 2 < input.count, let h = hex(input[i + 1]), let l = hex(input[i + 2]),
               !(keepingReserved && (reserved.contains(h << 4 | l) && h << 4 | l != 32 || h << 4 | l < 32)) {
                bytes.append(h << 4 | l); i += 3
            } else {
                bytes.append(input[i]); i += 1
            }
        }
        return String(bytes: bytes, encoding: .utf8) ?? s
    }

    /// RFC 3986's remove_dot_segments.
    static func removeDotSegments(_ path: String) -> String {
        var output: [Substring] = []
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        for (i, segment) in segments.enumerated() {
            let last = i == segments.count - 1
            if segment == "." { if last { output.append("") }; continue }
            if segment == ".." {
                if output.count > 1 { output.removeLast() }
                if last { output.append("") }
                continue
            }
            output.append(segment)
        }
        let joined = output.joined(separator: "/")
        return path.hasPrefix("/") && !joined.hasPrefix("/") ? "/" + joined : joined
    }

    /// RFC 3986 section 5.2: `reference` against an absolute `base`.
    static func resolve(_ base: ParsedUri, _ reference: String) -> Result<ParsedUri, UriError> {
        if case .success(let absolute) = ParsedUri.parse(reference), !reference.hasPrefix("/") { return .success(absolute) }
        var target = base
        target.fragment = ""
        let ref = reference.replacingOccurrences(of: "\\", with: "/")
        if ref.hasPrefix("//") { return ParsedUri.parse(base.scheme + ":" + ref) }
        let hash = ref.firstIndex(of: "#") ?? ref.endIndex
        let beforeHash = ref[..<hash]
        let question = beforeHash.firstIndex(of: "?") ?? beforeHash.endIndex
        let path = String(beforeHash[..<question])
        let query = String(beforeHash[question...])
        if path.isEmpty {
            if !query.isEmpty { target.query = escape(query, keep: queryKeep) }
        } else {
            let merged = path.hasPrefix("/") ? path : String(unescape(base.path)[..<(unescape(base.path).lastIndex(of: "/").map { unescape(base.path).index(after: $0) } ?? unescape(base.path).endIndex)]) + path
            target.path = escape(removeDotSegments(merged), keep: pathKeep)
            target.query = escape(query, keep: queryKeep)
        }
        target.fragment = escape(String(ref[hash...]), keep: queryKeep)
        return .success(target)
    }

    // MARK: Objects

    static func object(_ uri: ParsedUri, original: String) -> PSObject {
        let o = PSObject(typeNames: [typeName, "System.Object"], baseObject: UriBox(uri))
        let unescapedPath = unescape(uri.path)
        o.addNote("AbsolutePath", .string(uri.path))
        o.addNote("AbsoluteUri", .string(uri.absolute))
        o.addNote("LocalPath", .string(unescapedPath))
        o.addNote("Authority", .string(uri.authority))
        o.addNote("HostNameType", .enumValue(hostNameType.value(named: uri.hostNameType)!))
        o.addNote("IsDefaultPort", .bool(uri.isDefaultPort))
        o.addNote("IsFile", .bool(uri.scheme == "file"))
        o.addNote("IsLoopback", .bool(uri.host == "localhost" || uri.host.hasPrefix("127.") || uri.host == "[::1]" || (uri.scheme == "file" && uri.host.isEmpty)))
        o.addNote("PathAndQuery", .string(uri.path + uri.query))
        o.addNote("Segments", .array(PSArray(segments(uri.path).map { .string($0) }, kind: .typed(.string))))
        o.addNote("IsUnc", .bool(uri.scheme == "file" && !uri.host.isEmpty))
        o.addNote("Host", .string(uri.host))
        o.addNote("Port", .int(Int32(uri.port)))
        o.addNote("Query", .string(uri.query))
        o.addNote("Fragment", .string(uri.fragment))
        o.addNote("Scheme", .string(uri.scheme))
        o.addNote("OriginalString", .string(original))
        let dnsSafe = uri.host.hasPrefix("[") ? String(uri.host.dropFirst().dropLast()) : uri.host
        o.addNote("DnsSafeHost", .string(dnsSafe))
        o.addNote("IdnHost", .string(dnsSafe))
        o.addNote("IsAbsoluteUri", .true)
        o.addNote("UserEscaped", .false)
        o.addNote("UserInfo", .string(uri.userInfo))
        o.addMethod("GetLeftPart") { _, args in
            guard args.count == 1 else { throw Members.argCount("GetLeftPart", args.count) }
            let part = try PSConvert.toEnum(args[0], uriPartial).rawValue
            let user = uri.userInfo.isEmpty ? "" : uri.userInfo + "@"
            let start = uri.scheme + (uri.hasAuthority ? "://" : ":")
            switch part {
            case 0: return .string(start)
            case 1: return .string(uri.hasAuthority ? start + user + uri.authority : "")
            case 2: return .string(start + (uri.hasAuthority ? user + uri.authority : "") + uri.path)
            default: return .string(start + (uri.hasAuthority ? user + uri.authority : "") + uri.path + uri.query)
            }
        }
        o.toStringHandler = { _ in unescape(uri.absolute, keepingReserved: true) }
        return o
    }

    /// `[uri]'docs/a.txt'`: only OriginalString, IsAbsoluteUri and UserEscaped answer; the rest throw.
    static func relativeObject(_ text: String) -> PSObject {
        let o = PSObject(typeNames: [typeName, "System.Object"], baseObject: RelativeUriBox(text))
        for name in ["AbsolutePath", "AbsoluteUri", "LocalPath", "Authority", "HostNameType", "IsDefaultPort", "IsFile",
                     "IsLoopback", "PathAndQuery", "Segments", "IsUnc", "Host", "Port", "Query", "Fragment", "Scheme"] {
            o.addProperty(name, get: { _ in throw DotNetClasses.invalidOperation("This operation is not supported for a relative URI.") })
        }
        o.addNote("OriginalString", .string(text))
        for name in ["DnsSafeHost", "IdnHost"] {
            o.addProperty(name, get: { _ in throw DotNetClasses.invalidOperation("This operation is not supported for a relative URI.") })
        }
        o.addNote("IsAbsoluteUri", .false)
        o.addNote("UserEscaped", .false)
        o.toStringHandler = { _ in text }
        return o
    }

    final class UriBox { let uri: ParsedUri; init(_ uri: ParsedUri) { self.uri = uri } }
    final class RelativeUriBox { let text: String; init(_ text: String) { self.text = text } }

    /// `/a/b/c.txt` → `/`, `a/`, `b/`, `c.txt`.
    static func segments(_ path: String) -> [String] {
        var out: [String] = [], current = ""
        for c in path {
            current.append(c)
            if c == "/" { out.append(current); current = "" }
        }
        if !current.isEmpty { out.append(current) }
        return out
    }

    static func parsed(_ v: PSValue) -> ParsedUri? {
        if case .object(let o) = v.unwrapped, let box = o.baseObject as? UriBox { return box.uri }
        return nil
    }

    /// Absolute, relative or an error for the kind asked (UriKind's raw value).
    static func create(_ text: String, kind: Int64) -> Result<PSObject, UriError> {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        // RelativeOrAbsolute takes `/x` as relative on Unix, as .NET does.
        let looksRelative = kind != 1 && trimmed.hasPrefix("/")
        switch looksRelative ? .failure(.format) : ParsedUri.parse(text) {
        case .success(let uri):
            return kind == 2 ? .failure(.relativeGivenAbsolute) : .success(object(uri, original: text))
        case .failure(let error):
            // A string that starts like an absolute URI but is a broken one is not taken as relative.
            if kind == 1 || (kind == 0 && error != .format && error != .empty) { return .failure(error) }
            return .success(relativeObject(text))
        }
    }

    static func construct(_ args: [PSValue]) throws -> PSValue {
        func fail(_ e: UriError) -> PSRuntimeError { DotNetErrors.methodInvocation(".ctor", argumentCount: args.count, e.exception) }
        switch args.count {
        case 1, 2 where parsed(args[0]) == nil && !isRelative(args[0]):
            if args[0].isNull { throw DotNetErrors.methodInvocation(".ctor", argumentCount: args.count, DotNetErrors.argumentNull(parameter: "uriString")) }
            let kind = args.count == 2 ? try PSConvert.toEnum(args[1], uriKind).rawValue : 1
            switch create(PSConvert.toString(args[0]), kind: kind) {
            case .success(let o): return .object(o)
            case .failure(let e): throw fail(e)
            }
        case 2:
            guard let base = parsed(args[0]) else {
                throw DotNetErrors.methodInvocation(".ctor", argumentCount: 2,
                    DotNetErrors.argumentOutOfRange("Specified argument was out of the range of valid values.", parameter: "baseUri"))
            }
            let relative = PSConvert.toString(args[1])
            switch resolve(base, relative) {
            case .success(let uri): return .object(object(uri, original: uri.absolute))
            case .failure(let e): throw fail(e)
            }
        default:
            throw Members.argCount("new", args.count)
        }
    }

    private static func isRelative(_ v: PSValue) -> Bool {
        if case .object(let o) = v.unwrapped { return o.baseObject is RelativeUriBox }
        return false
    }

    /// `[uri]$text`: PowerShell converts with UriKind.RelativeOrAbsolute.
    static func cast(_ v: PSValue) throws -> PSValue? {
        guard case .string(let s) = v.unwrapped else { return nil }
        switch create(s, kind: 0) {
        case .success(let o): return .object(o)
        case .failure(let e): throw PSConvert.cannotConvert(v, to: .named(typeName), detail: e.message)
        }
    }
}

extension StaticTypes {
    nonisolated(unsafe) static let uriTypes: [StaticType] = [
        StaticType(
            keys: ["uri"],
            properties: [("UriSchemeHttp", "http"), ("UriSchemeHttps", "https"), ("UriSchemeFile", "file"), ("UriSchemeFtp", "ftp"),
                         ("UriSchemeMailto", "mailto"), ("SchemeDelimiter", "://")].map { StaticType.constant("string", $0.0, .string($0.1)) },
            methods: [
                StaticType.method("EscapeDataString", "static string EscapeDataString(string stringToEscape)") { call in
                    guard call.args.count == 1 else { throw call.wrongCount() }
                    if call.args[0].isNull { throw DotNetErrors.methodInvocation(call.name, argumentCount: 1, DotNetErrors.argumentNull(parameter: "stringToEscape")) }
                    return .string(Uris.escapeData(call.string(0)))
                },
                StaticType.method("UnescapeDataString", "static string UnescapeDataString(string stringToUnescape)") { call in
                    guard call.args.count == 1 else { throw call.wrongCount() }
                    if call.args[0].isNull { throw DotNetErrors.methodInvocation(call.name, argumentCount: 1, DotNetErrors.argumentNull(parameter: "stringToUnescape")) }
                    return .string(Uris.unescape(call.string(0)))
                },
                StaticType.method("TryCreate", "static bool TryCreate(string uriString, System.UriKind uriKind, [ref] uri result)",
                                  "static bool TryCreate(uri baseUri, string relativeUri, [ref] uri result)") { call in
                    guard call.args.count == 3 else { throw call.wrongCount() }
                    var made: PSValue = .null
                    if let base = Uris.parsed(call.args[0]) {
                        if case .success(let uri) = Uris.resolve(base, PSConvert.toString(call.args[1])) { made = .object(Uris.object(uri, original: uri.absolute)) }
                    } else if !call.args[0].isNull, case .success(let o) = Uris.create(call.string(0), kind: try PSConvert.toEnum(call.args[1], Uris.uriKind).rawValue) {
                        made = .object(o)
                    }
                    try PSReference.assign(call.args[2], made)
                    return .bool(!made.isNull)
                },
                StaticType.method("IsWellFormedUriString", "static bool IsWellFormedUriString(string uriString, System.UriKind uriKind)") { call in
                    guard call.args.count == 2 else { throw call.wrongCount() }
                    let text = call.string(0), kind = try PSConvert.toEnum(call.args[1], Uris.uriKind).rawValue
                    // Well formed: nothing that would need escaping, and of the kind asked.
                    guard !text.isEmpty || kind != 1, Uris.escape(text, keep: Uris.queryKeep) == text else { return .false }
                    guard case .success(let o) = Uris.create(text, kind: kind) else { return .false }
                    return .bool(o.baseObject is Uris.UriBox ? kind != 2 : kind != 1)
                },
            ]),
    ]
}
