import Foundation
import XCTest

/// Runs the built `hvsh` executable as a child process, the way a user's shell would, with its own
/// scratch HOME so no test reads or writes the real profile or history.
struct HvshProcess {
    struct Result {
        var stdout: String
        var stderr: String
        var status: Int32
    }

    /// `hvsh` sits next to the test bundle in the build directory (`.build/<config>/`).
    static var executable: String {
        let me = URL(fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0])
        var directory = me.deletingLastPathComponent()
        // Inside an .xctest bundle directory (on some layouts) the binary is one level further down.
        while !directory.path.isEmpty, directory.path != "/" {
            let candidate = directory.appendingPathComponent("hvsh").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return me.deletingLastPathComponent().appendingPathComponent("hvsh").path
    }

    static func requireExecutable() throws {
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw XCTSkip("the hvsh executable was not built next to the tests (\(executable))")
        }
    }

    /// The crash tests' "die at any moment": starts `program` with `arguments` and `environment` (its
    /// output discarded, no input), SIGKILLs it after a random pause of `microseconds`, and reaps it.
    static func killAtRandom(_ program: String, _ arguments: [String], environment: [String: String],
                             microseconds: ClosedRange<UInt32>, using generator: inout some RandomNumberGenerator) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        usleep(UInt32.random(in: microseconds, using: &generator))
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// A fresh, empty HOME (removed by `ScratchDirectory.remove`).
    static func makeHome() -> ScratchDirectory { ScratchDirectory(prefix: "hvsh-home") }

    /// Runs hvsh with `arguments`, feeding `stdin` (or /dev/null), and waits at most `timeout` seconds.
    static func run(_ arguments: [String], stdin: String? = nil, home: String, directory: String? = nil,
                    environment extra: [String: String] = [:], timeout: TimeInterval = 30) throws -> Result {
        try runProgram(executable, arguments, stdin: stdin, home: home, directory: directory, environment: extra, timeout: timeout)
    }

    /// Runs another program (a shell that starts hvsh, `ip netns exec`) with hvsh's test environment.
    static func runProgram(_ program: String, _ arguments: [String], stdin: String? = nil, home: String, directory: String? = nil,
                           environment extra: [String: String] = [:], timeout: TimeInterval = 30) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = home
        environment["NO_COLOR"] = "1"
        environment["HVSH_HOME"] = home + "/hvsh-state"
        environment.removeValue(forKey: "XDG_DATA_HOME")
        environment.removeValue(forKey: "XDG_CONFIG_HOME")
        for (key, value) in extra { environment[key] = value }
        process.environment = environment
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }

        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let input = Pipe()
        process.standardInput = stdin == nil ? FileHandle.nullDevice : input
        try process.run()
        if let stdin {
            input.fileHandleForWriting.write(Data(stdin.utf8))
            try? input.fileHandleForWriting.close()
        }
        // Read both pipes on their own threads so a chatty child never blocks on a full pipe.
        let collected = Collected()
        let group = DispatchGroup()
        for (handle, isError) in [(out.fileHandleForReading, false), (err.fileHandleForReading, true)] {
            group.enter()
            DispatchQueue.global().async {
                let data = handle.readDataToEndOfFile()
                collected.set(data, isError: isError)
                group.leave()
            }
        }
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(5_000) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            _ = group.wait(timeout: .now() + 5)
            throw TimedOut(arguments: arguments, partialOutput: collected.text(isError: false))
        }
        process.waitUntilExit()
        _ = group.wait(timeout: .now() + 5)
        return Result(stdout: collected.text(isError: false), stderr: collected.text(isError: true),
                      status: process.terminationStatus)
    }

    struct TimedOut: Error, CustomStringConvertible {
        var arguments: [String]
        var partialOutput: String
        var description: String { "hvsh \(arguments) did not finish; output so far: \(partialOutput)" }
    }

    private final class Collected: @unchecked Sendable {
        private let lock = NSLock()
        private var out = Data(), err = Data()
        func set(_ data: Data, isError: Bool) { lock.withLock { if isError { err = data } else { out = data } } }
        func text(isError: Bool) -> String { lock.withLock { String(decoding: isError ? err : out, as: UTF8.self) } }
    }
}

/// A temporary directory that the test removes at the end.
final class ScratchDirectory {
    let path: String

    init(prefix: String) {
        path = NSTemporaryDirectory() + "\(prefix)-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func write(_ name: String, _ text: String) -> String {
        let file = path + "/" + name
        try? FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: file, contents: Data(text.utf8))
        return file
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
