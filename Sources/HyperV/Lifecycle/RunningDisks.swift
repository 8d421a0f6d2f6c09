import Foundation
import VirtualDisk
import VMM

/// Changes a checkpoint makes to the disk files of a VM: run while nothing has the files open, and
/// answered with the file each old one is replaced by (files not in the map stay).
public typealias DiskFileChange = () throws -> [String: String]

/// Disk files of a running VM. Its worker holds them open (the newest file of each chain locked for
/// writing, the parents shared), so a checkpoint's file operations happen while the VM is paused and
/// the worker has let go of them; the worker then takes the files it is given and the VM carries on.
extension HyperVHost {
    /// Pauses the VM (if it runs), has the worker release its disks, runs `change`, gives the worker the
    /// resulting files and resumes. When `change` fails the worker gets its old files back.
    func changeRunningDisks(_ vm: VMConfiguration, operation: String, _ change: DiskFileChange) throws {
        let vmm = try requireVMM()
        let worker = vmm.worker(for: vm)
        let wasRunning = vmm.status(of: vm).state == .Running
        func failed(_ error: any Error) -> HyperVError {
            (error as? HyperVError) ?? .invalidState(vm: vm, operation: operation, reason: Self.sentence("\(error)"))
        }
        do {
            if wasRunning { try worker.pause() }
        } catch { throw failed(error) }
        defer { if wasRunning { try? worker.resume() } }
        let files = vmm.workerDiskPaths(for: vm)
        do { try worker.detachDisks() } catch { throw failed(error) }
        let replacements: [String: String]
        do { replacements = try change() } catch {
            for (index, path) in files.enumerated() { try? worker.attachDisk(index: index, chain: Self.chain(of: path)) }
            throw failed(error)
        }
        for (index, path) in files.enumerated() {
            do { try worker.attachDisk(index: index, chain: Self.chain(of: replacements[path] ?? path)) } catch { throw failed(error) }
        }
    }

    /// The files the worker is handed for a disk: the file and its parents (it opens none of them itself).
    static func chain(of path: String) -> [String] { (try? DiskImage.chainPaths(of: path)) ?? [path] }

    /// Checkpoint-VM of a running (or paused) VM: its state goes to `directory` and `changeDisks` turns its
    /// disks into parents of new differencing disks, both while the VM is paused, so the saved memory and the
    /// frozen disk files show the same moment. Returns the state the VM was in.
    func captureRunning(_ vm: VMConfiguration, to directory: String, changingDisks: DiskFileChange = { [:] }) throws -> VMState {
        let vmm = try requireVMM()
        let state = vmm.status(of: vm).state
        try? FileManager.default.removeItem(atPath: directory)
        let operation = "Checkpoint operation failed."
        try changeRunningDisks(vm, operation: operation) {
            do { try vmm.worker(for: vm).checkpoint(to: directory) } catch {
                throw HyperVError.invalidState(vm: vm, operation: operation, reason: Self.sentence("\(error)"))
            }
            return try changingDisks()
        }
        return state
    }
}

extension VMMRuntime {
    /// The files the VM's worker serves, in its disk order (as its vm.conf records them).
    func workerDiskPaths(for vm: VMConfiguration) -> [String] {
        let file = RuntimeDirectory(runtimeDirectory(for: vm)).configuration
        guard let text = try? String(contentsOfFile: file, encoding: .utf8),
              let request = try? WorkerLaunchRequest.decode(text) else { return [] }
        return request.machine.disks.map(\.path)
    }
}
