#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// An open virtual disk: a VHD or VHDX file and, for a differencing disk, its parents (opened
/// read-only, each checked to be the disk the child was made from). Reads and writes take byte
/// offsets of any size and alignment within the disk. A disk can be shared between threads: reads
/// run in parallel with each other, a write or flush runs alone.
public final class DiskImage: @unchecked Sendable {
    let layers: [any DiskLayer]
    let lock = ReadWriteLock()
    public let isWritable: Bool

    /// The file opened; `chain` lists it and then its parents.
    public var path: String { layers[0].file.path }
    public var chain: [String] { layers.map(\.file.path) }
    public var format: DiskFormat { layers[0].format }
    public var type: DiskType { layers[0].type }
    /// The virtual size in bytes.
    public var size: UInt64 { layers[0].virtualSize }
    public var logicalSectorSize: UInt32 { layers[0].logicalSectorSize }
    public var physicalSectorSize: UInt32 { layers[0].physicalSectorSize }
    public var diskIdentifier: GUID { layers[0].diskIdentifier }

    init(layers: [any DiskLayer], writable: Bool) {
        self.layers = layers
        self.isWritable = writable
    }

    /// Opens `path` and its parents. A writable open holds the file exclusively (another writable
    /// or chain open of it fails with `inUse`); parents are held shared, so they cannot be changed
    /// under a running chain.
    public static func open(_ path: String, writable: Bool = false) throws(DiskError) -> DiskImage {
        try open(path, writable: writable, lock: writable ? .exclusive : .shared)
    }

    /// With `lock: .none` for looking at disks others may have open (Get-VHD, Test-VHD).
    static func open(_ path: String, writable: Bool, lock: DiskFile.Lock) throws(DiskError) -> DiskImage {
        let top = try openLayer(path, writable: writable, lock: lock)
        return DiskImage(layers: try openParents(of: top, lock: lock == .none ? .none : .shared), writable: writable)
    }

    /// One file, without its parents.
    static func openLayer(_ path: String, writable: Bool, lock: DiskFile.Lock) throws(DiskError) -> any DiskLayer {
        let file = try DiskFile.open(path, writable: writable, lock: lock)
        if try file.size() >= 8, try file.read(at: 0, count: 8).matches("vhdxfile") { return try VHDXFile(file: file) }
        return try VHDFile(file: file)
    }

    /// `top` followed by its ancestors. Each parent must be where a locator says, of the child's
    /// format and sector size, and carry the identity the child recorded.
    static func openParents(of top: any DiskLayer, lock: DiskFile.Lock) throws(DiskError) -> [any DiskLayer] {
        var layers = [top]
        while let reference = layers.last!.parent {
            let child = layers.last!
            guard layers.count < 128 else { throw DiskError.corrupt(top.file.path, "its chain of parents is more than 128 disks deep") }
            var mismatch: DiskError?
            var found: (any DiskLayer)?
            for candidate in reference.candidates where access(candidate, F_OK) == 0 {
                let parent = try openLayer(candidate, writable: false, lock: lock)
                guard parent.format == child.format, parent.logicalSectorSize == child.logicalSectorSize,
                      reference.acceptedIdentities.contains(parent.identityForChildren) else {
                    mismatch = DiskError(.parentMismatch, child.file.path,
                                         "The parent '\(candidate)' of the differencing disk '\(child.file.path)' is not the disk it was created from (its identity has changed).")
                    continue
                }
                found = parent
                break
            }
            guard let parent = found else {
                throw mismatch ?? DiskError(.parentNotFound, child.file.path,
                                            "The parent '\(reference.storedPath)' of the differencing disk '\(child.file.path)' cannot be found.")
            }
            layers.append(parent)
        }
        return layers
    }

    // MARK: I/O

    /// Where the bytes are is worked out under the lock; the reads themselves run outside it, so
    /// reads from several threads proceed in parallel (a disk's blocks never move while it is open).
    public func read(into buffer: UnsafeMutableRawBufferPointer, at offset: UInt64) throws(DiskError) {
        try checkRange(offset, buffer.count)
        let steps = try lock.reading { () throws(DiskError) -> [ReadStep] in
            var steps: [ReadStep] = []
            try planRead(0, bufferOffset: 0, length: buffer.count, at: offset, into: &steps)
            return steps
        }
        try perform(steps, into: buffer)
    }

    public func read(at offset: UInt64, count: Int) throws(DiskError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        try bytes.withMutableBuffer { (buffer) throws(DiskError) in try read(into: buffer, at: offset) }
        return bytes
    }

    public func write(_ buffer: UnsafeRawBufferPointer, at offset: UInt64) throws(DiskError) {
        guard isWritable else { throw DiskError(.readOnly, path, "The virtual disk '\(path)' is open read-only.") }
        try checkRange(offset, buffer.count)
        guard buffer.count > 0 else { return }
        try lock.writing { () throws(DiskError) in try writeTop(buffer, at: offset) }
    }

    public func write(_ bytes: [UInt8], at offset: UInt64) throws(DiskError) {
        try bytes.withBuffer { (buffer) throws(DiskError) in try write(buffer, at: offset) }
    }

    /// Makes everything written so far stable on the host's storage (fsync).
    public func flush() throws(DiskError) {
        guard isWritable else { return }
        try lock.writing { () throws(DiskError) in try layers[0].flush() }
    }

    private func checkRange(_ offset: UInt64, _ count: Int) throws(DiskError) {
        guard offset <= size, UInt64(count) <= size - offset else {
            throw DiskError(.invalidArgument, path, "Bytes \(offset)-\(offset + UInt64(count)) lie outside the virtual disk '\(path)' of \(size) bytes.")
        }
    }

    /// One part of a read: bytes of a file, or zeros.
    enum ReadStep {
        case file(DiskFile, fileOffset: UInt64, bufferOffset: Int, length: Int)
        case zero(bufferOffset: Int, length: Int)
    }

    /// Where `length` bytes at `offset` come from through layer `index`: its own data, zeros, or
    /// what its parent has. A parent smaller than its child (the child was grown) reads as zeros
    /// past its end.
    func planRead(_ index: Int, bufferOffset: Int, length: Int, at offset: UInt64, into steps: inout [ReadStep]) throws(DiskError) {
        let layer = layers[index]
        let inside = offset >= layer.virtualSize ? 0 : Int(min(UInt64(length), layer.virtualSize - offset))
        if inside < length { steps.append(.zero(bufferOffset: bufferOffset + inside, length: length - inside)) }
        guard inside > 0 else { return }
        var cursor = 0
        try layer.map(offset: offset, length: inside) { (piece) throws(DiskError) in
            switch piece {
            case .data(let fileOffset, let n):
                steps.append(.file(layer.file, fileOffset: fileOffset, bufferOffset: bufferOffset + cursor, length: n))
            case .zero(let n):
                steps.append(.zero(bufferOffset: bufferOffset + cursor, length: n))
            case .parent(let n):
                if index + 1 < layers.count {
                    try planRead(index + 1, bufferOffset: bufferOffset + cursor, length: n, at: offset + UInt64(cursor), into: &steps)
                } else {
                    steps.append(.zero(bufferOffset: bufferOffset + cursor, length: n))
                }
            }
            cursor += piece.length
        }
    }

    func perform(_ steps: [ReadStep], into buffer: UnsafeMutableRawBufferPointer) throws(DiskError) {
        for step in steps {
            switch step {
            case .file(let file, let fileOffset, let at, let length):
                try file.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[at..<(at + length)]), at: fileOffset)
            case .zero(let at, let length):
                UnsafeMutableRawBufferPointer(rebasing: buffer[at..<(at + length)]).initializeMemory(as: UInt8.self, repeating: 0)
            }
        }
    }

    /// A read with the lock already held.
    func readLayer(_ index: Int, _ buffer: UnsafeMutableRawBufferPointer, at offset: UInt64) throws(DiskError) {
        var steps: [ReadStep] = []
        try planRead(index, bufferOffset: 0, length: buffer.count, at: offset, into: &steps)
        try perform(steps, into: buffer)
    }

    /// A differencing disk records presence per logical sector, so a write that starts or ends
    /// inside a sector first fills that sector with what the chain has there.
    private func writeTop(_ buffer: UnsafeRawBufferPointer, at offset: UInt64) throws(DiskError) {
        let top = layers[0]
        let sector = UInt64(top.logicalSectorSize)
        let end = offset + UInt64(buffer.count)
        guard top.type == .differencing, offset % sector != 0 || end % sector != 0 else {
            return try top.write(buffer, at: offset)
        }
        let alignedStart = offset / sector * sector, alignedEnd = roundUp(end, to: sector)
        var sectorBuffer = [UInt8](repeating: 0, count: Int(sector))
        func patchSector(at sectorStart: UInt64) throws(DiskError) {
            try sectorBuffer.withMutableBuffer { (bytes) throws(DiskError) in try readLayer(0, bytes, at: sectorStart) }
            let from = max(sectorStart, offset), to = min(sectorStart + sector, end)
            for i in from..<to { sectorBuffer[Int(i - sectorStart)] = buffer[Int(i - offset)] }
            try sectorBuffer.withBuffer { (bytes) throws(DiskError) in try top.write(bytes, at: sectorStart) }
        }
        var middleStart = alignedStart, middleEnd = alignedEnd
        if offset % sector != 0 {
            try patchSector(at: alignedStart)
            middleStart += sector
        }
        if end % sector != 0 && alignedEnd - sector >= middleStart {
            try patchSector(at: alignedEnd - sector)
            middleEnd -= sector
        }
        if middleEnd > middleStart {
            let from = Int(middleStart - offset)
            try top.write(UnsafeRawBufferPointer(rebasing: buffer[from..<(from + Int(middleEnd - middleStart))]), at: middleStart)
        }
    }
}
