#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Convert-VHD (VHD <-> VHDX, fixed <-> dynamic, differencing to differencing) and Merge-VHD.
extension DiskFiles {
    static let copyChunk = 1 << 20

    /// Writes a new disk at `destination` with the content of `source`. A dynamic destination
    /// stores no all-zero megabytes. A differencing destination gets only the source's own data
    /// and `parentPath` (default: the source's parent) as its parent.
    @discardableResult
    public static func convert(_ source: String, to destination: String, format: DiskFormat, type: DiskType,
                               blockSize: UInt32? = nil, parentPath: String? = nil) throws(DiskError) -> DiskInfo {
        let image = try DiskImage.open(source)
        if type == .differencing {
            guard image.type == .differencing else {
                throw DiskError(.invalidArgument, source, "Only a differencing disk converts to a differencing disk.")
            }
            let parent = parentPath ?? image.chain[1]
            try create(destination, DiskCreateOptions(format: format, type: .differencing, size: image.size, blockSize: blockSize,
                                                      physicalSectorSize: format == .vhd ? 512 : nil, parentPath: parent))
        } else {
            guard format == .vhdx || image.logicalSectorSize == 512 else {
                throw DiskError(.invalidArgument, source, "A disk with \(image.logicalSectorSize)-byte sectors cannot become a VHD, whose sectors are 512 bytes.")
            }
            try create(destination, DiskCreateOptions(format: format, type: type, size: image.size, blockSize: blockSize,
                                                      logicalSectorSize: image.logicalSectorSize,
                                                      physicalSectorSize: format == .vhd ? 512 : image.physicalSectorSize))
        }
        do {
            let target = try DiskImage.open(destination, writable: true)
            if type == .differencing {
                try copyOwnData(of: image.layers[0], into: target)
            } else {
                var buffer = [UInt8](repeating: 0, count: copyChunk)
                var offset: UInt64 = 0
                while offset < image.size {
                    let count = Int(min(UInt64(copyChunk), image.size - offset))
                    try buffer.withMutableBuffer { (bytes) throws(DiskError) in
                        let chunk = UnsafeMutableRawBufferPointer(rebasing: bytes[0..<count])
                        try image.read(into: chunk, at: offset)
                        if type == .fixed || !isAllZero(UnsafeRawBufferPointer(chunk)) { try target.write(UnsafeRawBufferPointer(chunk), at: offset) }
                    }
                    offset += UInt64(count)
                }
            }
            try target.flush()
        } catch {
            unlink(destination)
            throw error
        }
        return try info(destination)
    }

    /// Merge-VHD of one level: the child's own data is written into its parent and the child file
    /// is removed. Returns the parent's path. A child larger than its parent grows the parent first.
    @discardableResult
    public static func merge(_ child: String) throws(DiskError) -> String {
        let chain = try DiskImage.open(child)
        guard chain.type == .differencing else {
            throw DiskError(.invalidArgument, child, "The virtual disk '\(child)' is not a differencing disk; there is nothing to merge.")
        }
        let parentPath = chain.chain[1]
        let childSize = chain.size
        let parentSize = chain.layers[1].virtualSize
        let childIdentifier = chain.diskIdentifier
        // The chain's shared hold on the parent is released before the parent is opened for writing;
        // the child itself stays held so nobody writes it meanwhile.
        let childLayer = chain.layers[0]
        _ = consume chain
        if childSize > parentSize { try resize(parentPath, to: childSize) }
        do {
            let parent = try DiskImage.open(parentPath, writable: true)
            try copyOwnData(of: childLayer, into: parent)
            // The virtual-disk metadata passes from child to parent (MS-VHDX 2.6.1.2).
            if let vhdx = parent.layers[0] as? VHDXFile, vhdx.metadata.diskIdentifier != childIdentifier {
                let old = vhdx.metadata.encoded(regionLength: Int(vhdx.metadataLength))
                vhdx.metadata.diskIdentifier = childIdentifier
                try vhdx.commitThroughLog(replacing: old, with: vhdx.metadata.encoded(regionLength: Int(vhdx.metadataLength)), at: vhdx.metadataOffset)
            }
            try parent.flush()
        }
        guard unlink(child) == 0 else { throw DiskError.system(child, "remove", .current) }
        return parentPath
    }

    /// Merges `child` down its chain until `destination` (one of its ancestors) holds its data.
    public static func merge(_ child: String, into destination: String) throws(DiskError) {
        let chain = try DiskImage.open(child).chain
        let target = WindowsPath.absolute(destination)
        guard let depth = chain.dropFirst().firstIndex(where: { WindowsPath.absolute($0) == target }) else {
            throw DiskError(.invalidArgument, child, "'\(destination)' is not a parent of '\(child)'.")
        }
        for level in 0..<depth { try merge(chain[level]) }
    }

    /// Copies what `layer` itself holds (its data and its explicit zeros, not what it leaves to
    /// its parent) into `target`, a block at a time.
    static func copyOwnData(of layer: any DiskLayer, into target: DiskImage) throws(DiskError) {
        let step = UInt64(layer.blockSize > 0 ? layer.blockSize : UInt32(copyChunk))
        var buffer = [UInt8](repeating: 0, count: Int(step))
        var blockStart: UInt64 = 0
        while blockStart < layer.virtualSize {
            let count = Int(min(step, layer.virtualSize - blockStart))
            var position = blockStart
            var pieces: [(UInt64, Piece)] = []
            try layer.map(offset: blockStart, length: count) { (piece) throws(DiskError) in
                pieces.append((position, piece))
                position += UInt64(piece.length)
            }
            for (offset, piece) in pieces {
                try buffer.withMutableBuffer { (bytes) throws(DiskError) in
                    let chunk = UnsafeMutableRawBufferPointer(rebasing: bytes[0..<piece.length])
                    switch piece {
                    case .data(let fileOffset, _): try layer.file.read(into: chunk, at: fileOffset)
                    case .zero: chunk.initializeMemory(as: UInt8.self, repeating: 0)
                    case .parent: return
                    }
                    try target.write(UnsafeRawBufferPointer(chunk), at: offset)
                }
            }
            blockStart += UInt64(count)
        }
    }
}
