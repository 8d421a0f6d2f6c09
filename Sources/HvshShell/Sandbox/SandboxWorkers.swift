import Glibc
import HyperV
import LinuxSystem
import VMM

/// The VMs a sandboxed hvsh leaves running when it ends (normally, by `exit`, or killed by a signal).
/// Their workers are nobody's children and would run on with parent 1, unreachable once the scratch home
/// is gone, and keep the sandbox's network (its switches, its uplink) alive. The outer hvsh turns them off.
enum SandboxWorkers {
    /// Turns off every worker of the inventory at `home`; with `namespace`, only those running in that
    /// network namespace (a home the user named may hold VMs of other sessions).
    static func turnOff(home: String, onlyInNamespace namespace: UInt64?) {
        for directory in VMMRuntime.runtimeDirectories(root: home) {
            let worker = VMWorker(runtimeDirectory: directory)
            // A worker still starting (its launcher killed half-way) holds the lock before it has a pid file.
            let deadline = Clock.monotonicNanoseconds() + 5_000_000_000
            while worker.livePID() == nil, worker.isLocked(), Clock.monotonicNanoseconds() < deadline {
                Clock.sleep(milliseconds: 20)
            }
            guard let pid = worker.livePID() else { continue }
            if let namespace, namespaceInode(of: pid) != namespace { continue }
            try? worker.turnOff(timeoutMilliseconds: 5_000)
        }
    }

    static func namespaceInode(of pid: pid_t) -> UInt64? {
        var info = stat()
        return stat("/proc/\(pid)/ns/net", &info) == 0 ? UInt64(info.st_ino) : nil
    }
}
