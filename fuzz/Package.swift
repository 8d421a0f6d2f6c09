// swift-tools-version: 6.2
// hvsh's libFuzzer targets. Built only when asked (bench/fuzz/run.sh), never by the main package's
// `swift build`: `swift build -c release --sanitize fuzzer --package-path fuzz`. The library sources
// are the main package's, reached through symlinks (as bench/net and bench/runtime do), so every
// module is compiled with libFuzzer's coverage instrumentation; the targets' bodies are
// fuzz/Harnesses, which the main package also builds (hvsh-fuzz-replay, FuzzCorpusTests).
import PackageDescription

let fast: [SwiftSetting] = [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]
let targets = ["parser", "evaluator", "json", "csv", "inventory", "control-request", "virtqueue", "netlink-reply"]

let package = Package(
    name: "hvsh-fuzz",
    targets: [
        .target(name: "CLinuxSystem"),
        .target(name: "LinuxSystem", dependencies: ["CLinuxSystem"]),
        .target(name: "NetworkAddresses"),
        .target(name: "CommandErrors"),
        .target(name: "JSONText"),
        .target(name: "PSLanguage", dependencies: ["LinuxSystem"], swiftSettings: fast),
        .target(name: "PSRuntime", dependencies: ["PSLanguage", "LinuxSystem", "CommandErrors"], swiftSettings: fast),
        .target(name: "PSCommands", dependencies: ["PSRuntime", "PSLanguage", "LinuxSystem", "JSONText"]),
        .target(name: "CNetShim"),
        .systemLibrary(name: "CNftables", pkgConfig: "libnftables"),
        .target(name: "Netlink", dependencies: ["LinuxSystem", "NetworkAddresses", "CNetShim", "CNftables"]),
        .target(name: "CKVM"),
        .target(name: "VMM", dependencies: ["LinuxSystem", "NetworkAddresses", "JSONText", "CKVM"], plugins: ["FirmwareBuilder"]),
        .target(name: "VirtualDisk", dependencies: ["LinuxSystem"]),
        .plugin(name: "FirmwareBuilder", capability: .buildTool()),
        .target(name: "Inventory", dependencies: ["LinuxSystem", "NetworkAddresses", "JSONText"]),
        .target(name: "HostNetworking",
                dependencies: ["PSRuntime", "PSCommands", "Inventory", "Netlink", "NetworkAddresses", "LinuxSystem", "CommandErrors"]),
        .target(name: "HyperV",
                dependencies: ["PSRuntime", "PSCommands", "Inventory", "VMM", "VirtualDisk", "HostNetworking", "NetworkAddresses", "LinuxSystem", "CommandErrors"]),
        .target(name: "FuzzHarnesses",
                dependencies: ["PSLanguage", "PSRuntime", "PSCommands", "Inventory", "HyperV", "VMM", "Netlink", "LinuxSystem", "JSONText"]),
    ] + targets.map { name in
        .executableTarget(name: "fuzz-\(name)", dependencies: ["FuzzHarnesses"], path: "Targets/fuzz-\(name)")
    },
    swiftLanguageModes: [.v6]
)
