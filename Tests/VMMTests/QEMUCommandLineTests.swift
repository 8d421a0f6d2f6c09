import NetworkAddresses
@testable import VMM
import XCTest

/// Hyper-V's machine model as QEMU arguments, the QEMU part of vm.conf, and the monitor's JSON.
final class QEMUCommandLineTests: XCTestCase {
    let installation = QEMUInstallation(emulator: "/usr/bin/qemu-system-x86_64")
    let mac = MACAddress(bytes: [0x00, 0x15, 0x5D, 0x01, 0x02, 0x03])!

    func generation1() -> QEMUMachine {
        QEMUMachine(chipset: .pc, firmware: .bios, accelerator: .tcg, drives: [
            QEMUDrive(kind: .hardDisk, controller: .ide, controllerNumber: 0, controllerLocation: 0, path: "/vm/disk,1.vhdx", format: "vhdx"),
            QEMUDrive(kind: .dvd, controller: .ide, controllerNumber: 1, controllerLocation: 0, path: "/iso/setup.iso"),
        ], networkAdapterModels: [.legacy], bootOrder: [.drive(1), .drive(0), .networkAdapter(0)])
    }

    func arguments(_ qemu: QEMUMachine, taps: [CInt?] = [7], expose: Bool = false) -> [String] {
        QEMUCommandLine(name: "Lab VM", machine: MachineConfiguration(vcpuCount: 2, memorySize: 1 << 30, exposeVirtualizationExtensions: expose,
                                                                      macAddresses: [mac]),
                        qemu: qemu, installation: installation, monitorFD: 3, serialFD: 4, tapFDs: taps).arguments
    }

    /// The value that follows each occurrence of `option`.
    func values(_ args: [String], _ option: String) -> [String] {
        args.indices.dropLast().filter { args[$0] == option }.map { args[$0 + 1] }
    }

    func testGeneration1IsSeaBIOSOnAPCWithIDESlotsAndTheBootOrder() {
        let args = arguments(generation1())
        XCTAssertEqual(args.first, "/usr/bin/qemu-system-x86_64")
        XCTAssertEqual(values(args, "-machine"), ["pc,accel=tcg"])
        XCTAssertEqual(values(args, "-smp"), ["2"])
        XCTAssertEqual(values(args, "-m"), ["1024M"])
        XCTAssertFalse(args.contains("if=pflash"), "no UEFI on generation 1")
        let devices = values(args, "-device")
        XCTAssertTrue(devices.contains("ide-hd,bus=ide.0,unit=0,id=hd-ide0-0,bootindex=1,drive=hd-ide0-0-media"), "\(devices)")
        XCTAssertTrue(devices.contains("ide-cd,bus=ide.1,unit=0,id=dvd-ide1-0,bootindex=0,drive=dvd-ide1-0-media"), "\(devices)")
        XCTAssertTrue(devices.contains("e1000,id=nic0,mac=00:15:5d:01:02:03,netdev=net0,bootindex=2"), "\(devices)")
        let blockdevs = values(args, "-blockdev")
        XCTAssertTrue(blockdevs.contains("driver=file,node-name=hd-ide0-0-file,filename=/vm/disk,,1.vhdx,read-only=off"), "commas doubled: \(blockdevs)")
        XCTAssertTrue(blockdevs.contains("driver=vhdx,node-name=hd-ide0-0-media,file=hd-ide0-0-file,read-only=off"))
        XCTAssertTrue(blockdevs.contains("driver=raw,node-name=dvd-ide1-0-media,file=dvd-ide1-0-file,read-only=on"), "DVDs are read-only")
        XCTAssertEqual(values(args, "-netdev"), ["tap,id=net0,fd=7"])
        XCTAssertEqual(values(args, "-chardev"), ["socket,id=monitor,fd=3", "socket,id=serial0,fd=4"])
        XCTAssertEqual(values(args, "-boot"), ["strict=on"])
        XCTAssertEqual(values(args, "-cpu"), ["max"])
        XCTAssertTrue(args.contains("-S"), "QEMU waits for the worker before the guest runs")
    }

    /// A VHD/VHDX the worker serves is an NBD client on the descriptor QEMU inherits; QEMU never gets the file's path.
    func testAServedDiskIsAnNBDClientOnItsInheritedSocket() {
        let qemu = QEMUMachine(chipset: .pc, firmware: .bios, drives: [
            QEMUDrive(kind: .hardDisk, controller: .ide, controllerNumber: 0, controllerLocation: 0, path: "/vm/Child_1.avhdx", format: QEMUDrive.servedFormat),
            QEMUDrive(kind: .hardDisk, controller: .ide, controllerNumber: 0, controllerLocation: 1, path: "/vm/plain.raw", format: "raw"),
            QEMUDrive(kind: .hardDisk, controller: .ide, controllerNumber: 1, controllerLocation: 1, path: "/vm/data.vhd", format: QEMUDrive.servedFormat),
        ])
        let args = QEMUCommandLine(name: "Lab VM", machine: MachineConfiguration(vcpuCount: 1, memorySize: 1 << 30), qemu: qemu,
                                   installation: installation, monitorFD: 3, serialFD: 4, tapFDs: [], servedDiskFDs: [9, 11]).arguments
        XCTAssertEqual(values(args, "-blockdev"), [
            "driver=nbd,node-name=hd-ide0-0-media,server.type=fd,server.str=9,read-only=off",
            "driver=file,node-name=hd-ide0-1-file,filename=/vm/plain.raw,read-only=off",
            "driver=raw,node-name=hd-ide0-1-media,file=hd-ide0-1-file,read-only=off",
            "driver=nbd,node-name=hd-ide1-1-media,server.type=fd,server.str=11,read-only=off",
        ])
        XCTAssertFalse(args.contains { $0.contains("avhdx") || $0.contains("data.vhd") }, "\(args)")
        XCTAssertTrue(values(args, "-device").contains("ide-hd,bus=ide.1,unit=1,id=hd-ide1-1,drive=hd-ide1-1-media"))
    }

    /// A served disk shows the guest its file's own sector sizes, as Hyper-V presents a VHDX: 4K native on SCSI;
    /// IDE (ATA) has only 512-byte logical sectors, so a 4K disk there is 512e.
    func testAServedDiskPresentsItsOwnSectorSizes() {
        let qemu = QEMUMachine(chipset: .q35, firmware: .bios, drives: [
            QEMUDrive(kind: .hardDisk, controller: .scsi, controllerNumber: 0, controllerLocation: 0, path: "/vm/4kn.vhdx", format: QEMUDrive.servedFormat),
            QEMUDrive(kind: .hardDisk, controller: .scsi, controllerNumber: 0, controllerLocation: 1, path: "/vm/512e.vhdx", format: QEMUDrive.servedFormat),
            QEMUDrive(kind: .hardDisk, controller: .ide, controllerNumber: 0, controllerLocation: 0, path: "/vm/ide.vhdx", format: QEMUDrive.servedFormat),
            QEMUDrive(kind: .hardDisk, controller: .ide, controllerNumber: 0, controllerLocation: 1, path: "/vm/old.vhd", format: QEMUDrive.servedFormat),
        ])
        let args = QEMUCommandLine(name: "Lab VM", machine: MachineConfiguration(vcpuCount: 1, memorySize: 1 << 30), qemu: qemu,
                                   installation: installation, monitorFD: 3, serialFD: 4, tapFDs: [], servedDiskFDs: [9, 10, 11, 12],
                                   servedDiskSectorSizes: [QEMUSectorSizes(logical: 4096, physical: 4096), QEMUSectorSizes(logical: 512, physical: 4096),
                                                           QEMUSectorSizes(logical: 4096, physical: 4096), QEMUSectorSizes(logical: 512, physical: 512)]).arguments
        let devices = values(args, "-device")
        XCTAssertTrue(devices.contains("scsi-hd,bus=scsi0.0,scsi-id=0,lun=0,id=hd-scsi0-0,drive=hd-scsi0-0-media,logical_block_size=4096,physical_block_size=4096"), "\(devices)")
        XCTAssertTrue(devices.contains("scsi-hd,bus=scsi0.0,scsi-id=1,lun=0,id=hd-scsi0-1,drive=hd-scsi0-1-media,logical_block_size=512,physical_block_size=4096"), "\(devices)")
        XCTAssertTrue(devices.contains("ide-hd,bus=ide.0,unit=0,id=hd-ide0-0,drive=hd-ide0-0-media,logical_block_size=512,physical_block_size=4096"), "\(devices)")
        XCTAssertTrue(devices.contains("ide-hd,bus=ide.0,unit=1,id=hd-ide0-1,drive=hd-ide0-1-media,logical_block_size=512,physical_block_size=512"), "\(devices)")
    }

    /// Generation 2's SCSI DVDs are SATA DVDs on Q35's AHCI ports, in slot order (Windows Setup drives AHCI out of the
    /// box, not virtio-scsi); a VM with DVDs only has no virtio-scsi controller.
    func testGeneration2DVDsAreSATADVDsOnQ35sAHCIPorts() {
        let qemu = QEMUMachine(chipset: .q35, firmware: .bios, drives: [
            QEMUDrive(kind: .dvd, controller: .scsi, controllerNumber: 0, controllerLocation: 1, path: "/isos/windows.iso"),
            QEMUDrive(kind: .dvd, controller: .scsi, controllerNumber: 0, controllerLocation: 2, path: "/isos/virtio-win.iso"),
        ], bootOrder: [.drive(0)])
        let args = arguments(qemu)
        let devices = values(args, "-device")
        XCTAssertFalse(devices.contains { $0.hasPrefix("virtio-scsi-pci") }, "\(devices)")
        XCTAssertTrue(devices.contains("ide-cd,bus=ide.0,id=dvd-scsi0-1,bootindex=0,drive=dvd-scsi0-1-media"), "\(devices)")
        XCTAssertTrue(devices.contains("ide-cd,bus=ide.1,id=dvd-scsi0-2,drive=dvd-scsi0-2-media"), "\(devices)")
    }

    func testGeneration2IsOVMFOnQ35WithSCSIAndSecureBootInSMM() {
        let qemu = QEMUMachine(chipset: .q35, firmware: .uefi(code: "/usr/share/OVMF/OVMF_CODE_4M.secboot.fd", variables: "/vm/nvram.fd", secureBoot: true),
                               accelerator: .kvm,
                               drives: [QEMUDrive(kind: .hardDisk, controller: .scsi, controllerNumber: 0, controllerLocation: 0, path: "/vm/d.vhdx", format: "vhdx"),
                                        QEMUDrive(kind: .dvd, controller: .scsi, controllerNumber: 0, controllerLocation: 1, path: nil)],
                               networkAdapterModels: [.synthetic], bootOrder: [.drive(0)],
                               dynamicMemory: QEMUDynamicMemory(minimum: 512 << 20, bufferPercent: 20))
        let args = arguments(qemu, taps: [nil])
        XCTAssertEqual(values(args, "-machine"), ["q35,accel=kvm,smm=on"])
        XCTAssertEqual(values(args, "-cpu"), ["host,-vmx,-svm"], "no VT-x/AMD-V unless exposed")
        XCTAssertEqual(values(arguments(qemu, expose: true), "-cpu"), ["host"])
        XCTAssertEqual(values(args, "-global"), ["driver=cfi.pflash01,property=secure,value=on"])
        XCTAssertEqual(values(args, "-drive"), ["if=pflash,format=raw,unit=0,readonly=on,file=/usr/share/OVMF/OVMF_CODE_4M.secboot.fd",
                                                "if=pflash,format=raw,unit=1,file=/vm/nvram.fd"])
        let devices = values(args, "-device")
        XCTAssertTrue(devices.contains("virtio-scsi-pci,id=scsi0"))
        XCTAssertTrue(devices.contains("scsi-hd,bus=scsi0.0,scsi-id=0,lun=0,id=hd-scsi0-0,bootindex=0,drive=hd-scsi0-0-media"), "\(devices)")
        XCTAssertTrue(devices.contains("ide-cd,bus=ide.0,id=dvd-scsi0-1"), "a SATA DVD without a medium: \(devices)")
        XCTAssertTrue(devices.contains("virtio-net-pci,id=nic0,mac=00:15:5d:01:02:03"), "an adapter without a tap has no backend")
        XCTAssertTrue(devices.contains("virtio-balloon-pci,id=balloon0"))
        XCTAssertEqual(values(args, "-netdev"), [])
    }

    /// A jailed QEMU has no path to the VM's files: the firmware, the NVRAM (a writable descriptor and a read-only
    /// twin, as QEMU opens it both ways) and a DVD image come as descriptor sets, opened as /dev/fdset/N.
    func testFilesHandedOverAsDescriptorsAreDescriptorSetsQEMUOpensByNumber() {
        let qemu = QEMUMachine(chipset: .q35, firmware: .uefi(code: "/usr/share/OVMF/OVMF_CODE_4M.fd", variables: "/vm/nvram.fd", secureBoot: false),
                               accelerator: .tcg,
                               drives: [QEMUDrive(kind: .dvd, controller: .scsi, controllerNumber: 0, controllerLocation: 1, path: "/iso/a,b.iso")],
                               networkAdapterModels: [], bootOrder: [.drive(0)])
        let args = QEMUCommandLine(name: "Jailed", machine: MachineConfiguration(vcpuCount: 1, memorySize: 1 << 30), qemu: qemu,
                                   installation: installation, monitorFD: 3, serialFD: 4, tapFDs: [],
                                   firmwareCodeFD: 10, firmwareVariablesFDs: [11, 12], driveFDs: [0: [13]]).arguments
        XCTAssertEqual(values(args, "-add-fd"), ["fd=10,set=1", "fd=11,set=2", "fd=12,set=2", "fd=13,set=16"])
        XCTAssertLessThan(args.firstIndex(of: "-add-fd") ?? .max, args.firstIndex(of: "-drive") ?? -1, "the sets come before their use")
        XCTAssertEqual(values(args, "-drive"), ["if=pflash,format=raw,unit=0,readonly=on,file=/dev/fdset/1",
                                                "if=pflash,format=raw,unit=1,file=/dev/fdset/2"])
        XCTAssertTrue(values(args, "-blockdev").contains("driver=file,node-name=dvd-scsi0-1-file,filename=/dev/fdset/16,read-only=on"),
                      "\(values(args, "-blockdev"))")
        XCTAssertFalse(args.joined(separator: " ").contains("/vm/nvram.fd") || args.joined(separator: " ").contains("/iso/"),
                       "a path QEMU cannot open in its jail: \(args)")
    }

    func testTheQEMUPartOfVMConfRoundTrips() throws {
        var machine = generation1()
        machine.dynamicMemory = QEMUDynamicMemory(minimum: 256 << 20, bufferPercent: 35)
        let request = WorkerLaunchRequest(name: "g1", machine: MachineConfiguration(macAddresses: [mac], tapNames: ["hvt12345678"]),
                                          runtimeDirectory: "/run/x", qemu: machine)
        XCTAssertEqual(try WorkerLaunchRequest.decode(request.encoded()), request)
        var uefi = machine
        uefi.chipset = .q35
        uefi.firmware = .uefi(code: "/c.fd", variables: "/v a,r.fd", secureBoot: false)
        uefi.drives[1].path = nil
        let second = WorkerLaunchRequest(name: "g2", machine: MachineConfiguration(), runtimeDirectory: "/run/y", qemu: uefi)
        XCTAssertEqual(try WorkerLaunchRequest.decode(second.encoded()), second)
        let native = WorkerLaunchRequest(name: "n", machine: MachineConfiguration(), runtimeDirectory: "/run/z")
        XCTAssertNil(try WorkerLaunchRequest.decode(native.encoded()).qemu)
        XCTAssertThrowsError(try WorkerLaunchRequest.decode(request.encoded().replacing("boot-order=drive:1", with: "boot-order=drive:9")))
    }

    func testDVDMediumChangesTravelOnTheControlSocket() {
        for action in [WorkerAction.changeMedium(drive: 2, path: "/iso/with space.iso"), .changeMedium(drive: 0, path: nil)] {
            XCTAssertEqual(WorkerAction(line: action.line), action)
        }
    }

    func testMonitorJSON() throws {
        let value = try XCTUnwrap(QMPValue.parse(#"{"return": {"status": "running", "running": true, "n": [1, 2.5e3, -3]}, "s": "a\"b\\c\u00e9\n"}"#))
        XCTAssertEqual(value["return"]?["status"]?.string, "running")
        XCTAssertEqual(value["return"]?["running"]?.bool, true)
        XCTAssertEqual(value["return"]?["n"]?.array, [.number(1), .number(2500), .number(-3)])
        XCTAssertEqual(value["s"]?.string, "a\"b\\cé\n")
        XCTAssertEqual(QMPValue.parse(QMPValue.object([("execute", .string("x\n\"y")), ("arguments", .object([("n", .number(5))]))]).json)?["execute"]?.string, "x\n\"y")
        for bad in ["", "{", #"{"a" 1}"#, "[1,]", "tru", #""unterminated"#, String(repeating: "[", count: 100)] {
            XCTAssertNil(QMPValue.parse(bad), bad)
        }
    }

    func testQEMUUsesKVMOnlyWhereTheHostCPUHasHardwareVirtualization() {
        let kvmUsable = access("/dev/kvm", R_OK | W_OK) == 0
        XCTAssertEqual(QEMUAccelerator.forThisHost(cpuInfo: "flags\t\t: fpu vme sse2 hypervisor\n"), .tcg)
        XCTAssertEqual(QEMUAccelerator.forThisHost(cpuInfo: "flags\t\t: fpu vmx sse2\n"), kvmUsable ? .kvm : .tcg)
        XCTAssertEqual(QEMUAccelerator.forThisHost(cpuInfo: "flags\t\t: fpu svm\n"), kvmUsable ? .kvm : .tcg)
    }

    func testAMissingPackageIsNamed() {
        let absent = QEMUInstallation(emulator: "/nonexistent/qemu", seaBIOS: "/nonexistent/bios.bin", ovmfDirectory: "/nonexistent")
        let message = absent.missing(for: .q35, secureBoot: true)?.description ?? ""
        XCTAssertTrue(message.contains("qemu-system-x86, ovmf"), message)
        XCTAssertTrue(message.contains("apt-get install qemu-system-x86 ovmf seabios"), message)
        XCTAssertTrue((absent.missing(for: .pc, secureBoot: false)?.description ?? "").contains("qemu-system-x86, seabios"))
    }
}
