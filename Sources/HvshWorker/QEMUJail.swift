import CWorkerJail
import Glibc
import LinuxSystem
import VMM

/// QEMU's jail (README "Security"): started by the host's root, QEMU runs as the VM's own uid and gid
/// (`JailIdentity`, the same its worker then takes), with no capability, no_new_privs, its own -sandbox filter
/// and a mount namespace of its own (`hvsh_jail_prepare_qemu`): a read-only root with the host's /usr, a /dev
/// of harmless devices and a /dev/kvm only its uid may open, and a /proc of its uid's processes. Everything of
/// the VM reaches it as an inherited descriptor: monitor, serial port, taps, served disks, firmware, NVRAM,
/// DVD images, the saved state.
enum QEMUJail {
    /// The jail's tmpfs is mounted on this empty folder of the runtime directory, in QEMU's namespace only.
    static func scratch(_ directory: RuntimeDirectory) -> String { directory.path + "/jail-root" }

    /// Starts QEMU; with `identity`, inside its jail (else as before: uid 0 with no capability, `withoutPrivileges`).
    static func spawn(_ arguments: [String], keep: [CInt], output: borrowing FileDescriptor, identity: UInt32?,
                      directory: RuntimeDirectory, kvm: Bool, withoutPrivileges: Bool) throws(VMMError) -> QEMUProcess {
        guard let identity else {
            return try QEMUProcess.spawn(arguments, keep: keep, output: output, withoutPrivileges: withoutPrivileges)
        }
        let scratch = scratch(directory)
        do throws(Errno) { _ = try FileSystem.makeDirectories(scratch, permissions: 0o700) } catch {
            throw .system("mkdir(\(scratch))", error)
        }
        var kvmDevice: UInt64 = 0
        if kvm {
            do throws(Errno) { kvmDevice = try FileSystem.status("/dev/kvm").specialDevice } catch {
                throw .system("stat(/dev/kvm)", error)
            }
        }
        // Copied before the fork: the child may not allocate.
        let scratchCopy = strdup(scratch), emulatorCopy = strdup(arguments[0])
        defer { free(scratchCopy); free(emulatorCopy) }
        let jail = UnsafeMutablePointer<hvsh_qemu_jail>.allocate(capacity: 1)
        defer { jail.deallocate() }
        jail.initialize(to: hvsh_qemu_jail(uid: identity, gid: identity, scratch_mount_point: scratchCopy, emulator: emulatorCopy,
                                           kvm_device: UInt(kvmDevice)))
        return try QEMUProcess.spawn(arguments, keep: keep, output: output, withoutPrivileges: true,
                                     jail: hvsh_jail_prepare_qemu, context: UnsafeMutableRawPointer(jail))
    }
}
