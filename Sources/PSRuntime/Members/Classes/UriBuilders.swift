/// System.UriBuilder: a URI in parts (Scheme, Host, Port, Path, Query, Fragment, UserName, Password)
/// that scripts change and read back as text (ToString) or as a [uri] (Uri), with .NET's rules: the
/// scheme's default port is left out, Query/Fragment gain their `?`/`#`, a relative path gets its `/`.
enum UriBuilders {
    static let typeName = "System.UriBuilder"

    final class State {
        var scheme = "http", host = "localhost", port = -1, path = "/", query = "", fragment = "", user = "", password = ""

        var text: String {
            var s = scheme + (ParsedUri.defaultPorts[scheme] == nil && ["mailto", "news"].contains(scheme) ? ":" : "://")
            if !user.isEmpty { s += user + (password.isEmpty ? "" : ":" + password) + "@" }
            s += host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
            if port != -1, port != (ParsedUri.defaultPorts[scheme] ?? -2) { s += ":\(port)" }
            if !path.isEmpty, !path.hasPrefix("/"), !host.isEmpty { s += "/" }
            return s + path + query + fragment
        }
    }

    static func construct(_ args: [PSValue]) throws -> PSValue {
        let state = State()
        switch args.count {
        case 0: break
        case 1:
            if args[0].isNull { throw DotNetErrors.methodInvocation(".ctor", argumentCount: 1, DotNetErrors.argumentNull(parameter: "uri")) }
            var uri = Uris.parsed(args[0])
            if uri == nil {
                let text = PSConvert.toString(args[0])
                // A string without a scheme is an http URI, as .NET's UriBuilder reads it.
                switch ParsedUri.parse(text.contains("://") ? text : "http://" + text) {
                case .success(let u): uri = u
                case .failure(let e): throw DotNetErrors.methodInvocation(".ctor", argumentCount: 1, e.exception)
                }
            }
            if let u = uri {
                state.scheme = u.scheme; state.host = u.host; state.port = u.port; state.path = u.path
                state.query = u.query; state.fragment = u.fragment
                let parts = u.userInfo.split(separator: ":", maxSplits: 1).map(String.init)
                state.user = parts.first ?? ""; state.password = parts.count > 1 ? parts[1] : ""
            }
        case 2...5:
            state.scheme = PSConvert.toString(args[0]).lowercased()
            state.host = PSConvert.toString(args[1])
            if args.count > 2 { state.port = try PSConvert.toInt(args[2]) }
            if args.count > 3 { state.path = PSConvert.toString(args[3]).replacingOccurrences(of: "\\", with: "/") }
            if args.count > 4 {
                let extra = PSConvert.toString(args[4])
                if extra.hasPrefix("?") { state.query = extra } else if extra.hasPrefix("#") { state.fragment = extra }
                else if !extra.isEmpty {
                    throw DotNetErrors.methodInvocation(".ctor", argumentCount: 5, DotNetErrors.argument("Extra portion of URI not valid. (Parameter 'extraValue')"))
                }
            }
            if state.port < -1 {
                throw DotNetErrors.methodInvocation(".ctor", argumentCount: args.count, DotNetErrors.argumentOutOfRange(
                    "Specified argument was out of the range of valid values. (Parameter 'value')", parameter: "value"))
            }
        default:
            throw Members.argCount("new", args.count)
        }
        return .object(object(state))
    }

    static func object(_ state: State) -> PSObject {
        let o = PSObject(typeNames: [typeName, "System.Object"], baseObject: state)
        func text(_ name: String, _ get: @escaping () -> String, _ set: @escaping (String) -> Void) {
            o.addProperty(name, get: { _ in .string(get()) }, set: { _, v in set(v.isNull ? "" : PSConvert.toString(v)) })
            o.setMemberType(name, "Property", typeHint: "string")
        }
        text("Fragment", { state.fragment }, { state.fragment = $0.isEmpty || $0.hasPrefix("#") ? $0 : "#" + $0 })
        text("Host", { state.host }, { state.host = $0 })
        text("Password", { state.password }, { state.password = $0 })
        text("Path", { state.path }, { state.path = $0.isEmpty ? "/" : $0.replacingOccurrences(of: "\\", with: "/") })
        o.addProperty("Port", get: { _ in .int(Int32(state.port)) }, set: { _, v in
            let port = try PSConvert.toInt(v)
            guard port >= -1, port <= 65535 else {
                throw DotNetErrors.argumentOutOfRange("Specified argument was out of the range of valid values. (Parameter 'value')", parameter: "value")
            }
            state.port = port
        })
        o.setMemberType("Port", "Property", typeHint: "int")
        text("Query", { state.query }, { state.query = $0.isEmpty || $0.hasPrefix("?") ? $0 : "?" + $0 })
        text("Scheme", { state.scheme }, { state.scheme = $0.lowercased() })
        o.addProperty("Uri") { _ in
            switch ParsedUri.parse(state.text) {
            case .success(let u): return .object(Uris.object(u, original: state.text))
            case .failure(let e): throw DotNetClasses.getterFailure("Uri", e.exception)
            }
        }
        o.setMemberType("Uri", "Property", typeHint: "uri")
        text("UserName", { state.user }, { state.user = $0 })
        o.addMethod("ToString") { _, _ in .string(state.text) }
        o.toStringHandler = { _ in state.text }
        return o
    }
}
