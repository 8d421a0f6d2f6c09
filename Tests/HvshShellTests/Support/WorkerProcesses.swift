import Foundation
import XCTest

/// The VM workers on this machine, found from /proc the way an administrator would look: a process that
/// holds a KVM VM (a descriptor on `anon_inode:kvm-vm`) and whose command line names `hvsh-worker`.
enum WorkerProcesses {
    /// Skips unless VMs can run here (root, /dev/kvm, a built hvsh-worker).
    static func requireVMs() throws {
        try HvshProcess.requireExecutable()
        guard getuid() == 0 else { throw XCTSkip("running VMs needs root") }
        guard access("/dev/kvm", R_OK | W_OK) == 0 else { throw XCTSkip("running a VM needs /dev/kvm") }
        let worker = (HvshProcess.executable as NSString).deletingLastPathComponent + "/hvsh-worker"
        guard FileManager.default.isExecutableFile(atPath: worker) else { throw XCTSkip("hvsh-worker was not built next to hvsh") }
    }

    static func commandLine(_ pid: Int32) -> String? {
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return nil }
        return String(decoding: data.map { $0 == 0 ? 0x20 : $0 }, as: UTF8.self)
    }

    static func descriptorTargets(_ pid: Int32) -> [String: String] {
        let directory = "/proc/\(pid)/fd"
        var result: [String: String] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [] {
            result[name] = (try? FileManager.default.destinationOfSymbolicLink(atPath: directory + "/" + name)) ?? "?"
        }
        return result
    }

    /// Live workers (holding a VM) whose command line contains `text`.
    static func workers(matching text: String) -> [Int32] {
        let pids = ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).compactMap { Int32($0) }
        return pids.filter { pid in
            guard let line = commandLine(pid), line.contains("hvsh-worker"), line.contains(text) else { return false }
            return descriptorTargets(pid).values.contains("anon_inode:kvm-vm")
        }
    }

    static func isAlive(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let end = stat.lastIndex(of: ")") else { return false }
        let state = stat[stat.index(end, offsetBy: 2)]
        return state != "Z" && state != "X"
    }

    static func networkNamespace(_ pid: Int32) -> String? {
        try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/ns/net")
    }

    /// Direct children of `pid`.
    static func children(of pid: Int32) -> [Int32] {
        let pids = ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).compactMap { Int32($0) }
        return pids.filter { candidate in
            guard let stat = try? String(contentsOfFile: "/proc/\(candidate)/stat", encoding: .utf8),
                  let end = stat.lastIndex(of: ")") else { return false }
            let fields = stat[stat.index(end, offsetBy: 2)...].split(separator: " ")
            return fields.count > 1 && Int32(fields[1]) == pid
        }
    }

    /// Waits until `condition` holds, polling; false at the deadline.
    static func wait(seconds: Double, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            usleep(20_000)
        }
        return condition()
    }
}
