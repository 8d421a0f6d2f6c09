import Glibc

/// Descriptors that arrived with a message (SCM_RIGHTS), owned until taken: those nobody takes close with
/// the set. A class, since a connection keeps them between receiving its request and answering it.
public final class PassedDescriptors: @unchecked Sendable {
    private var numbers: [CInt]

    init(_ numbers: [CInt]) { self.numbers = numbers }
    public static let none = PassedDescriptors([])

    public var count: Int { numbers.count }

    /// Descriptor `index` as an owned one (nil when absent or already taken).
    public func take(_ index: Int) -> FileDescriptor? {
        guard numbers.indices.contains(index), numbers[index] >= 0 else { return nil }
        defer { numbers[index] = -1 }
        return FileDescriptor(owning: numbers[index])
    }

    /// Descriptor `index`'s number while it is still held here (for a path through /proc/self/fd).
    public func number(_ index: Int) -> CInt? {
        numbers.indices.contains(index) && numbers[index] >= 0 ? numbers[index] : nil
    }

    /// A copy of descriptor `index` (the original stays here), for trying it one way and then another.
    public func duplicate(_ index: Int) -> FileDescriptor? {
        guard let number = number(index) else { return nil }
        let borrowed = FileDescriptor(owning: number)
        let copy = try? borrowed.duplicate()
        _ = borrowed.release()
        return copy
    }

    deinit { for number in numbers where number >= 0 { Glibc.close(number) } }
}

// Handing descriptors to another process over a Unix socket: the shell opens what a jailed worker may no
// longer open by itself (a checkpoint's disk files, a tap, a snapshot folder) and sends the open files.
extension FileDescriptor {
    /// The most descriptors one message carries (the kernel's own limit is 253).
    public static let maximumPassed = 16

    /// sendmsg(2) of `bytes` with `descriptors` attached (SCM_RIGHTS; the numbers stay the caller's, the
    /// peer gets its own copies). The bytes go in one message, so a short send is an error.
    public func send(_ bytes: [UInt8], passing descriptors: [CInt]) throws(Errno) {
        precondition(!bytes.isEmpty && descriptors.count <= Self.maximumPassed)
        var control = [UInt8](repeating: 0, count: Self.controlSpace(for: descriptors.count))
        if !descriptors.isEmpty {
            control.withUnsafeMutableBytes { raw in
                let header = raw.baseAddress!.assumingMemoryBound(to: cmsghdr.self)
                header.pointee.cmsg_len = Self.controlLength(for: descriptors.count)
                header.pointee.cmsg_level = SOL_SOCKET
                header.pointee.cmsg_type = CInt(SCM_RIGHTS)
                for (index, number) in descriptors.enumerated() {
                    raw.storeBytes(of: number, toByteOffset: Self.controlHeaderSize + index * MemoryLayout<CInt>.size, as: CInt.self)
                }
            }
        }
        var data = bytes
        let sent = try valueOrErrno {
            data.withUnsafeMutableBytes { payload in
                control.withUnsafeMutableBytes { controlBytes in
                    Self.withMessage(payload: payload, control: descriptors.isEmpty ? nil : controlBytes) { message in
                        sendmsg(rawValue, &message, CInt(MSG_NOSIGNAL))
                    }
                }
            }
        }
        if sent != bytes.count { throw Errno.ioError }
    }

    /// recvmsg(2) of up to `count` bytes and any descriptors sent with them (received close-on-exec). More
    /// descriptors than `maximumPassed` in one message are closed by the kernel (MSG_CTRUNC): an error.
    public func receive(upToCount count: Int) throws(Errno) -> (bytes: [UInt8], descriptors: PassedDescriptors) {
        var bytes = [UInt8](repeating: 0, count: count)
        var control = [UInt8](repeating: 0, count: Self.controlSpace(for: Self.maximumPassed))
        var truncated = false
        var controlUsed = 0
        let received = try valueOrErrno {
            bytes.withUnsafeMutableBytes { payload in
                control.withUnsafeMutableBytes { controlBytes in
                    Self.withMessage(payload: payload, control: controlBytes) { message in
                        let result = recvmsg(rawValue, &message, CInt(MSG_CMSG_CLOEXEC))
                        truncated = message.msg_flags & CInt(MSG_CTRUNC) != 0
                        controlUsed = result >= 0 ? Int(message.msg_controllen) : 0
                        return result
                    }
                }
            }
        }
        let descriptors = PassedDescriptors(Self.descriptors(in: control, used: controlUsed))
        if truncated { throw Errno.invalidArgument }
        return (Array(bytes.prefix(received)), descriptors)
    }

    /// The msghdr of one message, `payload` its single iovec and `control` (nil: none) its ancillary
    /// data, handed to `call` (sendmsg or recvmsg) while the pointers in it are valid.
    private static func withMessage(payload: UnsafeMutableRawBufferPointer, control: UnsafeMutableRawBufferPointer?,
                                    _ call: (inout msghdr) -> Int) -> Int {
        var vector = iovec(iov_base: payload.baseAddress, iov_len: payload.count)
        return withUnsafeMutablePointer(to: &vector) { vectorPointer in
            var message = msghdr(msg_name: nil, msg_namelen: 0, msg_iov: vectorPointer, msg_iovlen: 1,
                                 msg_control: control?.baseAddress, msg_controllen: control?.count ?? 0, msg_flags: 0)
            return call(&message)
        }
    }

    // struct cmsghdr is { size_t cmsg_len; int cmsg_level; int cmsg_type; }, its data aligned to size_t.
    private static let controlHeaderSize = MemoryLayout<Int>.size + 2 * MemoryLayout<CInt>.size
    private static func controlLength(for count: Int) -> Int { controlHeaderSize + count * MemoryLayout<CInt>.size }
    private static func controlSpace(for count: Int) -> Int {
        let align = MemoryLayout<Int>.size
        return (controlLength(for: max(count, 1)) + align - 1) / align * align
    }

    /// The SCM_RIGHTS numbers in the first `used` bytes of a received control buffer.
    private static func descriptors(in control: [UInt8], used: Int) -> [CInt] {
        control.withUnsafeBytes { raw in
            var numbers: [CInt] = []
            var offset = 0
            let end = min(used, raw.count)
            while offset + controlHeaderSize <= end {
                let length = raw.loadUnaligned(fromByteOffset: offset, as: Int.self)
                let level = raw.loadUnaligned(fromByteOffset: offset + MemoryLayout<Int>.size, as: CInt.self)
                let type = raw.loadUnaligned(fromByteOffset: offset + MemoryLayout<Int>.size + MemoryLayout<CInt>.size, as: CInt.self)
                guard length >= controlHeaderSize, offset + length <= end else { break }
                if level == SOL_SOCKET, type == CInt(SCM_RIGHTS) {
                    var at = offset + controlHeaderSize
                    while at + MemoryLayout<CInt>.size <= offset + length {
                        numbers.append(raw.loadUnaligned(fromByteOffset: at, as: CInt.self))
                        at += MemoryLayout<CInt>.size
                    }
                }
                let align = MemoryLayout<Int>.size
                offset += (length + align - 1) / align * align
            }
            return numbers
        }
    }
}
