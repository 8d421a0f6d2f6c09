import CLinuxSystem
import Glibc

/// Other processes, by pid.
public enum Processes {
    /// kill(2).
    public static func signal(_ pid: pid_t, _ signal: CInt) throws(Errno) {
        _ = try valueOrErrno { kill(pid, signal) }
    }

    /// Whether `pid` names a process this one could signal (kill with signal 0; EPERM means it exists).
    public static func exists(_ pid: pid_t) -> Bool {
        do throws(Errno) { try signal(pid, 0); return true } catch { return error == .notPermitted }
    }

    /// waitpid(2) until the child ends: its exit code, or 128 + the signal that ended it (as shells and
    /// .NET report it).
    public static func waitForExit(_ pid: pid_t) throws(Errno) -> CInt {
        var status: CInt = 0
        _ = try valueOrErrno { waitpid(pid, &status, 0) }
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal
    }

    /// fork(2): 0 in the child, the child's pid in the parent. Only safe before the process starts threads.
    public static func fork() throws(Errno) -> pid_t {
        try valueOrErrno { Glibc.fork() }
    }

    /// setsid(2): the calling process leads a new session, away from the caller's terminal and signals.
    public static func startSession() throws(Errno) {
        _ = try valueOrErrno { setsid() }
    }

    /// getpid(2).
    public static var current: pid_t { getpid() }

    /// sysconf(_SC_NPROCESSORS_ONLN): CPUs online on this host.
    public static var onlineProcessorCount: Int { max(1, sysconf(CInt(_SC_NPROCESSORS_ONLN))) }

    /// sysconf(_SC_PAGESIZE).
    public static var pageSize: Int { sysconf(CInt(_SC_PAGESIZE)) }

    /// gettid(2): the calling thread's kernel id (.NET's NativeThreadId).
    public static func currentThreadID() -> Int64 { Int64(cls_gettid()) }

    /// The running executable's path (readlink of /proc/self/exe), or nil without /proc.
    public static func executablePath() -> String? { try? FileSystem.readLink("/proc/self/exe") }
}
