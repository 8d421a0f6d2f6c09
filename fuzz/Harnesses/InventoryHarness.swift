import Foundation
import HyperV
import Inventory
import PSRuntime
import VMM

/// The inventory loader on edited config files: any bytes as a VM config, a checkpoint or the host
/// settings document, read the way `Get-VM` reads them (damaged files reported by name) and shown by
/// the Hyper-V cmdlets; a VM that loads is also turned into the worker's launch request. Runs on
/// a scratch inventory with configuration-only Hyper-V (no workers, no switches).
enum InventoryHarness {
    static let vmID = "6F1B0D4C-2A53-4C1E-9F44-0D1C1A2B3C4D"
    static let kinds = ["Virtual Machines/\(vmID).json", "Snapshots/\(vmID).json", "Host.json"]

    // libFuzzer (and the replayer) call a target from one thread only.
    nonisolated(unsafe) private static let setup: (root: String, session: ShellSession) = {
        ResourceLimits.maxAllocationBytes = 64 << 20
        let root = NSTemporaryDirectory() + "hvsh-fuzz-inventory-\(getpid())"
        for folder in ["", "/Virtual Machines", "/Snapshots"] {
            try? FileManager.default.createDirectory(atPath: root + folder, withIntermediateDirectories: true)
        }
        setenv("HVSH_HOME", root, 1)
        let session = ShellSession(host: DiscardingHost(),
                                   modules: [EvaluatorHarness.module,
                                             HyperVModule.module(factories: HyperVSession.configurationOnlyFactories)])
        session.hostAccess = .none
        return (root, session)
    }()

    static let script = """
        try { Get-VMHost | Format-List * | Out-String | Out-Null } catch {}
        try {
            foreach ($vm in Get-VM -ErrorAction SilentlyContinue) {
                $vm | Format-List * | Out-String | Out-Null
                $vm | Format-Table | Out-String | Out-Null
                foreach ($c in 'Get-VMProcessor', 'Get-VMMemory', 'Get-VMNetworkAdapter', 'Get-VMHardDiskDrive',
                               'Get-VMDvdDrive', 'Get-VMFirmware', 'Get-VMIntegrationService', 'Get-VMSnapshot') {
                    try { & $c -VM $vm | Format-List * | Out-String | Out-Null } catch {}
                }
            }
        } catch {}
        """

    static func run(_ bytes: UnsafeRawBufferPointer) {
        guard let kind = bytes.first, bytes.count <= 64 << 10 else { return }
        let (root, session) = setup
        let body = Data(bytes.dropFirst())
        let path = root + "/" + kinds[Int(kind) % kinds.count]
        for other in kinds where other != kinds[Int(kind) % kinds.count] { unlink(root + "/" + other) }
        guard FileManager.default.createFile(atPath: path, contents: body) else { return }
        if Int(kind) % kinds.count == 0, var vm = try? FastJSONDecoder().decode(VMConfiguration.self, from: body) {
            // A kernel path would make the launch request read that file; the loader is what is under test.
            vm.firmware.kernelPath = nil
            // A config on the QEMU engine may be refused (QEMU missing, a disk that is not there): an error, not a crash.
            if let request = try? VMMRuntime(root: root).launchRequest(for: vm) {
                _ = try? WorkerLaunchRequest.decode(request.encoded())
            }
        }
        _ = session.run(script)
    }
}
