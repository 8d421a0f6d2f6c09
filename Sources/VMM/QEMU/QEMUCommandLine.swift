import NetworkAddresses

/// The qemu-system-x86_64 arguments for one VM: Hyper-V's machine model in QEMU's terms.
///
/// QEMU gets no display, no default devices and no configuration files; its monitor (QMP) and the guest's
/// first serial port are descriptors the worker inherits to it, and so are the taps, which the worker opens.
public struct QEMUCommandLine: Sendable {
    public var name: String
    public var machine: MachineConfiguration
    public var qemu: QEMUMachine
    public var installation: QEMUInstallation
    /// Descriptors QEMU inherits.
    public var monitorFD: CInt
    public var serialFD: CInt
    /// One per network adapter; nil leaves the adapter without a backend (no cable).
    public var tapFDs: [CInt?]
    /// A saved state to load instead of booting (QEMU's incoming migration from this descriptor).
    public var incomingFD: CInt?
    /// QEMU's end of the NBD connection of each drive the worker serves, in drive order.
    public var servedDiskFDs: [CInt]
    /// The sector sizes of each served drive's disk, in the same order (missing: 512-byte sectors).
    public var servedDiskSectorSizes: [QEMUSectorSizes]
    /// Files the worker opened for QEMU, which then opens nothing of the host by path (its jail has no such
    /// path): the UEFI code (read-only) and variable store, and the drives QEMU reads itself (DVD images), by
    /// drive index. Each becomes a descriptor set (`-add-fd`) that QEMU opens as /dev/fdset/N; a set takes one
    /// descriptor per access mode QEMU may ask for (it opens a writable file read-only too, and a set hands out
    /// only a descriptor of the very mode asked).
    public var firmwareCodeFD: CInt?
    public var firmwareVariablesFDs: [CInt]
    public var driveFDs: [Int: [CInt]]

    public init(name: String, machine: MachineConfiguration, qemu: QEMUMachine, installation: QEMUInstallation,
                monitorFD: CInt, serialFD: CInt, tapFDs: [CInt?], incomingFD: CInt? = nil, servedDiskFDs: [CInt] = [],
                servedDiskSectorSizes: [QEMUSectorSizes] = [], firmwareCodeFD: CInt? = nil, firmwareVariablesFDs: [CInt] = [],
                driveFDs: [Int: [CInt]] = [:]) {
        self.name = name
        self.machine = machine
        self.qemu = qemu
        self.installation = installation
        self.monitorFD = monitorFD
        self.serialFD = serialFD
        self.tapFDs = tapFDs
        self.incomingFD = incomingFD
        self.servedDiskFDs = servedDiskFDs
        self.servedDiskSectorSizes = servedDiskSectorSizes
        self.firmwareCodeFD = firmwareCodeFD
        self.firmwareVariablesFDs = firmwareVariablesFDs
        self.driveFDs = driveFDs
    }

    /// The descriptor sets of the files passed in (`-add-fd` numbers them; QEMU opens them as /dev/fdset/N).
    static let firmwareCodeSet = 1, firmwareVariablesSet = 2
    public static func driveSet(_ index: Int) -> Int { 16 + index }
    static func fdsetPath(_ set: Int) -> String { "/dev/fdset/\(set)" }

    var descriptorSetArguments: [String] {
        var args: [String] = []
        if let firmwareCodeFD { args += ["-add-fd", "fd=\(firmwareCodeFD),set=\(Self.firmwareCodeSet)"] }
        for fd in firmwareVariablesFDs { args += ["-add-fd", "fd=\(fd),set=\(Self.firmwareVariablesSet)"] }
        for (index, fds) in driveFDs.sorted(by: { $0.key < $1.key }) {
            for fd in fds { args += ["-add-fd", "fd=\(fd),set=\(Self.driveSet(index))"] }
        }
        return args
    }

    /// QEMU's option syntax doubles a comma inside a value.
    static func escape(_ value: String) -> String { value.replacing(",", with: ",,") }

    public var arguments: [String] {
        var args = [installation.emulator, "-name", "guest=\(Self.escape(name)),debug-threads=on",
                    "-nodefaults", "-no-user-config", "-display", "none", "-msg", "timestamp=off",
                    // QEMU's own seccomp filter: no new processes, no privilege changes, no obsolete calls.
                    "-sandbox", "on,obsolete=deny,elevateprivileges=deny,spawn=deny,resourcecontrol=deny",
                    // Stopped until the worker has finished setting up (balloon, saved state) and says `cont`.
                    "-S"]
        args += descriptorSetArguments
        args += machineArguments
        args += ["-smp", String(machine.vcpuCount), "-m", "\(machine.memorySize / (1 << 20))M"]
        args += ["-chardev", "socket,id=monitor,fd=\(monitorFD)", "-mon", "chardev=monitor,mode=control",
                 "-chardev", "socket,id=serial0,fd=\(serialFD)", "-serial", "chardev:serial0"]
        // Every Hyper-V VM has a video adapter; guests that look for one (Windows setup) find it.
        args += ["-vga", "std"]
        args += firmwareArguments
        args += storageArguments
        args += networkArguments
        if qemu.dynamicMemory != nil { args += ["-device", "virtio-balloon-pci,id=balloon0"] }
        // Only the devices of the boot order are tried, in that order (Hyper-V's behaviour); a VM with an empty
        // boot order has nothing to boot, as on Hyper-V.
        args += ["-boot", "strict=on"]
        if let incomingFD { args += ["-incoming", "fd:\(incomingFD)"] }
        return args
    }

    var machineArguments: [String] {
        var options = [qemu.chipset.rawValue, "accel=\(qemu.accelerator.rawValue)"]
        if case .uefi(_, _, let secureBoot) = qemu.firmware, secureBoot { options.append("smm=on") }
        let cpu: String
        switch qemu.accelerator {
        case .kvm:
            // The host's CPU as it is; its VT-x/AMD-V only when the VM exposes virtualization extensions.
            cpu = machine.exposeVirtualizationExtensions ? "host" : "host,-vmx,-svm"
        case .tcg:
            // Every feature QEMU's translator implements, so modern guests (which want SSE4.2, POPCNT, ...) boot.
            cpu = "max"
        }
        return ["-machine", options.joined(separator: ","), "-cpu", cpu]
    }

    var firmwareArguments: [String] {
        switch qemu.firmware {
        case .bios:
            return []
        case .uefi(let code, let variables, let secureBoot):
            var args: [String] = []
            // Secure Boot's variables may only be written from SMM, or the guest could change its own keys.
            if secureBoot { args += ["-global", "driver=cfi.pflash01,property=secure,value=on"] }
            let codeFile = firmwareCodeFD != nil ? Self.fdsetPath(Self.firmwareCodeSet) : code
            let variablesFile = !firmwareVariablesFDs.isEmpty ? Self.fdsetPath(Self.firmwareVariablesSet) : variables
            args += ["-drive", "if=pflash,format=raw,unit=0,readonly=on,file=\(Self.escape(codeFile))",
                     "-drive", "if=pflash,format=raw,unit=1,file=\(Self.escape(variablesFile))"]
            return args
        }
    }

    func bootIndex(_ device: QEMUBootDevice) -> String {
        guard let index = qemu.bootOrder.firstIndex(of: device) else { return "" }
        return ",bootindex=\(index)"
    }

    var storageArguments: [String] {
        var args: [String] = []
        let scsiControllers = Set(qemu.drives.filter { $0.controller == .scsi && $0.kind == .hardDisk }.map(\.controllerNumber)).sorted()
        for number in scsiControllers { args += ["-device", "virtio-scsi-pci,id=scsi\(number)"] }
        var served = servedDiskFDs.makeIterator()
        var sectorSizes = servedDiskSectorSizes.makeIterator()
        var sataPort = 0
        for (index, drive) in qemu.drives.enumerated() {
            let id = drive.deviceID
            var device: String
            switch (drive.kind, drive.controller) {
            case (.hardDisk, .ide): device = "ide-hd,bus=ide.\(drive.controllerNumber),unit=\(drive.controllerLocation)"
            case (.dvd, .ide): device = "ide-cd,bus=ide.\(drive.controllerNumber),unit=\(drive.controllerLocation)"
            case (.hardDisk, .scsi): device = "scsi-hd,bus=scsi\(drive.controllerNumber).0,scsi-id=\(drive.controllerLocation),lun=0"
            case (.dvd, .scsi):
                // Hyper-V's SCSI DVD is a SATA DVD on the Q35 chipset's own AHCI controller: Windows Setup has a driver
                // for AHCI, not for virtio-scsi, so it finds its own medium, and the virtio-win drivers on a second DVD
                // for the disks. SCSI DVDs exist only on Generation 2 (q35); `sataPorts` DVDs at most.
                device = "ide-cd,bus=ide.\(sataPort)"
                sataPort += 1
            }
            device += ",id=\(id)" + bootIndex(.drive(index))
            let readOnly = drive.readOnly ? "on" : "off"
            if drive.isServed, let fd = served.next() {
                // The worker's NBD export on an inherited socket (QEMU reads a number as a descriptor when no monitor
                // is asking); no reconnection, as nothing could reconnect to a socket pair.
                args += ["-blockdev", "driver=nbd,node-name=\(id)-media,server.type=fd,server.str=\(fd),read-only=\(readOnly)"]
                device += ",drive=\(id)-media" + Self.blockSizes(sectorSizes.next(), drive.controller)
            } else if let named = drive.path, !drive.isServed {
                let path = driveFDs[index] != nil ? Self.fdsetPath(Self.driveSet(index)) : named
                args += ["-blockdev", "driver=file,node-name=\(id)-file,filename=\(Self.escape(path)),read-only=\(readOnly)",
                         "-blockdev", "driver=\(drive.format),node-name=\(id)-media,file=\(id)-file,read-only=\(readOnly)"]
                device += ",drive=\(id)-media"
            }
            args += ["-device", device]
        }
        return args
    }

    /// The SATA ports of Q35's AHCI controller, one DVD each.
    public static let sataPorts = 6

    /// The guest sees the disk's own sector sizes, as Hyper-V presents a VHDX (4K native, 512e or 512). QEMU's IDE
    /// disk knows only 512-byte logical sectors (as ATA does); it presents a 4K disk as 512e, and the worker's
    /// byte-granular VirtualDisk serves the 512-byte requests.
    static func blockSizes(_ sizes: QEMUSectorSizes?, _ controller: QEMUDrive.Controller) -> String {
        guard let sizes else { return "" }
        let logical = controller == .ide ? 512 : max(512, sizes.logical)
        let physical = max(logical, sizes.physical)
        return ",logical_block_size=\(logical),physical_block_size=\(physical)"
    }

    var networkArguments: [String] {
        var args: [String] = []
        for (index, mac) in machine.macAddresses.enumerated() {
            let model = index < qemu.networkAdapterModels.count ? qemu.networkAdapterModels[index] : .synthetic
            var device = "\(model.rawValue),id=nic\(index),mac=\(mac.colonSeparated)"
            if index < tapFDs.count, let fd = tapFDs[index] {
                args += ["-netdev", "tap,id=net\(index),fd=\(fd)"]
                device += ",netdev=net\(index)"
            }
            args += ["-device", device + bootIndex(.networkAdapter(index))]
        }
        return args
    }
}
