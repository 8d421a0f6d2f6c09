// swift-tools-version: 6.2
// A release-built runner for the runtime benchmarks. It compiles the front end, runtime and core
// cmdlets from the repository's own sources (symlinked) and runs a script through ShellSession
// exactly as hvsh does, without building the VMM, netlink or Hyper-V layers.
import PackageDescription

// The same setting the root package gives the front end, runtime and core cmdlets: no run-time
// exclusivity checks in release builds. The dependencies mirror the root manifest's.
let fast: [SwiftSetting] = [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]

let package = Package(
    name: "RuntimeBench",
    targets: [
        .target(name: "CLinuxSystem"),
        .target(name: "LinuxSystem", dependencies: ["CLinuxSystem"]),
        .target(name: "CommandErrors"),
        .target(name: "JSONText"),
        .target(name: "PSLanguage", dependencies: ["LinuxSystem"], swiftSettings: fast),
        .target(name: "PSRuntime", dependencies: ["PSLanguage", "LinuxSystem", "CommandErrors"], swiftSettings: fast),
        .target(name: "PSCommands", dependencies: ["PSRuntime", "LinuxSystem", "JSONText"], swiftSettings: fast),
        .executableTarget(name: "RuntimeBench", dependencies: ["PSLanguage", "PSRuntime", "PSCommands"]),
    ],
    swiftLanguageModes: [.v6]
)
