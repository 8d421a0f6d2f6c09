/// System.Net.WebUtility: form-style URL encoding (space as `+`, upper-case `%XX` of UTF-8 bytes) and
/// HTML encoding, what scripts build query strings and report pages with.
extension StaticTypes {
    nonisolated(unsafe) static let webUtilityTypes: [StaticType] = [
        StaticType(keys: ["net.webutility"], methods: [
            textMethod("UrlEncode", "static string UrlEncode(string value)", WebText.urlEncode),
            textMethod("UrlDecode", "static string UrlDecode(string encodedValue)", WebText.urlDecode),
            textMethod("HtmlEncode", "static string HtmlEncode(string value)", WebText.htmlEncode),
            textMethod("HtmlDecode", "static string HtmlDecode(string value)", WebText.htmlDecode),
        ]),
    ]

    /// A one-string method that gives $null for $null, as WebUtility's do.
    private static func textMethod(_ name: String, _ overload: String, _ body: @escaping (String) -> String) -> StaticMethod {
        StaticType.method(name, overload) { call in
            guard call.args.count == 1 else { throw call.wrongCount() }
            return call.args[0].isNull ? .null : .string(body(call.string(0)))
        }
    }
}

/// WebUtility's encodings; ConvertTo-Html writes its cells through `htmlEncode` too.
public enum WebText {
    static let urlSafe = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.!*()".utf8)

    static func urlEncode(_ s: String) -> String {
        var out = ""
        for byte in s.utf8 {
            if byte == 32 { out += "+" } else if urlSafe.contains(byte) { out.unicodeScalars.append(Unicode.Scalar(byte)) } else {
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(2)
            }
        }
        return out
    }

    static func urlDecode(_ s: String) -> String {
        Uris.unescape(s.replacingOccurrences(of: "+", with: " "))
    }

    public static func htmlEncode(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "&": out += "&amp;"
            case "'": out += "&#39;"
            default:
                // Latin-1 beyond ASCII and characters outside the BMP become numeric references.
                if (160...255).contains(scalar.value) || scalar.value > 0xFFFF { out += "&#\(scalar.value);" } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }

    static let entities: [String: String] = ["lt": "<", "gt": ">", "amp": "&", "quot": "\"", "apos": "'", "nbsp": "\u{A0}",
                                             "copy": "©", "reg": "®", "trade": "™", "euro": "€", "hellip": "…", "mdash": "—", "ndash": "–"]

    static func htmlDecode(_ s: String) -> String {
        guard s.contains("&") else { return s }
        var out = "", rest = Substring(s)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            if let semi = after.firstIndex(of: ";"), after.distance(from: after.startIndex, to: semi) <= 10 {
                let name = after[..<semi]
                var decoded: String?
                if name.hasPrefix("#x") || name.hasPrefix("#X") {
                    decoded = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
                } else if name.hasPrefix("#") {
                    decoded = UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
                } else {
                    decoded = entities[String(name)]
                }
                if let decoded {
                    out += decoded
                    rest = after[after.index(after: semi)...]
                    continue
                }
            }
            out += "&"
            rest = after
        }
        return out + rest
    }
}

private extension String {
    func leftPadded(_ width: Int) -> String { count >= width ? self : String(repeating: "0", count: width - count) + self }
}
