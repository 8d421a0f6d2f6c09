import VMM

/// The worker's control-socket request parser, its `vm.conf` reader and the exit record reader, on
/// any text: each either parses or is refused, and what parses must read back the same from its own
/// wire form.
enum ControlRequestHarness {
    static func run(_ bytes: UnsafeRawBufferPointer) {
        guard bytes.count <= 8192 else { return }
        let text = String(decoding: bytes, as: UTF8.self)
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if let action = WorkerAction(line: String(line)) {
                let again = WorkerAction(line: action.line)
                fuzzInvariant(again == action, "request \(action) does not read back from \(action.line)")
            }
        }
        if let record = try? WorkerExitRecord(decoding: text) {
            let again = try? WorkerExitRecord(decoding: record.encoded)
            fuzzInvariant(again == record, "exit record does not read back: \(record.encoded.prefix(200))")
        }
        if let request = try? WorkerLaunchRequest.decode(text) {
            let again = try? WorkerLaunchRequest.decode(request.encoded())
            fuzzInvariant(again == request, "vm.conf does not read back: \(request.encoded().prefix(200))")
        }
    }
}
