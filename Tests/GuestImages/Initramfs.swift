import Foundation

/// A busybox initramfs as an uncompressed cpio archive ("newc" format, which the kernel unpacks itself; no
/// compression, because decompressing under software emulation costs seconds).
struct CPIOArchive {
    private(set) var bytes: [UInt8] = []
    private var inode: UInt32 = 1

    mutating func directory(_ path: String) { entry(path, mode: 0o040755, data: []) }
    mutating func file(_ path: String, _ data: [UInt8], executable: Bool = false) {
        entry(path, mode: executable ? 0o100755 : 0o100644, data: data)
    }
    /// A character device node (the kernel needs /dev/console before devtmpfs is mounted, or init has no stdio).
    mutating func characterDevice(_ path: String, major: UInt32, minor: UInt32) {
        entry(path, mode: 0o020600, data: [], rdev: (major, minor))
    }

    mutating func finish() -> [UInt8] {
        entry("TRAILER!!!", mode: 0, data: [])
        return bytes
    }

    private mutating func entry(_ path: String, mode: UInt32, data: [UInt8], rdev: (UInt32, UInt32) = (0, 0)) {
        let name = Array(path.utf8) + [0]
        let fields: [UInt32] = [inode, mode, 0, 0, 1, 0, UInt32(data.count), 0, 0, rdev.0, rdev.1, UInt32(name.count), 0]
        inode += 1
        bytes += Array("070701".utf8)
        for field in fields {
            let hex = String(field, radix: 16)
            bytes += Array((String(repeating: "0", count: 8 - hex.count) + hex).utf8)
        }
        bytes += name
        pad()
        bytes += data
        pad()
    }

    private mutating func pad() { while bytes.count % 4 != 0 { bytes.append(0) } }
}

/// What the test guest does, in its own words on the serial console (each line starts `hvsh-guest:`):
/// it loads the drivers for IDE/SATA/SCSI disks and DVDs, virtio and Intel NICs, the ACPI power button, the
/// balloon and QEMU's firmware configuration (so a test can read the boot order the firmware was given); gives
/// its first NIC 192.168.2.2/24 with gateway 192.168.2.1; writes `hvsh-guest-pattern tag=booted`
/// at byte 1 MiB of its first disk if nothing is there yet; powers off when the ACPI power button is pressed;
/// and then offers a shell on the console with `hvsh-disk-write <tag>`, `hvsh-disk-read` and `hvsh-ignore-power-button`.
enum TestGuestScripts {
    static let address = "192.168.2.2"
    static let gateway = "192.168.2.1"
    /// Where the pattern goes on the first disk.
    static let patternOffset = 1 << 20

    static let modules = ["ata_piix", "ahci", "sd_mod", "sr_mod", "crct10dif_generic", "virtio_pci", "virtio_scsi", "virtio_blk",
                          "virtio_net", "e1000", "virtio_balloon", "button", "evdev", "qemu_fw_cfg"]

    static func initScript(modules: [String]) -> String {
        """
        #!/bin/busybox sh
        /bin/busybox mkdir -p /proc /sys /dev /tmp /sbin /usr/bin /usr/sbin
        /bin/busybox --install -s
        mount -t proc proc /proc
        mount -t sysfs sysfs /sys
        mount -t devtmpfs devtmpfs /dev
        for m in \(modules.joined(separator: " ")); do insmod /lib/modules/$m.ko 2>/dev/null; done
        echo "hvsh-guest: up $(uname -r)"
        ip link set lo up
        for dev in /sys/class/net/*; do
          name=${dev##*/}
          [ "$name" = lo ] && continue
          ip link set "$name" up
          ip addr add \(address)/24 dev "$name"
          ip route add default via \(gateway)
          echo "hvsh-guest: net $name \(address)/24 mac $(cat $dev/address)"
          break
        done
        for i in 1 2 3 4 5 6 7 8 9 10; do [ -b /dev/sda ] && break; usleep 200000; done
        if [ -b /dev/sda ]; then
          [ -n "$(hvsh-disk-read -q)" ] || hvsh-disk-write booted
          hvsh-disk-read
        fi
        for ev in /sys/class/input/event*; do
          grep -qx "Power Button" $ev/device/name 2>/dev/null || continue
          node=/dev/input/${ev##*/}
          # devtmpfs makes the node a moment after the driver binds; a read that fails is not a key press.
          ( while [ ! -c $node ]; do usleep 100000; done
            while ! dd if=$node of=/dev/null bs=24 count=1 2>/dev/null; do usleep 100000; done
            printf '\nhvsh-guest: power button pressed, powering off\n'; sync; poweroff -f ) &
          echo $! > /tmp/power-button-watcher
        done
        echo "hvsh-guest: ready"
        while true; do setsid cttyhack sh; done

        """
    }

    /// Whole 4 KiB blocks, which a disk with 4K logical sectors (O_DIRECT) and a 512-byte one both take.
    /// A guest that ignores the ACPI power button from now on (as a hung or busy OS does): the watcher goes, and
    /// the button's next press is read by nobody.
    static let ignorePowerButton = """
        #!/bin/sh
        kill $(cat /tmp/power-button-watcher) && echo "hvsh-guest: ignoring the power button"

        """

    static let diskWrite = """
        #!/bin/sh
        printf 'hvsh-guest-pattern tag=%s\\n' "$1" | dd of=/dev/sda bs=4096 seek=\(patternOffset / 4096) conv=sync,fsync oflag=direct 2>/dev/null
        echo "hvsh-guest: disk wrote $1"

        """

    static let diskRead = """
        #!/bin/sh
        line=$(dd if=/dev/sda bs=4096 skip=\(patternOffset / 4096) count=1 iflag=direct 2>/dev/null | tr -d '\\000' | head -n 1)
        case "$line" in "hvsh-guest-pattern tag="*) tag=${line#hvsh-guest-pattern tag=} ;; *) tag= ;; esac
        if [ "$1" = -q ]; then echo "$tag"; exit 0; fi
        echo "hvsh-guest: disk holds ${tag:-nothing}"

        """
}
