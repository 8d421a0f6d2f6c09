import Foundation
import LinuxSystem
import Inventory
import VirtualDisk

/// Export-VM, Export-VMSnapshot and Import-VM in Hyper-V's folder layout:
///
///     <Path>\<VM name>\Virtual Machines\<VM ID>.vmcx       the configuration
///     <Path>\<VM name>\Virtual Machines\<VM ID>\            a saved state, when the VM has one
///     <Path>\<VM name>\Virtual Hard Disks\                  every disk file, differencing chains included
///     <Path>\<VM name>\Snapshots\<checkpoint ID>.vmcx       each checkpoint (and its saved state folder)
///
/// The `.vmcx` files hold hvsh's own configuration (JSON), not Hyper-V's binary format: scripts that
/// find and import them by name work, and only hvsh reads them.
extension HyperVHost {
    static let exportFolders = (machines: "Virtual Machines", disks: "Virtual Hard Disks", snapshots: "Snapshots")

    /// Export-VM (all checkpoints with it) or, with `only`, Export-VMSnapshot (the VM as that
    /// checkpoint left it, without checkpoints). Returns the export's folder.
    @discardableResult
    public func exportVM(_ vm: VMConfiguration, to path: String, only snapshot: SnapshotRecord? = nil) throws -> String {
        let state = status(of: vm).state
        guard snapshot != nil || state == .Off || state == .Saved else {
            throw HyperVError.invalidState(vm: vm, operation: "Failed to export the virtual machine.",
                                           reason: "hvsh exports a virtual machine that is Off or Saved; it is \(state.rawValue).")
        }
        let folder = (path as NSString).appendingPathComponent(vm.name)
        let files = FileManager.default
        if let existing = try? files.contentsOfDirectory(atPath: folder), !existing.isEmpty {
            throw HyperVError("Failed to export the virtual machine '\(vm.name)': the folder '\(folder)' already exists and is not empty.",
                              errorId: "OperationFailed", category: .resourceExists, target: folder)
        }
        var config = snapshot?.configuration ?? vm
        config.id = vm.id
        config.name = vm.name
        let snapshots = snapshot == nil ? try allSnapshots().records.filter { $0.vmId == vm.id } : []
        let machines = (folder as NSString).appendingPathComponent(Self.exportFolders.machines)
        let disks = (folder as NSString).appendingPathComponent(Self.exportFolders.disks)
        let snapshotFolder = (folder as NSString).appendingPathComponent(Self.exportFolders.snapshots)
        do {
            for directory in [machines, disks, snapshotFolder] { try files.createDirectory(atPath: directory, withIntermediateDirectories: true) }
            let diskMap = try Self.copyDisks(of: [config] + snapshots.map(\.configuration), into: disks)
            config = Self.relocated(config, disks: diskMap, folder: folder)
            if snapshot == nil, let saved = vm.savedStatePath {
                config.savedStatePath = try Self.copySavedState(saved, into: (machines as NSString).appendingPathComponent(vm.idUpper))
            } else if let snapshot, let saved = snapshot.savedStatePath {
                config.savedStatePath = try Self.copySavedState(saved, into: (machines as NSString).appendingPathComponent(vm.idUpper))
            } else {
                config.savedStatePath = nil
            }
            if snapshot != nil { config.parentSnapshotId = nil }
            try Self.write(config, to: (machines as NSString).appendingPathComponent(vm.idUpper + ".vmcx"))
            for var record in snapshots {
                record.configuration = Self.relocated(record.configuration, disks: diskMap, folder: folder)
                if let saved = record.savedStatePath {
                    record.savedStatePath = try Self.copySavedState(saved, into: (snapshotFolder as NSString).appendingPathComponent(record.id.uuidString.uppercased()))
                }
                try Self.write(record, to: (snapshotFolder as NSString).appendingPathComponent(record.id.uuidString.uppercased() + ".vmcx"))
            }
        } catch let error as HyperVError {
            throw error
        } catch {
            throw HyperVError("Failed to export the virtual machine '\(vm.name)' to '\(folder)': \(Self.reason(error))",
                              errorId: "OperationFailed", category: .invalidOperation, target: vm.name)
        }
        return folder
    }

    /// What Import-VM was asked for.
    public struct ImportRequest: Sendable {
        /// The exported `.vmcx` file.
        public var path: String
        public var copy = false
        public var generateNewId = false
        public var vhdDestinationPath: String?
        public var virtualMachinePath: String?
        public var snapshotFilePath: String?
        public init(path: String) { self.path = path }
    }

    /// Import-VM: registers the VM where its files are, or with -Copy copies them first (disks to
    /// -VhdDestinationPath, the rest to -VirtualMachinePath, by default the host's folders). Without
    /// -GenerateNewId the VM keeps its id, which no VM on the host may have already.
    public func importVM(_ request: ImportRequest) throws -> VMConfiguration {
        guard FileManager.default.fileExists(atPath: request.path) else { throw HyperVError.fileNotFound(request.path) }
        var config: VMConfiguration
        do { config = try Self.read(VMConfiguration.self, from: request.path) } catch {
            throw HyperVError("Failed to import the virtual machine from '\(request.path)': it is not a virtual machine configuration hvsh exported (\(Self.reason(error))).",
                              errorId: "InvalidParameter", category: .invalidData, target: request.path)
        }
        let folder = ((request.path as NSString).deletingLastPathComponent as NSString).deletingLastPathComponent
        var snapshots: [SnapshotRecord] = []
        let snapshotFolder = (folder as NSString).appendingPathComponent(Self.exportFolders.snapshots)
        for name in ((try? FileManager.default.contentsOfDirectory(atPath: snapshotFolder)) ?? []).sorted() where name.hasSuffix(".vmcx") {
            if let record = try? Self.read(SnapshotRecord.self, from: (snapshotFolder as NSString).appendingPathComponent(name)),
               record.vmId == config.id {
                snapshots.append(record)
            }
        }
        // An export copied elsewhere keeps its disks beside it: find them there.
        Self.findMovedDisks(&config, in: folder)
        for index in snapshots.indices { Self.findMovedDisks(&snapshots[index].configuration, in: folder) }
        if !request.generateNewId, try vm(id: config.id) != nil {
            throw HyperVError.importIdentifierExists(config)
        }
        do {
            if request.copy {
                let settings = try hostSettingsCached()
                let disks = request.vhdDestinationPath ?? settings.virtualHardDiskPath
                let machinePath = request.virtualMachinePath ?? settings.virtualMachinePath
                try FileManager.default.createDirectory(atPath: disks, withIntermediateDirectories: true)
                let diskMap = try Self.copyDisks(of: [config] + snapshots.map(\.configuration), into: disks)
                config = Self.relocated(config, disks: diskMap, folder: machinePath)
                config.snapshotFileLocation = request.snapshotFilePath ?? machinePath
                let states = (machinePath as NSString).appendingPathComponent("Saved States")
                if let saved = config.savedStatePath {
                    config.savedStatePath = try Self.copySavedState(saved, into: (states as NSString).appendingPathComponent(UUID().uuidString.uppercased()))
                }
                for index in snapshots.indices {
                    snapshots[index].configuration = Self.relocated(snapshots[index].configuration, disks: diskMap, folder: machinePath)
                    if let saved = snapshots[index].savedStatePath {
                        snapshots[index].savedStatePath = try Self.copySavedState(saved, into: (states as NSString).appendingPathComponent(UUID().uuidString.uppercased()))
                    }
                }
            } else {
                config.path = folder
                config.snapshotFileLocation = folder
                config.smartPagingFilePath = folder
            }
        } catch let error as HyperVError {
            throw error
        } catch {
            throw HyperVError("Failed to import the virtual machine '\(config.name)': \(Self.reason(error))",
                              errorId: "OperationFailed", category: .invalidOperation, target: config.name)
        }
        if request.generateNewId { Self.giveNewIds(&config, &snapshots) }
        // Dynamic addresses belong to the pool of the host that leased them: this host's comes at the first start.
        for index in config.networkAdapters.indices where config.networkAdapters[index].dynamicMacAddressEnabled {
            config.networkAdapters[index].macAddress = nil
        }
        let imported = config
        let records = snapshots
        return try inventory.transaction { tx in
            if try tx.record(VMConfiguration.self, id: imported.id) != nil { throw HyperVError.importIdentifierExists(imported) }
            tx.save(imported)
            for record in records { tx.save(record) }
            return imported
        }
    }

    // MARK: Files

    /// Copies every disk file the configurations use, with the parents of differencing disks, into
    /// `folder`, and points each copied child at its copied parent. Returns old path → new path.
    static func copyDisks(of configs: [VMConfiguration], into folder: String) throws -> [String: String] {
        var order: [String] = []
        var parents: [String: String] = [:]
        func visit(_ path: String) throws {
            guard !order.contains(path) else { return }
            let info: DiskInfo
            do { info = try DiskFiles.info(path) } catch { throw HyperVError.fileNotFound(path) }
            order.append(path)
            if let parent = info.parentPath {
                parents[path] = parent
                try visit(parent)
            }
        }
        for config in configs {
            for drive in config.hardDrives where !drive.path.isEmpty { try visit(drive.path) }
        }
        var map: [String: String] = [:]
        for path in order {
            var target = (folder as NSString).appendingPathComponent((path as NSString).lastPathComponent)
            if map.values.contains(target) || FileManager.default.fileExists(atPath: target) {
                let name = (path as NSString).lastPathComponent
                target = (folder as NSString).appendingPathComponent("\(UUID().uuidString.prefix(8))-\(name)")
            }
            try FileManager.default.copyItem(atPath: path, toPath: target)
            map[path] = target
        }
        for (child, parent) in parents {
            guard let newChild = map[child], let newParent = map[parent] else { continue }
            do { try DiskFiles.setParent(newChild, parentPath: newParent) } catch {
                throw HyperVError("The copy of '\(child)' could not be pointed at the copy of its parent: \(error)",
                                  errorId: "OperationFailed", category: .invalidOperation, target: newChild)
            }
        }
        return map
    }

    static func findMovedDisks(_ config: inout VMConfiguration, in folder: String) {
        let disks = (folder as NSString).appendingPathComponent(exportFolders.disks)
        for index in config.hardDrives.indices where !FileManager.default.fileExists(atPath: config.hardDrives[index].path) {
            let beside = (disks as NSString).appendingPathComponent((config.hardDrives[index].path as NSString).lastPathComponent)
            if FileManager.default.fileExists(atPath: beside) { config.hardDrives[index].path = beside }
        }
    }

    /// The configuration with its disks at their copies and its own files in `folder`.
    static func relocated(_ config: VMConfiguration, disks: [String: String], folder: String) -> VMConfiguration {
        var config = config
        for index in config.hardDrives.indices {
            if let moved = disks[config.hardDrives[index].path] { config.hardDrives[index].path = moved }
        }
        config.path = folder
        config.snapshotFileLocation = folder
        config.smartPagingFilePath = folder
        return config
    }

    static func copySavedState(_ source: String, into target: String) throws -> String {
        try FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: source, toPath: target)
        return target
    }

    /// -GenerateNewId: a new VM id, new device ids (the boot order follows them) and new checkpoint ids.
    static func giveNewIds(_ config: inout VMConfiguration, _ snapshots: inout [SnapshotRecord]) {
        let newVM = UUID()
        var devices: [UUID: UUID] = [:]
        func renew(_ id: UUID) -> UUID {
            if let known = devices[id] { return known }
            let fresh = UUID()
            devices[id] = fresh
            return fresh
        }
        func renewDevices(_ c: inout VMConfiguration) {
            for i in c.hardDrives.indices { c.hardDrives[i].id = renew(c.hardDrives[i].id) }
            for i in c.dvdDrives.indices { c.dvdDrives[i].id = renew(c.dvdDrives[i].id) }
            for i in c.networkAdapters.indices {
                c.networkAdapters[i].adapterId = renew(c.networkAdapters[i].adapterId)
                if c.networkAdapters[i].dynamicMacAddressEnabled { c.networkAdapters[i].macAddress = nil }
            }
            if let order = c.firmware.bootOrder {
                c.firmware.bootOrder = order.map { entry in
                    var entry = entry
                    entry.deviceId = entry.deviceId.map(renew)
                    return entry
                }
            }
        }
        var snapshotIds: [UUID: UUID] = [:]
        for record in snapshots { snapshotIds[record.id] = UUID() }
        config.id = newVM
        renewDevices(&config)
        config.parentSnapshotId = config.parentSnapshotId.flatMap { snapshotIds[$0] }
        for i in snapshots.indices {
            snapshots[i].id = snapshotIds[snapshots[i].id]!
            snapshots[i].vmId = newVM
            snapshots[i].parentSnapshotId = snapshots[i].parentSnapshotId.flatMap { snapshotIds[$0] }
            snapshots[i].configuration.id = newVM
            renewDevices(&snapshots[i].configuration)
            snapshots[i].configuration.parentSnapshotId = snapshots[i].configuration.parentSnapshotId.flatMap { snapshotIds[$0] }
        }
    }

    /// An export's files are written as the inventory writes its own (pretty JSON, replaced atomically)
    /// and read back by the inventory's decoder, the project's one JSON reader.
    static func write<T: Encodable>(_ value: T, to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted]
        try AtomicFile.write(encoder.encode(value), to: path)
    }

    static func read<T: Decodable>(_ type: T.Type, from path: String) throws -> T {
        try FastJSONDecoder().decode(type, from: Data(contentsOf: URL(fileURLWithPath: path)))
    }

    static func reason(_ error: any Error) -> String {
        if let error = error as? HyperVError { return error.message }
        if let error = error as? CocoaError, let path = error.filePath { return "\(error.code == .fileWriteFileExists ? "the file exists" : "the file cannot be copied"): '\(path)'" }
        return "\(error)"
    }
}

extension HyperVError {
    static func importIdentifierExists(_ config: VMConfiguration) -> HyperVError {
        HyperVError("""
        Failed to import the virtual machine.
        A virtual machine with the identifier \(config.idUpper) already exists on this host. Use -Copy -GenerateNewId to import '\(config.name)' as a new virtual machine.
        """, errorId: "OperationFailed", category: .resourceExists, target: config.name)
    }
}
