import Foundation
import NetworkAddresses

/// The folder, under the inventory root, that holds one kind of object: one JSON file per object,
/// named `<GUID>.json`. Modules name their own kinds (`InventoryKind("Switches")`); the two kinds
/// Hyper-V itself keeps are predefined.
public struct InventoryKind: Hashable, Sendable, CustomStringConvertible {
    /// The folder name, e.g. `Virtual Machines`. May contain spaces; must not contain `/`.
    public let folderName: String

    public init(_ folderName: String) {
        precondition(!folderName.isEmpty && !folderName.contains("/") && !folderName.hasPrefix("."),
                     "an inventory kind is a plain folder name")
        self.folderName = folderName
    }

    public static let virtualMachines = InventoryKind("Virtual Machines")
    public static let snapshots = InventoryKind("Snapshots")

    public var description: String { folderName }
}

/// A value the inventory stores as one JSON config file. The file is `<kind>/<id>.json`; the id
/// never changes for the life of the object (renaming an object changes a property, not its file).
public protocol InventoryRecord: Codable, Sendable {
    /// The folder this type of record lives in.
    static var inventoryKind: InventoryKind { get }
    /// The object's identity; also its file name.
    var id: UUID { get }
}

/// A config file that exists but could not be read or decoded. Listings return these next to the
/// records that did load, so a caller can report each one by name instead of losing it silently.
public struct DamagedFile: Error, Hashable, Sendable, CustomStringConvertible {
    /// Absolute path of the file.
    public let path: String
    /// Why it could not be used (the decoder's or the system's message).
    public let reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "The configuration file '\(path)' is damaged: \(reason)" }
}

/// What listing a kind yields: every record that loaded, sorted by file name for a stable order,
/// and every file that did not.
public struct InventoryListing<Record: InventoryRecord>: Sendable {
    public var records: [Record]
    public var damaged: [DamagedFile]

    public init(records: [Record], damaged: [DamagedFile]) {
        self.records = records
        self.damaged = damaged
    }
}

/// A record whose decoded values are out of the range the rest of hvsh can handle (a hand-edited
/// negative memory size, a processor count beyond any host). Such a file is refused at load, by
/// path, so no later command trips over the value.
public protocol InventoryValidated {
    /// Throws `OutOfRangeField` for the first field outside its range.
    func validateFields() throws(OutOfRangeField)
}

/// Which field of a record is out of range, its value and what is allowed.
public struct OutOfRangeField: Error, Equatable, Sendable, CustomStringConvertible {
    public var field: String
    public var value: String
    public var allowed: String

    public init(field: String, value: String, allowed: String) {
        self.field = field
        self.value = value
        self.allowed = allowed
    }

    /// Throws when `value` is outside `range`.
    public static func check<T: Comparable & CustomStringConvertible>(_ field: String, _ value: T, in range: ClosedRange<T>,
                                                                       allowed: String? = nil) throws(OutOfRangeField) {
        guard range.contains(value) else {
            throw OutOfRangeField(field: field, value: value.description,
                                  allowed: allowed ?? "between \(range.lowerBound) and \(range.upperBound)")
        }
    }

    public var description: String { "the field '\(field)' is out of range: \(value) (it must be \(allowed))" }
}

/// Errors the store reports. Each one names what it is about.
public enum InventoryError: Error, Equatable, Sendable, CustomStringConvertible {
    /// One or more config files could not be parsed; they are listed by path.
    case damaged([DamagedFile])
    /// A system call on a named path failed.
    case io(path: String, operation: String, errno: Int32)
    /// Every address of the dynamic MAC pool is in use.
    case macPoolExhausted(minimum: MACAddress, maximum: MACAddress)
    /// The pool's bounds are not usable (maximum below minimum).
    case invalidMACRange(minimum: MACAddress, maximum: MACAddress)
    /// Another process held the store's lock for longer than the wait limit; `holders` names it
    /// ("process 4242 (hvsh -File lab.ps1)") when /proc/locks could tell.
    case lockTimedOut(path: String, seconds: Double, holders: [String])

    public var description: String {
        switch self {
        case .damaged(let files):
            return files.map(\.description).joined(separator: "\n")
        case .io(let path, let operation, let code):
            return "\(operation) '\(path)' failed: \(String(cString: strerror(code)))"
        case .macPoolExhausted(let minimum, let maximum):
            return "No free dynamic MAC address is left in the pool \(minimum.compact)-\(maximum.compact)."
        case .invalidMACRange(let minimum, let maximum):
            return "The MAC address range \(minimum.compact)-\(maximum.compact) is not valid: the maximum is below the minimum."
        case .lockTimedOut(let path, let seconds, let holders):
            let who = holders.isEmpty ? "another process" : holders.joined(separator: ", ")
            let limit = seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
            return "The inventory is locked by \(who): gave up waiting for '\(path)' after \(limit) second\(seconds == 1 ? "" : "s") (set HVSH_LOCK_TIMEOUT to wait longer)."
        }
    }
}
