// HTTP status codes as .NET names them: the reason phrases pwsh shows (StatusDescription, the error
// text) and System.Net.HttpStatusCode, the enum a response's StatusCode is.

import PSRuntime

enum HTTPStatus {
    /// Code, reason phrase, HttpStatusCode member name.
    private static let table: [(Int, String, String)] = [
        (100, "Continue", "Continue"), (101, "Switching Protocols", "SwitchingProtocols"),
        (200, "OK", "OK"), (201, "Created", "Created"), (202, "Accepted", "Accepted"),
        (203, "Non-Authoritative Information", "NonAuthoritativeInformation"), (204, "No Content", "NoContent"),
        (205, "Reset Content", "ResetContent"), (206, "Partial Content", "PartialContent"),
        (300, "Multiple Choices", "MultipleChoices"), (301, "Moved Permanently", "MovedPermanently"), (302, "Found", "Found"),
        (303, "See Other", "SeeOther"), (304, "Not Modified", "NotModified"), (305, "Use Proxy", "UseProxy"),
        (307, "Temporary Redirect", "TemporaryRedirect"), (308, "Permanent Redirect", "PermanentRedirect"),
        (400, "Bad Request", "BadRequest"), (401, "Unauthorized", "Unauthorized"), (402, "Payment Required", "PaymentRequired"),
        (403, "Forbidden", "Forbidden"), (404, "Not Found", "NotFound"), (405, "Method Not Allowed", "MethodNotAllowed"),
        (406, "Not Acceptable", "NotAcceptable"), (407, "Proxy Authentication Required", "ProxyAuthenticationRequired"),
        (408, "Request Timeout", "RequestTimeout"), (409, "Conflict", "Conflict"), (410, "Gone", "Gone"),
        (411, "Length Required", "LengthRequired"), (412, "Precondition Failed", "PreconditionFailed"),
        (413, "Request Entity Too Large", "RequestEntityTooLarge"), (414, "Request-Uri Too Long", "RequestUriTooLong"),
        (415, "Unsupported Media Type", "UnsupportedMediaType"),
        (416, "Requested Range Not Satisfiable", "RequestedRangeNotSatisfiable"), (417, "Expectation Failed", "ExpectationFailed"),
        (421, "Misdirected Request", "MisdirectedRequest"), (422, "Unprocessable Entity", "UnprocessableEntity"),
        (423, "Locked", "Locked"), (424, "Failed Dependency", "FailedDependency"), (426, "Upgrade Required", "UpgradeRequired"),
        (428, "Precondition Required", "PreconditionRequired"), (429, "Too Many Requests", "TooManyRequests"),
        (431, "Request Header Fields Too Large", "RequestHeaderFieldsTooLarge"),
        (451, "Unavailable For Legal Reasons", "UnavailableForLegalReasons"),
        (500, "Internal Server Error", "InternalServerError"), (501, "Not Implemented", "NotImplemented"),
        (502, "Bad Gateway", "BadGateway"), (503, "Service Unavailable", "ServiceUnavailable"),
        (504, "Gateway Timeout", "GatewayTimeout"), (505, "HTTP Version Not Supported", "HttpVersionNotSupported"),
        (507, "Insufficient Storage", "InsufficientStorage"), (508, "Loop Detected", "LoopDetected"),
        (511, "Network Authentication Required", "NetworkAuthenticationRequired"),
    ]

    /// The phrase servers send with the code (URLSession does not pass on the one a server sent).
    static func reasonPhrase(_ code: Int) -> String {
        table.first { $0.0 == code }?.1 ?? ""
    }

    static let codeType = PSEnumType(fullName: "System.Net.HttpStatusCode", members: table.map { ($0.2, Int64($0.0)) })

    /// A code as an HttpStatusCode (a code .NET has no name for prints as its number, as .NET's enums do).
    static func value(_ code: Int) -> PSEnumValue { codeType.value(Int64(code)) }
}
