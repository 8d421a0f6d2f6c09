import Foundation

/// The view of the store handed to `Inventory.read` and `Inventory.transaction` bodies. Reads see
/// the disk plus this transaction's own staged writes; writes are staged until the body returns.
/// Only valid inside the body it was passed to.
public final class InventoryTransaction {
    let inventory: Inventory
    /// False for `Inventory.read` views, whose writes would be lost; writing through them traps.
    public let isWritable: Bool

    enum Staged {
        case write(Data, value: Any)
        case delete
        /// A symbolic link whose target is the text: an index entry with no data to fsync.
        case link(String)
    }

    /// Staged changes by absolute path, plus the order they were made in (committed in that order).
    private var staged: [String: Staged] = [:]
    private var order: [String] = []

    init(inventory: Inventory, writable: Bool) {
        self.inventory = inventory
        self.isWritable = writable
    }

    /// The inventory's root directory.
    public var root: String { inventory.root }

    // MARK: Records

    /// Every record of a type: loaded ones sorted by file name, damaged ones listed by path.
    public func list<R: InventoryRecord>(_ type: R.Type) throws -> InventoryListing<R> {
        let directory = inventory.directory(of: R.inventoryKind)
        var names = Set(try FileSystemCalls.listDirectory(directory).filter { !$0.hasPrefix(".") && $0.hasSuffix(".json") })
        let prefix = directory + "/"
        for path in order where path.hasPrefix(prefix) {
            let name = String(path.dropFirst(prefix.count))
            if case .delete = staged[path] { names.remove(name) } else { names.insert(name) }
        }
        let sorted = names.sorted()
        // Reading and decoding a thousand configs is the cost of a cold Get-VM; large listings are
        // decoded on every core. Each slot is written by exactly one iteration.
        let results = UnsafeMutableBufferPointer<Result<R?, any Error>>.allocate(capacity: sorted.count)
        results.initialize(repeating: .success(nil))
        defer { results.deinitialize(); results.deallocate() }
        // Safe to share: during this call nothing mutates the transaction (loads only read its
        // staged changes and the inventory's locked cache), and each slot has one writer.
        nonisolated(unsafe) let transaction = self
        nonisolated(unsafe) let slots = results
        let loadOne: @Sendable (Int) -> Void = { index in
            slots[index] = Result { try transaction.load(type, at: prefix + sorted[index]) }
        }
        if sorted.count >= 64 {
            DispatchQueue.concurrentPerform(iterations: sorted.count, execute: loadOne)
        } else {
            for index in sorted.indices { loadOne(index) }
        }
        var records: [R] = []
        var damaged: [DamagedFile] = []
        records.reserveCapacity(sorted.count)
        for result in results {
            switch result {
            case .success(let record): if let record { records.append(record) }
            case .failure(InventoryError.damaged(let files)): damaged.append(contentsOf: files)
            case .failure(let error): throw error
            }
        }
        return InventoryListing(records: records, damaged: damaged)
    }

    /// One record by id; nil if there is none. A damaged file throws `InventoryError.damaged`.
    public func record<R: InventoryRecord>(_ type: R.Type, id: UUID) throws -> R? {
        try load(type, at: inventory.path(of: R.inventoryKind, id: id))
    }

    /// Stages the record's file to be written (created or replaced).
    public func save<R: InventoryRecord>(_ record: R) {
        stageWrite(of: record, at: inventory.path(of: R.inventoryKind, id: record.id))
    }

    /// Stages the removal of a record's file; removing an absent record is not an error.
    public func delete<R: InventoryRecord>(_ type: R.Type, id: UUID) {
        stage(.delete, at: inventory.path(of: R.inventoryKind, id: id))
    }

    // MARK: Singleton documents

    /// A singleton document stored as `<root>/<name>.json` (e.g. host settings); nil if absent.
    public func document<D: Codable & Sendable>(_ type: D.Type, named name: String) throws -> D? {
        try load(type, at: inventory.documentPath(name))
    }

    /// Stages a singleton document to be written.
    public func saveDocument<D: Codable & Sendable>(_ value: D, named name: String) {
        stageWrite(of: value, at: inventory.documentPath(name))
    }

    // MARK: Plumbing shared with the MAC pool

    func load<D: Decodable & Sendable>(_ type: D.Type, at path: String) throws -> D? {
        switch staged[path] {
        case .delete, .link: return nil
        case .write(_, let value):
            if let value = value as? D { return value }
            return try Inventory.decoder().decode(D.self, from: stagedData(path)!)
        case nil:
            return try inventory.decodeFile(type, at: path)
        }
    }

    func exists(_ path: String) -> Bool {
        switch staged[path] {
        case .delete: return false
        case .write, .link: return true
        case nil:
            var info = stat()
            return lstat(path, &info) == 0
        }
    }

    private func stagedData(_ path: String) -> Data? {
        if case .write(let data, _) = staged[path] { return data }
        return nil
    }

    func stageWrite<D: Encodable & Sendable>(of value: D, at path: String) {
        do {
            let data = try Inventory.encoder().encode(value)
            stage(.write(data, value: value), at: path)
        } catch {
            // Encoding a Codable model of plain values cannot fail short of a programming error
            // (e.g. a non-finite Double); surface it loudly rather than persist something else.
            preconditionFailure("hvsh inventory: cannot encode \(D.self) for \(path): \(error)")
        }
    }

    /// The target of a link (staged or on disk); nil when there is none.
    func linkTarget(_ path: String) -> String? {
        switch staged[path] {
        case .link(let target): return target
        case .delete, .write: return nil
        case nil: return FileSystemCalls.readLink(path)
        }
    }

    func stage(_ change: Staged, at path: String) {
        precondition(isWritable, "hvsh inventory: a write through a read-only view would be lost")
        if staged[path] == nil { order.append(path) }
        staged[path] = change
    }

    /// Writes every staged change, each atomically, then fsyncs each touched directory once (and
    /// the parent of a kind's directory the first time it is made, so the new folder survives too).
    /// More than one change goes through the intent log first (IntentLog explains why), so a
    /// process killed half-way leaves a transaction that the next one to take the lock finishes.
    func commit() throws {
        let root = inventory.root
        let changes: [IntentLog.Change] = order.compactMap { path in
            guard let change = staged[path] else { return nil }
            let relative = String(path.dropFirst(root.count + 1))
            switch change {
            case .write(let data, _): return .write(path: relative, bytes: Array(data))
            case .delete: return .remove(path: relative)
            case .link(let target): return .link(path: relative, target: target)
            }
        }
        let logged = changes.count > 1
        if logged { try IntentLog.record(changes, root: root) }
        let pause = Inventory.commitPauseMicroseconds
        try IntentLog.apply(changes, root: root) { change, path in
            switch staged[path] {
            case .write(_, let value):
                if let stamp = FileSystemCalls.stamp(path) {
                    inventory.cache.withLock { $0[path] = Inventory.CachedRecord(stamp: stamp, value: value) }
                }
            case .delete:
                _ = inventory.cache.withLock { $0.removeValue(forKey: path) }
            case .link, nil:
                break
            }
            if pause > 0 { usleep(pause) }
        }
        if logged { try IntentLog.retire(root: root) }
        staged.removeAll()
        order.removeAll()
    }
}
