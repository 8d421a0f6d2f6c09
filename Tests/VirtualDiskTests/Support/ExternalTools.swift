import Foundation
import XCTest

/// The independent implementations the format tests compare against: QEMU's `qemu-img`/`qemu-io`
/// (package qemu-utils) and the Python package dissect.hypervisor. Each test skips with a message
/// when its tool is missing.
enum ExternalTools {
    struct Output {
        var status: Int32
        var text: String
    }

    /// Runs a program with posix_spawn, output (stdout and stderr together) through a file.
    static func run(_ program: String, _ arguments: [String]) -> Output {
        let outputPath = NSTemporaryDirectory() + "vd-tool-\(getpid())-\(UInt64.random(in: 0...UInt64.max)).out"
        defer { unlink(outputPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        let argv = ([program] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        guard posix_spawnp(&pid, program, &actions, nil, argv, environ) == 0 else { return Output(status: 127, text: "cannot run \(program)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        let exit = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return Output(status: exit, text: text)
    }

    static func available(_ program: String) -> Bool {
        run("sh", ["-c", "command -v \(program)"]).status == 0
    }

    static func requireQemuImg() throws {
        guard available("qemu-img") else { throw XCTSkip("needs qemu-img (Debian package qemu-utils); skipping the interoperability test") }
    }

    static func requireDissect() throws {
        guard run("python3", ["-c", "import dissect.hypervisor"]).status == 0 else {
            throw XCTSkip("needs the Python package dissect.hypervisor (pip install dissect.hypervisor); skipping the chain check")
        }
    }

    /// `qemu-img <arguments>`, failing the test on a non-zero exit.
    @discardableResult
    static func qemuImg(_ arguments: [String], file: StaticString = #filePath, line: UInt = #line) -> String {
        let output = run("qemu-img", arguments)
        XCTAssertEqual(output.status, 0, "qemu-img \(arguments.joined(separator: " ")): \(output.text)", file: file, line: line)
        return output.text
    }

    /// `qemu-img info --output=json` as a dictionary.
    static func qemuInfo(_ path: String, format: String, file: StaticString = #filePath, line: UInt = #line) -> [String: Any] {
        let text = qemuImg(["info", "--output=json", "-f", format, path], file: file, line: line)
        return (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
    }

    /// The disk's bytes as qemu-img reads them (`convert -O raw`).
    static func qemuRaw(_ path: String, format: String, in directory: String, file: StaticString = #filePath, line: UInt = #line) -> [UInt8] {
        let raw = directory + "/qemu-\(UInt32.random(in: 0...UInt32.max)).raw"
        defer { unlink(raw) }
        qemuImg(["convert", "-f", format, "-O", "raw", path, raw], file: file, line: line)
        return Array((try? Data(contentsOf: URL(fileURLWithPath: raw))) ?? Data())
    }

    static var fixtures: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures").path
    }

    /// The disk's bytes as dissect.hypervisor reads them, parents included.
    static func dissectRaw(_ path: String, format: String, in directory: String) -> (bytes: [UInt8], output: String) {
        let raw = directory + "/dissect-\(UInt32.random(in: 0...UInt32.max)).raw"
        defer { unlink(raw) }
        let output = run("python3", [fixtures + "/dissect_read.py", format, path, raw])
        return (Array((try? Data(contentsOf: URL(fileURLWithPath: raw))) ?? Data()), output.text)
    }
}

/// A fresh directory per test, removed afterwards.
final class ScratchDirectory {
    let path: String
    init() {
        var template = Array((NSTemporaryDirectory() + "vdtest-XXXXXX").utf8CString)
        path = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)) }
    }
    func file(_ name: String) -> String { path + "/" + name }
    deinit { _ = try? FileManager.default.removeItem(atPath: path) }
}

/// Deterministic, non-repeating bytes: a block of data whose misplacement shows. (Filled eight
/// bytes at a time through a raw buffer: debug builds make a per-byte loop slow at 32 MiB.)
func pattern(_ count: Int, seed: UInt64) -> [UInt8] {
    var state = seed &* 0x9E37_79B9_7F4A_7C15 | 1
    var bytes = [UInt8](repeating: 0, count: (count + 7) / 8 * 8)
    bytes.withUnsafeMutableBytes { buffer in
        let words = buffer.bindMemory(to: UInt64.self)
        for i in 0..<words.count {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            words[i] = state
        }
    }
    bytes.removeLast(bytes.count - count)
    return bytes
}
