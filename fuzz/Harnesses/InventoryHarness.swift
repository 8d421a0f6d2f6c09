import Foundation
import HyperV
import Inventory
import JSONText
import LinuxSystem
import PSRuntime
import VMM

/// The inventory loader on edited config files: any bytes as a VM config, a checkpoint or the host
/// settings document, read the way `Get-VM` reads them (damaged files reported by name) and shown by
/// the Hyper-V cmdlets; a VM that loads is also turned into the worker's launch request. Runs on
/// a scratch inventory with configuration-only Hyper-V (no workers, no switches). The scratch inventory
/// lives in memory (/dev/shm) where there is one: each input is a file write, and the inventory fsyncs
/// what it writes, which on a disk made this target wait on the disk for most of each run.
enum InventoryHarness {
    static let vmID = "6F1B0D4C-2A53-4C1E-9F44-0D1C1A2B3C4D"
    static let kinds = ["Virtual Machines/\(vmID).json", "Snapshots/\(vmID).json", "Host.json"]
    nonisolated(unsafe) static var scratchRoot: String?

    // libFuzzer (and the replayer) call a target from one thread only.
    nonisolated(unsafe) private static let setup: (root: String, session: ShellSession) = {
        ResourceLimits.maxAllocationBytes = 64 << 20
        let memory = (try? FileSystem.status("/dev/shm"))?.isDirectory == true && access("/dev/shm", W_OK) == 0
        let root = (memory ? "/dev/shm/" : NSTemporaryDirectory()) + "hvsh-fuzz-inventory-\(getpid())"
        for folder in ["", "/Virtual Machines", "/Snapshots"] {
            try? FileManager.default.createDirectory(atPath: root + folder, withIntermediateDirectories: true)
        }
        scratchRoot = root
        // The scratch inventory goes with the process (the corpus tests run this in the test process).
        atexit { if let root = InventoryHarness.scratchRoot { try? FileManager.default.removeItem(atPath: root) } }
        setenv("HVSH_HOME", root, 1)
        let session = ShellSession(host: DiscardingHost(),
                                   modules: [EvaluatorHarness.module,
                                             HyperVModule.module(factories: HyperVSession.configurationOnlyFactories)])
        session.hostAccess = .none
        return (root, session)
    }()

    /// Get-VMHost shows the host settings document and nothing else the harness writes: run for
    /// a VM or checkpoint input it showed the same defaults every time (and it was a third of this
    /// target's time, perf on 400 corpus inputs).
    static let hostScript = "try { Get-VMHost | Format-List * | Out-String | Out-Null } catch {}"

    static let script = """
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

    /// Makes the scratch inventory the process's working directory (the fuzzer process only; the
    /// corpus tests replay reviewed inputs in the test process and leave its directory alone).
    public static func enterScratchDirectory() {
        _ = chdir(setup.root)
    }

    /// Paths in a config are followed: Get-VM reads a disk's first sector to choose the engine (and a
    /// QEMU generation 2 VM's launch request writes its firmware variable store under the VM's Path,
    /// which `run` points at the scratch inventory). Fuzzed text may name any file of this machine (a
    /// device among them), so an input holding a path that reaches outside the scratch inventory and
    /// /tmp (where the seeds' paths are) is not run at all: absolute elsewhere, drive-qualified, from
    /// home, or with `..`. Relative paths resolve in the scratch inventory (`enterScratchDirectory`).
    static func reachesOutside(_ body: Data, root: String) -> Bool {
        guard let node = try? JSONReader.read(String(decoding: body, as: UTF8.self), grammar: .lenient) else { return false }
        func outside(_ node: JSONNode) -> Bool {
            switch node {
            case .string(let s):
                if s.contains("..") || s.hasPrefix("~") || s.hasPrefix("\\") { return true }
                if s.hasPrefix("/") { return !(s.hasPrefix("/tmp/") || s.hasPrefix(root + "/")) }
                let scalars = Array(s.unicodeScalars.prefix(2))
                return scalars.count == 2 && scalars[1] == ":"
            case .array(let items): return items.contains(where: outside)
            case .object(let members): return members.contains { outside(.string($0.0)) || outside($0.1) }
            default: return false
            }
        }
        return outside(node)
    }

    static func run(_ bytes: UnsafeRawBufferPointer) {
        guard let kind = bytes.first, bytes.count <= 64 << 10 else { return }
        let (root, session) = setup
        let body = Data(bytes.dropFirst())
        if reachesOutside(body, root: root) { return }
        let path = root + "/" + kinds[Int(kind) % kinds.count]
        for other in kinds where other != kinds[Int(kind) % kinds.count] { unlink(root + "/" + other) }
        // A plain write: FileManager.createFile writes a temporary file, fsyncs it and renames it.
        do throws(Errno) {
            let file = try FileDescriptor.open(path, .writeOnly, options: [.create, .truncate], permissions: 0o600)
            try file.writeAll(body)
        } catch { return }
        if Int(kind) % kinds.count == 0, var vm = try? FastJSONDecoder().decode(VMConfiguration.self, from: body) {
            // A kernel path would make the launch request read that file; the loader is what is under test.
            vm.firmware.kernelPath = nil
            vm.path = root
            // A config on the QEMU engine may be refused (QEMU missing, a disk that is not there): an error, not a crash.
            if let request = try? VMMRuntime(root: root).launchRequest(for: vm) {
                _ = try? WorkerLaunchRequest.decode(request.encoded())
            }
        }
        _ = try? session.invoke(ReaderSession.compiled(Int(kind) % kinds.count == 2 ? hostScript : script, in: session))
    }
}
