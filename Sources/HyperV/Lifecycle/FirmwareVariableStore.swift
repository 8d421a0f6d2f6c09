import Foundation
import LinuxSystem
import VMM

/// A Generation 2 VM's UEFI NVRAM: its own copy of one of OVMF's variable-store templates, kept beside the
/// VM's configuration (`<Path>/Virtual Machines/<VMId>-<variant>.fd`), so boot entries and Secure Boot keys
/// persist from one start to the next as they do in Hyper-V's guest state file.
///
/// Hyper-V's Secure Boot templates map to OVMF's store with Microsoft's keys enrolled (KEK: Microsoft Corporation
/// KEK CA 2011), its signature database cut down to what the template trusts (`SecureBootTemplateKeys`): Windows'
/// authority for MicrosoftWindows, the UEFI CA that signs shim for the other two; an unsigned loader is refused by
/// all. With Secure Boot off, the store has no keys. A different template or Secure Boot setting gives the VM a
/// fresh store of that kind.
enum FirmwareVariableStore {
    static let templates = ["MicrosoftWindows", "MicrosoftUEFICertificateAuthority", "OpenSourceShieldedVM"]

    static func variant(of firmware: FirmwareSettings) -> String {
        firmware.secureBoot == .On ? "SecureBoot-" + firmware.secureBootTemplate : "NoSecureBoot"
    }

    static func directory(for vm: VMConfiguration) -> String {
        (vm.path as NSString).appendingPathComponent("Virtual Machines")
    }

    static func path(for vm: VMConfiguration) -> String {
        (directory(for: vm) as NSString).appendingPathComponent("\(vm.idUpper)-\(variant(of: vm.firmware)).fd")
    }

    /// The VM's store, made from the template on first use (and the stores of other variants removed).
    static func prepare(for vm: VMConfiguration, installation: QEMUInstallation) throws -> String {
        let secureBoot = vm.firmware.secureBoot == .On
        if secureBoot && !templates.contains(vm.firmware.secureBootTemplate) {
            throw HyperVError("The Secure Boot template '\(vm.firmware.secureBootTemplate)' is not one this host has: use \(templates.joined(separator: ", ")).",
                              errorId: "InvalidParameter", category: .invalidArgument, target: vm.name)
        }
        let target = path(for: vm)
        if FileManager.default.fileExists(atPath: target) { return target }
        let template = installation.ovmfVariablesTemplate(secureBoot: secureBoot)
        do {
            try FileManager.default.createDirectory(atPath: directory(for: vm), withIntermediateDirectories: true)
            var data = try Data(contentsOf: URL(fileURLWithPath: template))
            if secureBoot { data = try SecureBootTemplateKeys.store(for: vm.firmware.secureBootTemplate, from: data) }
            try AtomicFile.write(data, to: target)
        } catch let error as UEFIVariableStoreImage.Malformed {
            throw HyperVError("Failed to make the \(vm.firmware.secureBootTemplate) Secure Boot variable store of '\(vm.name)' from \(template): \(error)",
                              errorId: "OperationFailed", category: .resourceUnavailable, target: vm.name)
        } catch {
            let reason = (error as? AtomicFile.Failure)?.description ?? error.localizedDescription
            throw HyperVError("Failed to create the UEFI variable store of '\(vm.name)' from \(template): \(reason)",
                              errorId: "OperationFailed", category: .resourceUnavailable, target: vm.name)
        }
        removeStores(of: vm, except: target)
        return target
    }

    /// Remove-VM: the VM's stores go with its configuration (its disks stay).
    static func removeStores(of vm: VMConfiguration, except keep: String? = nil) {
        let folder = directory(for: vm)
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        where name.hasPrefix(vm.idUpper + "-") && name.hasSuffix(".fd") {
            let file = (folder as NSString).appendingPathComponent(name)
            if file != keep { try? FileManager.default.removeItem(atPath: file) }
        }
    }
}
