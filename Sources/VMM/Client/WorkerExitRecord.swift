/// Why a worker ended: written by the worker to `exit` in its runtime directory as it stops (or by the shell
/// for a worker that died without one), read back by `VMWorker`. One type and one codec for both sides.
public struct WorkerExitRecord: Sendable, Equatable {
    /// What kind of end it was; the raw values are the file's `kind=` spellings.
    public enum Kind: String, Sendable {
        /// The VM's state was saved (Hyper-V's Saved state).
        case saved
        /// The host turned the VM off.
        case turnedOff = "turned-off"
        /// The guest ended it (powered off, reset, exited, triple-faulted).
        case guest
        /// The worker could not start the VM, or KVM stopped it.
        case error
        /// The worker process ended without writing a record (killed, crashed).
        case died
    }

    public var kind: Kind
    /// One line of text for people (`ExitReason.description`, or the start-up failure).
    public var reason: String

    public init(kind: Kind, reason: String) {
        self.kind = kind
        self.reason = reason
    }

    /// The record of a VM that stopped for `reason`.
    public init(_ reason: ExitReason) {
        switch reason {
        case .saved: kind = .saved
        case .turnedOff: kind = .turnedOff
        case .internalError: kind = .error
        case .guestExit, .guestReset, .guestPowerOff, .tripleFault: kind = .guest
        }
        self.reason = reason.description
    }

    /// A worker whose process is gone without a record.
    public static let died = WorkerExitRecord(kind: .died, reason: "the VM worker process ended unexpectedly")

    /// `kind=...` and `reason=...` lines, through the request codec (so a reason may hold any text).
    public var encoded: String { WorkerFields.encode([("kind", kind.rawValue), ("reason", reason)], separator: "\n") + "\n" }

    /// Reads what `encoded` wrote; a missing or unknown kind is an error, not a guess.
    public init(decoding text: String) throws(VMMError) {
        let fields = WorkerFields.decode(text[...], separator: "\n")
        guard let kindText = fields["kind"], let kind = Kind(rawValue: kindText) else {
            throw .worker("the worker's exit record has no valid kind: \(text.debugDescription)")
        }
        self.init(kind: kind, reason: fields["reason"] ?? "")
    }
}

/// `key=value` fields with values escaped (`%`, newline, return and space as %25, %0A, %0D, %20): the one
/// codec of vm.conf, the control socket's replies and the exit record.
enum WorkerFields {
    static func escape(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "%": result += "%25"
            case "\n": result += "%0A"
            case "\r": result += "%0D"
            case " ": result += "%20"
            default: result.append(character)
            }
        }
        return result
    }

    static func unescape(_ text: Substring) -> String {
        String(text).replacing("%0A", with: "\n").replacing("%0D", with: "\r").replacing("%20", with: " ").replacing("%25", with: "%")
    }

    static func encode(_ fields: [(String, String)], separator: String) -> String {
        fields.map { "\($0.0)=\(escape($0.1))" }.joined(separator: separator)
    }

    /// The fields of `text`; a later field of the same name wins.
    static func decode(_ text: Substring, separator: Character) -> [String: String] {
        var result: [String: String] = [:]
        for field in text.split(separator: separator) {
            guard let equals = field.firstIndex(of: "=") else { continue }
            result[String(field[..<equals])] = unescape(field[field.index(after: equals)...])
        }
        return result
    }
}
