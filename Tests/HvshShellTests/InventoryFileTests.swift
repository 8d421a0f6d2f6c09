import Foundation
import XCTest

/// Issue 17, defects 6 and 7, as a user meets them through `hvsh`: a private inventory, a lock
/// held by another process that ends in an error naming it, and config files that are FIFOs,
/// links or hold impossible values refused by name while the rest still work.
final class InventoryFileTests: XCTestCase {
    private var home: ScratchDirectory!
    private var state: String { home.path + "/hvsh-state" }

    override func setUpWithError() throws {
        try HvshProcess.requireExecutable()
        home = HvshProcess.makeHome()
    }

    override func tearDown() { home?.remove() }

    private func makeVMs(_ names: [String]) throws -> [String: String] {
        let script = names.map { "New-VM -Name \($0) -MemoryStartupBytes 64MB | Out-Null" }.joined(separator: "; ")
            + "; Get-VM | ForEach-Object { \"$($_.Name)=$($_.Id)\" }"
        let result = try HvshProcess.run(["-NoProfile", "-Command", script], home: home.path)
        XCTAssertEqual(result.status, 0, result.stderr)
        var files: [String: String] = [:]
        for line in result.stdout.split(separator: "\n") {
            let parts = line.split(separator: "=").map(String.init)
            files[parts[0]] = "\(state)/Virtual Machines/\(parts[1].uppercased()).json"
        }
        XCTAssertEqual(files.count, names.count, result.stdout)
        return files
    }

    private func mode(_ path: String) -> Int {
        var info = stat()
        XCTAssertEqual(lstat(path, &info), 0, path)
        return Int(info.st_mode & 0o777)
    }

    func testTheInventoryIsPrivateToItsOwner() throws {
        let files = try makeVMs(["private"])
        XCTAssertEqual(mode(state), 0o700)
        XCTAssertEqual(mode(state + "/Virtual Machines"), 0o700)
        XCTAssertEqual(mode(state + "/.lock"), 0o600)
        XCTAssertEqual(mode(files["private"]!), 0o600)
    }

    func testALooseHomeIsTightenedByTheNextCommand() throws {
        let files = try makeVMs(["loose"])
        XCTAssertEqual(chmod(state, 0o755), 0)
        XCTAssertEqual(chmod(files["loose"]!, 0o644), 0)
        let result = try HvshProcess.run(["-NoProfile", "-Command", "(Get-VM).Count"], home: home.path)
        XCTAssertEqual(result.stdout, "1\n", result.stderr)
        XCTAssertEqual(mode(state), 0o700)
        XCTAssertEqual(mode(files["loose"]!), 0o600)
    }

    func testAFifoALinkAndANegativeMemoryAreRefusedByNameAndTheRestStillWork() throws {
        let files = try makeVMs(["fifo", "zero", "negative", "fine"])
        XCTAssertEqual(unlink(files["fifo"]!), 0)
        XCTAssertEqual(mkfifo(files["fifo"]!, 0o600), 0)
        XCTAssertEqual(unlink(files["zero"]!), 0)
        XCTAssertEqual(symlink("/dev/zero", files["zero"]!), 0)
        let text = try String(contentsOfFile: files["negative"]!, encoding: .utf8)
        let edited = text.replacingOccurrences(of: "\"startup\" : 67108864", with: "\"startup\" : -67108864")
        XCTAssertNotEqual(edited, text, "the config holds the startup memory as expected")
        try edited.write(toFile: files["negative"]!, atomically: true, encoding: .utf8)

        for command in ["Get-VM | ForEach-Object Name", "Start-VM -Name negative"] {
            let result = try HvshProcess.run(["-NoProfile", "-Command", command], home: home.path, timeout: 20)
            XCTAssertTrue(result.stderr.contains("'\(files["fifo"]!)' is damaged: it is a FIFO"), result.stderr)
            XCTAssertTrue(result.stderr.contains("'\(files["zero"]!)' is damaged: it is a symbolic link"), result.stderr)
            XCTAssertTrue(result.stderr.contains("'\(files["negative"]!)' is damaged: the field 'memory.startup' is out of range: -67108864"),
                          result.stderr)
            if command.hasPrefix("Get-VM") { XCTAssertEqual(result.stdout, "fine\n", result.stderr) }
        }
    }

    func testAProcessCountBeyondAnyHostIsRefused() throws {
        let files = try makeVMs(["many"])
        let text = try String(contentsOfFile: files["many"]!, encoding: .utf8)
        // The key may be the last of its object (no comma after it): key order is not fixed.
        let edited = text.replacingOccurrences(of: "\"count\" : 1(?=\\s*[,}])", with: "\"count\" : 100000",
                                               options: .regularExpression)
        XCTAssertNotEqual(edited, text)
        try edited.write(toFile: files["many"]!, atomically: true, encoding: .utf8)
        let result = try HvshProcess.run(["-NoProfile", "-Command", "Get-VM"], home: home.path)
        XCTAssertTrue(result.stderr.contains("the field 'processor.count' is out of range: 100000 (it must be between 1 and 2048)"),
                      result.stderr)
    }

    func testACommandWaitingForALockHeldElsewhereFailsAfterTheLimitNamingTheHolder() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/flock") else { throw XCTSkip("util-linux flock is needed") }
        _ = try makeVMs(["locked"])
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
        holder.arguments = ["-x", state + "/.lock", "cat"]
        let input = Pipe()
        holder.standardInput = input
        try holder.run()
        defer { try? input.fileHandleForWriting.close(); holder.waitUntilExit() }
        // Until flock has the lock, hvsh would simply succeed; wait for /proc/locks to show it.
        var inode = stat()
        XCTAssertEqual(stat(state + "/.lock", &inode), 0)
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline,
              !((try? String(contentsOfFile: "/proc/locks", encoding: .utf8)) ?? "").contains(" \(holder.processIdentifier) ") {
            usleep(10_000)
        }

        let started = Date()
        let result = try HvshProcess.run(["-NoProfile", "-Command", "Get-VM"], home: home.path,
                                         environment: ["HVSH_LOCK_TIMEOUT": "1"], timeout: 20)
        let waited = Date().timeIntervalSince(started)
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.stderr.contains("The inventory is locked by process \(holder.processIdentifier) (/usr/bin/flock -x \(state)/.lock cat)"),
                      result.stderr)
        XCTAssertTrue(result.stderr.contains("after 1 second "), result.stderr)
        XCTAssertGreaterThanOrEqual(waited, 1)
        XCTAssertLessThan(waited, 15)
    }
}
