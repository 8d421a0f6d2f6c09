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
///
/// Everything here works on Unicode scalars, not Characters: "\r\n" is one Character, and so is a separator
/// followed by a combining mark, so a Character-wise codec let a raw newline through and lost fields
/// (found by the control-request fuzz target).
enum WorkerFields {
    static func escape(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "%": result.append(contentsOf: "%25".unicodeScalars)
            case "\n": result.append(contentsOf: "%0A".unicodeScalars)
            case "\r": result.append(contentsOf: "%0D".unicodeScalars)
            case " ": result.append(contentsOf: "%20".unicodeScalars)
            default: result.append(scalar)
            }
        }
        return String(result)
    }

    static func unescape(_ text: Substring) -> String {
        let scalars = Array(text.unicodeScalars)
        var result = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            if scalars[index] == "%", index + 2 < scalars.count, let decoded = escaped(scalars[index + 1], scalars[index + 2]) {
                result.append(decoded)
                index += 3
            } else {
                result.append(scalars[index])
                index += 1
            }
        }
        return String(result)
    }

    private static func escaped(_ first: Unicode.Scalar, _ second: Unicode.Scalar) -> Unicode.Scalar? {
        switch (first, second) {
        case ("2", "5"): return "%"
        case ("0", "A"): return "\n"
        case ("0", "D"): return "\r"
        case ("2", "0"): return " "
        default: return nil
        }
    }

    /// `text` cut at each `separator` scalar, empty pieces dropped.
    static func split(_ text: Substring, on separator: Unicode.Scalar, maxSplits: Int = .max) -> [Substring] {
        text.unicodeScalars.split(separator: separator, maxSplits: maxSplits).map { Substring($0) }
    }

    /// The key and the unescaped value of one `key=value` field (nil without an `=`).
    static func field(_ text: Substring) -> (key: String, value: String)? {
        guard let equals = text.unicodeScalars.firstIndex(of: "=") else { return nil }
        let key = String(Substring(text.unicodeScalars[..<equals]))
        let value = unescape(Substring(text.unicodeScalars[text.unicodeScalars.index(after: equals)...]))
        return (key, value)
    }

    static func encode(_ fields: [(String, String)], separator: String) -> String {
        fields.map { "\($0.0)=\(escape($0.1))" }.joined(separator: separator)
    }

    /// The fields of `text`; a later field of the same name wins.
    static func decode(_ text: Substring, separator: Unicode.Scalar) -> [String: String] {
        var result: [String: String] = [:]
        for piece in split(text, on: separator) {
            guard let (key, value) = field(piece) else { continue }
            result[key] = value
        }
        return result
    }
}
