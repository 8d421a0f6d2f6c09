import Foundation
import LinuxSystem

/// New-VHD / Get-VHD. Which formats are real:
/// - `.vhd` files are real VHDs as the published VHD format defines them: a Fixed disk is the raw
///   data followed by the 512-byte footer; a Dynamic disk is footer copy, dynamic header, block
///   allocation table (all blocks unallocated) and footer. Other tools can read both.
/// - `.vhdx` files are NOT VHDX: hvsh writes a raw disk image under that name (sparse for Dynamic,
///   preallocated for Fixed), which is what its VMM can read. Get-VHD reports them as VHDX so
///   scripts that check the format keep working; the README states the difference.
public struct VirtualDisk: Sendable, Equatable {
    public var path: String
    public var format: VhdFormat
    public var type: VhdType
    /// Bytes on the host's disk (allocated blocks for sparse files).
    public var fileSize: UInt64
    /// The virtual size the guest sees.
    public var size: UInt64
    public var blockSize: UInt32
    public var logicalSectorSize: UInt32 = 512
    public var physicalSectorSize: UInt32 = 4096
    public var diskIdentifier: UUID

    static let footerSize = 512
    static let dynamicBlockSize: UInt32 = 2 * 1024 * 1024

    public static func create(path: String, sizeBytes: UInt64, type: VhdType) throws -> VirtualDisk {
        guard type == .Fixed || type == .Dynamic else {
            throw HyperVError("Only fixed and dynamic virtual hard disks can be created by hvsh.",
                              errorId: "NotSupported", category: .notImplemented, target: path)
        }
        guard sizeBytes > 0, sizeBytes % 512 == 0 else {
            throw HyperVError("The size of a virtual hard disk must be a positive multiple of 512 bytes; \(sizeBytes) was given.",
                              errorId: "InvalidParameter", category: .invalidArgument, target: path)
        }
        if FileManager.default.fileExists(atPath: path) {
            throw HyperVError("The file '\(path)' already exists.", errorId: "InvalidParameter", category: .resourceExists, target: path)
        }
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty { try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
        func failure(_ reason: Errno) -> HyperVError {
            HyperVError("Failed to create the virtual hard disk '\(path)': \(reason).",
                        errorId: "InvalidParameter", category: .invalidArgument, target: path)
        }
        let file = try Result { () throws(Errno) in try FileDescriptor.open(path, .writeOnly, options: [.create, .exclusiveCreate]) }
            .mapError(failure).get()
        let identifier = UUID()
        let isVHD = path.lowercased().hasSuffix(".vhd")
        do throws(Errno) {
            if isVHD && type == .Dynamic {
                try file.writeAll(VHDLayout.dynamic(size: sizeBytes, identifier: identifier))
            } else {
                try file.resize(to: Int64(sizeBytes))
                if type == .Fixed {
                    let result = posix_fallocate(file.rawValue, 0, off_t(sizeBytes))
                    if result != 0 && result != EOPNOTSUPP { throw Errno(rawValue: result) }
                }
                if isVHD {
                    let footer = VHDLayout.footer(size: sizeBytes, type: .Fixed, identifier: identifier)
                    try footer.withUnsafeBytes { raw in
                        resultOf { () throws(Errno) in try file.writeAll(toAbsoluteOffset: Int64(sizeBytes), raw) }
                    }.get()
                }
            }
            try? file.sync()
        } catch {
            try? FileSystem.removeFile(path)
            throw failure(error)
        }
        return try inspect(path: path)
    }

    /// Get-VHD: reads what is at `path`.
    public static func inspect(path: String) throws -> VirtualDisk {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            throw HyperVError.fileNotFound(path)
        }
        let fileSize = UInt64(info.st_size)
        let allocated = UInt64(info.st_blocks) * 512
        if fileSize >= 512, let footer = readBytes(path, at: fileSize - 512, count: 512), let parsed = VHDLayout.parseFooter(footer) {
            return VirtualDisk(path: path, format: .VHD, type: parsed.type, fileSize: fileSize, size: parsed.size,
                               blockSize: parsed.type == .Dynamic ? dynamicBlockSize : 0, diskIdentifier: parsed.identifier)
        }
        let type: VhdType = allocated >= fileSize ? .Fixed : .Dynamic
        return VirtualDisk(path: path, format: path.lowercased().hasSuffix(".vhd") ? .VHD : .VHDX, type: type,
                           fileSize: min(allocated, fileSize), size: fileSize,
                           blockSize: type == .Dynamic ? 33_554_432 : 0, diskIdentifier: stableIdentifier(info))
    }

    /// Raw images carry no identifier; derive a stable one from the file's device and inode.
    static func stableIdentifier(_ info: stat) -> UUID {
        var bytes = [UInt8](repeating: 0, count: 16)
        withUnsafeBytes(of: UInt64(info.st_dev).bigEndian) { for (i, b) in $0.enumerated() { bytes[i] = b } }
        withUnsafeBytes(of: UInt64(info.st_ino).bigEndian) { for (i, b) in $0.enumerated() { bytes[8 + i] = b } }
        return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                           bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
    }

    static func readBytes(_ path: String, at offset: UInt64, count: Int) -> [UInt8]? {
        guard let file = try? FileDescriptor.open(path, .readOnly) else { return nil }
        var buffer = [UInt8](repeating: 0, count: count)
        let read = try? buffer.withUnsafeMutableBytes { raw in
            resultOf { () throws(Errno) in try file.read(fromAbsoluteOffset: Int64(offset), into: raw) }
        }.get()
        return read == count ? buffer : nil
    }
}

/// The on-disk structures of the VHD format (all integers big-endian).
enum VHDLayout {
    /// Seconds between the Unix epoch and 2000-01-01 00:00:00 UTC, VHD's epoch.
    static let epochOffset: UInt32 = 946_684_800

    static func footer(size: UInt64, type: VhdType, identifier: UUID, dataOffset: UInt64? = nil) -> [UInt8] {
        var f = [UInt8]()
        f += Array("conectix".utf8)
        f += be32(2)                                  // features: reserved bit set
        f += be32(0x0001_0000)                        // format version 1.0
        f += be64(dataOffset ?? UInt64.max)          // fixed disks: no dynamic header
        f += be32(UInt32(max(0, Int64(time(nil)) - Int64(epochOffset))))
        f += Array("hvsh".utf8)
        f += be32(0x0001_0000)
        f += Array("Wi2k".utf8)
        f += be64(size) + be64(size)
        let (cylinders, heads, sectors) = geometry(size: size)
        f += be16(cylinders) + [heads, sectors]
        f += be32(type == .Fixed ? 2 : 3)
        f += be32(0)                                  // checksum, filled below
        f += withUnsafeBytes(of: identifier.uuid) { Array($0) }
        f += [0]
        f += [UInt8](repeating: 0, count: 512 - f.count)
        let checksum = ~f.reduce(UInt32(0)) { $0 &+ UInt32($1) }
        f.replaceSubrange(64..<68, with: be32(checksum))
        return f
    }

    static func dynamic(size: UInt64, identifier: UUID) -> [UInt8] {
        let blockSize = UInt64(VirtualDisk.dynamicBlockSize)
        let entries = UInt32((size + blockSize - 1) / blockSize)
        let tableOffset: UInt64 = 512 + 1024
        var header = [UInt8]()
        header += Array("cxsparse".utf8)
        header += be64(UInt64.max)
        header += be64(tableOffset)
        header += be32(0x0001_0000)
        header += be32(entries)
        header += be32(UInt32(blockSize))
        header += be32(0)                             // checksum, filled below
        header += [UInt8](repeating: 0, count: 1024 - header.count)
        let checksum = ~header.reduce(UInt32(0)) { $0 &+ UInt32($1) }
        header.replaceSubrange(36..<40, with: be32(checksum))
        let tableBytes = (Int(entries) * 4 + 511) / 512 * 512
        let table = [UInt8](repeating: 0xFF, count: tableBytes)
        let foot = footer(size: size, type: .Dynamic, identifier: identifier, dataOffset: 512)
        return foot + header + table + foot
    }

    static func parseFooter(_ bytes: [UInt8]) -> (type: VhdType, size: UInt64, identifier: UUID)? {
        guard bytes.count == 512, Array(bytes[0..<8]) == Array("conectix".utf8) else { return nil }
        let size = bytes[48..<56].reduce(UInt64(0)) { ($0 << 8) | UInt64($1) }
        let diskType = bytes[60..<64].reduce(UInt32(0)) { ($0 << 8) | UInt32($1) }
        let type: VhdType = diskType == 2 ? .Fixed : diskType == 3 ? .Dynamic : diskType == 4 ? .Differencing : .Unknown
        let u = Array(bytes[68..<84])
        let identifier = UUID(uuid: (u[0], u[1], u[2], u[3], u[4], u[5], u[6], u[7], u[8], u[9], u[10], u[11], u[12], u[13], u[14], u[15]))
        return (type, size, identifier)
    }

    /// CHS geometry as the VHD specification computes it.
    static func geometry(size: UInt64) -> (UInt16, UInt8, UInt8) {
        var totalSectors = size / 512
        totalSectors = min(totalSectors, 65535 * 16 * 255)
        var sectorsPerTrack: UInt64, heads: UInt64, cylinderTimesHeads: UInt64
        if totalSectors >= 65535 * 16 * 63 {
            sectorsPerTrack = 255; heads = 16; cylinderTimesHeads = totalSectors / sectorsPerTrack
        } else {
            sectorsPerTrack = 17
            cylinderTimesHeads = totalSectors / sectorsPerTrack
            heads = max(4, (cylinderTimesHeads + 1023) / 1024)
            if cylinderTimesHeads >= heads * 1024 || heads > 16 {
                sectorsPerTrack = 31; heads = 16; cylinderTimesHeads = totalSectors / sectorsPerTrack
            }
            if cylinderTimesHeads >= heads * 1024 {
                sectorsPerTrack = 63; heads = 16; cylinderTimesHeads = totalSectors / sectorsPerTrack
            }
        }
        return (UInt16(cylinderTimesHeads / heads), UInt8(heads), UInt8(sectorsPerTrack))
    }

    static func be16(_ v: UInt16) -> [UInt8] { [UInt8(v >> 8), UInt8(v & 0xFF)] }
    static func be32(_ v: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: v >> (24 - 8 * UInt32($0))) } }
    static func be64(_ v: UInt64) -> [UInt8] { (0..<8).map { UInt8(truncatingIfNeeded: v >> (56 - 8 * UInt64($0))) } }
}
