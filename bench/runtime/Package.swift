// swift-tools-version: 6.2
// A release-built runner for the runtime benchmarks. It compiles the front end, runtime and core
// cmdlets from the repository's own sources (symlinked) and runs a script through ShellSession
// exactly as hvsh does, without building the VMM, netlink or Hyper-V layers.
import PackageDescription

// The same setting the root package gives PSRuntime: no run-time exclusivity checks in release builds.
let fast: [SwiftSetting] = [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]

let package = Package(
    name: "RuntimeBench",
    targets: [
        .target(name: "PSLanguage"),
        .target(name: "PSRuntime", dependencies: ["PSLanguage"], swiftSettings: fast),
        .target(name: "PSCommands", dependencies: ["PSRuntime"], swiftSettings: fast),
        .executableTarget(name: "RuntimeBench", dependencies: ["PSLanguage", "PSRuntime", "PSCommands"]),
    ],
    swiftLanguageModes: [.v6]
)
