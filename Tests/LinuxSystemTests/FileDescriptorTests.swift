import Glibc
import LinuxSystem
import XCTest

final class FileDescriptorTests: XCTestCase {
    func testErrnoMatchesInCatchClauses() {
        do {
            _ = try FileDescriptor.open("/nonexistent/hvsh-test", .readOnly)
            XCTFail("opening a missing file succeeded")
        } catch Errno.noSuchFile {
            // The readable constant matched the thrown error.
        } catch {
            XCTFail("unexpected \(error)")
        }
        XCTAssertEqual(Errno.noSuchFile.description, "No such file or directory")
    }

    func testOwnerClosesExactlyOnceAndReleaseHandsOver() throws {
        let directory = try makeTemporaryDirectory(self)
        var raw: CInt = -1
        do {
            let file = try FileDescriptor.open(directory + "/a", .writeOnly, options: .create)
            raw = file.rawValue
            XCTAssertTrue(isOpen(raw))
        }
        XCTAssertFalse(isOpen(raw), "the descriptor outlived its owner")

        let released = try FileDescriptor.open(directory + "/a", .readOnly).release()
        XCTAssertTrue(isOpen(released), "release() closed the descriptor")
        try FileDescriptor(owning: released).close()
        XCTAssertFalse(isOpen(released))
    }

    func testPositionedReadsAndWritesLeaveTheOffsetAlone() throws {
        let directory = try makeTemporaryDirectory(self)
        let file = try FileDescriptor.open(directory + "/data", .readWrite, options: [.create, .truncate])
        try file.writeAll(Array("hello world".utf8))
        try Array("WORLD".utf8).withUnsafeBytes { raw in try file.writeAll(toAbsoluteOffset: 6, raw) }
        var five = [UInt8](repeating: 0, count: 5)
        let count = try five.withUnsafeMutableBytes { raw in try file.read(fromAbsoluteOffset: 6, into: raw) }
        XCTAssertEqual(count, 5)
        XCTAssertEqual(String(decoding: five, as: UTF8.self), "WORLD")
        // The plain write above left the offset at the end; pread/pwrite did not move it.
        XCTAssertEqual(try file.read(upToCount: 10), [])
        XCTAssertEqual(try file.status().size, 11)
        try file.resize(to: 5)
        XCTAssertEqual(String(decoding: try FileSystem.readFile(directory + "/data"), as: UTF8.self), "hello")
    }

    func testDuplicateIsIndependentlyOwned() throws {
        let directory = try makeTemporaryDirectory(self)
        let file = try FileDescriptor.open(directory + "/d", .writeOnly, options: .create)
        let copy = try file.duplicate(atLeast: 20)
        XCTAssertGreaterThanOrEqual(copy.rawValue, 20)
        XCTAssertEqual(fcntl(copy.rawValue, F_GETFD) & FD_CLOEXEC, FD_CLOEXEC)
        let copyNumber = copy.rawValue
        try copy.close()
        XCTAssertFalse(isOpen(copyNumber))
        XCTAssertTrue(isOpen(file.rawValue))
    }

    func testPipeEventCounterAndPoll() throws {
        let pipe = try FileDescriptor.pipe()
        let counter = try EventCounter()
        var entries = [PollEntry(pipe.readEnd, .readable), PollEntry(counter.descriptor, .readable)]
        XCTAssertEqual(try Poll.wait(&entries, timeoutMilliseconds: 0), 0)

        counter.signal()
        XCTAssertEqual(try Poll.wait(&entries, timeoutMilliseconds: 1000), 1)
        XCTAssertFalse(entries[0].isReady)
        XCTAssertTrue(entries[1].returned.contains(.readable))
        counter.drain()
        XCTAssertEqual(try Poll.wait(&entries, timeoutMilliseconds: 0), 0)

        try pipe.writeEnd.writeAll(Array("x".utf8))
        XCTAssertEqual(try Poll.wait(&entries, timeoutMilliseconds: 1000), 1)
        XCTAssertTrue(entries[0].isReady)
        XCTAssertEqual(try pipe.readEnd.read(upToCount: 4), Array("x".utf8))
    }

    func testUnixStreamSocketRoundTrip() throws {
        let directory = try makeTemporaryDirectory(self)
        let address = try UnixSocketAddress.make(directory + "/s.sock")
        let listener = try FileDescriptor.socket(AF_UNIX, CInt(SOCK_STREAM.rawValue))
        try listener.bind(to: address)
        try listener.listen(backlog: 4)
        let client = try FileDescriptor.socket(AF_UNIX, CInt(SOCK_STREAM.rawValue))
        try client.connect(to: address)
        let server = try listener.accept()
        try client.sendAll(Array("ping".utf8), flags: CInt(MSG_NOSIGNAL))
        var buffer = [UInt8](repeating: 0, count: 16)
        let count = try buffer.withUnsafeMutableBytes { try server.receive(into: $0) }
        XCTAssertEqual(String(decoding: buffer[0..<count], as: UTF8.self), "ping")

        XCTAssertThrowsError(try UnixSocketAddress.make(String(repeating: "x", count: 200))) { error in
            XCTAssertEqual(error as? Errno, .fileNameTooLong)
        }
    }

    func testPrivateFileMappingNeverWritesTheFile() throws {
        let directory = try makeTemporaryDirectory(self)
        let file = try FileDescriptor.open(directory + "/m", .readWrite, options: .create)
        try file.writeAll([UInt8](repeating: 7, count: 4096))
        let mapping = try MemoryMapping(file: file, length: 4096, shared: false)
        XCTAssertEqual(mapping.bytes[100], 7)
        mapping.bytes[100] = 9
        XCTAssertEqual(try FileSystem.readFile(directory + "/m")[100], 7)

        let anonymous = try MemoryMapping.anonymous(length: 8192, reserve: false)
        anonymous.bytes[5000] = 1
        try MemoryMapping.discardPages(at: anonymous.base, length: 8192)
        XCTAssertEqual(anonymous.bytes[5000], 0, "discarded anonymous pages read back as zeros")
    }
}
