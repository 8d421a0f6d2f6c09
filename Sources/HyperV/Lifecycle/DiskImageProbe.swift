import Foundation
import VirtualDisk

/// What a disk image file is, read from its own bytes (never from its name): QEMU must be told the format, and
/// the engine choice needs to know whether a disk holds something to boot.
enum DiskImageProbe {
    enum Format: String {
        case raw
        case vhdx
        /// VHD, QEMU's `vpc` driver.
        case vhd = "vpc"
    }

    static func format(of path: String) -> Format {
        do throws(DiskError) {
            return try DiskImage.open(path).format == .vhdx ? .vhdx : .vhd
        } catch {
            // A differencing disk whose parent is missing is still a VHD or VHDX (QEMU will say what is wrong).
            if error.kind == .notVirtualDisk || error.kind == .notFound { return .raw }
            return path.lowercased().hasSuffix("vhdx") ? .vhdx : .vhd
        }
    }

    /// Whether a hard disk holds a boot record: an MBR (or the protective MBR of a GPT disk) ends sector 0 with
    /// 0x55 0xAA. A new, empty disk has none, so a VM with only empty disks keeps running hvsh's built-in firmware.
    /// VHD and VHDX files (and their chains) are read through the VirtualDisk library, other files as raw images.
    static func hasBootRecord(_ path: String) -> Bool {
        guard !path.isEmpty else { return false }
        let sector: [UInt8]
        do throws(DiskError) {
            sector = try DiskImage.open(path).read(at: 0, count: 512)
        } catch {
            guard error.kind == .notVirtualDisk, let handle = FileHandle(forReadingAtPath: path) else { return false }
            defer { try? handle.close() }
            sector = Array((try? handle.read(upToCount: 512)) ?? Data())
        }
        return sector.count == 512 && sector[510] == 0x55 && sector[511] == 0xAA
    }

    /// Whether an ISO image can be booted from: ISO 9660 puts an El Torito boot record volume descriptor at
    /// sector 17 (type 0, "CD001", version 1, "EL TORITO SPECIFICATION"). A data ISO has none and stays a
    /// medium for the guest to read (on the native VMM, a read-only disk).
    static func isBootableISO(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        guard (try? handle.seek(toOffset: 17 * 2048)) != nil, let descriptor = try? handle.read(upToCount: 32),
              descriptor.count == 32 else { return false }
        let bytes = Array(descriptor)
        return bytes[0] == 0 && Array(bytes[1...5]) == Array("CD001".utf8) && bytes[6] == 1
            && Array(bytes[7..<30]) == Array("EL TORITO SPECIFICATION".utf8)
    }
}
