import LinuxSystem

/// Unmaps the worker's own machine code from its page tables once the VM runs.
///
/// Start-up (the Swift runtime's initialisation, configuration parsing, the boot loader, building the
/// machine) touches code that the steady state never runs again, and the kernel maps every file page it
/// faults plus its neighbours (fault-around), so a running worker would keep megabytes of that code
/// resident. The text segment is read-only and backed by the executable, so dropping its page-table
/// entries loses nothing: the code the event loop and vCPU threads still run faults back in from the
/// page cache. Only the read-only, executable mapping of our own file is touched, never data.
enum StartupCodeRelease {
    static func release() {
        guard let executable = Processes.executablePath(), let maps = FileSystem.readText("/proc/self/maps") else { return }
        for line in maps.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 6, fields[1] == "r-xp", String(fields[5]) == executable else { continue }
            let bounds = fields[0].split(separator: "-")
            guard bounds.count == 2, let start = UInt(bounds[0], radix: 16), let end = UInt(bounds[1], radix: 16),
                  end > start, let base = UnsafeMutableRawPointer(bitPattern: start) else { continue }
            try? MemoryMapping.discardPages(at: base, length: Int(end - start))
        }
    }
}
