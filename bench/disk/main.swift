// hvsh's side of bench/disk: the requests `qemu-img bench` makes (buffer size, count, step from
// offset 0, wrapping at the disk's end), submitted the way it submits them: a main thread keeps
// `depth` requests in flight (qemu-img bench's default is 64) and a pool of as many threads serves
// them, here through VirtualDisk's DiskImage. Timed as qemu-img bench times its run: the requests
// only, not opening or closing. Usage:
//   DiskBench <file> read|write <buffer bytes> <count> <step bytes> [depth]
// Prints the seconds the requests took.
#if canImport(Glibc)
import Glibc
#endif
import LinuxSystem
import VirtualDisk

let arguments = CommandLine.arguments
guard arguments.count >= 6, let bufferSize = Int(arguments[3]), let count = Int(arguments[4]), let step = UInt64(arguments[5]) else {
    print("usage: DiskBench <file> read|write <buffer bytes> <count> <step bytes> [depth]")
    exit(2)
}
let depth = arguments.count > 6 ? max(1, Int(arguments[6]) ?? 64) : 64

func now() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

/// The submission queue between the main thread and the pool. Request i goes to (i × step) mod
/// size, the offsets qemu-img bench's running sum gives.
final class Bench: @unchecked Sendable {
    let disk: DiskImage
    let bufferSize: Int, count: Int, step: UInt64, writing: Bool
    // One mutex, two conditions (work queued for the pool, a request finished for the main
    // thread), so each event wakes one waiter rather than all 64 threads.
    let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    let work = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    let done = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    // Guarded by `mutex`.
    var queued: [Int] = []
    var finished = 0
    var stopping = false
    var failure: String?

    init(disk: DiskImage, bufferSize: Int, count: Int, step: UInt64, writing: Bool) {
        (self.disk, self.bufferSize, self.count, self.step, self.writing) = (disk, bufferSize, count, step, writing)
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(work, nil)
        pthread_cond_init(done, nil)
    }

    /// A pool thread: takes queued requests until told to stop. Like qemu-img bench, all requests
    /// share one buffer pattern; each thread has its own buffer.
    func serve() {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: bufferSize, alignment: 4096)
        defer { buffer.deallocate() }
        buffer.initializeMemory(as: UInt8.self, repeating: 0xA5)
        while true {
            pthread_mutex_lock(mutex)
            while queued.isEmpty && !stopping { pthread_cond_wait(work, mutex) }
            if queued.isEmpty { pthread_mutex_unlock(mutex); return }
            let i = queued.removeLast()
            pthread_mutex_unlock(mutex)
            let product = UInt64(i).multipliedFullWidth(by: step)
            let position = disk.size.dividingFullWidth((product.high % disk.size, product.low)).remainder
            var error: String?
            do {
                if writing { try disk.write(UnsafeRawBufferPointer(buffer), at: position) } else { try disk.read(into: buffer, at: position) }
            } catch let failed {
                error = "\(failed)"
            }
            pthread_mutex_lock(mutex)
            finished += 1
            if let error { failure = error }
            pthread_cond_signal(done)
            pthread_mutex_unlock(mutex)
        }
    }

    /// The main thread: keeps `depth` requests in flight until all `count` are done.
    func run() {
        var submitted = 0
        pthread_mutex_lock(mutex)
        while finished < count && failure == nil {
            while submitted < count && submitted - finished < depth {
                queued.insert(submitted, at: 0)
                submitted += 1
                pthread_cond_signal(work)
            }
            pthread_cond_wait(done, mutex)
        }
        stopping = true
        pthread_cond_broadcast(work)
        pthread_mutex_unlock(mutex)
    }
}

do {
    let bench = Bench(disk: try DiskImage.open(arguments[1], writable: arguments[2] == "write"), bufferSize: bufferSize,
                      count: count, step: step, writing: arguments[2] == "write")
    let pool = try (0..<min(depth, 64)).map { _ in try SystemThread { bench.serve() } }
    let start = now()
    bench.run()
    let seconds = now() - start
    pool.forEach { $0.join() }
    if let failure = bench.failure { print("error: \(failure)"); exit(1) }
    print(String(seconds))
} catch {
    print("error: \(error)")
    exit(1)
}
