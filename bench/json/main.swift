// Decodes a VM-config-shaped document (Foundation-encoded, pretty-printed, ~4 KB) many times with
// FastJSONDecoder (the inventory's decoder over the shared JSONReader) and with Foundation's
// JSONDecoder; run.sh builds it against the current sources and, for comparison, an older revision's.
import Foundation

struct Adapter: Codable { var id: UUID; var name: String; var switchName: String?; var mac: String?; var dynamic: Bool
    var vlan: Int32?; var spoofing: String; var bandwidth: Int64 }
struct Disk: Codable { var id: UUID; var path: String; var controller: String; var number: Int32; var location: Int32 }
struct Integration: Codable { var name: String; var enabled: Bool; var id: String }
struct Config: Codable {
    var id: UUID; var name: String; var generation: Int32; var version: String; var notes: String
    var creationTime: Date; var path: String; var snapshotPath: String; var smartPagingPath: String
    var processorCount: Int64; var reserve: Int64; var maximum: Int64; var weight: Int64; var expose: Bool
    var startup: Int64; var minimum: Int64; var maximumMemory: Int64; var dynamic: Bool; var buffer: Int32; var priority: Int32
    var secureBoot: String; var template: String; var bootOrder: [String]; var automaticStart: String; var delay: Int32
    var adapters: [Adapter]; var disks: [Disk]; var integration: [Integration]; var savedStatePath: String?
    var kernelPath: String?; var commandLine: String?; var checkpointType: String; var lockOnDisconnect: String
}

let sample = Config(
    id: UUID(), name: "Server2016-\u{e9}", generation: 2, version: "10.0", notes: "lab \"nested\" host\nsecond line",
    creationTime: Date(timeIntervalSinceReferenceDate: 786_000_000.25), path: "/var/lib/hvsh/Virtual Machines",
    snapshotPath: "/var/lib/hvsh/Snapshots", smartPagingPath: "/var/lib/hvsh", processorCount: 2, reserve: 0,
    maximum: 100, weight: 100, expose: true, startup: 2_147_483_648, minimum: 536_870_912, maximumMemory: 1_099_511_627_776,
    dynamic: false, buffer: 20, priority: 50, secureBoot: "On", template: "MicrosoftWindows",
    bootOrder: ["HardDiskDrive", "NetworkAdapter", "DvdDrive"], automaticStart: "StartIfRunning", delay: 0,
    adapters: (0..<3).map { Adapter(id: UUID(), name: "Network Adapter \($0)", switchName: "NAT-Switch", mac: "00155D0A0B0\($0)",
                                    dynamic: true, vlan: nil, spoofing: "Off", bandwidth: 0) },
    disks: (0..<4).map { Disk(id: UUID(), path: "/var/lib/hvsh/Virtual Hard Disks/disk\($0).vhdx", controller: "SCSI",
                              number: 0, location: Int32($0)) },
    integration: ["Guest Service Interface", "Heartbeat", "Key-Value Pair Exchange", "Shutdown", "Time Synchronization", "VSS"]
        .map { Integration(name: $0, enabled: $0 != "Guest Service Interface", id: "Microsoft:\(UUID().uuidString)") },
    savedStatePath: nil, kernelPath: nil, commandLine: "console=ttyS0 quiet", checkpointType: "Production", lockOnDisconnect: "Off")

let encoder = JSONEncoder()
encoder.outputFormatting = [.prettyPrinted]
let data = try! encoder.encode(sample)
let rounds = Int(CommandLine.arguments.dropFirst().first ?? "") ?? 20_000

func best(_ label: String, _ body: () throws -> Void) rethrows {
    var fastest = Double.infinity
    for _ in 0..<5 {
        let start = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<rounds { try body() }
        fastest = min(fastest, Double(DispatchTime.now().uptimeNanoseconds - start) / Double(rounds) / 1000)
    }
    print(String(format: "%@: %.1f µs per %d-byte config (best of 5 x %d)", label, fastest, data.count, rounds))
}

try best("FastJSONDecoder") { _ = try FastJSONDecoder().decode(Config.self, from: data) }
if CommandLine.arguments.contains("--foundation") {
    try best("Foundation JSONDecoder") { _ = try JSONDecoder().decode(Config.self, from: data) }
}
