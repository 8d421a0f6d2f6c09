#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// What to create: format, type, size and geometry. Unset values take Hyper-V's defaults (VHDX:
/// 512-byte logical and 4096-byte physical sectors, 32 MiB blocks, 2 MiB for differencing disks;
/// VHD: 512-byte sectors, 2 MiB blocks); a differencing disk takes its parent's size and sectors.
public struct DiskCreateOptions: Sendable, Equatable {
    public var format: DiskFormat
    public var type: DiskType
    /// Virtual size in bytes; 0 for a differencing disk means the parent's.
    public var size: UInt64
    public var blockSize: UInt32?
    public var logicalSectorSize: UInt32?
    public var physicalSectorSize: UInt32?
    /// The parent of a differencing disk.
    public var parentPath: String?

    public init(format: DiskFormat, type: DiskType, size: UInt64 = 0, blockSize: UInt32? = nil,
                logicalSectorSize: UInt32? = nil, physicalSectorSize: UInt32? = nil, parentPath: String? = nil) {
        self.format = format
        self.type = type
        self.size = size
        self.blockSize = blockSize
        self.logicalSectorSize = logicalSectorSize
        self.physicalSectorSize = physicalSectorSize
        self.parentPath = parentPath
    }
}

/// Operations on virtual disk files as a whole: create, inspect, test, resize, convert, merge,
/// optimize, set parent.
public enum DiskFiles {
    public static let vhdxMaximumSize = VHDXLayout.maximumDiskSize
    public static let vhdMaximumSize = VHDFooter.maximumSize

    /// Creates a new disk file (never replaces one) and returns what Get-VHD would show for it.
    @discardableResult
    public static func create(_ path: String, _ options: DiskCreateOptions) throws(DiskError) -> DiskInfo {
        let parent: DiskImage? = options.type == .differencing ? try openParentForChild(options, path) : nil
        let logical = parent?.logicalSectorSize ?? options.logicalSectorSize ?? 512
        let size = options.size == 0 && parent != nil ? parent!.size : options.size
        let physical = options.physicalSectorSize ?? parent?.physicalSectorSize ?? (options.format == .vhdx ? 4096 : 512)
        try validate(options, path: path, size: size, logical: logical, physical: physical, parentSize: parent?.size)

        let file = try DiskFile.create(path)
        do {
            switch options.format {
            case .vhdx:
                let blockSize = options.blockSize ?? defaultVHDXBlockSize(options.type, size: size)
                var parentLink: VHDXCreate.Parent?
                if let parent, let layer = parent.layers[0] as? VHDXFile {
                    parentLink = .init(dataWriteGuid: layer.identityForChildren,
                                       relativePath: WindowsPath.storedRelative(parent: parent.path, child: path),
                                       absolutePath: WindowsPath.storedAbsolute(parent.path))
                }
                // A child inherits the virtual-disk metadata (2.6.1.2, IsVirtualDisk): the guest
                // sees the same disk identity through the whole chain.
                try VHDXCreate.write(to: file, type: options.type, size: size, blockSize: blockSize, logicalSectorSize: logical,
                                     physicalSectorSize: physical, diskIdentifier: parent?.diskIdentifier ?? .random(), parent: parentLink)
            case .vhd:
                var parentLink: VHDCreate.Parent?
                if let parent, let layer = parent.layers[0] as? VHDFile {
                    parentLink = .init(uniqueId: layer.footer.uniqueId, timestamp: layer.footer.timestamp,
                                       fileName: WindowsPath.fileName(of: parent.path),
                                       relativePath: WindowsPath.storedRelative(parent: parent.path, child: path),
                                       absolutePath: WindowsPath.storedAbsolute(parent.path))
                }
                try VHDCreate.write(to: file, type: options.type, size: size, blockSize: options.blockSize ?? 2 << 20,
                                    uniqueId: .random(), parent: parentLink)
            }
        } catch {
            unlink(path)
            throw error
        }
        return try info(path)
    }

    /// Hyper-V's defaults; a fixed VHDX takes the largest block from 1 to 32 MiB that divides its
    /// size, so the file holds no unused tail.
    static func defaultVHDXBlockSize(_ type: DiskType, size: UInt64) -> UInt32 {
        switch type {
        case .dynamic: return 32 << 20
        case .differencing: return 2 << 20
        case .fixed:
            var block: UInt64 = 32 << 20
            while block > 1 << 20 && size % block != 0 { block /= 2 }
            return UInt32(block)
        }
    }

    private static func openParentForChild(_ options: DiskCreateOptions, _ path: String) throws(DiskError) -> DiskImage {
        guard let parentPath = options.parentPath else {
            throw DiskError(.invalidArgument, path, "A differencing disk needs a parent path.")
        }
        let parent = try DiskImage.open(parentPath)
        guard parent.format == options.format else {
            throw DiskError(.invalidArgument, path, "A \(options.format.rawValue) differencing disk needs a \(options.format.rawValue) parent; '\(parentPath)' is \(parent.format.rawValue).")
        }
        return parent
    }

    static func validate(_ options: DiskCreateOptions, path: String, size: UInt64, logical: UInt32, physical: UInt32,
                         parentSize: UInt64?) throws(DiskError) {
        func fail(_ message: String) -> DiskError { DiskError(.invalidArgument, path, message) }
        if options.type != .differencing && options.parentPath != nil { throw fail("Only a differencing disk has a parent.") }
        if let parentSize, size < parentSize {
            throw fail("A differencing disk cannot be smaller than its parent (\(parentSize) bytes); \(size) was given.")
        }
        guard logical == 512 || logical == 4096 else { throw fail("The logical sector size must be 512 or 4096 bytes; \(logical) was given.") }
        guard physical == 512 || physical == 4096 else { throw fail("The physical sector size must be 512 or 4096 bytes; \(physical) was given.") }
        guard size > 0, size % UInt64(logical) == 0 else {
            throw fail("The size of a virtual hard disk must be a positive multiple of the \(logical)-byte logical sector size; \(size) was given.")
        }
        switch options.format {
        case .vhdx:
            guard size <= VHDXLayout.maximumDiskSize else { throw fail("A VHDX can hold at most 64 TB; \(size) bytes were given.") }
            if let block = options.blockSize {
                guard block >= VHDXLayout.minimumBlockSize, block <= VHDXLayout.maximumBlockSize, block & (block - 1) == 0 else {
                    throw fail("The block size of a VHDX must be a power of two from 1 MB to 256 MB; \(block) was given.")
                }
            }
        case .vhd:
            guard logical == 512 else { throw fail("A VHD has 512-byte logical sectors; \(logical) was given.") }
            guard physical == 512 else { throw fail("A VHD has 512-byte physical sectors; \(physical) was given.") }
            guard size <= VHDFooter.maximumSize else { throw fail("A VHD can hold at most 2040 GB; \(size) bytes were given.") }
            if let block = options.blockSize {
                guard block >= 512 << 10, block <= 2 << 20, block & (block - 1) == 0 else {
                    throw fail("The block size of a VHD must be 512 KB, 1 MB or 2 MB; \(block) was given.")
                }
            }
        }
    }
}
