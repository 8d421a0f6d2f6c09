import NetworkAddresses
/// Everything a worker needs to run one VM, written by the shell to `vm.conf` in the runtime directory.
public struct WorkerLaunchRequest: Sendable, Equatable {
    /// The VM's name (for messages and `ps`).
    public var name: String
    public var machine: MachineConfiguration
    /// Where the worker keeps its sockets, pid file, console log and exit record (one directory per VM).
    public var runtimeDirectory: String
    /// A snapshot directory (from save or checkpoint) to resume from instead of booting.
    public var restoreFrom: String?
    /// Start with the vCPUs paused (Hyper-V's "Paused" state) rather than running.
    public var startPaused: Bool
    /// A network namespace file (`/run/netns/<name>`, `/proc/<pid>/ns/net`) the worker enters before opening taps;
    /// nil keeps the launcher's namespace.
    public var networkNamespace: String?
    /// The only directory `save` writes (Hyper-V's saved-state location of the VM); the shell finds the
    /// state there when the worker ended with a save, whoever asked for it. Defaults to `saved-state` in
    /// the runtime directory.
    public var savedStateDirectory: String
    /// Set for a VM that boots through firmware: the worker runs it in QEMU instead of the native VMM.
    public var qemu: QEMUMachine?

    public init(name: String, machine: MachineConfiguration, runtimeDirectory: String,
                restoreFrom: String? = nil, startPaused: Bool = false, networkNamespace: String? = nil,
                savedStateDirectory: String? = nil, qemu: QEMUMachine? = nil) {
        self.networkNamespace = networkNamespace
        self.savedStateDirectory = savedStateDirectory ?? runtimeDirectory + "/saved-state"
        self.qemu = qemu
        self.name = name
        self.machine = machine
        self.runtimeDirectory = runtimeDirectory
        self.restoreFrom = restoreFrom
        self.startPaused = startPaused
    }

    // MARK: vm.conf: one `key=value` per line, through `WorkerFields` (the protocol's one codec).

    public func encoded() -> String {
        var lines: [(String, String)] = [
            ("name", name),
            ("vcpus", String(machine.vcpuCount)),
            ("memory", String(machine.memorySize)),
            ("expose-virtualization", machine.exposeVirtualizationExtensions ? "1" : "0"),
            ("runtime", runtimeDirectory),
            ("start-paused", startPaused ? "1" : "0"),
            ("saved-state", savedStateDirectory),
        ]
        switch machine.boot {
        case .builtIn(let image, let commandLine):
            lines += [("boot", image.rawValue), ("cmdline", commandLine)]
        case .linux(let kernel, let initrd, let commandLine):
            lines += [("boot", "linux"), ("kernel", kernel), ("cmdline", commandLine)]
            if let initrd { lines.append(("initrd", initrd)) }
        case .elf(let path):
            lines += [("boot", "elf"), ("image", path)]
        case .flat(let path, let address):
            lines += [("boot", "flat"), ("image", path), ("load-address", String(address))]
        }
        for (index, mac) in machine.macAddresses.enumerated() {
            lines.append(("mac", mac.colonSeparated))
            lines.append(("tap", index < machine.tapNames.count ? machine.tapNames[index] : ""))
        }
        for disk in machine.disks { lines.append(("disk", (disk.readOnly ? "ro:" : "rw:") + disk.path)) }
        if let networkNamespace { lines.append(("netns", networkNamespace)) }
        if let qemu { lines += qemu.configurationLines }
        if let restoreFrom { lines.append(("restore", restoreFrom)) }
        return WorkerFields.encode(lines, separator: "\n") + "\n"
    }

    public static func decode(_ text: String) throws(VMMError) -> WorkerLaunchRequest {
        var values: [String: String] = [:]
        var macs: [MACAddress] = []
        var taps: [String] = []
        var disks: [DiskAttachment] = []
        var drives: [String] = [], nicModels: [String] = []
        for line in WorkerFields.split(text[...], on: "\n") {
            guard let (key, value) = WorkerFields.field(line) else { continue }
            if key == "mac" {
                guard let mac = MACAddress(value) else { throw .invalidConfiguration("bad MAC address \(value)") }
                macs.append(mac)
            } else if key == "tap" {
                taps.append(value)
            } else if key == "disk" {
                guard value.hasPrefix("rw:") || value.hasPrefix("ro:"), value.count > 3 else { throw .invalidConfiguration("bad disk entry \(value)") }
                disks.append(DiskAttachment(path: String(value.dropFirst(3)), readOnly: value.hasPrefix("ro:")))
            } else if key == "drive" {
                drives.append(value)
            } else if key == "nic-model" {
                nicModels.append(value)
            } else {
                values[key] = value
            }
        }
        func number(_ key: String) throws(VMMError) -> UInt64 {
            guard let text = values[key], let value = UInt64(text) else { throw .invalidConfiguration("vm.conf lacks a numeric \(key)") }
            return value
        }
        let commandLine = values["cmdline"] ?? ""
        let boot: BootSource
        switch values["boot"] ?? "firmware" {
        case "linux":
            guard let kernel = values["kernel"] else { throw .invalidConfiguration("linux boot without a kernel path") }
            boot = .linux(kernelPath: kernel, initrdPath: values["initrd"], commandLine: commandLine)
        case "elf":
            guard let image = values["image"] else { throw .invalidConfiguration("elf boot without an image path") }
            boot = .elf(path: image)
        case "flat":
            guard let image = values["image"] else { throw .invalidConfiguration("flat boot without an image path") }
            boot = .flat(path: image, loadAddress: (try? number("load-address")) ?? GuestLayout.highMemory)
        case let other:
            guard let image = BuiltInImage(rawValue: other) else { throw .invalidConfiguration("unknown boot source \(other)") }
            boot = .builtIn(image, commandLine: commandLine)
        }
        // A vm.conf is the shell's, but a damaged one must be refused, not trap (a count past Int.max did).
        guard let vcpus = Int(exactly: try number("vcpus")) else { throw .invalidConfiguration("vm.conf's vcpus is out of range") }
        // The shell writes a tap line (maybe empty) after each MAC: a tap without its adapter was
        // dropped without a word (the control-request fuzz target's finding).
        if !taps.allSatisfy(\.isEmpty) && taps.count != macs.count {
            throw .invalidConfiguration("vm.conf names \(taps.count) taps for \(macs.count) network adapters")
        }
        let machine = MachineConfiguration(vcpuCount: vcpus, memorySize: try number("memory"),
                                           exposeVirtualizationExtensions: values["expose-virtualization"] == "1",
                                           boot: boot, macAddresses: macs,
                                           tapNames: taps.allSatisfy(\.isEmpty) ? [] : taps, disks: disks)
        guard let runtime = values["runtime"] else { throw .invalidConfiguration("vm.conf lacks the runtime directory") }
        return WorkerLaunchRequest(name: values["name"] ?? "", machine: machine, runtimeDirectory: runtime,
                                   restoreFrom: values["restore"], startPaused: values["start-paused"] == "1",
                                   networkNamespace: values["netns"], savedStateDirectory: values["saved-state"],
                                   qemu: try QEMUMachine.decode(values: values, drives: drives, nicModels: nicModels))
    }
}
