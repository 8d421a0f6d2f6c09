// swift-tools-version: 6.2
// The host-networking benchmark: the article's networking sequence made by hvsh (in-process, through
// the shell runtime and through the Swift API) and by the `ip`/`nft` commands, each in a fresh
// network namespace. The library sources are the main package's, reached through symlinks, so this
// package builds them in release mode without adding targets to the main package.
import PackageDescription

let package = Package(
    name: "hvsh-net-bench",
    targets: [
        // The dependencies mirror the root manifest's (Package.swift at the top).
        .target(name: "CLinuxSystem"),
        .target(name: "LinuxSystem", dependencies: ["CLinuxSystem"]),
        .target(name: "NetworkAddresses"),
        .target(name: "CommandErrors"),
        .target(name: "JSONText"),
        .target(name: "CNetShim"),
        .systemLibrary(name: "CNftables", pkgConfig: "libnftables"),
        .target(name: "Netlink", dependencies: ["LinuxSystem", "NetworkAddresses", "CNetShim", "CNftables"]),
        .target(name: "Inventory", dependencies: ["LinuxSystem", "NetworkAddresses", "JSONText"]),
        .target(name: "PSLanguage", dependencies: ["LinuxSystem"]),
        .target(name: "PSRuntime", dependencies: ["PSLanguage", "LinuxSystem", "CommandErrors"]),
        .target(name: "PSCommands", dependencies: ["PSRuntime", "LinuxSystem", "JSONText"]),
        .target(name: "HostNetworking",
                dependencies: ["PSRuntime", "PSCommands", "Inventory", "Netlink", "NetworkAddresses", "LinuxSystem", "CommandErrors"]),
        .executableTarget(name: "NetBench", dependencies: ["HostNetworking", "Netlink", "LinuxSystem", "PSRuntime", "PSCommands", "Inventory"]),
    ],
    swiftLanguageModes: [.v6]
)
