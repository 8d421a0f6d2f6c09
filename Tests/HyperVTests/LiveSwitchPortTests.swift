import Foundation
import XCTest
import HostNetworking
import Inventory
import NamespaceTesting
import PSCommands
import PSRuntime
import VMM
@testable import HyperV

/// A running VM's switch port follows its adapter's settings without a restart, and disappears with
/// the VM. Real VMs (the built-in firmware under /dev/kvm) on real bridges, taps and nftables, all in
/// a network namespace each test makes: the shell runs in-process on a thread inside it, and every
/// worker it starts inherits it. Each step's script runs in a fresh session with freshly opened
/// inventory and Hyper-V host, as a second hvsh process would, so nothing relies on in-memory state.
final class LiveSwitchPortTests: XCTestCase {
    var root = ""

    override func setUpWithError() throws {
        guard getuid() == 0, access("/dev/kvm", R_OK | W_OK) == 0 else {
            throw XCTSkip("needs root and /dev/kvm to run VMs on switches")
        }
        guard FileManager.default.isExecutableFile(atPath: VMWorker.defaultWorkerPath()) else {
            throw XCTSkip("hvsh-worker is not built next to the tests (\(VMWorker.defaultWorkerPath()))")
        }
        for tool in ["/usr/sbin/nft", "/usr/sbin/ip", "/usr/sbin/bridge"] where !FileManager.default.isExecutableFile(atPath: tool) {
            throw XCTSkip("\(tool) is needed to look at the ports")
        }
        try requireNamespaces()
        root = "/tmp/hvport-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        let previous = ProcessInfo.processInfo.environment["HVSH_HOME"]
        setenv("HVSH_HOME", root, 1)
        let path = root
        addTeardownBlock {
            // A failed run may leave workers (and with them the namespace) alive.
            let run = path + "/run"
            for entry in (try? FileManager.default.contentsOfDirectory(atPath: run)) ?? [] {
                try? VMWorker(runtimeDirectory: "\(run)/\(entry)").turnOff(timeoutMilliseconds: 2_000)
            }
            if let previous { setenv("HVSH_HOME", previous, 1) } else { unsetenv("HVSH_HOME") }
            try? FileManager.default.removeItem(atPath: path)
        }
    }

    /// Runs one script as a new hvsh process would: fresh Hyper-V host, inventory and session.
    /// With `between`, that runs next and then `next` in the same session (the same Hyper-V host).
    /// Must be called on the namespace thread.
    static func run(_ script: String, root: String, between: () throws -> Void = {}, next: String? = nil) throws -> String {
        let factories = HyperVSession.Factories(monitor: { VMMRuntime(root: $0.root) },
                                                switches: { NetworkSwitchDirectory(inventory: $0) },
                                                hostInfo: { ServiceFixture.testHost })
        let host = BufferHost(width: 200)
        let network = HostNetwork(inventory: try Inventory(root: root))
        let session = ShellSession(host: host, modules: [CoreCommands.module, HostNetworkingModule.module(network: network),
                                                         HyperVModule.module(factories: factories)])
        _ = session.runScript(script)
        if let next {
            try between()
            _ = session.runScript(next)
        }
        return host.output + (host.other.isEmpty ? "" : "ERRORS: " + host.other)
    }

    /// SIGKILL to the test's one running worker, as if it crashed; returns once it is gone.
    static func killWorker(under root: String) throws {
        let worker = try XCTUnwrap(liveWorkers(under: root).first)
        kill(try XCTUnwrap(worker.livePID()), SIGKILL)
        for _ in 0..<500 where worker.livePID() != nil { usleep(10_000) }
    }

    /// A killed worker's tap goes when the kernel has released its last descriptor, which it finishes
    /// after the process is gone (seen off its bridge but not yet deleted on a loaded machine).
    static func waitForTapsToGo() throws {
        for _ in 0..<1000 {
            let links = try XCTUnwrap(try runJSON(["ip", "-j", "link"]) as? [[String: Any]])
            if !links.contains(where: { ($0["ifname"] as? String)?.hasPrefix("hvt") == true }) { return }
            usleep(10_000)
        }
    }

    /// What the namespace's kernel says about VM ports: the tap names (`hvt…`) with their bridge
    /// (by the switch name on its alias, or `-`), and whether hvsh's bridge table has a chain for
    /// each, with its MAC rule.
    static func ports() throws -> String {
        let links = try XCTUnwrap(try runJSON(["ip", "-j", "-d", "link"]) as? [[String: Any]])
        var switchOfBridge: [String: String] = [:]
        for link in links where (link["linkinfo"] as? [String: Any])?["info_kind"] as? String == "bridge" {
            switchOfBridge[link["ifname"] as? String ?? ""] = link["ifalias"] as? String ?? "?"
        }
        let ruleset = try runProgram(["nft", "list", "ruleset"]).output
        var lines: [String] = []
        for link in links {
            guard let name = link["ifname"] as? String, name.hasPrefix("hvt") else { continue }
            let bridge = (link["master"] as? String).map { switchOfBridge[$0] ?? $0 } ?? "-"
            lines.append("tap \(bridge)")
        }
        // Chains of VM ports are named port_<hex of the tap name>; "hvt" is 68 76 74.
        let chains = ruleset.components(separatedBy: "\n").filter { $0.contains("chain port_687674") }.count
        let elements = ruleset.components(separatedBy: "\n").filter { $0.contains("\"hvt") }.count
        let macRules = ruleset.components(separatedBy: "\n").filter { $0.contains("ether saddr !=") }.count
        // DhcpGuard and RouterGuard add two drop rules each.
        let guardRules = ruleset.components(separatedBy: "\n").filter { $0.hasSuffix(" drop") }.count - macRules
        lines.append("chains \(chains) elements \(elements) mac-rules \(macRules)" + (guardRules > 0 ? " guard-rules \(guardRules)" : ""))
        return lines.joined(separator: "; ")
    }

    /// Whether a bridge's forwarding table learned `mac`: a frame from it entered the switch.
    static func bridgeLearned(_ mac: String) throws -> String {
        "learned: \(try runProgram(["bridge", "fdb", "show"]).output.contains(mac + " dev hvt"))"
    }

    static let lab = """
        New-VMSwitch -Name “NAT-Switch” -SwitchType Internal | Out-Null
        Get-NetAdapter “vEthernet (NAT-Switch)” | New-NetIPAddress -IPAddress 192.168.2.1 -AddressFamily IPv4 -PrefixLength 24 | Out-Null
        """

    static func waitForNetwork(_ vm: String) -> String {
        """
        $deadline = [DateTime]::Now.AddSeconds(30)
        while (-not ((Get-VMConsole -VMName \(vm)) -match 'net: ') -and [DateTime]::Now -lt $deadline) { Start-Sleep -Milliseconds 50 }
        """
    }

    /// The firmware sends every frame from a foreign MAC (`spoof=`). MacAddressSpoofing Off drops
    /// them at the port (the host's ping goes unanswered), On lets them through, Off again drops them
    /// again: set from separate sessions while the VM runs, never restarted. When its worker is then
    /// killed, the next hvsh process to open the Hyper-V host removes the rule: no tap, no rule left.
    func testMacAddressSpoofingFollowsSetVMNetworkAdapterLiveAndAKilledWorkersRuleGoes() throws {
        let root = self.root
        let steps = try inFreshNamespace { () throws -> [String] in
            let run = { (script: String) throws -> String in try Self.run(script, root: root) }
            var seen: [String] = []
            seen.append(try run(Self.lab + """

                New-VM -Name Spoofer -MemoryStartupBytes 128MB -Generation 2 -SwitchName “NAT-Switch” | Out-Null
                Set-VMFirmware -VMName Spoofer -KernelCommandLine 'ip=192.168.2.2::192.168.2.1:255.255.255.0 spoof=02:00:00:00:00:99'
                Start-VM -Name Spoofer
                \(Self.waitForNetwork("Spoofer"))
                "off: " + (Test-Connection 192.168.2.2 -Count 2 -TimeoutSeconds 1 -Quiet)
                """))
            seen.append(try Self.ports())
            seen.append(try Self.bridgeLearned("02:00:00:00:00:99"))
            seen.append(try run("""
                Set-VMNetworkAdapter -VMName Spoofer -MacAddressSpoofing On
                "on: " + (Test-Connection 192.168.2.2 -Count 4 -TimeoutSeconds 2 -Quiet)
                """))
            seen.append(try Self.bridgeLearned("02:00:00:00:00:99"))
            seen.append(try Self.ports())
            seen.append(try run("""
                Get-VMNetworkAdapter -VMName Spoofer | Set-VMNetworkAdapter -MacAddressSpoofing Off
                "off again: " + (Test-Connection 192.168.2.2 -Count 2 -TimeoutSeconds 1 -Quiet)
                "boots: " + ((Get-VMConsole -VMName Spoofer) -split "`n" | Where-Object { $_ -match 'net: ' } | Measure-Object).Count
                """))
            seen.append(try Self.ports())
            try Self.killWorker(under: root)
            seen.append(try run("Get-VMHost | Out-Null"))
            try Self.waitForTapsToGo()
            seen.append(try Self.ports())
            return seen
        }
        XCTAssertEqual(steps, [
            "off: False\n",
            "tap NAT-Switch; chains 1 elements 1 mac-rules 1",
            "learned: false",
            "on: True\n",
            "learned: true",
            "tap NAT-Switch; chains 1 elements 1 mac-rules 0",
            "off again: False\nboots: 1\n",
            "tap NAT-Switch; chains 1 elements 1 mac-rules 1",
            "",
            "chains 0 elements 0 mac-rules 0",
        ])
    }
    /// DhcpGuard and RouterGuard reach the running port at once. Connect-VMNetworkAdapter moves the
    /// running VM's tap to another switch's bridge (rules kept),
    /// Disconnect-VMNetworkAdapter takes it off (rule gone) and connecting again brings the VM back:
    /// the host's ping shows where the VM is. Get-VMNetworkAdapter shows `{Ok}` and the address the
    /// host learned on the switch the port is on (none while it is on the other one). Removing the adapter from the running VM takes its port off the switch at once;
    /// A graceful Stop-VM (the guest powers itself off) leaves no tap and no rule.
    func testConnectDisconnectAndRemoveMoveTheRunningPort() throws {
        let root = self.root
        let steps = try inFreshNamespace { () throws -> [String] in
            let run = { (script: String) throws -> String in try Self.run(script, root: root) }
            var seen: [String] = []
            seen.append(try run(Self.lab + """

                New-VMSwitch -Name Other -SwitchType Internal | Out-Null
                New-VM -Name Mover -MemoryStartupBytes 128MB -Generation 2 -SwitchName “NAT-Switch” | Out-Null
                Set-VMFirmware -VMName Mover -KernelCommandLine 'ip=192.168.2.2::192.168.2.1:255.255.255.0'
                Start-VM -Name Mover
                \(Self.waitForNetwork("Mover"))
                "nat: " + (Test-Connection 192.168.2.2 -Count 1 -TimeoutSeconds 5 -Quiet)
                Get-VMNetworkAdapter -VMName Mover | Format-Table Name, VMName, SwitchName, Status, IPAddresses
                """))
            seen.append(try Self.ports())
            seen.append(try run("Set-VMNetworkAdapter -VMName Mover -DhcpGuard On -RouterGuard On"))
            seen.append(try Self.ports())
            seen.append(try run("""
                Connect-VMNetworkAdapter -VMName Mover -SwitchName Other
                "other: " + (Test-Connection 192.168.2.2 -Count 1 -TimeoutSeconds 1 -Quiet)
                "addresses: " + ((Get-VMNetworkAdapter -VMName Mover).IPAddresses -join ',')
                """))
            seen.append(try Self.ports())
            seen.append(try run("""
                Get-VMNetworkAdapter -VMName Mover | Disconnect-VMNetworkAdapter
                (Get-VMNetworkAdapter -VMName Mover).Connected
                """))
            seen.append(try Self.ports())
            seen.append(try run("""
                Connect-VMNetworkAdapter -VMName Mover -SwitchName “NAT-Switch”
                "back: " + (Test-Connection 192.168.2.2 -Count 3 -TimeoutSeconds 2 -Quiet)
                "addresses: " + ((Get-VMNetworkAdapter -VMName Mover).IPAddresses -join ',')
                """))
            seen.append(try Self.ports())
            seen.append(try run("Get-VMNetworkAdapter -VMName Mover | Remove-VMNetworkAdapter"))
            seen.append(try Self.ports())
            seen.append(try run("Stop-VM -Name Mover; (Get-VM -Name Mover).State"))
            seen.append(try Self.ports())
            return seen
        }
        XCTAssertEqual(steps.count, 14)
        guard steps.count == 14 else { return }
        let table = steps[0].components(separatedBy: "\n").filter { !$0.isEmpty }
        XCTAssertEqual(table.first, "nat: True", steps[0])
        XCTAssertEqual(table.dropFirst().map { $0.replacingOccurrences(of: " +$", with: "", options: String.CompareOptions.regularExpression) }, [
            "Name            VMName SwitchName Status IPAddresses",
            "----            ------ ---------- ------ -----------",
            "Network Adapter Mover  NAT-Switch {Ok}   {192.168.2.2}",
        ], steps[0])
        XCTAssertEqual(Array(steps[1...]), [
            "tap NAT-Switch; chains 1 elements 1 mac-rules 1",
            "",
            "tap NAT-Switch; chains 1 elements 1 mac-rules 1 guard-rules 4",
            "other: False\naddresses: \n",
            "tap Other; chains 1 elements 1 mac-rules 1 guard-rules 4",
            "False\n",
            "tap -; chains 0 elements 0 mac-rules 0",
            "back: True\naddresses: 192.168.2.2\n",
            "tap NAT-Switch; chains 1 elements 1 mac-rules 1 guard-rules 4",
            "",
            "tap -; chains 0 elements 0 mac-rules 0",
            "Off\n",
            "chains 0 elements 0 mac-rules 0",
        ])
    }

    /// An adapter that had no switch when its VM started has a device but no tap: connecting it
    /// live has the worker open one, which joins the switch with its rule, and the VM answers. When
    /// the worker then dies, the session's next look at the VM removes the port's rule.
    func testConnectingAnAdapterThatStartedWithoutASwitchPlugsInATap() throws {
        let root = self.root
        let steps = try inFreshNamespace { () throws -> [String] in
            let run = { (script: String) throws -> String in try Self.run(script, root: root) }
            var seen: [String] = []
            seen.append(try run(Self.lab + """

                New-VM -Name Late -MemoryStartupBytes 128MB -Generation 2 | Out-Null
                Set-VMFirmware -VMName Late -KernelCommandLine 'ip=192.168.2.2::192.168.2.1:255.255.255.0'
                Start-VM -Name Late
                \(Self.waitForNetwork("Late"))
                "alone: " + (Test-Connection 192.168.2.2 -Count 1 -TimeoutSeconds 1 -Quiet)
                """))
            seen.append(try Self.ports())
            seen.append(try run("""
                Get-VMNetworkAdapter -VMName Late | Connect-VMNetworkAdapter -SwitchName “NAT-Switch”
                "connected: " + (Test-Connection 192.168.2.2 -Count 3 -TimeoutSeconds 2 -Quiet)
                """))
            seen.append(try Self.ports())
            seen.append(try Self.run("Get-VM -Name Late | % State", root: root,
                                     between: { try Self.killWorker(under: root) }, next: "Get-VM -Name Late | % State"))
            seen.append(try Self.ports())
            return seen
        }
        XCTAssertEqual(steps, [
            "alone: False\n",
            "chains 0 elements 0 mac-rules 0",
            "connected: True\n",
            "tap NAT-Switch; chains 1 elements 1 mac-rules 1",
            "Running\nOff\n",
            "chains 0 elements 0 mac-rules 0",
        ])
    }

    /// The live workers under the test's inventory.
    static func liveWorkers(under root: String) -> [VMWorker] {
        let run = root + "/run"
        return ((try? FileManager.default.contentsOfDirectory(atPath: run)) ?? [])
            .map { VMWorker(runtimeDirectory: "\(run)/\($0)") }.filter { $0.livePID() != nil }
    }
}
