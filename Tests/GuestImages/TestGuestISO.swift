import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A bootable ISO with a real Linux (Debian's kernel and a busybox initramfs, see `TestGuestScripts`), built at
/// test time from Debian packages with GRUB's `grub-mkrescue`, so it boots from a DVD under SeaBIOS and under
/// OVMF alike. It is built once per process, in a temporary directory removed when the process exits, and is
/// never committed. GRUB and its EFI loader are unsigned, so Secure Boot refuses the ISO, as Hyper-V refuses it.
public enum TestGuestISO {
    /// What is missing to build it, in words for XCTSkip; nil when it can be built.
    public static func missingTools(repositoryRoot: String) -> String? {
        var missing: [String] = []
        if GuestKernel.find(repositoryRoot: repositoryRoot) == nil {
            missing.append("a Debian kernel (apt-get download linux-image-6.1.0-*-amd64 and dpkg -x it into .build/guest-kernel, or set HVSH_GUEST_KERNEL_DIR)")
        }
        if !isStaticBusybox("/bin/busybox") { missing.append("a static busybox at /bin/busybox (package busybox-static)") }
        if Tool.find("grub-mkrescue") == nil || Tool.find("xorriso") == nil || Tool.find("mformat") == nil {
            missing.append("grub-mkrescue with its helpers (packages grub-pc-bin, grub-efi-amd64-bin, xorriso, mtools)")
        }
        if !FileManager.default.fileExists(atPath: "/usr/lib/grub/i386-pc") || !FileManager.default.fileExists(atPath: "/usr/lib/grub/x86_64-efi") {
            missing.append("GRUB's BIOS and EFI images (packages grub-pc-bin, grub-efi-amd64-bin)")
        }
        return missing.isEmpty ? nil : "the test guest ISO needs " + missing.joined(separator: "; ")
    }

    private static let cache = NSLock()
    nonisolated(unsafe) private static var built: String?

    /// The ISO's path, building it on first use.
    public static func path(repositoryRoot: String) throws -> String {
        cache.lock()
        defer { cache.unlock() }
        if let built, FileManager.default.fileExists(atPath: built) { return built }
        if let missing = missingTools(repositoryRoot: repositoryRoot) { throw GuestImageError(missing) }
        let kernel = GuestKernel.find(repositoryRoot: repositoryRoot)!
        let directory = NSTemporaryDirectory() + "hvsh-guest-\(getpid())"
        try? FileManager.default.removeItem(atPath: directory)
        try FileManager.default.createDirectory(atPath: directory + "/tree/boot/grub", withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(atPath: NSTemporaryDirectory() + "hvsh-guest-\(getpid())") }

        let modules = try kernel.loadOrder(TestGuestScripts.modules)
        var archive = CPIOArchive()
        for path in ["dev", "bin", "lib", "lib/modules"] { archive.directory(path) }
        archive.characterDevice("dev/console", major: 5, minor: 1)
        archive.file("bin/busybox", Array(try Data(contentsOf: URL(fileURLWithPath: "/bin/busybox"))), executable: true)
        archive.file("bin/sh", Array("#!/bin/busybox sh\nexec /bin/busybox sh \"$@\"\n".utf8), executable: true)
        archive.file("bin/hvsh-disk-write", Array(TestGuestScripts.diskWrite.utf8), executable: true)
        archive.file("bin/hvsh-disk-read", Array(TestGuestScripts.diskRead.utf8), executable: true)
        archive.file("bin/hvsh-ignore-power-button", Array(TestGuestScripts.ignorePowerButton.utf8), executable: true)
        for module in modules {
            archive.file("lib/modules/\(module.name).ko", Array(try Data(contentsOf: URL(fileURLWithPath: module.path))))
        }
        archive.file("init", Array(TestGuestScripts.initScript(modules: modules.map(\.name)).utf8), executable: true)
        try Data(archive.finish()).write(to: URL(fileURLWithPath: directory + "/tree/boot/initrd.img"))
        try FileManager.default.copyItem(atPath: kernel.image, toPath: directory + "/tree/boot/vmlinuz")
        try grubConfiguration.write(toFile: directory + "/tree/boot/grub/grub.cfg", atomically: true, encoding: .utf8)

        let iso = directory + "/hvsh-test-guest.iso"
        let result = try Tool.run([Tool.find("grub-mkrescue")!, "-o", iso, directory + "/tree"])
        guard result.status == 0, FileManager.default.fileExists(atPath: iso) else {
            throw GuestImageError("grub-mkrescue failed (\(result.status)): \(result.output.suffix(400))")
        }
        try? FileManager.default.removeItem(atPath: directory + "/tree")
        built = iso
        return iso
    }

    /// GRUB on the serial port, no menu delay: the guest's console starts with GRUB's line, then the kernel's.
    /// `no_timer_check`: under software emulation on a loaded host the kernel's IO-APIC timer check can miss its
    /// ticks and panic ("IO-APIC + timer doesn't work!"), as it can in any slow VM; the check proves nothing here.
    static let grubConfiguration = """
        set timeout=0
        serial --unit=0 --speed=115200
        terminal_output serial console
        terminal_input serial console
        menuentry "hvsh test guest" {
          linux /boot/vmlinuz console=ttyS0,115200 quiet no_timer_check
          initrd /boot/initrd.img
        }

        """

    /// A dynamic busybox would need its libraries in the initramfs; the static one (busybox-static) does not. An ELF
    /// file is static when none of its program headers is PT_INTERP (3).
    static func isStaticBusybox(_ path: String) -> Bool {
        guard let data = FileManager.default.contents(atPath: path), data.count > 64, data.prefix(4) == Data([0x7F, 0x45, 0x4C, 0x46]) else { return false }
        let bytes = Array(data.prefix(1 << 16))
        func little(_ offset: Int, _ size: Int) -> Int {
            (0..<size).reduce(0) { $0 | Int(bytes[offset + $1]) << (8 * $1) }
        }
        let headers = little(0x20, 8), size = little(0x36, 2), count = little(0x38, 2)
        guard headers + size * count <= bytes.count else { return false }
        return !(0..<count).contains { little(headers + $0 * size, 4) == 3 }
    }
}

