import Foundation
import Inventory
import PSRuntime

/// Where Get-VMProcessor, Get-VMMemory and the other device getters read from: live VMs (by name
/// or object) or a checkpoint object (`-VMSnapshot`, alias `-VMCheckpoint`).
struct DeviceSource {
    var config: VMConfiguration
    var owner: VMOwner

    /// The getters' source parameters: `-VMName`, `-VM` and `-VMSnapshot`.
    static let parameters: [any ParameterKey] = HyperVParameters.vmSets + [HyperVParameters.vmSnapshot]

    static func resolve(_ context: CmdletContext, _ host: HyperVHost) throws -> [DeviceSource] {
        if let snapshots = context[HyperVParameters.vmSnapshot] {
            return snapshots.compactMap { value in
                guard let model = value.asObject?.model(as: VMOwnerAndConfig.self), model.snapshot != nil else { return nil }
                return DeviceSource(config: model.config, owner: model.owner)
            }
        }
        return try context.targetVMs(host).map { DeviceSource(config: $0, owner: HyperVObjects.owner($0, host)) }
    }

    /// The device getters (Get-VMProcessor, Get-VMMemory, Get-VMBios, Get-VMFirmware) take the same parameters.
    static func getterDeclaration(_ name: String, outputType: String, synopsis: String) -> CmdletDeclaration {
        CmdletDeclaration(name, parameters: parameters + HyperVParameters.remoting, defaultParameterSet: "VMName",
                          outputTypes: [outputType], synopsis: synopsis)
    }

    /// The device getters: one object per VM (or checkpoint), from the settings `pick` reads; a VM
    /// for which `refusal` gives an error (a generation without such a device) gets that error instead.
    static func writeSettings<Settings>(_ context: CmdletContext, _ template: ObjectTemplate<DeviceView<Settings>>,
                                        refusing refusal: (VMConfiguration) -> HyperVError? = { _ in nil },
                                        _ pick: (VMConfiguration) -> Settings) throws {
        let host = try context.service(HyperVHost.self)
        try context.reporting {
            for source in try resolve(context, host) {
                if let error = refusal(source.config) {
                    try context.writeFailure(error)
                    continue
                }
                try context.writeObject(.object(template.make(DeviceView(owner: source.owner, settings: pick(source.config), index: 0))))
            }
        }
    }
}

/// The VM objects a Set-/Add- device cmdlet works on, from -VMName, -VM, or a device object's
/// owner (`Get-VMProcessor x | Set-VMProcessor`).
extension CmdletContext {
    /// The VMs a device setter (Set-VMProcessor, Set-VMBios, ...) changes: the owners of the device
    /// objects bound to `devices`, else the VMs of -VMName or -VM.
    func deviceOwners<Settings: Sendable>(_ devices: Parameter<[PSValue]>, as settings: Settings.Type, _ host: HyperVHost) throws -> [VMConfiguration] {
        isBound(devices) ? try configsFromDevices(devices, as: settings, host).map(\.0) : try targetVMs(host)
    }

    func configsFromDevices<Settings>(_ parameter: Parameter<[PSValue]>, as _: Settings.Type, _ host: HyperVHost) throws -> [(VMConfiguration, DeviceView<Settings>)] {
        var result: [(VMConfiguration, DeviceView<Settings>)] = []
        for value in self[parameter] ?? [] {
            guard let device = value.asObject?.model(as: DeviceView<Settings>.self) else { continue }
            if device.owner.snapshotId != nil {
                try writeFailure(HyperVError("A checkpoint's devices cannot be changed; apply the checkpoint first.",
                                            errorId: "InvalidParameter", category: .invalidArgument, target: device.owner.vmName))
                continue
            }
            guard let vm = try host.vm(id: device.owner.vmId) else { try writeFailure(HyperVError.vmNotFound(device.owner.vmName)); continue }
            result.append((vm, device))
        }
        return result
    }
}
