/// A VM that boots through real firmware (SeaBIOS or OVMF) and runs in QEMU, supervised by the worker.
///
/// The native VMM boots only its built-in firmware and direct kernels; anything that needs a BIOS or UEFI
/// (an ISO installer, a bootable disk, network boot) runs in QEMU with Hyper-V's machine model mapped onto
/// QEMU's: Generation 1 is SeaBIOS on the i440FX `pc` machine with two IDE controllers, Generation 2 is OVMF
/// on `q35` with SCSI. The vCPUs, memory, MACs and taps stay in `MachineConfiguration`; this adds the rest.
public struct QEMUMachine: Sendable, Equatable {
    public var chipset: QEMUChipset
    public var firmware: QEMUFirmware
    public var accelerator: QEMUAccelerator
    /// Hard disks and DVD drives at their Hyper-V controller slots.
    public var drives: [QEMUDrive]
    /// The device model of each network adapter, in `MachineConfiguration.macAddresses` order.
    public var networkAdapterModels: [QEMUNetworkAdapterModel]
    /// Hyper-V's boot order: the firmware tries these in turn and nothing else.
    public var bootOrder: [QEMUBootDevice]
    /// Hyper-V's dynamic memory: the guest gets a virtio balloon.
    public var dynamicMemory: QEMUDynamicMemory?

    public init(chipset: QEMUChipset, firmware: QEMUFirmware, accelerator: QEMUAccelerator = .tcg,
                drives: [QEMUDrive] = [], networkAdapterModels: [QEMUNetworkAdapterModel] = [],
                bootOrder: [QEMUBootDevice] = [], dynamicMemory: QEMUDynamicMemory? = nil) {
        self.chipset = chipset
        self.firmware = firmware
        self.accelerator = accelerator
        self.drives = drives
        self.networkAdapterModels = networkAdapterModels
        self.bootOrder = bootOrder
        self.dynamicMemory = dynamicMemory
    }
}

/// QEMU's machine type for each Hyper-V generation.
public enum QEMUChipset: String, Sendable, Equatable {
    /// Generation 1: i440FX + PIIX3, IDE controllers 0 and 1 on the PIIX.
    case pc
    /// Generation 2: Q35 (ICH9), no IDE, disks and DVDs on a SCSI controller.
    case q35
}

/// The firmware the machine starts.
public enum QEMUFirmware: Sendable, Equatable {
    /// SeaBIOS (Generation 1).
    case bios
    /// OVMF (Generation 2): its code image, read-only, and the VM's own variable store (NVRAM), a writable
    /// copy of one of OVMF's templates kept beside the VM's configuration. Secure Boot needs OVMF's SMM build.
    case uefi(code: String, variables: String, secureBoot: Bool)
}

/// How QEMU executes guest code.
public enum QEMUAccelerator: String, Sendable, Equatable {
    /// Hardware virtualization through /dev/kvm (the host's CPU has VT-x or AMD-V).
    case kvm
    /// QEMU's own binary translation: any host, much slower.
    case tcg
}

/// One hard disk or DVD drive.
public struct QEMUDrive: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable { case hardDisk = "hd", dvd }
    public enum Controller: String, Sendable, Equatable { case ide, scsi }

    public var kind: Kind
    public var controller: Controller
    /// Hyper-V's ControllerNumber and ControllerLocation.
    public var controllerNumber: Int
    public var controllerLocation: Int
    /// The image; nil is a DVD drive with no medium.
    public var path: String?
    /// QEMU's block driver for the file: `raw` (ISO images, raw disks), `vhdx`, `vpc` (VHD), or `nbd`: the worker
    /// reads and writes the file (VHD and VHDX, differencing chains included, through hvsh's own VirtualDisk) and
    /// serves it to QEMU over NBD, so the files stay Hyper-V's and a checkpoint can swap them under a running VM.
    public var format: String
    public var readOnly: Bool

    public init(kind: Kind, controller: Controller, controllerNumber: Int, controllerLocation: Int,
                path: String?, format: String = "raw", readOnly: Bool = false) {
        self.kind = kind
        self.controller = controller
        self.controllerNumber = controllerNumber
        self.controllerLocation = controllerLocation
        self.path = path
        self.format = format
        self.readOnly = readOnly || kind == .dvd
    }

    /// The format of a drive the worker serves.
    public static let servedFormat = "nbd"
    public var isServed: Bool { format == Self.servedFormat }

    /// The QEMU device id, stable across runs so a saved state finds its devices again.
    public var deviceID: String { "\(kind.rawValue)-\(controller.rawValue)\(controllerNumber)-\(controllerLocation)" }
}

/// Hyper-V's two network adapter kinds.
public enum QEMUNetworkAdapterModel: String, Sendable, Equatable {
    /// The synthetic adapter: a paravirtual NIC (virtio-net), as Hyper-V's is paravirtual (netvsc).
    case synthetic = "virtio-net-pci"
    /// The legacy adapter of Generation 1: an emulated Intel NIC every OS has a driver for, which QEMU's
    /// PXE option ROM can network-boot (Hyper-V emulates a DEC 21140 for the same purposes).
    case legacy = "e1000"
}

/// An entry of the boot order.
public enum QEMUBootDevice: Sendable, Equatable {
    /// `QEMUMachine.drives[index]`.
    case drive(Int)
    /// Network adapter `index` (PXE).
    case networkAdapter(Int)
}

/// Hyper-V's dynamic memory through a virtio balloon: QEMU gives the guest `maximum` bytes of RAM (Hyper-V's
/// MaximumBytes, when above the startup memory `MachineConfiguration.memorySize`) and the worker inflates the
/// balloon at once down to the startup memory, then moves it with the guest's use plus `bufferPercent`: down to
/// `minimum` when the guest is idle, up to `maximum` when it needs more, as Hyper-V adds memory to a guest
/// whose demand grows.
public struct QEMUDynamicMemory: Sendable, Equatable {
    public var minimum: UInt64
    public var bufferPercent: Int
    /// 0 (or anything up to the startup memory): the VM never holds more than it started with.
    public var maximum: UInt64
    public init(minimum: UInt64, bufferPercent: Int, maximum: UInt64 = 0) {
        self.minimum = minimum
        self.bufferPercent = bufferPercent
        self.maximum = maximum
    }

    /// The guest's RAM as QEMU gives it, the most the balloon can leave it: the maximum, but at most
    /// `ceilingFactor` times the startup memory, since the guest's kernel maps all of it at boot (a 64-byte page
    /// descriptor per 4 KiB page) before its balloon driver loads; Hyper-V's default maximum of 1 TB would
    /// not fit in a small startup memory.
    public func ceiling(startup: UInt64) -> UInt64 {
        let (limit, overflow) = startup.multipliedReportingOverflow(by: Self.ceilingFactor)
        return max(startup, min(maximum, overflow ? .max : limit))
    }
    public static let ceilingFactor: UInt64 = 8
}

/// A disk's logical and physical sector sizes as its file records them (VHDX: 512 or 4096 each; VHD: 512).
public struct QEMUSectorSizes: Sendable, Equatable {
    public var logical: UInt32
    public var physical: UInt32
    public init(logical: UInt32, physical: UInt32) {
        self.logical = logical
        self.physical = physical
    }
}
