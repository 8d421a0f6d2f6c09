// swift-tools-version: 6.2
// hvsh: a PowerShell-compatible shell that runs Hyper-V lab commands on Linux (KVM, netlink, nftables).
//
// Layers (a target uses only targets of the layers above it):
//   1 front end      PSLanguage
//   2 runtime        PSRuntime, PSCommands
//   0 system         LinuxSystem (CLinuxSystem): syscalls, owned descriptors; usable by every layer
//   3 backends       Netlink (CNetShim, CNftables), VMM (CKVM), VirtualDisk   -- no PowerShell knowledge
//   4 modules        Inventory, HostNetworking, HyperV
//   5 executables    hvsh (HvshShell, CEdit), hvsh-worker (HvshWorker)
import PackageDescription

let package = Package(
    name: "hvsh",
    products: [
        .executable(name: "hvsh", targets: ["hvsh"]),
        .executable(name: "hvsh-worker", targets: ["HvshWorker"]),
    ],
    targets: [
        // 0. The system layer: Errno, owned descriptors, one shim per system call (see ARCHITECTURE.md).
        .target(name: "CLinuxSystem"),
        .target(name: "LinuxSystem", dependencies: ["CLinuxSystem"]),

        // Shared value types of the backends and modules (a MAC address has one grammar everywhere).
        .target(name: "NetworkAddresses"),
        // The error family every module reports in: PowerShell's categories and the `CommandError` protocol.
        .target(name: "CommandErrors"),
        // The one JSON reader (strict for the inventory, lenient for ConvertFrom-Json) and its node tree.
        .target(name: "JSONText"),

        // 1. Front end
        // The lexer and parser touch a few properties of one object per token; release builds skip the
        // runtime exclusivity checks there (debug builds and tests keep them).
        .target(name: "PSLanguage", dependencies: ["LinuxSystem"],
                swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]),

        // 2. Runtime
        // Release builds skip run-time exclusivity checks in the evaluator's hot paths (~30% of a
        // pipeline's time); debug builds and tests keep them.
        .target(name: "PSRuntime", dependencies: ["PSLanguage", "LinuxSystem", "CommandErrors"],
                swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]),
        // The per-object cmdlets (ForEach-Object, Measure-Object, ...) run in the same hot loops.
        .target(name: "PSCommands", dependencies: ["PSRuntime", "PSLanguage", "LinuxSystem", "JSONText"],
                swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]),

        // 3. Backends
        .target(name: "CNetShim"),
        .systemLibrary(name: "CNftables", pkgConfig: "libnftables",
                       providers: [.apt(["libnftables-dev"])]),
        .target(name: "Netlink", dependencies: ["LinuxSystem", "NetworkAddresses", "CNetShim", "CNftables"]),
        .target(name: "CKVM"),
        .target(name: "VMM", dependencies: ["LinuxSystem", "NetworkAddresses", "JSONText", "CKVM"], plugins: ["FirmwareBuilder"]),
        .plugin(name: "FirmwareBuilder", capability: .buildTool()),
        // VHD and VHDX files (fixed, dynamic, differencing), Foundation-free: the worker links it.
        .target(name: "VirtualDisk", dependencies: ["LinuxSystem"]),

        // 4. Hyper-V and networking modules
        .target(name: "Inventory", dependencies: ["LinuxSystem", "NetworkAddresses", "JSONText"]),
        .target(name: "HostNetworking",
                dependencies: ["PSRuntime", "PSCommands", "Inventory", "Netlink", "NetworkAddresses", "LinuxSystem", "CommandErrors"]),
        .target(name: "HyperV",
                dependencies: ["PSRuntime", "PSCommands", "Inventory", "VMM", "VirtualDisk", "HostNetworking", "NetworkAddresses", "LinuxSystem", "CommandErrors"]),

        // 5. Executables
        .systemLibrary(name: "CEdit", pkgConfig: "libedit", providers: [.apt(["libedit-dev"])]),
        .target(name: "HvshShell",
                dependencies: ["PSLanguage", "PSRuntime", "PSCommands", "HostNetworking", "HyperV", "VMM", "LinuxSystem", "CEdit"]),
        .executableTarget(name: "hvsh", dependencies: ["HvshShell"],
                          // Release: Swift runtime and Foundation linked in, so starting hvsh does not
                          // spend most of its time in the dynamic loader (bench/startup). The web cmdlets'
                          // URLSession (FoundationNetworking) sits on the system's libcurl, named by its
                          // soname: Debian's runtime package has no libcurl.so link (only -dev does).
                          linkerSettings: [.unsafeFlags(["-static-stdlib", "-Xlinker", "--start-group",
                                                          "-lFoundation", "-lCoreFoundation", "-lFoundationInternationalization",
                                                          "-l_FoundationICU", "-lFoundationEssentials", "-l_FoundationCollections",
                                                          "-l_FoundationCShims", "-lFoundationNetworking", "-l_CFURLSessionInterface",
                                                          "-l:libcurl.so.4", "-Xlinker", "--end-group"],
                                                         .when(configuration: .release))]),
        // The worker's jail: capabilities, no_new_privs and its seccomp filter (C for the kernel's BPF macros).
        .target(name: "CWorkerJail"),
        .executableTarget(name: "HvshWorker", dependencies: ["VMM", "VirtualDisk", "LinuxSystem", "CWorkerJail"],
                          linkerSettings: [.unsafeFlags(["-static-executable"])]),
        // The fuzz targets' bodies (fuzz/Harnesses): libFuzzer runs them from the separate fuzz/ package
        // (bench/fuzz/run.sh); hvsh-fuzz-replay runs saved inputs through them in a process of its own,
        // which FuzzCorpusTests starts on the committed corpus.
        .target(name: "FuzzHarnesses",
                dependencies: ["PSLanguage", "PSRuntime", "PSCommands", "Inventory", "HyperV", "VMM", "Netlink", "LinuxSystem", "JSONText"],
                path: "fuzz/Harnesses"),
        .executableTarget(name: "hvsh-fuzz-replay", dependencies: ["FuzzHarnesses"], path: "fuzz/Replay"),
        // Front-end parse benchmark (bench/parse): swift run -c release ParseBench
        .executableTarget(name: "ParseBench", dependencies: ["PSLanguage"], path: "bench/parse"),
        // Real guests on both engines against plain QEMU (bench/guests): swift run -c release GuestBench
        .executableTarget(name: "GuestBench", dependencies: ["GuestImages"], path: "bench/guests"),
        // Virtual disk I/O benchmark against qemu-img bench (bench/disk/run.sh): swift build -c release --product DiskBench
        .executableTarget(name: "DiskBench", dependencies: ["VirtualDisk", "LinuxSystem"], path: "bench/disk", exclude: ["run.sh", "README.md"]),

        // Tests
        .testTarget(name: "LinuxSystemTests", dependencies: ["LinuxSystem"]),
        .testTarget(name: "NetworkAddressesTests", dependencies: ["NetworkAddresses"]),
        .testTarget(name: "JSONTextTests", dependencies: ["JSONText"]),
        .testTarget(name: "PSLanguageTests", dependencies: ["PSLanguage"]),
        .testTarget(name: "PSRuntimeTests", dependencies: ["PSRuntime", "PSLanguage"]),
        .testTarget(name: "PSCommandsTests", dependencies: ["PSCommands", "PSRuntime", "JSONText"]),
        // Helpers for tests that run in network namespaces they create (shared by two test targets).
        .target(name: "NamespaceTesting", dependencies: ["Netlink", "LinuxSystem", "CLinuxSystem"], path: "Tests/NamespaceTesting"),
        .testTarget(name: "NetlinkTests", dependencies: ["Netlink", "LinuxSystem", "NetworkAddresses", "NamespaceTesting"]),
        // The test guest (Debian's kernel and a busybox initramfs on a GRUB ISO), built at test time and by bench/guests.
        .target(name: "GuestImages", path: "Tests/GuestImages"),
        .testTarget(name: "VMMTests", dependencies: ["VMM", "LinuxSystem", "NetworkAddresses", "GuestImages"]),
        .testTarget(name: "VirtualDiskTests", dependencies: ["VirtualDisk", "LinuxSystem"], exclude: ["Fixtures"]),
        .testTarget(name: "InventoryTests", dependencies: ["Inventory", "NetworkAddresses"]),
        .testTarget(name: "HostNetworkingTests",
                    dependencies: ["HostNetworking", "PSRuntime", "PSCommands", "Netlink", "CNetShim", "Inventory", "LinuxSystem", "NetworkAddresses", "NamespaceTesting"]),
        .testTarget(name: "HyperVTests", dependencies: ["HyperV", "VirtualDisk", "PSRuntime", "PSCommands", "HostNetworking", "NetworkAddresses", "NamespaceTesting"]),
        .testTarget(name: "HvshShellTests", dependencies: ["HvshShell", "HyperV", "HostNetworking", "Inventory", "NetworkAddresses",
                                                           "GuestImages", "VirtualDisk", "VMM"],
                    exclude: ["Fixtures"]),
        .testTarget(name: "FuzzCorpusTests", dependencies: ["FuzzHarnesses"]),
        // Assertions ported from PowerShell's own Pester tests, run through the built hvsh.
        .testTarget(name: "PesterPortTests", dependencies: ["HvshShell"], exclude: ["Ported"]),
    ],
    swiftLanguageModes: [.v6]
)
