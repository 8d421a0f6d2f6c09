import Dispatch
import Foundation
import VirtualDisk
import XCTest

/// One disk shared by several threads (as a VM's queues may share it): reads in parallel with each
/// other, writes alone; every thread's data ends up where it wrote it, parents included.
final class ConcurrentIOTests: XCTestCase {
    func testThreadsSharingADifferencingDisk() throws {
        let scratch = ScratchDirectory()
        let base = scratch.file("base.vhdx"), child = scratch.file("child.vhdx")
        try DiskFiles.create(base, DiskCreateOptions(format: .vhdx, type: .dynamic, size: 32 << 20, blockSize: 1 << 20))
        let baseData = pattern(32 << 20, seed: 130)
        try DiskImage.open(base, writable: true).write(baseData, at: 0)
        try DiskFiles.create(child, DiskCreateOptions(format: .vhdx, type: .differencing, parentPath: base))
        let disk = try DiskImage.open(child, writable: true)
        let threads = 4, slice = (32 << 20) / threads
        let failures = Mutex<[String]>([])
        let written = Mutex<[(Int, [UInt8])]>([])
        DispatchQueue.concurrentPerform(iterations: threads) { t in
            var mine: [(Int, [UInt8])] = []
            defer { written.withLock { $0 += mine } }
            var rng = SystemRandomNumberGenerator()
            for round in 0..<60 {
                // Sector-unaligned writes of this thread's slice, and reads anywhere.
                let count = Int.random(in: 1...20_000, using: &rng)
                let offset = t * slice + Int.random(in: 0..<(slice - count), using: &rng)
                let data = pattern(count, seed: UInt64(t * 1000 + round))
                do {
                    try disk.write(data, at: UInt64(offset))
                    mine.append((offset, data))
                    if try disk.read(at: UInt64(offset), count: count) != data { failures.withLock { $0.append("thread \(t) round \(round)") } }
                    let elsewhere = Int.random(in: 0..<((32 << 20) - 4096), using: &rng)
                    _ = try disk.read(at: UInt64(elsewhere), count: 4096)
                } catch {
                    failures.withLock { $0.append("\(error)") }
                }
            }
        }
        XCTAssertEqual(failures.withLock { $0 }, [])
        try disk.flush()
        // Slices are disjoint, so each thread's writes in its own order give the whole disk; what
        // no thread wrote still comes from the parent.
        var expected = ExpectedDisk(baseData)
        for (offset, data) in written.withLock({ $0 }) { expected.bytes.replaceSubrange(offset..<(offset + data.count), with: data) }
        try expected.verify(disk)
    }
}

import Synchronization
