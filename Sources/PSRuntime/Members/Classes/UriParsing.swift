/// System.Uri: what lab scripts use to take a download link apart (`([uri]$url).Segments[-1]` for the
/// file name, `.Host`, `.Port`) and to join a base with a relative path. Parsing follows .NET's rules
/// for the hierarchical schemes (http, https, ftp, file, ws, ...): the scheme and host lower-cased,
/// the default port dropped, dot segments removed, `\` read as `/`, unsafe characters escaped.
struct ParsedUri {
    var scheme: String
    var userInfo = ""
    var host = ""
    /// -1 when the URI gives none.
    var explicitPort = -1
    var path = ""
    var query = ""
    var fragment = ""
    /// `mailto:`-style URIs have no `//authority`.
    var hasAuthority = true

    static let defaultPorts: [String: Int] = ["http": 80, "https": 443, "ftp": 21, "ws": 80, "wss": 443, "ldap": 389,
                                              "mailto": 25, "news": 119, "nntp": 119, "gopher": 70, "telnet": 23,
                                              "net.tcp": 808, "net.pipe": -1, "file": -1, "sftp": 22, "ssh": 22]
    /// Schemes whose paths .NET canonicalises (backslashes, dot segments, a `/` for an empty path).
    static let hierarchical: Set<String> = ["http", "https", "ftp", "file", "ws", "wss", "ldap", "net.tcp", "gopher", "nntp", "news", "telnet"]

    var port: Int { explicitPort >= 0 ? explicitPort : (ParsedUri.defaultPorts[scheme] ?? -1) }
    var isDefaultPort: Bool { explicitPort < 0 || explicitPort == ParsedUri.defaultPorts[scheme] }

    var hostNameType: String {
        if host.hasPrefix("[") { return "IPv6" }
        if host.isEmpty { return scheme == "file" ? "Basic" : "Unknown" }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        if parts.count == 4, parts.allSatisfy({ UInt8($0) != nil }) { return "IPv4" }
        return host.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." || $0 == "_" }) ? "Dns" : "Basic"
    }

    var authority: String { host + (isDefaultPort ? "" : ":\(port)") }

    /// The escaped form (AbsoluteUri).
    var absolute: String {
        guard hasAuthority else { return scheme + ":" + path + query + fragment }
        let user = userInfo.isEmpty ? "" : userInfo + "@"
        return scheme + "://" + user + authority + path + query + fragment
    }

    /// Parses an absolute URI; the UriFormatException message when it is not one.
    static func parse(_ raw: String) -> Result<ParsedUri, UriError> {
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty { return .failure(.empty) }
        // On Unix an absolute path is a file URI (`new Uri("/tmp/x")` is file:///tmp/x).
        if text.hasPrefix("/") && !text.hasPrefix("//") {
            var uri = ParsedUri(scheme: "file")
            uri.path = Uris.escape(Uris.removeDotSegments(text), keep: Uris.pathKeep)
            return .success(uri)
        }
        guard let colon = text.firstIndex(of: ":"), colon != text.startIndex,
              text[..<colon].first!.isLetter,
              text[..<colon].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }) else {
            return .failure(.format)
        }
        var uri = ParsedUri(scheme: text[..<colon].lowercased())
        var rest = Substring(text[text.index(after: colon)...])
        let special = hierarchical.contains(uri.scheme)
        if special { rest = Substring(rest.replacingOccurrences(of: "\\", with: "/")) }
        if rest.hasPrefix("//") {
            rest = rest.dropFirst(2)
            let end = rest.firstIndex(where: { "/?#".contains($0) }) ?? rest.endIndex
            var hostPort = rest[..<end]
            rest = rest[end...]
            if let at = hostPort.lastIndex(of: "@") {
                uri.userInfo = String(hostPort[..<at])
                hostPort = hostPort[hostPort.index(after: at)...]
            }
            var portText: Substring?
            if hostPort.hasPrefix("[") {
                guard let close = hostPort.firstIndex(of: "]") else { return .failure(.hostname) }
                uri.host = hostPort[...close].lowercased()
                let after = hostPort[hostPort.index(after: close)...]
                if after.hasPrefix(":") { portText = after.dropFirst() } else if !after.isEmpty { return .failure(.hostname) }
            } else if let portColon = hostPort.lastIndex(of: ":") {
                uri.host = hostPort[..<portColon].lowercased()
                portText = hostPort[hostPort.index(after: portColon)...]
            } else {
                uri.host = hostPort.lowercased()
            }
            if let portText, !portText.isEmpty {
                guard portText.allSatisfy(\.isASCII), let port = Int(portText), port <= 65535 else { return .failure(.port) }
                uri.explicitPort = port
            }
            if uri.host.isEmpty && uri.scheme != "file" { return .failure(.hostname) }
            if uri.host.contains(where: { " <>\"{}|\\^`%".contains($0) }) { return .failure(.hostname) }
        } else if special {
            return .failure(.format)
        } else {
            uri.hasAuthority = false
        }
        let queryStart = rest.firstIndex(where: { $0 == "?" || $0 == "#" }) ?? rest.endIndex
        var path = String(rest[..<queryStart])
        var tail = rest[queryStart...]
        if tail.hasPrefix("?") {
            let hash = tail.firstIndex(of: "#") ?? tail.endIndex
            uri.query = Uris.escape(String(tail[..<hash]), keep: Uris.queryKeep)
            tail = tail[hash...]
        }
        uri.fragment = Uris.escape(String(tail), keep: Uris.queryKeep)
        if uri.hasAuthority {
            if path.isEmpty { path = "/" }
            if special { path = Uris.removeDotSegments(path) }
        }
        uri.path = Uris.escape(path, keep: Uris.pathKeep)
        return .success(uri)
    }
}

enum UriError: Error {
    case empty, format, hostname, port, relativeGivenAbsolute

    var message: String {
        switch self {
        case .empty: return "Invalid URI: The URI is empty."
        case .format: return "Invalid URI: The format of the URI could not be determined."
        case .hostname: return "Invalid URI: The hostname could not be parsed."
        case .port: return "Invalid URI: Invalid port specified."
        case .relativeGivenAbsolute: return "A relative URI cannot be created because the 'uriString' parameter represents an absolute URI."
        }
    }

    var exception: PSRuntimeError {
        PSRuntimeError.message(message, errorId: "UriFormatException", category: .notSpecified, exceptionType: "System.UriFormatException")
    }
}
