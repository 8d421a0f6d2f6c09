import Glibc
import LinuxSystem

/// Unix stream sockets for the worker's control and console endpoints, and the one-line exchanges on them.
public enum UnixSocket {
    static func address(_ path: String) throws(VMMError) -> sockaddr_un {
        do { return try UnixSocketAddress.make(path) } catch {
            throw .invalidConfiguration("socket path longer than \(UnixSocketAddress.maximumPathLength) bytes: \(path)")
        }
    }

    /// socket + bind + listen, replacing a stale socket file.
    public static func listen(_ path: String) throws(VMMError) -> FileDescriptor {
        let address = try address(path)
        _ = try? FileSystem.removeFileIfPresent(path)
        do {
            let socket = try FileDescriptor.socket(AF_UNIX, CInt(SOCK_STREAM.rawValue))
            try socket.bind(to: address)
            try socket.listen(backlog: 16)
            return socket
        } catch {
            throw .system("listening on \(path)", error)
        }
    }

    /// Connects to a listening socket. Non-blocking, a full backlog (a peer that accepts nothing) is
    /// `.system(_, .wouldBlock)` at once instead of a wait with no end; reads then go through `readLine`'s poll.
    public static func connect(_ path: String, nonBlocking: Bool = false) throws(VMMError) -> FileDescriptor {
        let address = try address(path)
        do {
            let socket = try FileDescriptor.socket(AF_UNIX, CInt(SOCK_STREAM.rawValue), nonBlocking: nonBlocking)
            try socket.connect(to: address)
            return socket
        } catch {
            throw .system("connect(\(path))", error)
        }
    }

    /// Reads one `\n`-terminated line (without it), waiting at most `timeoutMilliseconds` in total.
    public static func readLine(_ socket: borrowing FileDescriptor, timeoutMilliseconds: Int32, limit: Int = 4096) -> String? {
        var bytes: [UInt8] = []
        let deadline = Clock.monotonicNanoseconds() + UInt64(timeoutMilliseconds) * 1_000_000
        var entries = [PollEntry(socket, .readable)]
        while bytes.count < limit {
            let now = Clock.monotonicNanoseconds()
            guard now < deadline else { return nil }
            guard let ready = try? Poll.wait(&entries, timeoutMilliseconds: Int32((deadline - now) / 1_000_000) + 1) else { return nil }
            if ready == 0 { return nil }
            let byte: [UInt8]
            do throws(Errno) { byte = try socket.read(upToCount: 1) } catch Errno.wouldBlock { continue } catch { return nil }
            guard let first = byte.first else { return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self) }
            if first == UInt8(ascii: "\n") { return String(decoding: bytes, as: UTF8.self) }
            bytes.append(first)
        }
        return nil
    }

    /// Sends a line; MSG_NOSIGNAL so a vanished peer is an error, not SIGPIPE.
    public static func writeLine(_ socket: borrowing FileDescriptor, _ line: String) -> Bool {
        (try? socket.sendAll(Array((line + "\n").utf8), flags: CInt(MSG_NOSIGNAL))) != nil
    }
}
