import Glibc
import LinuxSystem
import XCTest

final class ProcessAndNamespaceTests: XCTestCase {
    func testSpawnedProgramsOutputAndExitStatus() throws {
        let pipe = try FileDescriptor.pipe()
        let reader = pipe.readEnd, writer = pipe.writeEnd
        var spawn = ProcessSpawn(path: "/bin/sh", arguments: ["sh", "-c", "pwd; exit 3"])
        spawn.fileActions = [.duplicate(writer.rawValue, as: 1)]
        spawn.directory = "/usr"
        let pid = try spawn.run()
        try writer.close()
        XCTAssertEqual(String(decoding: try reader.readToEnd(), as: UTF8.self), "/usr\n")
        XCTAssertEqual(try Processes.waitForExit(pid), 3)
    }

    func testSignalledChildReportsOneHundredTwentyEightPlusTheSignal() throws {
        let pid = try ProcessSpawn(path: "/bin/sleep", arguments: ["sleep", "30"]).run()
        XCTAssertTrue(Processes.exists(pid))
        try Processes.signal(pid, SIGTERM)
        XCTAssertEqual(try Processes.waitForExit(pid), 128 + SIGTERM)
        XCTAssertThrowsError(try ProcessSpawn(path: "/nonexistent", arguments: ["x"]).run()) { error in
            XCTAssertEqual(error as? Errno, .noSuchFile)
        }
    }

    func testEnteringNamespacesByDescriptorAndByPath() throws {
        guard getuid() == 0 else { throw XCTSkip("creating network namespaces needs root") }
        let outcome: [String?] = try onNewThread {
            let home = NetworkNamespace.currentIdentity()
            let homeDescriptor = try NetworkNamespace.openCurrent()
            try NetworkNamespace.unshareCurrentThread()
            let fresh = NetworkNamespace.currentIdentity()
            // A namespace file that stays the new namespace after this thread leaves it.
            let freshDescriptor = try NetworkNamespace.openCurrent()
            let freshPath = "/proc/self/fd/\(freshDescriptor.rawValue)"
            try NetworkNamespace.enter(homeDescriptor)
            let back = NetworkNamespace.currentIdentity()
            try NetworkNamespace.enter(path: freshPath)
            let again = NetworkNamespace.currentIdentity()
            try NetworkNamespace.enter(homeDescriptor)
            _ = consume freshDescriptor
            return [home, fresh, back, again]
        }
        XCTAssertNotNil(outcome[0])
        XCTAssertNotEqual(outcome[0], outcome[1], "unshare made a new namespace")
        XCTAssertEqual(outcome[2], outcome[0], "entered the first namespace again by descriptor")
        XCTAssertEqual(outcome[3], outcome[1], "entered the new namespace by path")
    }

    func testTapIsCreatedWithItsNameAndPersistsOnlyWhenAsked() throws {
        guard getuid() == 0, FileSystem.exists("/dev/net/tun") else { throw XCTSkip("taps need root and /dev/net/tun") }
        let indices: [UInt32] = try onNewThread {
            try NetworkNamespace.unshareCurrentThread()
            var seen: [UInt32] = []
            do {
                let tap = try TapDevice(name: "lstap0", virtioHeaderSize: 12, nonBlocking: true)
                XCTAssertEqual(tap.name, "lstap0")
                seen.append(if_nametoindex("lstap0"))
                // A second open of a tap that already has a queue is refused.
                XCTAssertThrowsError(try TapDevice(name: "lstap0")) { XCTAssertEqual($0 as? Errno, .busy) }
            }
            seen.append(if_nametoindex("lstap0"))
            do {
                let tap = try TapDevice(name: "lstap1")
                try tap.setPersistent(true)
            }
            seen.append(if_nametoindex("lstap1"))
            try TapDevice(name: "lstap1").setPersistent(false)
            seen.append(if_nametoindex("lstap1"))
            XCTAssertThrowsError(try TapDevice(name: "has space")) { XCTAssertEqual($0 as? Errno, .invalidArgument) }
            return seen
        }
        XCTAssertNotEqual(indices[0], 0, "the tap exists while open")
        XCTAssertEqual(indices[1], 0, "a tap that is not persistent goes with its descriptor")
        XCTAssertNotEqual(indices[2], 0, "a persistent tap outlives its descriptor")
        XCTAssertEqual(indices[3], 0, "and goes once it is no longer persistent")
    }
}
