import FuzzHarnesses

// libFuzzer entry points for the inventory target (see fuzz/Harnesses).
@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(_ argc: UnsafeMutablePointer<Int32>?, _ argv: UnsafeMutableRawPointer?) -> Int32 {
    FuzzTarget.isolate()
    // A relative path in a fuzzed config resolves in the scratch inventory, not where the fuzzer started.
    FuzzTarget.enterInventoryScratchDirectory()
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    FuzzTarget.inventory.run(UnsafeRawBufferPointer(start: data, count: size))
    return 0
}
