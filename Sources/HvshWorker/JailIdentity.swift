import Glibc
import LinuxSystem

/// The uid and gid a jailed worker runs as: one per VM, from a range no Debian tool hands out, so no user
/// has to be created on the host and no two running VMs' workers can signal or read each other.
///
/// The range: 1,900,000,000 to 1,900,065,535 (uid = gid). Debian's adduser allocates below 60,000 and
/// subordinate ranges (/etc/subuid) from 100,000 up in steps of 65,536; systemd-nspawn's containers use
/// 524,288 to 1,879,048,191, and systemd leaves 1,879,048,192 to 2,147,483,647 unused. A VM's slot is a
/// hash of its runtime directory; a slot some process already runs as is skipped for the next one.
enum JailIdentity {
    static let firstID: UInt32 = 1_900_000_000
    static let count: UInt32 = 65_536

    /// The id for the VM whose runtime directory is `path`.
    static func choose(for path: String) -> UInt32 {
        var hash: UInt32 = 2_166_136_261
        for byte in path.utf8 { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
        let taken = idsInUse()
        for probe in UInt32(0)..<count {
            let candidate = firstID + (hash &+ probe) % count
            if !taken.contains(candidate) { return candidate }
        }
        return firstID + hash % count
    }

    /// Real uids of the processes running now, those of this range only.
    private static func idsInUse() -> Set<UInt32> {
        var ids: Set<UInt32> = []
        for entry in (try? FileSystem.listDirectory("/proc")) ?? [] where entry.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) {
            guard let status = FileSystem.readText("/proc/\(entry)/status"),
                  let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Uid:") }),
                  let real = line.split(whereSeparator: { $0 == "\t" || $0 == " " }).dropFirst().first,
                  let uid = UInt32(real), uid >= firstID, uid - firstID < count else { continue }
            ids.insert(uid)
        }
        return ids
    }
}
