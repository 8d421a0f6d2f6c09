import Foundation

/// What a disk or DVD image file is, read from its own bytes (never from its name): QEMU must be told the
/// format, and the engine choice needs to know whether a disk holds something to boot.
enum DiskImageProbe {
    enum Format: String {
        case raw
        case vhdx
        /// VHD, QEMU's `vpc` driver.
        case vhd = "vpc"
    }

    static func format(of path: String) -> Format {
        if let head = VirtualDisk.readBytes(path, at: 0, count: 8), head == Array("vhdxfile".utf8) { return .vhdx }
        // Every VHD ends in a 512-byte footer starting with the cookie "conectix" (a dynamic VHD also starts with a copy).
        if let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.uint64Value, size >= 512,
           let tail = VirtualDisk.readBytes(path, at: size - 512, count: 8), tail == Array("conectix".utf8) {
            return .vhd
        }
        if let head = VirtualDisk.readBytes(path, at: 0, count: 8), head == Array("conectix".utf8) { return .vhd }
        return .raw
    }

    /// Whether a hard disk holds a boot record: an MBR (or the protective MBR of a GPT disk) ends sector 0 with
    /// 0x55 0xAA. A new, empty disk has none, so a VM with only empty disks keeps running hvsh's built-in firmware.
    /// The sectors of VHDX and dynamic VHD files are not at their own offsets, so only raw images and fixed VHDs
    /// (whose data starts at offset 0) are looked into; the others count as having nothing to boot.
    static func hasBootRecord(_ path: String) -> Bool {
        guard !path.isEmpty, format(of: path) != .vhdx else { return false }
        if format(of: path) == .vhd, let head = VirtualDisk.readBytes(path, at: 0, count: 8), head == Array("conectix".utf8) { return false }
        guard let sector = VirtualDisk.readBytes(path, at: 0, count: 512), sector.count == 512 else { return false }
        return sector[510] == 0x55 && sector[511] == 0xAA
    }
}
