/// The fuzz targets: each takes any bytes and must return without a crash, a hang or unbounded
/// memory, whatever the bytes are. libFuzzer drives them (`fuzz/`, `bench/fuzz/run.sh`); the test
/// suite replays the committed corpus through the same functions (`FuzzCorpusTests`).
public enum FuzzTarget: String, CaseIterable, Sendable {
    case parser, evaluator, json, csv, inventory, controlRequest = "control-request", virtQueue = "virtqueue",
         netlinkReply = "netlink-reply"

    /// Runs one input (on a thread with a large stack, as hvsh runs scripts, where the code under
    /// test recurses on what the input nests).
    public func run(_ bytes: UnsafeRawBufferPointer) {
        guard needsLargeStack else { return runHere(bytes) }
        let input = Array(bytes)
        BigStackThread.shared.run { input.withUnsafeBytes { self.runHere($0) } }
    }

    /// The VMM's and netlink's decoders loop over what they read and recurse at most a level or two;
    /// handing each input to the large-stack thread and back (two thread switches) was a tenth of
    /// the control-request target's time.
    var needsLargeStack: Bool {
        switch self {
        case .controlRequest, .virtQueue, .netlinkReply: false
        default: true
        }
    }

    private func runHere(_ bytes: UnsafeRawBufferPointer) {
        switch self {
        case .parser: ParserHarness.run(bytes)
        case .evaluator: EvaluatorHarness.run(bytes)
        case .json: JSONHarness.run(bytes)
        case .csv: CSVHarness.run(bytes)
        case .inventory: InventoryHarness.run(bytes)
        case .controlRequest: ControlRequestHarness.run(bytes)
        case .virtQueue: VirtQueueHarness.run(bytes)
        case .netlinkReply: NetlinkReplyHarness.run(bytes)
        }
    }

    public func run(_ bytes: [UInt8]) { bytes.withUnsafeBytes { run($0) } }

    /// See `InventoryHarness.enterScratchDirectory`.
    public static func enterInventoryScratchDirectory() { InventoryHarness.enterScratchDirectory() }
}

/// A harness's invariant failed: stop with a message (libFuzzer records the input as a crash).
func fuzzInvariant(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
    if !condition() { fatalError("fuzz invariant: \(message())") }
}

import Foundation
import LinuxSystem

extension FuzzTarget {
    /// Called once before fuzzing: the process leaves the host's network namespace for an empty one
    /// of its own (when it may), so nothing a target runs could send a packet anywhere. Threads the
    /// targets start later inherit it.
    public static func isolate() {
        BigStackThread.underLibFuzzer = true
        do throws(Errno) { try NetworkNamespace.unshareCurrentThread() } catch {
            FileHandle.standardError.write(Data("fuzz: running without a network namespace of its own (\(error))\n".utf8))
        }
    }
}

/// Runs each input on one long-lived thread with a 512 MiB stack. libFuzzer calls from the main
/// thread, whose stack is small and whose bounds only /proc/self/maps tells: the parser and the
/// evaluator would start a large-stack thread of their own for every input (and look the bounds up
/// each time), which made the parser target run at a few hundred inputs a second.
///
/// A stack overflow on that thread (recursion nothing bounds) raises SIGSEGV with no stack left to
/// run a handler on, and the process died without libFuzzer saving the input (the evaluator target
/// did, once): the thread has an alternate signal stack, and libFuzzer's handlers run on it.
final class BigStackThread: @unchecked Sendable {
    static let shared = BigStackThread()
    /// Set by the libFuzzer entry points (whose crash handlers are moved onto the alternate stack).
    nonisolated(unsafe) static var underLibFuzzer = false
    // `work` is handed over under the semaphores: one thread touches it at a time.
    private var work: (() -> Void)?
    private let ready = DispatchSemaphore(value: 0)
    private let done = DispatchSemaphore(value: 0)

    private init() {
        let thread = Thread { [self] in
            Self.useAlternateSignalStack()
            while true {
                ready.wait()
                work?()
                work = nil
                done.signal()
            }
        }
        thread.stackSize = 512 << 20
        thread.start()
    }

    /// Gives this thread an alternate signal stack and has the SIGSEGV and SIGBUS handlers (libFuzzer's,
    /// installed before the first input runs) use it.
    private static func useAlternateSignalStack() {
        let size = 1 << 20
        guard let memory = mmap(nil, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
              memory != MAP_FAILED else { return }
        var stack = stack_t(ss_sp: memory, ss_flags: 0, ss_size: size)
        guard sigaltstack(&stack, nil) == 0, underLibFuzzer else { return }
        for signal in [SIGSEGV, SIGBUS] {
            var action = sigaction()
            guard sigaction(signal, nil, &action) == 0 else { continue }
            action.sa_flags |= Int32(SA_ONSTACK)
            _ = sigaction(signal, &action, nil)
        }
    }

    func run(_ body: @escaping () -> Void) {
        work = body
        ready.signal()
        done.wait()
    }
}
