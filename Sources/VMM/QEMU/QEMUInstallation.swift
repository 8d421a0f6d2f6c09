import Glibc
import LinuxSystem

/// Where Debian's packages put QEMU and its firmware, and the error a host without them gets.
///
/// The native VMM needs nothing installed; only VMs that boot through firmware need these, so a missing
/// package is reported when such a VM starts, naming exactly what to install.
public struct QEMUInstallation: Sendable, Equatable {
    /// qemu-system-x86_64 (package `qemu-system-x86`).
    public var emulator: String
    /// SeaBIOS's image (package `seabios`); QEMU loads it by itself, it is checked so the error is clear.
    public var seaBIOS: String
    /// OVMF's directory (package `ovmf`).
    public var ovmfDirectory: String

    public init(emulator: String = QEMUInstallation.defaultEmulator(), seaBIOS: String = "/usr/share/seabios/bios-256k.bin",
                ovmfDirectory: String = "/usr/share/OVMF") {
        self.emulator = emulator
        self.seaBIOS = seaBIOS
        self.ovmfDirectory = ovmfDirectory
    }

    /// `$HVSH_QEMU`, else qemu-system-x86_64 on $PATH, else Debian's path.
    public static func defaultEmulator() -> String {
        if let path = getenv("HVSH_QEMU") { return String(cString: path) }
        let search = getenv("PATH").map { String(cString: $0) } ?? "/usr/bin:/bin"
        for directory in search.split(separator: ":") {
            let candidate = "\(directory)/qemu-system-x86_64"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return "/usr/bin/qemu-system-x86_64"
    }

    /// OVMF's firmware code: the Secure Boot build needs SMM and refuses images its keys do not sign.
    public func ovmfCode(secureBoot: Bool) -> String {
        ovmfDirectory + (secureBoot ? "/OVMF_CODE_4M.secboot.fd" : "/OVMF_CODE_4M.fd")
    }

    /// The variable store a VM's NVRAM starts as: with Microsoft's keys enrolled (Secure Boot on) or empty.
    public func ovmfVariablesTemplate(secureBoot: Bool) -> String {
        ovmfDirectory + (secureBoot ? "/OVMF_VARS_4M.ms.fd" : "/OVMF_VARS_4M.fd")
    }

    /// Nil when everything `machine` needs is installed; otherwise the error to show.
    public func missing(for chipset: QEMUChipset, secureBoot: Bool) -> VMMError? {
        var packages: [String] = []
        if access(emulator, X_OK) != 0 { packages.append("qemu-system-x86") }
        switch chipset {
        case .pc:
            if access(seaBIOS, R_OK) != 0 { packages.append("seabios") }
        case .q35:
            if access(ovmfCode(secureBoot: secureBoot), R_OK) != 0 || access(ovmfVariablesTemplate(secureBoot: secureBoot), R_OK) != 0 {
                packages.append("ovmf")
            }
        }
        guard !packages.isEmpty else { return nil }
        return .invalidConfiguration("""
            this VM boots through \(chipset == .pc ? "BIOS" : "UEFI") firmware, which hvsh runs in QEMU, and this host lacks \
            \(packages.joined(separator: ", ")): install the Debian packages with `apt-get install qemu-system-x86 ovmf seabios`
            """)
    }
}

extension QEMUAccelerator {
    /// KVM where the host's KVM can run a guest kernel: /dev/kvm is usable and the CPU the host sees has VT-x or
    /// AMD-V. Without them, /dev/kvm may still exist (a software KVM such as kvm_pvm on a cloud VM) but every
    /// guest ring-0 instruction is emulated and a stock kernel never finishes booting, so QEMU's own
    /// translation is used instead.
    public static func forThisHost(cpuInfo: String? = FileSystem.readText("/proc/cpuinfo")) -> QEMUAccelerator {
        guard access("/dev/kvm", R_OK | W_OK) == 0, let cpuInfo else { return .tcg }
        for line in cpuInfo.split(separator: "\n") where line.hasPrefix("flags") {
            let flags = line.split(separator: " ")
            if flags.contains("vmx") || flags.contains("svm") { return .kvm }
            return .tcg
        }
        return .tcg
    }
}
