// hvsh's side of bench/disk: the requests `qemu-img bench` makes (buffer size, count, step from
// offset 0, wrapping at the disk's end), through VirtualDisk's DiskImage, with `threads` requests
// in flight (qemu-img bench keeps 64 in flight on its thread pool), timed as qemu-img bench times
// them: the requests only, not opening or closing. Usage:
//   DiskBench <file> read|write <buffer bytes> <count> <step bytes> [threads]
// Prints the seconds the requests took.
#if canImport(Glibc)
import Glibc
#endif
import LinuxSystem
import Synchronization
import VirtualDisk

let arguments = CommandLine.arguments
guard arguments.count >= 6, let bufferSize = Int(arguments[3]), let count = Int(arguments[4]), let step = UInt64(arguments[5]) else {
    print("usage: DiskBench <file> read|write <buffer bytes> <count> <step bytes> [threads]")
    exit(2)
}
let threads = arguments.count > 6 ? max(1, Int(arguments[6]) ?? 1) : 1
let writing = arguments[2] == "write"

func now() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

/// Request i goes to (i × step) mod size, the offsets qemu-img bench's running sum gives.
final class Requests: Sendable {
    let disk: DiskImage
    let bufferSize: Int, count: Int, step: UInt64, writing: Bool
    let next = Atomic<Int>(0)
    let failure = Mutex<String?>(nil)
    init(disk: DiskImage, bufferSize: Int, count: Int, step: UInt64, writing: Bool) {
        (self.disk, self.bufferSize, self.count, self.step, self.writing) = (disk, bufferSize, count, step, writing)
    }

    func work() {
        // qemu-img bench writes a buffer filled with one pattern byte.
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: bufferSize, alignment: 4096)
        defer { buffer.deallocate() }
        buffer.initializeMemory(as: UInt8.self, repeating: 0xA5)
        while true {
            let i = next.wrappingAdd(1, ordering: .relaxed).oldValue
            if i >= count { return }
            let offset = UInt64(i).multipliedFullWidth(by: step)
            let (_, position) = disk.size.dividingFullWidth((offset.high % disk.size, offset.low))
            do {
                if writing { try disk.write(UnsafeRawBufferPointer(buffer), at: position) } else { try disk.read(into: buffer, at: position) }
            } catch {
                failure.withLock { $0 = "\(error)" }
                return
            }
        }
    }
}

do {
    let requests = Requests(disk: try DiskImage.open(arguments[1], writable: writing), bufferSize: bufferSize, count: count,
                            step: step, writing: writing)
    let start = now()
    let workers = try (1..<threads).map { _ in try SystemThread { requests.work() } }
    requests.work()
    workers.forEach { $0.join() }
    let seconds = now() - start
    if let failure = requests.failure.withLock({ $0 }) { print("error: \(failure)"); exit(1) }
    print(String(seconds))
} catch {
    print("error: \(error)")
    exit(1)
}
