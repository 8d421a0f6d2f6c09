/// The QEMU part of vm.conf: `engine=qemu` and a few more `key=value` lines (escaped as the rest of the file).
///
///     chipset=pc|q35          firmware=bios | uefi,<secure 0|1>,<code path>,<variables path>
///     accel=kvm|tcg           drive=<hd|dvd>,<ide|scsi>,<controller>,<location>,<ro|rw>,<format>,<path or empty>
///     nic-model=virtio-net-pci|e1000 (one per adapter)
///     boot-order=drive:0,nic:1 ...     dynamic-memory=<minimum bytes>,<buffer percent>[,<maximum bytes>]
extension QEMUMachine {
    var configurationLines: [(String, String)] {
        var lines: [(String, String)] = [("engine", "qemu"), ("chipset", chipset.rawValue), ("accel", accelerator.rawValue)]
        switch firmware {
        case .bios: lines.append(("firmware", "bios"))
        case .uefi(let code, let variables, let secureBoot):
            lines.append(("firmware", "uefi,\(secureBoot ? 1 : 0),\(code),\(variables)"))
        }
        for drive in drives {
            let fields = [drive.kind.rawValue, drive.controller.rawValue, String(drive.controllerNumber), String(drive.controllerLocation),
                          drive.readOnly ? "ro" : "rw", drive.format, drive.path ?? ""]
            lines.append(("drive", fields.joined(separator: ",")))
        }
        for model in networkAdapterModels { lines.append(("nic-model", model.rawValue)) }
        let order = bootOrder.map { device -> String in
            switch device {
            case .drive(let index): return "drive:\(index)"
            case .networkAdapter(let index): return "nic:\(index)"
            }
        }
        lines.append(("boot-order", order.joined(separator: ",")))
        if let dynamicMemory { lines.append(("dynamic-memory", "\(dynamicMemory.minimum),\(dynamicMemory.bufferPercent),\(dynamicMemory.maximum)")) }
        return lines
    }

    /// Reads the QEMU lines of a vm.conf; nil when it describes a native VM.
    static func decode(values: [String: String], drives driveLines: [String], nicModels: [String]) throws(VMMError) -> QEMUMachine? {
        guard values["engine"] == "qemu" else { return nil }
        guard let chipset = QEMUChipset(rawValue: values["chipset"] ?? "") else { throw .invalidConfiguration("vm.conf lacks a chipset") }
        let accelerator = QEMUAccelerator(rawValue: values["accel"] ?? "tcg") ?? .tcg
        let firmwareFields = (values["firmware"] ?? "bios").split(separator: ",", maxSplits: 3, omittingEmptySubsequences: false).map(String.init)
        let firmware: QEMUFirmware
        switch firmwareFields.first {
        case "bios": firmware = .bios
        case "uefi":
            guard firmwareFields.count == 4 else { throw .invalidConfiguration("bad firmware entry \(values["firmware"] ?? "")") }
            firmware = .uefi(code: firmwareFields[2], variables: firmwareFields[3], secureBoot: firmwareFields[1] == "1")
        default: throw .invalidConfiguration("unknown firmware \(values["firmware"] ?? "")")
        }
        var drives: [QEMUDrive] = []
        for line in driveLines {
            let fields = line.split(separator: ",", maxSplits: 6, omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 7, let kind = QEMUDrive.Kind(rawValue: fields[0]), let controller = QEMUDrive.Controller(rawValue: fields[1]),
                  let number = Int(fields[2]), let location = Int(fields[3]), fields[4] == "ro" || fields[4] == "rw" else {
                throw .invalidConfiguration("bad drive entry \(line)")
            }
            drives.append(QEMUDrive(kind: kind, controller: controller, controllerNumber: number, controllerLocation: location,
                                    path: fields[6].isEmpty ? nil : fields[6], format: fields[5], readOnly: fields[4] == "ro"))
        }
        var models: [QEMUNetworkAdapterModel] = []
        for text in nicModels {
            guard let model = QEMUNetworkAdapterModel(rawValue: text) else { throw .invalidConfiguration("unknown network adapter model \(text)") }
            models.append(model)
        }
        var order: [QEMUBootDevice] = []
        for entry in (values["boot-order"] ?? "").split(separator: ",") {
            let parts = entry.split(separator: ":")
            guard parts.count == 2, let index = Int(parts[1]), index >= 0 else { throw .invalidConfiguration("bad boot-order entry \(entry)") }
            switch parts[0] {
            case "drive" where index < drives.count: order.append(.drive(index))
            case "nic" where index < models.count: order.append(.networkAdapter(index))
            default: throw .invalidConfiguration("bad boot-order entry \(entry)")
            }
        }
        var dynamicMemory: QEMUDynamicMemory?
        if let text = values["dynamic-memory"] {
            let parts = text.split(separator: ",")
            guard parts.count == 2 || parts.count == 3, let minimum = UInt64(parts[0]), let buffer = Int(parts[1]),
                  let maximum = parts.count == 3 ? UInt64(parts[2]) : 0 else {
                throw .invalidConfiguration("bad dynamic-memory entry \(text)")
            }
            dynamicMemory = QEMUDynamicMemory(minimum: minimum, bufferPercent: buffer, maximum: maximum)
        }
        return QEMUMachine(chipset: chipset, firmware: firmware, accelerator: accelerator, drives: drives,
                           networkAdapterModels: models, bootOrder: order, dynamicMemory: dynamicMemory)
    }
}
