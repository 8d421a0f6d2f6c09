import Foundation
import LinuxSystem
import NetworkAddresses
import Synchronization

/// A persistent, multi-process-safe store of config objects: one JSON file per object, one folder
/// per kind, under one root directory.
///
/// Layout under `root`:
///
///     .lock                          flock(2) target; serialises writers across processes
///     .intent-log                    present only while a multi-file transaction commits (IntentLog)
///     Virtual Machines/<GUID>.json   one file per VM (InventoryKind.virtualMachines)
///     Snapshots/<GUID>.json          one file per snapshot (InventoryKind.snapshots)
///     <Kind>/<GUID>.json             any kind a module names, e.g. Switches, NATs
///     MAC Addresses/<MAC>            one symbolic link per dynamic MAC handed out, naming its owner
///     <document>.json                singleton documents (host settings, the MAC pool's cursor)
///
/// Guarantees:
/// - Every file write is atomic (temp file in the same directory, fsync, rename, fsync of the
///   directory), so readers and crashes see the old or the new content, never a torn file.
/// - `transaction` runs read-modify-write under an exclusive `flock`, so two processes (or threads)
///   updating at once never lose an update. Writes are staged and only reach the disk when the body
///   returns without throwing; a throwing body changes nothing.
/// - A transaction that changes several files is all-or-nothing even if the process is killed
///   half-way: it is recorded in an intent log first, and whoever takes the lock next finishes it.
/// - `read` runs under a shared lock, so it sees a state no writer is half-way through.
/// - The lock is waited for at most `lockTimeout` seconds; then the error names who holds it.
/// - Private: the root is 0700 and every file 0600 (a looser home is tightened when opened).
/// - Only regular files are read, never through a symbolic link, and at most 16 MB; a record
///   that is `InventoryValidated` is checked after decoding. What fails is reported as damaged.
/// - A file that cannot be decoded is returned in `InventoryListing.damaged` (or thrown as
///   `InventoryError.damaged`) by path; it is never skipped silently and never overwritten by a list.
///
/// Do not start a transaction inside another on the same thread: the inner one would wait for the
/// lock the outer one holds.
public final class Inventory: Sendable {
    /// The directory everything lives under.
    public let root: String

    /// Decoded records keyed by path, reused while the file's stamp (inode, size, mtime) is
    /// unchanged; this keeps listing a thousand VMs cheap when little has changed.
    let cache = Mutex<[String: CachedRecord]>([:])

    /// Where the next MAC allocation of this process starts looking (see allocateMACAddress).
    let macCursor = Mutex<MACAddress?>(nil)

    /// How long to wait for another process's lock before failing (InventoryLock).
    public let lockTimeout: Double

    /// Fault injection for the kill -9 tests: microseconds to sleep after each file of a commit,
    /// which widens the window in which a killed process leaves a transaction half-applied.
    /// `$HVSH_INVENTORY_COMMIT_PAUSE_US`; zero (no pause) unless set.
    static let commitPauseMicroseconds: UInt32 = {
        UInt32(ProcessInfo.processInfo.environment["HVSH_INVENTORY_COMMIT_PAUSE_US"] ?? "").map { min($0, 1_000_000) } ?? 0
    }()

    struct CachedRecord: @unchecked Sendable {
        // The value is always an `InventoryRecord` (Sendable); it is kept as Any only so one
        // dictionary can hold every record type.
        var stamp: FileSystemCalls.Stamp
        var value: Any
    }

    /// Opens the store at `root`, creating the directory if needed (0700), tightens a home that an
    /// older hvsh left readable by others, removes temp files that a crashed writer left behind
    /// (safe: only lock holders write temp files, and we hold the lock) and finishes a transaction
    /// a killed process left in the intent log.
    public init(root: String, lockTimeout: Double? = nil) throws {
        self.root = root.hasSuffix("/") && root.count > 1 ? String(root.dropLast()) : root
        self.lockTimeout = lockTimeout ?? InventoryLock.timeout()
        if try FileSystemCalls.makeDirectories(self.root) {
            try? FileSystemCalls.syncDirectory((self.root as NSString).deletingLastPathComponent)
        }
        try InventoryPermissions.tighten(self.root)
        try withLock(exclusive: true) { try sweepStaleTemporaryFiles() }
    }

    /// Runs `body` with a read-only view under a shared lock.
    public func read<T>(_ body: (InventoryTransaction) throws -> T) throws -> T {
        try withLock(exclusive: false) {
            let view = InventoryTransaction(inventory: self, writable: false)
            return try body(view)
        }
    }

    /// Runs `body` under the exclusive lock; its staged writes are committed atomically per file
    /// when it returns normally and discarded when it throws.
    public func transaction<T>(_ body: (InventoryTransaction) throws -> T) throws -> T {
        try withLock(exclusive: true) {
            let transaction = InventoryTransaction(inventory: self, writable: true)
            let result = try body(transaction)
            try transaction.commit()
            return result
        }
    }

    /// Every record of a type (shared lock).
    public func list<R: InventoryRecord>(_ type: R.Type) throws -> InventoryListing<R> {
        try read { try $0.list(type) }
    }

    /// One record by id, nil if absent; throws `InventoryError.damaged` if its file is damaged.
    public func record<R: InventoryRecord>(_ type: R.Type, id: UUID) throws -> R? {
        try read { try $0.record(type, id: id) }
    }

    /// A singleton document read without the lock (safe because writes are atomic renames; the
    /// caller gets the old or the new version). For read-mostly settings on hot paths.
    public func unlockedDocument<D: Codable & Sendable>(_ type: D.Type, named name: String) throws -> D? {
        try decodeFile(type, at: documentPath(name))
    }

    /// Saves one record in its own transaction.
    public func save<R: InventoryRecord>(_ record: R) throws {
        try transaction { $0.save(record) }
    }

    // MARK: Paths

    func directory(of kind: InventoryKind) -> String { "\(root)/\(kind.folderName)" }

    func path(of kind: InventoryKind, id: UUID) -> String {
        "\(root)/\(kind.folderName)/\(id.uuidString.uppercased()).json"
    }

    func documentPath(_ name: String) -> String { "\(root)/\(name).json" }

    // MARK: Locking

    /// Holds the lock while `body` runs. A fresh descriptor per call: flock locks belong to the open
    /// file description, so threads of one process exclude each other too. A pending intent log is
    /// replayed first (a shared holder converts to exclusive for that), so no reader or writer ever
    /// sees a half-applied transaction.
    private func withLock<T>(exclusive: Bool, _ body: () throws -> T) throws -> T {
        let path = "\(root)/.lock"
        let lock = try InventoryLock.acquire(path, exclusive: exclusive, timeout: lockTimeout)
        if (try? FileSystem.linkStatus(IntentLog.path(in: root))) != nil {
            if !exclusive {
                let inode = (try? lock.status().inode) ?? 0
                try InventoryLock.wait(for: lock, path: path, exclusive: true, timeout: lockTimeout, inode: inode)
            }
            try IntentLog.replayIfPresent(root: root)
        }
        let result = try body()
        // Closing the descriptor (when `lock` goes, after this use) releases the lock.
        _ = lock.rawValue
        return result
    }

    private func sweepStaleTemporaryFiles() throws {
        var folders = [root]
        for name in try FileSystemCalls.listDirectory(root) where !name.hasPrefix(".") {
            if FileSystemCalls.isDirectory("\(root)/\(name)") { folders.append("\(root)/\(name)") }
        }
        for folder in folders {
            for name in try FileSystemCalls.listDirectory(folder) where AtomicFile.isLeftover(name) {
                try FileSystemCalls.remove("\(folder)/\(name)")
            }
        }
    }

    // MARK: Decoding with the cache

    func decodeFile<R: Decodable & Sendable>(_ type: R.Type, at path: String) throws -> R? {
        guard let stamp = FileSystemCalls.stamp(path) else { return nil }
        if let hit = cache.withLock({ $0[path] }), hit.stamp == stamp, let value = hit.value as? R {
            return value
        }
        let data: Data
        do {
            guard let read = try FileSystemCalls.readFile(path) else { return nil }
            data = read
        } catch let error as InventoryError {
            if case .damaged = error { throw error }
            throw InventoryError.damaged([DamagedFile(path: path, reason: error.description)])
        }
        let value: R
        do {
            value = try Inventory.decoder().decode(R.self, from: data)
            try (value as? any InventoryValidated)?.validateFields()
        } catch {
            throw InventoryError.damaged([DamagedFile(path: path, reason: Inventory.describe(error))])
        }
        cache.withLock { $0[path] = CachedRecord(stamp: stamp, value: value) }
        return value
    }

    static func decoder() -> FastJSONDecoder { FastJSONDecoder() }

    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        // Pretty for people reading configs; declaration order (no key sorting) because encoding
        // cost matters when a script creates a thousand VMs.
        encoder.outputFormatting = [.prettyPrinted]
        return encoder
    }

    static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let context):
            return "not valid JSON (\(context.debugDescription))"
        case DecodingError.keyNotFound(let key, _):
            return "the field '\(key.stringValue)' is missing"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            let field = context.codingPath.map(\.stringValue).joined(separator: ".")
            return "the field '\(field)' has the wrong type"
        default:
            return String(describing: error)
        }
    }
}
