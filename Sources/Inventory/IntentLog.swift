import Foundation
import LinuxSystem

/// The write-ahead (intent) log that makes a transaction touching several files all-or-nothing.
///
/// Why a log and not an order of writes: every file write is atomic, but a transaction such as
/// Remove-VM (release the MAC leases, delete the checkpoints, delete the VM) or New-VM (a lease
/// and the VM that names it) changes several files, and no order of them is safe at every point:
/// releasing the leases first leaves a VM whose MACs the pool hands out again (duplicate MACs);
/// deleting the VM first leaves leases owned by nobody. Orders that are safe for one operation
/// are wrong for its inverse, and each module would have to know them. A log needs no knowledge
/// of what the files mean.
///
/// How: before the first file of a multi-file transaction changes, the whole change set (each
/// path with its new bytes, its removal or its link text) is written to `<root>/.intent-log`
/// atomically (temporary file, fsync, rename, fsync of the root). Then the files change, each
/// touched directory is fsynced, and the log is removed (and the root fsynced, so an older log can
/// never come back after a newer transaction). A `kill -9` (or a power cut) before the log's
/// rename leaves the old state (the temporary file is swept on open); after it, the next process
/// to take the inventory's lock finds the log and applies it again before anything else reads or
/// writes. Applying is idempotent (write this content, remove this file, make this link), so a
/// replay that is itself interrupted is simply replayed again.
///
/// A transaction that changes one file needs no log: its single atomic rename is already
/// all-or-nothing.
///
/// Format (little-endian): the magic `hvsh-intent-log-1\n`, a UInt32 count, then per change a
/// UInt8 kind (1 write, 2 remove, 3 link), the UInt32 length and bytes of the path relative to the
/// root, the UInt32 length and bytes of the content (empty for a removal); last a UInt64 FNV-1a
/// checksum of everything before it. A log that fails any check is refused by name, not guessed at.
enum IntentLog {
    static let fileName = ".intent-log"
    static let magic = Array("hvsh-intent-log-1\n".utf8)

    enum Change: Equatable {
        case write(path: String, bytes: [UInt8])
        case remove(path: String)
        case link(path: String, target: String)

        var path: String {
            switch self {
            case .write(let path, _), .remove(let path), .link(let path, _): return path
            }
        }
    }

    static func path(in root: String) -> String { "\(root)/\(fileName)" }

    // MARK: Encoding

    static func encode(_ changes: [Change]) -> [UInt8] {
        var out = magic
        append(UInt32(changes.count), to: &out)
        for change in changes {
            let (kind, content): (UInt8, [UInt8])
            switch change {
            case .write(_, let bytes): (kind, content) = (1, bytes)
            case .remove: (kind, content) = (2, [])
            case .link(_, let target): (kind, content) = (3, Array(target.utf8))
            }
            out.append(kind)
            let path = Array(change.path.utf8)
            append(UInt32(path.count), to: &out)
            out.append(contentsOf: path)
            append(UInt32(content.count), to: &out)
            out.append(contentsOf: content)
        }
        append(checksum(out), to: &out)
        return out
    }

    struct Malformed: Error, CustomStringConvertible {
        var reason: String
        var description: String { reason }
    }

    static func decode(_ bytes: [UInt8]) throws(Malformed) -> [Change] {
        guard bytes.count >= magic.count + 4 + 8, Array(bytes.prefix(magic.count)) == magic else {
            throw Malformed(reason: "it does not start with the intent log's header")
        }
        let body = bytes.count - 8
        guard readUInt64(bytes, at: body) == checksum(bytes[0..<body]) else {
            throw Malformed(reason: "its checksum does not match its content")
        }
        var cursor = magic.count
        func take(_ count: Int) throws(Malformed) -> ArraySlice<UInt8> {
            guard count >= 0, count <= body - cursor else { throw Malformed(reason: "a change runs past the end of the log") }
            defer { cursor += count }
            return bytes[cursor..<cursor + count]
        }
        func takeLength() throws(Malformed) -> Int {
            let raw = try take(4)
            return Int(readUInt32(Array(raw), at: 0))
        }
        let count = try takeLength()
        var changes: [Change] = []
        for _ in 0..<count {
            let kind = try take(1).first!
            let path = String(decoding: try take(try takeLength()), as: UTF8.self)
            let content = Array(try take(try takeLength()))
            guard isSafeRelativePath(path) else { throw Malformed(reason: "the path '\(path)' is not inside the inventory") }
            switch kind {
            case 1: changes.append(.write(path: path, bytes: content))
            case 2: changes.append(.remove(path: path))
            case 3: changes.append(.link(path: path, target: String(decoding: content, as: UTF8.self)))
            default: throw Malformed(reason: "a change has the unknown kind \(kind)")
            }
        }
        guard cursor == body else { throw Malformed(reason: "it has bytes after its last change") }
        return changes
    }

    /// A path the log may touch: relative, at most two components (a kind's folder and a file, or
    /// a root document), none empty, hidden or `..`. So a hostile log cannot reach outside the root.
    static func isSafeRelativePath(_ path: String) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count) else { return false }
        return parts.allSatisfy { !$0.isEmpty && !$0.hasPrefix(".") && !$0.contains("\0") }
    }

    // MARK: Applying

    /// Applies `changes` under `root` (the caller holds the exclusive lock), each atomically, then
    /// fsyncs each touched directory once and the parents of directories it had to create.
    static func apply(_ changes: [Change], root: String, afterEach: (Change, String) -> Void = { _, _ in }) throws {
        var directories: [String] = []
        var parents: [String] = []
        for change in changes {
            let path = "\(root)/\(change.path)"
            let directory = (path as NSString).deletingLastPathComponent
            if !directories.contains(directory) {
                if try FileSystemCalls.makeDirectories(directory) {
                    let parent = (directory as NSString).deletingLastPathComponent
                    if !parents.contains(parent) { parents.append(parent) }
                }
                directories.append(directory)
            }
            switch change {
            case .write(_, let bytes):
                try FileSystemCalls.writeAtomically(bytes, to: path)
            case .remove:
                try FileSystemCalls.remove(path)
            case .link(_, let target):
                // Only lock holders write, so nothing races between the unlink and the symlink;
                // a crash leaves the link or no link, never half of one (and the log redoes it).
                try FileSystemCalls.remove(path)
                try FileSystemCalls.link(path, to: target)
            }
            afterEach(change, path)
        }
        for directory in directories + parents.filter({ !directories.contains($0) }) {
            try FileSystemCalls.syncDirectory(directory)
        }
    }

    /// Makes the log durable: after this returns, the changes will happen even if this process dies.
    static func record(_ changes: [Change], root: String) throws {
        try FileSystemCalls.writeAtomically(encode(changes), to: path(in: root), durability: .synced)
    }

    /// Removes the log once its changes are on disk; the root is fsynced so that the removal is as
    /// durable as the changes (an old log replayed after a later transaction would undo it).
    static func retire(root: String) throws {
        try FileSystemCalls.remove(path(in: root))
        try FileSystemCalls.syncDirectory(root)
    }

    /// If a process died with a log in place, finishes its transaction. The caller holds the
    /// exclusive lock. Returns whether there was anything to replay.
    @discardableResult
    static func replayIfPresent(root: String) throws -> Bool {
        let logPath = path(in: root)
        guard let bytes = try FileSystemCalls.readFile(logPath) else { return false }
        let changes: [Change]
        do { changes = try decode(Array(bytes)) } catch {
            throw InventoryError.damaged([DamagedFile(path: logPath, reason: "the intent log of an interrupted transaction cannot be replayed: \(error.reason); remove it by hand to discard that transaction")])
        }
        try apply(changes, root: root)
        try retire(root: root)
        return true
    }

    // MARK: Bytes

    private static func append(_ value: UInt32, to out: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { out.append(contentsOf: $0) }
    }

    private static func append(_ value: UInt64, to out: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { out.append(contentsOf: $0) }
    }

    private static func readUInt32(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[offset + $1]) << (8 * $1) }
    }

    private static func readUInt64(_ bytes: [UInt8], at offset: Int) -> UInt64 {
        (0..<8).reduce(UInt64(0)) { $0 | UInt64(bytes[offset + $1]) << (8 * $1) }
    }

    static func checksum<C: Collection<UInt8>>(_ bytes: C) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        return hash
    }
}
