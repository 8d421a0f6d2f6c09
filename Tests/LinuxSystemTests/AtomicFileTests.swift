import Glibc
import LinuxSystem
import XCTest

final class AtomicFileTests: XCTestCase {
    func testReplacesTheFileWholeAndLeavesNoTemporaryFile() throws {
        let directory = try makeTemporaryDirectory(self)
        let path = directory + "/config.json"
        try AtomicFile.write(Array("first".utf8), to: path)
        try AtomicFile.write(Array("second".utf8), to: path, permissions: 0o600, durability: .fileSynced)
        XCTAssertEqual(FileSystem.readText(path), "second")
        XCTAssertEqual(try FileSystem.listDirectory(directory), ["config.json"])
        XCTAssertEqual(try FileSystem.status(path).mode & 0o077, 0, "asked for 0600")
    }

    func testAFailedWriteKeepsTheOldFileAndRemovesItsTemporary() throws {
        let directory = try makeTemporaryDirectory(self)
        let path = directory + "/state"
        try AtomicFile.write(Array("old".utf8), to: path, durability: .replacedOnly)
        XCTAssertThrowsError(try AtomicFile.write(to: path) { (file) throws(Errno) in
            try file.writeAll(Array("half of the new".utf8))
            throw Errno.noSpace
        }) { error in
            guard let failure = error as? AtomicFile.Failure else { return XCTFail("\(error)") }
            XCTAssertEqual(failure.errno, .noSpace)
        }
        XCTAssertEqual(FileSystem.readText(path), "old")
        XCTAssertEqual(try FileSystem.listDirectory(directory), ["state"])
    }

    func testAMissingDirectoryIsReportedAsTheCreatingStep() throws {
        let directory = try makeTemporaryDirectory(self)
        XCTAssertThrowsError(try AtomicFile.write([1], to: directory + "/missing/file")) { error in
            guard let failure = error as? AtomicFile.Failure else { return XCTFail("\(error)") }
            XCTAssertEqual(failure.errno, .noSuchFile)
            XCTAssertTrue(failure.path.hasPrefix(directory + "/missing/.file."), failure.path)
            XCTAssertTrue(AtomicFile.isLeftover(String(failure.path.split(separator: "/").last!)))
        }
    }

    func testMakeDirectoriesListAndRemove() throws {
        let directory = try makeTemporaryDirectory(self)
        XCTAssertTrue(try FileSystem.makeDirectories(directory + "/a/b/c"))
        XCTAssertFalse(try FileSystem.makeDirectories(directory + "/a/b/c"), "nothing new to create")
        XCTAssertTrue(try FileSystem.status(directory + "/a/b").isDirectory)
        XCTAssertEqual(try FileSystem.listDirectory(directory + "/a"), ["b"])
        XCTAssertFalse(try FileSystem.removeFileIfPresent(directory + "/a/none"))
        XCTAssertThrowsError(try FileSystem.removeDirectory(directory + "/a")) { error in
            XCTAssertEqual(error as? Errno, .directoryNotEmpty)
        }
        XCTAssertEqual(try FileSystem.readLink("/proc/self/exe"), Processes.executablePath())
    }
}
