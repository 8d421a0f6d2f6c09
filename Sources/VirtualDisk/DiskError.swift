import LinuxSystem

/// Every failure of this library: what kind it is (callers map kinds to their own errors, such as
/// Hyper-V's), the file it concerns and a sentence saying what was wrong.
public struct DiskError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The file does not exist.
        case notFound
        /// The file exists but is neither a VHD nor a VHDX.
        case notVirtualDisk
        /// A structure fails its signature, checksum or consistency checks (including a BAT entry
        /// outside the file or overlapping another structure).
        case corrupt
        /// The file ends before a structure it describes.
        case truncated
        /// Valid by the specification but not handled here (such as an unknown required region).
        case unsupported
        /// A differencing disk's parent cannot be found at any path its locators give.
        case parentNotFound
        /// The parent found is not the disk this child was made from (its identity differs).
        case parentMismatch
        /// A caller's argument is out of range (size, block size, sector size, offset).
        case invalidArgument
        /// The file is already there (create, convert).
        case exists
        /// Another open of the file holds it (a running VM, another writer).
        case inUse
        /// A write to a disk opened read-only.
        case readOnly
        /// The operating system refused an operation; `errno` says why.
        case system(errno: Int32)
    }

    public var kind: Kind
    public var path: String
    public var message: String

    public init(_ kind: Kind, _ path: String, _ message: String) {
        self.kind = kind
        self.path = path
        self.message = message
    }

    public var description: String { message }

    static func corrupt(_ path: String, _ what: String) -> DiskError {
        DiskError(.corrupt, path, "The file '\(path)' is corrupt: \(what).")
    }

    static func system(_ path: String, _ operation: String, _ error: Errno) -> DiskError {
        if error == .noSuchFile { return DiskError(.notFound, path, "The file '\(path)' does not exist.") }
        if error == .wouldBlock { return DiskError(.inUse, path, "The file '\(path)' is in use by another process.") }
        return DiskError(.system(errno: error.rawValue), path, "Cannot \(operation) '\(path)': \(error).")
    }
}
