import Foundation

/// Debian's own kernel (package `linux-image-amd64`) unpacked somewhere this machine can read: its bzImage and
/// the modules a busybox initramfs needs to reach disks, DVDs, NICs and the ACPI power button.
public struct GuestKernel: Sendable {
    public let image: String
    public let release: String
    /// `lib/modules/<release>/kernel`.
    public let moduleTree: String

    /// Where the kernel is looked for, in order: `$HVSH_GUEST_KERNEL_DIR` (a directory a `linux-image-*.deb` was
    /// unpacked into with `dpkg -x`), the repository's `.build/guest-kernel` (where `.ci/run` and the README's set-up
    /// unpack it), then the host's own `/boot` with its `/lib/modules`.
    public static func find(repositoryRoot: String) -> GuestKernel? {
        var roots: [String] = []
        if let custom = ProcessInfo.processInfo.environment["HVSH_GUEST_KERNEL_DIR"] { roots.append(custom) }
        roots += [repositoryRoot + "/.build/guest-kernel", ""]
        for root in roots {
            let boot = root + "/boot"
            let images = ((try? FileManager.default.contentsOfDirectory(atPath: boot)) ?? []).filter { $0.hasPrefix("vmlinuz-") }.sorted()
            for name in images.reversed() {
                let release = String(name.dropFirst("vmlinuz-".count))
                let tree = "\(root)/lib/modules/\(release)/kernel"
                if FileManager.default.isReadableFile(atPath: "\(boot)/\(name)"), FileManager.default.fileExists(atPath: tree) {
                    return GuestKernel(image: "\(boot)/\(name)", release: release, moduleTree: tree)
                }
            }
        }
        return nil
    }

    /// Every `.ko` of the tree by module name (`-` and `_` are the same in module names).
    func moduleFiles() -> [String: String] {
        var files: [String: String] = [:]
        guard let walker = FileManager.default.enumerator(atPath: moduleTree) else { return files }
        while let relative = walker.nextObject() as? String {
            guard relative.hasSuffix(".ko") else { continue }
            let name = ((relative as NSString).lastPathComponent as NSString).deletingPathExtension
            files[Self.canonical(name)] = moduleTree + "/" + relative
        }
        return files
    }

    static func canonical(_ name: String) -> String { name.replacing("-", with: "_") }

    /// The modules `wanted` needs, each after its dependencies (the `depends=` entry of its .modinfo), so insmod
    /// can load them in this order without modprobe's index.
    func loadOrder(_ wanted: [String]) throws -> [(name: String, path: String)] {
        let files = moduleFiles()
        var order: [(name: String, path: String)] = []
        var visiting = Set<String>(), done = Set<String>()
        func visit(_ raw: String) throws {
            let name = Self.canonical(raw)
            if done.contains(name) { return }
            guard let path = files[name] else { throw GuestImageError("the kernel has no module \(raw) (in \(moduleTree))") }
            guard visiting.insert(name).inserted else { throw GuestImageError("module dependency cycle at \(raw)") }
            for dependency in try Self.dependencies(of: path) { try visit(dependency) }
            visiting.remove(name)
            done.insert(name)
            order.append((name, path))
        }
        for name in wanted { try visit(name) }
        return order
    }

    /// The `depends=a,b` string of a module's .modinfo section.
    static func dependencies(of path: String) throws -> [String] {
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        let key = Array("\0depends=".utf8)
        guard let start = bytes.firstRange(of: key)?.upperBound else { return [] }
        let end = bytes[start...].firstIndex(of: 0) ?? bytes.count
        return String(decoding: bytes[start..<end], as: UTF8.self).split(separator: ",").map(String.init)
    }
}

public struct GuestImageError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
