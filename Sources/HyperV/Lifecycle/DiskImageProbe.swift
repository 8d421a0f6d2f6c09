import LinuxSystem
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

    /// Whether a hard disk holds something a firmware boots: sector 0 ends with 0x55 0xAA and either carries boot code
    /// (a BIOS boot loader; its first 440 bytes are not all zero) or describes a GPT disk (protective partition type
    /// 0xEE) or an EFI System Partition (0xEF), which UEFI boots. A data disk that was only partitioned (zero boot code,
    /// Linux partitions) is not, nor is a new, empty disk, so such VMs keep running hvsh's built-in firmware.
    /// VHD and VHDX files (and their chains) are read through the VirtualDisk library, other files as raw images.
    static func hasBootRecord(_ path: String) -> Bool {
        guard !path.isEmpty else { return false }
        let sector: [UInt8]
        do throws(DiskError) {
            sector = try DiskImage.open(path).read(at: 0, count: 512)
        } catch {
            guard error.kind == .notVirtualDisk, let bytes = try? FileSystem.readBytes(path, count: 512) else { return false }
            sector = bytes
        }
        guard sector.count == 512, sector[510] == 0x55, sector[511] == 0xAA else { return false }
        let bootCode = sector[0..<440].contains { $0 != 0 }
        let partitionTypes = (0..<4).map { sector[446 + 16 * $0 + 4] }
        return bootCode || partitionTypes.contains(0xEE) || partitionTypes.contains(0xEF)
    }

    /// Whether an ISO image can be booted from: ISO 9660 puts an El Torito boot record volume descriptor at
    /// sector 17 (type 0, "CD001", version 1, "EL TORITO SPECIFICATION"). A data ISO has none and stays a
    /// medium for the guest to read (on the native VMM, a read-only disk).
    static func isBootableISO(_ path: String) -> Bool {
        guard let bytes = try? FileSystem.readBytes(path, at: 17 * 2048, count: 32), bytes.count == 32 else { return false }
        return bytes[0] == 0 && Array(bytes[1...5]) == Array("CD001".utf8) && bytes[6] == 1
            && Array(bytes[7..<30]) == Array("EL TORITO SPECIFICATION".utf8)
    }
}
