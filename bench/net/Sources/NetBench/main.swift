// Measures the article's four networking commands, each run in a fresh network namespace:
//   hvsh shell    the commands typed verbatim, run by the runtime's ShellSession in-process
//   hvsh API      the same changes through HostNetworking's Swift API
//   (both with the inventory on disk, where every save is fsynced, and on tmpfs)
//   ip + nft      the same kernel changes made by spawning `ip`, `nft` and `sh` as an admin would type them
//   ip -batch     the strongest command-line form: one `ip -batch`, one `nft -f`, one sysctl write
// Every run is checked afterwards (bridge alias, address, masquerade rule) so that nothing is timed
// that did not happen. Usage: NetBench [iterations]
import Foundation
import HostNetworking
import Inventory
import LinuxSystem
import Netlink
import PSCommands
import PSRuntime

let iterations = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 20

let article = """
    New-VMSwitch -Name “NAT-Switch” -SwitchType Internal
    New-NetNat -Name “NAT-net” -InternalIPInterfaceAddressPrefix ‘192.168.2.0/24’
    Get-NetAdapter | ft -Autosize
    Get-NetAdapter “vEthernet (NAT-Switch)” | New-NetIPAddress -IPAddress 192.168.2.1 -AddressFamily IPv4 -PrefixLength 24
    """

let ruleset = """
    add table inet hvsh
    add chain inet hvsh nat-postrouting { type nat hook postrouting priority srcnat; policy accept; }
    add rule inet hvsh nat-postrouting ip saddr 192.168.2.0/24 ip daddr != 192.168.2.0/24 masquerade comment "NAT-net"
    """

/// Runs a program from the calling thread (so in its namespace); returns its exit status.
@discardableResult
func spawn(_ arguments: [String], stdin text: String? = nil) -> Int32 {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    var pipeEnds: [Int32] = [-1, -1]
    if text != nil {
        pipe(&pipeEnds)
        posix_spawn_file_actions_adddup2(&actions, pipeEnds[0], 0)
        posix_spawn_file_actions_addclose(&actions, pipeEnds[1])
    }
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    var pid: pid_t = 0
    let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    let status = posix_spawnp(&pid, arguments[0], &actions, nil, argv, environ)
    posix_spawn_file_actions_destroy(&actions)
    if let text {
        close(pipeEnds[0])
        _ = text.withCString { write(pipeEnds[1], $0, strlen($0)) }
        close(pipeEnds[1])
    }
    guard status == 0 else { return -1 }
    var exit: Int32 = 0
    while waitpid(pid, &exit, 0) < 0 && errno == EINTR {}
    return (exit >> 8) & 0xff
}

/// True when the namespace holds what the article's commands make.
func verify() -> Bool {
    guard let session = try? RouteNetlinkSession(), let links = try? session.linkList(),
          let bridge = links.first(where: { $0.kind == "bridge" }), bridge.alias == "NAT-Switch",
          let adapter = links.first(where: { $0.alias == "vEthernet (NAT-Switch)" }),
          let addresses = try? session.addressList(family: .ipv4),
          addresses.contains(where: { $0.interfaceIndex == adapter.index && $0.address == IPAddress("192.168.2.1") }),
          let listing = try? NftablesContext(json: false).run("list table inet hvsh", operation: "verifying"),
          listing.contains("masquerade") else { return false }
    return (try? IPForwarding.isEnabled()) ?? false
}

/// A throwaway inventory on disk (/tmp: every save is fsynced to the disk) or on tmpfs
/// (/dev/shm: fsync costs nothing, as for a sandbox whose state dies with it).
func temporaryInventory(onTmpfs: Bool) throws -> (Inventory, String) {
    let path = (onTmpfs ? "/dev/shm/" : NSTemporaryDirectory()) + "hvsh-net-bench-" + UUID().uuidString
    return (try Inventory(root: path), path)
}

enum Method: String, CaseIterable {
    case shell = "hvsh shell, inventory on disk"
    case shellTmpfs = "hvsh shell, inventory on tmpfs"
    case api = "hvsh Swift API, inventory on disk"
    case apiTmpfs = "hvsh Swift API, inventory on tmpfs"
    case commands = "ip + nft + sh (one command per change)"
    case batch = "ip -batch + nft -f + sh (3 processes)"
    case shellBaseline = "hvsh shell session + empty script (baseline)"
}

/// One timed run in a fresh namespace; nil when the method cannot run here or did not do its work.
func measure(_ method: Method) throws -> Double? {
    try NetworkNamespace.runIsolated { () throws -> Double? in
        let (inventory, path) = try temporaryInventory(onTmpfs: method == .shellTmpfs || method == .apiTmpfs)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let start = DispatchTime.now().uptimeNanoseconds
        switch method {
        case .shell, .shellTmpfs:
            let host = BufferHost(width: 120)
            let session = ShellSession(host: host, modules: [CoreCommands.module,
                                                             HostNetworkingModule.module(network: HostNetwork(inventory: inventory))])
            _ = session.runScript(article)
            if !host.other.isEmpty { FileHandle.standardError.write(Data(("shell: " + host.other.prefix(300) + "\n").utf8)); return nil }
        case .shellBaseline:
            let session = ShellSession(host: BufferHost(width: 120), modules: [CoreCommands.module,
                                                                               HostNetworkingModule.module(network: HostNetwork(inventory: inventory))])
            _ = session.runScript("$null")
            return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
        case .api, .apiTmpfs:
            let network = HostNetwork(inventory: inventory)
            try network.createSwitch(name: "NAT-Switch", type: .Internal)
            _ = try network.createNat(name: "NAT-net", internalPrefix: "192.168.2.0/24")
            _ = try network.adapters()
            _ = try network.addIPAddress("192.168.2.1", adapter: try network.adapter(named: "vEthernet (NAT-Switch)"),
                                         prefixLength: 24, family: .ipv4, defaultGateway: nil)
        case .commands:
            for line in [
                ["ip", "link", "add", "hvsbench", "type", "bridge"],
                ["ip", "link", "set", "hvsbench", "alias", "NAT-Switch"],
                ["ip", "link", "set", "hvsbench", "up"],
                ["ip", "link", "add", "hvebench", "type", "veth", "peer", "name", "hvpbench"],
                ["ip", "link", "set", "hvebench", "alias", "vEthernet (NAT-Switch)"],
                ["ip", "link", "set", "hvpbench", "master", "hvsbench"],
                ["ip", "link", "set", "hvpbench", "up"],
                ["ip", "link", "set", "hvebench", "up"],
                ["sh", "-c", "echo 1 > /proc/sys/net/ipv4/ip_forward"],
                ["ip", "-br", "link"],
                ["ip", "addr", "add", "192.168.2.1/24", "dev", "hvebench"],
            ] {
                guard spawn(line) == 0 else { return nil }
            }
            guard spawn(["nft", "-f", "-"], stdin: ruleset) == 0 else { return nil }
        case .batch:
            let batch = """
                link add hvsbench type bridge
                link set hvsbench alias NAT-Switch
                link set hvsbench up
                link add hvebench type veth peer name hvpbench
                link set hvebench alias "vEthernet (NAT-Switch)"
                link set hvpbench master hvsbench
                link set hvpbench up
                link set hvebench up
                link show
                addr add 192.168.2.1/24 dev hvebench

                """
            guard spawn(["ip", "-batch", "-"], stdin: batch) == 0,
                  spawn(["nft", "-f", "-"], stdin: ruleset) == 0,
                  spawn(["sh", "-c", "echo 1 > /proc/sys/net/ipv4/ip_forward"]) == 0 else { return nil }
        }
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
        return verify() ? elapsed : nil
    }
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

guard geteuid() == 0 else {
    print("NetBench needs root (it creates network namespaces).")
    exit(1)
}
print("The article's networking sequence, \(iterations) rounds (after one warm-up round); each round runs every method once,")
print("interleaved so that load from other processes falls on all of them alike; each run in a fresh network namespace.")
print("Times in milliseconds, wall clock; the check of the resulting state afterwards is not timed.")
let only = ProcessInfo.processInfo.environment["NETBENCH_ONLY"]
// The kernel tears a network namespace down asynchronously after its last user leaves, holding
// locks that creating the next namespace needs; a pause between runs keeps one run's teardown off
// the next run's clock (it falls on no method in particular, but it adds noise).
let settleMicroseconds = UInt32(ProcessInfo.processInfo.environment["NETBENCH_SETTLE_MS"].flatMap(UInt32.init) ?? 30) * 1000
var active = Method.allCases.filter { only == nil || $0.rawValue.contains(only!) }
var samples: [Method: [Double]] = [:]
for round in 0...iterations {
    for method in active {
        usleep(settleMicroseconds)
        guard let value = try measure(method) else {
            print("\(method.rawValue.padding(toLength: 46, withPad: " ", startingAt: 0))unavailable (did not complete or did not produce the expected state)")
            active.removeAll { $0 == method }
            continue
        }
        if round > 0 { samples[method, default: []].append(value) }  // round 0 warms caches and lazy loading
    }
}
var medians: [Method: Double] = [:]
for method in Method.allCases {
    guard let values = samples[method], !values.isEmpty else { continue }
    medians[method] = median(values)
    print(String(format: "%@median %7.2f  min %7.2f  max %7.2f", method.rawValue.padding(toLength: 46, withPad: " ", startingAt: 0),
                 median(values), values.min()!, values.max()!))
}
for hvsh in [Method.shell, .shellTmpfs, .api, .apiTmpfs] {
    guard let ours = medians[hvsh] else { continue }
    for other in [Method.commands, .batch] {
        guard let theirs = medians[other] else { continue }
        print(String(format: "ratio %@ / %@: %.2f (below 1: hvsh faster)", hvsh.rawValue,
                     other == .commands ? "ip+nft" : "ip -batch", ours / theirs))
    }
}
