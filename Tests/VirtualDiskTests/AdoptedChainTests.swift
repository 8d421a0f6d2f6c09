import Glibc
import LinuxSystem
import VirtualDisk
import XCTest

/// A chain built from descriptors another process opened and sent over a Unix socket (what a jailed worker
/// gets from the shell): it reads as the chain opened by path does, holds the same locks, and refuses files
/// in the wrong order, a missing parent and files beyond the chain.
final class AdoptedChainTests: XCTestCase {
    private func chain(in scratch: ScratchDirectory) throws -> [String] {
        let base = scratch.file("base.vhdx"), child = scratch.file("child.avhdx"), top = scratch.file("top.avhdx")
        try DiskFiles.create(base, DiskCreateOptions(format: .vhdx, type: .dynamic, size: 8 << 20, blockSize: 1 << 20))
        try DiskImage.open(base, writable: true).write([UInt8](repeating: 0xB1, count: 4096), at: 0)
        try DiskFiles.create(child, DiskCreateOptions(format: .vhdx, type: .differencing, parentPath: base))
        try DiskImage.open(child, writable: true).write([UInt8](repeating: 0xC2, count: 512), at: 1024)
        try DiskFiles.create(top, DiskCreateOptions(format: .vhdx, type: .differencing, parentPath: child))
        return [top, child, base]
    }

    /// Opens `paths` (the first writable) and sends them through a socket pair; returns what arrived.
    private func handOver(_ paths: [String]) throws -> PassedDescriptors {
        var ends: [CInt] = [-1, -1]
        XCTAssertEqual(socketpair(AF_UNIX, CInt(SOCK_STREAM.rawValue) | CInt(SOCK_CLOEXEC.rawValue), 0, &ends), 0)
        let sender = FileDescriptor(owning: ends[0]), receiver = FileDescriptor(owning: ends[1])
        var numbers: [CInt] = []
        for (index, path) in paths.enumerated() {
            numbers.append(try FileDescriptor.open(path, index == 0 ? .readWrite : .readOnly).release())
        }
        try sender.send(Array("attach\n".utf8), passing: numbers)
        for number in numbers { close(number) }
        let message = try receiver.receive(upToCount: 64)
        XCTAssertEqual(message.bytes, Array("attach\n".utf8))
        XCTAssertEqual(message.descriptors.count, paths.count)
        return message.descriptors
    }

    func testAdoptedChainReadsAsOpenedByPathAndHoldsTheLocks() throws {
        let scratch = ScratchDirectory()
        let paths = try chain(in: scratch)
        let expected = try DiskImage.open(paths[0]).read(at: 0, count: 8192)
        XCTAssertEqual(paths, try DiskImage.chainPaths(of: paths[0]))
        let adopted = try DiskImage.open(adopting: try handOver(paths), path: paths[0], writable: true)
        XCTAssertEqual(try adopted.read(at: 0, count: 8192), expected)
        XCTAssertEqual(expected[1024], 0xC2)
        XCTAssertEqual(expected[0], 0xB1)
        try adopted.write([7, 7, 7], at: 100)
        XCTAssertThrowsError(try DiskImage.open(paths[0], writable: true), "the newest file is not held exclusively")
        XCTAssertThrowsError(try DiskImage.open(paths[1], writable: true), "a parent can be written under the chain")
    }

    func testWrongOrderMissingParentAndExtraFilesAreRefused() throws {
        let scratch = ScratchDirectory()
        let paths = try chain(in: scratch)
        XCTAssertThrowsError(try DiskImage.open(adopting: try handOver([paths[0], paths[2], paths[1]]), path: paths[0], writable: true)) { error in
            XCTAssertEqual((error as? DiskError)?.kind, .parentMismatch, "\(error)")
        }
        XCTAssertThrowsError(try DiskImage.open(adopting: try handOver([paths[0], paths[1]]), path: paths[0], writable: true)) { error in
            XCTAssertEqual((error as? DiskError)?.kind, .parentNotFound, "\(error)")
        }
        XCTAssertThrowsError(try DiskImage.open(adopting: try handOver(paths + [paths[2]]), path: paths[0], writable: true)) { error in
            XCTAssertEqual((error as? DiskError)?.kind, .invalidArgument, "\(error)")
        }
    }
}
