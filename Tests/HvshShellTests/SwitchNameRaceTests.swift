import Foundation
import XCTest

/// Issue 17, defect 5: New-VMSwitch and Rename-VMSwitch check the name in the transaction that
/// writes it, so two shells racing for the same names never make two switches of one name (two
/// shells once made 56 switches for 30 names). Each shell runs sandboxed (its own network
/// namespace, so the bridges go away with it) on one shared inventory.
final class SwitchNameRaceTests: XCTestCase {
    private var home: ScratchDirectory!

    override func setUpWithError() throws {
        try HvshProcess.requireExecutable()
        guard geteuid() == 0 else { throw XCTSkip("New-VMSwitch needs root (bridges in a sandbox namespace)") }
        home = HvshProcess.makeHome()
    }

    override func tearDown() { home?.remove() }

    private func sandboxed(_ script: String) throws -> HvshProcess.Result { try Self.sandboxed(script, home: home.path) }

    private static func sandboxed(_ script: String, home: String) throws -> HvshProcess.Result {
        let result = try HvshProcess.run(["-Sandbox", "-NoProfile", "-Command", script], home: home, timeout: 120)
        if result.stderr.contains("cannot create a network namespace") { throw XCTSkip(result.stderr) }
        return result
    }

    /// Both shells at once; returns when both have finished.
    private func race(_ scripts: [String]) throws -> [HvshProcess.Result] {
        let results = Results()
        let home = home.path
        DispatchQueue.concurrentPerform(iterations: scripts.count) { index in
            results.set(index, Result { try Self.sandboxed(scripts[index], home: home) })
        }
        return try (0..<scripts.count).map { try results.get($0).get() }
    }

    private func switchNames() throws -> [String] {
        let listing = try sandboxed("Get-VMSwitch | ForEach-Object Name")
        XCTAssertEqual(listing.status, 0, listing.stderr)
        return listing.stdout.split(separator: "\n").map(String.init)
    }

    func testTwoShellsCreatingTheSameSwitchNamesMakeEachNameOnce() throws {
        let names = (1...20).map { "race\($0)" }
        let script = "foreach ($n in '\(names.joined(separator: "','"))') { New-VMSwitch -Name $n -SwitchType Private -ErrorAction SilentlyContinue | Out-Null }; exit 0"
        for result in try race([script, script]) { XCTAssertEqual(result.status, 0, result.stderr) }
        let made = try switchNames()
        XCTAssertEqual(made.sorted(), names.sorted(), "each name exactly once")
    }

    func testTwoShellsRenamingDifferentSwitchesToOneNameLeaveOneOfEach() throws {
        let count = 15
        let setup = try sandboxed((1...count).map { "New-VMSwitch -Name p\($0) -SwitchType Private | Out-Null; New-VMSwitch -Name q\($0) -SwitchType Private | Out-Null" }
            .joined(separator: "; "))
        XCTAssertEqual(setup.status, 0, setup.stderr)
        let scripts = ["p", "q"].map { from in
            "foreach ($i in 1..\(count)) { Rename-VMSwitch -Name \(from)$i -NewName r$i -ErrorAction SilentlyContinue }; exit 0"
        }
        for result in try race(scripts) { XCTAssertEqual(result.status, 0, result.stderr) }
        let names = try switchNames()
        XCTAssertEqual(names.count, 2 * count, names.joined(separator: " "))
        XCTAssertEqual(Set(names.map { $0.lowercased() }).count, names.count, "no name twice: \(names.sorted())")
        for index in 1...count {
            XCTAssertEqual(names.filter { $0 == "r\(index)" }.count, 1, "r\(index) in \(names.sorted())")
        }
    }

    private final class Results: @unchecked Sendable {
        private let lock = NSLock()
        private var values: [Int: Result<HvshProcess.Result, any Error>] = [:]
        func set(_ index: Int, _ value: Result<HvshProcess.Result, any Error>) { lock.withLock { values[index] = value } }
        func get(_ index: Int) -> Result<HvshProcess.Result, any Error> { lock.withLock { values[index]! } }
    }
}
