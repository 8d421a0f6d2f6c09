/// System.Security.SecureString and System.Management.Automation.PSCredential: what lab scripts
/// build to hand a password to New-VM's unattend step or a remote session. The text is kept out of
/// every display (ToString, Format-*); hvsh does not encrypt it in memory.
public enum SecureStrings {
    public static let typeName = "System.Security.SecureString"
    public static let credentialType = "System.Management.Automation.PSCredential"
    static let networkCredentialType = "System.Net.NetworkCredential"

    /// A SecureString's characters (UTF-16 units, as .NET counts Length) and read-only flag.
    final class State {
        var units: [UInt16]
        var readOnly = false
        init(_ text: String) { units = Array(text.utf16) }
        var text: String { String(decoding: units, as: UTF16.self) }
    }

    /// A SecureString holding `plain`.
    public static func make(_ plain: String) -> PSValue { .object(object(State(plain))) }

    static func object(_ state: State) -> PSObject {
        let o = PSObject(typeNames: [typeName, "System.Object"], baseObject: state)
        o.addProperty("Length", get: { _ in .int(Int32(state.units.count)) })
        func writable(_ method: String, _ count: Int) throws {
            if state.readOnly {
                throw DotNetErrors.methodInvocation(method, argumentCount: count, DotNetClasses.invalidOperation("Instance is read-only."))
            }
        }
        func index(_ method: String, _ args: [PSValue], inclusiveEnd: Bool) throws -> Int {
            let i = try PSConvert.toInt(args[0])
            guard i >= 0, i < state.units.count || (inclusiveEnd && i == state.units.count) else {
                throw DotNetErrors.methodInvocation(method, argumentCount: args.count,
                    DotNetErrors.argumentOutOfRange("Index was out of range. Must be non-negative and less than the size of the collection.", parameter: "index"))
            }
            return i
        }
        func char(_ v: PSValue) throws -> UInt16 {
            guard case .char(let c) = try PSConvert.convert(v, to: .char) else { return 0 }
            return c
        }
        o.addVoidMethod("AppendChar") { _, args in
            guard args.count == 1 else { throw Members.argCount("AppendChar", args.count) }
            let c = try char(args[0])
            try writable("AppendChar", 1)
            state.units.append(c)
        }
        o.addVoidMethod("InsertAt") { _, args in
            guard args.count == 2 else { throw Members.argCount("InsertAt", args.count) }
            let c = try char(args[1])
            try writable("InsertAt", 2)
            state.units.insert(c, at: try index("InsertAt", args, inclusiveEnd: true))
        }
        o.addVoidMethod("SetAt") { _, args in
            guard args.count == 2 else { throw Members.argCount("SetAt", args.count) }
            let c = try char(args[1])
            try writable("SetAt", 2)
            state.units[try index("SetAt", args, inclusiveEnd: false)] = c
        }
        o.addVoidMethod("RemoveAt") { _, args in
            guard args.count == 1 else { throw Members.argCount("RemoveAt", args.count) }
            try writable("RemoveAt", 1)
            state.units.remove(at: try index("RemoveAt", args, inclusiveEnd: false))
        }
        o.addVoidMethod("Clear") { _, args in
            guard args.isEmpty else { throw Members.argCount("Clear", args.count) }
            try writable("Clear", 0)
            state.units.removeAll()
        }
        o.addVoidMethod("MakeReadOnly") { _, _ in state.readOnly = true }
        o.addMethod("IsReadOnly") { _, _ in .bool(state.readOnly) }
        o.addMethod("Copy") { _, _ in .object(object(State(state.text))) }
        o.addVoidMethod("Dispose") { _, _ in state.units.removeAll() }
        o.toStringHandler = { _ in typeName }
        return o
    }

    /// The text of a SecureString, nil for anything else.
    public static func plain(_ v: PSValue) -> String? {
        guard case .object(let o) = v.unwrapped else { return nil }
        if let state = o.baseObject as? State { return state.text }
        return nil
    }

    static func isSecureString(_ v: PSValue) -> Bool { plain(v) != nil }

    /// `[securestring]::new()`: .NET's only other constructor takes a char pointer.
    static func construct(_ args: [PSValue]) throws -> PSValue {
        guard args.isEmpty else { throw Members.argCount("new", args.count) }
        return make("")
    }

    /// `[pscredential]::new(user, password)` and `New-Object PSCredential(user, password)`.
    public static func constructCredential(_ args: [PSValue]) throws -> PSValue {
        guard args.count == 2 else { throw Members.argCount("new", args.count) }
        if args[0].isNull {
            throw DotNetErrors.methodInvocation(".ctor", argumentCount: 2, DotNetErrors.argumentNull(parameter: "userName"))
        }
        if args[1].isNull {
            throw DotNetErrors.methodInvocation(".ctor", argumentCount: 2, DotNetErrors.argumentNull(parameter: "password"))
        }
        guard isSecureString(args[1]) else {
            throw DotNetClasses.argumentConversion(method: "PSCredential", parameter: "password", value: args[1], type: typeName)
        }
        return credential(user: PSConvert.toString(args[0]), password: args[1])
    }

    /// `[pscredential]::Empty`: no user name and no password; GetNetworkCredential() gives $null.
    static func emptyCredential() -> PSValue { .object(credentialObject(user: nil, password: .null)) }

    public static func credential(user: String, password: PSValue) -> PSValue {
        .object(credentialObject(user: user, password: password))
    }

    private static func credentialObject(user: String?, password: PSValue) -> PSObject {
        let o = PSObject(typeNames: [credentialType, "System.Object"])
        o.addProperty("UserName", get: { _ in user.map { .string($0) } ?? .null })
        o.addProperty("Password", get: { _ in password })
        o.addMethod("GetNetworkCredential") { _, args in
            guard args.isEmpty else { throw Members.argCount("GetNetworkCredential", args.count) }
            guard let user, !user.isEmpty else { return .null }
            return .object(networkCredential(user: user, password: password))
        }
        o.toStringHandler = { _ in credentialType }
        return o
    }

    /// PSCredential splits `DOMAIN\user` at the first backslash; `user@domain` stays the user name.
    private static func networkCredential(user: String, password: PSValue) -> PSObject {
        var name = user, domain = ""
        if let slash = user.firstIndex(of: "\\") {
            domain = String(user[..<slash])
            name = String(user[user.index(after: slash)...])
        }
        let n = PSObject(typeNames: [networkCredentialType, "System.Object"])
        n.addNote("UserName", .string(name))
        n.addNote("Password", .string(plain(password) ?? ""))
        n.addNote("SecurePassword", password.isNull ? make("") : password)
        n.addNote("Domain", .string(domain))
        n.toStringHandler = { _ in networkCredentialType }
        return n
    }
}

extension StaticTypes {
    nonisolated(unsafe) static let credentialTypes: [StaticType] = [
        StaticType(keys: [key(.named(SecureStrings.credentialType))],
                   properties: [StaticType.property(SecureStrings.credentialType, "Empty") { _ in SecureStrings.emptyCredential() }]),
    ]
}
