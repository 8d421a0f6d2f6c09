/// System.Runtime.InteropServices.Marshal: only SizeOf, the unmanaged size of a primitive, which scripts
/// (and PowerShell's own tests) use to tell narrow integer types from wide ones.
extension StaticTypes {
    nonisolated(unsafe) static let marshalTypes: [StaticType] = [
        StaticType(keys: ["runtime.interopservices.marshal"], methods: [
            StaticType.method("SizeOf", "static int SizeOf(System.Object structure)", "static int SizeOf(type t)") { call in
                guard call.args.count == 1 else { throw call.wrongCount() }
                let argument = call.args[0].unwrapped
                guard case .type(let type) = argument, let size = unmanagedSize(type) else {
                    let name = argument.typeNames.first ?? "System.Object"
                    throw DotNetErrors.methodInvocation("SizeOf", argumentCount: 1, DotNetErrors.argument(
                        "Type '\(name)' cannot be marshaled as an unmanaged structure; no meaningful size or offset can be computed."))
                }
                return .int(Int32(size))
            },
        ]),
    ]

    /// Marshalled sizes: bool is a 4-byte Win32 BOOL and char a 1-byte ANSI char, as .NET marshals them.
    private static func unmanagedSize(_ type: PSType) -> Int? {
        switch type {
        case .byte, .sbyte, .char: return 1
        case .int16, .uint16: return 2
        case .int32, .uint32, .single, .bool: return 4
        case .int64, .uint64, .double: return 8
        case .decimal, .guid: return 16
        case .enumType: return 4
        case .named(let n) where n == "System.IntPtr" || n == "System.UIntPtr": return 8
        default: return nil
        }
    }
}
