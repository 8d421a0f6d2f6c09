import Foundation
import XCTest

/// The article's lab end to end, as a user runs it: `hvsh -Sandbox -File examples/article-lab.ps1`
/// with the built binaries, under the real /dev/kvm. Its output is compared with the expected text
/// below after normalising only what must differ run to run or machine to machine (GUIDs, MACs,
/// times, latencies, the host name and CPU vendor). That text shows the host's ping answered by the
/// VM, the outside network receiving the VM's probe from the NAT host's outside address
/// (198.51.100.2), and `Get-NetAdapter | ft -Autosize` listing `vEthernet (NAT-Switch)`.
final class ArticleLabTests: XCTestCase {
    private var home: ScratchDirectory!

    override func setUpWithError() throws {
        try HvshProcess.requireExecutable()
        guard getuid() == 0 else { throw XCTSkip("the lab needs root (bridges, taps and nftables in the sandbox)") }
        guard access("/dev/kvm", R_OK | W_OK) == 0 else { throw XCTSkip("the lab needs /dev/kvm") }
        let worker = (HvshProcess.executable as NSString).deletingLastPathComponent + "/hvsh-worker"
        guard FileManager.default.isExecutableFile(atPath: worker) else { throw XCTSkip("hvsh-worker was not built next to hvsh") }
        for tool in ["/usr/sbin/nft", "/usr/sbin/ip", "/usr/sbin/bridge"] where !FileManager.default.isExecutableFile(atPath: tool) {
            throw XCTSkip("\(tool) is needed to look at what the lab made")
        }
        home = HvshProcess.makeHome()
    }

    override func tearDown() {
        if let home { ArticleLab.killWorkers(under: home.path + "/hvsh-state") }
        home?.remove()
    }

    func testArticleLabRunsInASandboxAndItsNestedVMIsOnTheNATNetwork() throws {
        let linksBefore = try hostLinks()
        let result = try HvshProcess.run(["-Sandbox", "-NoProfile", "-File", ArticleLab.scriptPath],
                                         home: home.path, timeout: 300)
        if result.stderr.contains("cannot create a network namespace") {
            throw XCTSkip("this machine does not allow new network namespaces: \(result.stderr)")
        }
        XCTAssertEqual(result.stderr, "", "the lab wrote errors")
        XCTAssertEqual(result.status, 0)
        let actual = ArticleLab.normalise(result.stdout)
        if actual != ArticleLab.expected {
            // Show the first differing line, which is far easier to read than two whole transcripts.
            let a = actual.components(separatedBy: "\n"), e = ArticleLab.expected.components(separatedBy: "\n")
            let index = (0..<min(a.count, e.count)).first { a[$0] != e[$0] } ?? min(a.count, e.count)
            XCTFail("line \(index + 1) differs:\n  expected: \(index < e.count ? e[index] : "<end>")\n  actual:   \(index < a.count ? a[index] : "<end>")\n\nwhole output:\n\(result.stdout)")
        }
        // The essentials, stated once more on their own so a failure names what broke.
        XCTAssertTrue(result.stdout.contains("vEthernet (NAT-Switch)"), "Get-NetAdapter lists the switch's host adapter")
        XCTAssertTrue(result.stdout.contains("198.51.100.1:7777 198.51.100.2"), "the outside saw the probe from the NAT's outside address")
        XCTAssertTrue(result.stdout.range(of: #"\n\s+1 192\.168\.2\.2\s+\d+\s+32 Success"#, options: .regularExpression) != nil,
                      "the host's ping of 192.168.2.2 was answered")
        XCTAssertTrue(result.stdout.contains("icmp: echo reply to 192.168.2.1 seq 1"), "the VM itself answered the ping")
        XCTAssertEqual(ArticleLab.runningWorkers(under: home.path + "/hvsh-state"), [], "Stop-VM -TurnOff ended the worker")
        XCTAssertEqual(try hostLinks(), linksBefore, "the machine's own interfaces are untouched")
    }

    /// The machine's own links (index and name), to show the lab left them alone.
    private func hostLinks() throws -> String {
        try SpawnedTool.run("/usr/sbin/ip", ["-o", "link", "show"], captureOutput: true).output
            .split(separator: "\n").map { $0.split(separator: ":").prefix(2).joined(separator: ":") }.joined(separator: "\n")
    }

    /// Inside the same sandbox, after the lab: the kernel objects the article's commands made.
    func testTheLabMakesRealAddressesAndNATInsideTheSandbox() throws {
        let check = home.write("check.ps1", """
            . '\(ArticleLab.scriptPath)' | Out-Null
            (Get-VMProcessor -VMName Server2016).ExposeVirtualizationExtensions
            (Get-VMNetworkAdapter -VMName Server2016).MacAddressSpoofing
            ip -o -4 addr show | Select-String '192.168.2.1/24' | Measure-Object | % Count
            nft list ruleset | Select-String 'ip saddr 192.168.2.0/24' | Measure-Object | % Count
            """)
        let result = try HvshProcess.run(["-Sandbox", "-NoProfile", "-File", check], home: home.path, timeout: 300)
        XCTAssertEqual(result.stdout, "True\nOn\n1\n1\n", result.stderr)
    }

    /// MacAddressSpoofing on the VM's switch port: the firmware sends every frame from a foreign
    /// MAC (`spoof=`). While Off those frames never reach the bridge (its forwarding table never
    /// learns the MAC, and the host's ping goes unanswered); set On, they do; Off again, the ping
    /// fails again. Each change is made by a second hvsh process (in the same sandbox) while the VM
    /// keeps running: the console shows a single boot. Stop-VM leaves no tap and no port rule.
    func testMacAddressSpoofingDecidesWhetherForeignSourceFramesReachTheSwitch() throws {
        let second = "& '\(HvshProcess.executable)' -NoProfile -Command"
        let script = """
            New-VMSwitch -Name “NAT-Switch” -SwitchType Internal | Out-Null
            Get-NetAdapter “vEthernet (NAT-Switch)” | New-NetIPAddress -IPAddress 192.168.2.1 -AddressFamily IPv4 -PrefixLength 24 | Out-Null
            New-VM -Name Spoofer -MemoryStartupBytes 128MB -Generation 2 -SwitchName “NAT-Switch” | Out-Null
            Set-VMFirmware -VMName Spoofer -KernelCommandLine 'ip=192.168.2.2::192.168.2.1:255.255.255.0 spoof=02:00:00:00:00:99'
            Start-VM -Name Spoofer
            $deadline = [DateTime]::Now.AddSeconds(30)
            while (-not ((Get-VMConsole -VMName Spoofer) -match '[(]spoofed[)]') -and [DateTime]::Now -lt $deadline) { Start-Sleep -Milliseconds 50 }
            "off: " + (Test-Connection 192.168.2.2 -Count 2 -TimeoutSeconds 1 -Quiet)
            "off fdb: " + [bool]((bridge fdb show) -match '02:00:00:00:00:99')
            \(second) 'Set-VMNetworkAdapter -VMName Spoofer -MacAddressSpoofing On'
            "on: " + (Test-Connection 192.168.2.2 -Count 4 -TimeoutSeconds 2 -Quiet)
            "on fdb: " + [bool]((bridge fdb show) -match '02:00:00:00:00:99')
            \(second) 'Get-VMNetworkAdapter -VMName Spoofer | Set-VMNetworkAdapter -MacAddressSpoofing Off'
            "off again: " + (Test-Connection 192.168.2.2 -Count 2 -TimeoutSeconds 1 -Quiet)
            "boots: " + ((Get-VMConsole -VMName Spoofer) -split "`n" | Where-Object { $_ -match '^net: ' } | Measure-Object).Count
            Stop-VM -Name Spoofer -TurnOff
            "left: " + ((ip -o link show) + (nft list ruleset) | Where-Object { $_ -match 'hvt|port_687674' } | Measure-Object).Count
            """
        let result = try HvshProcess.run(["-Sandbox", "-NoProfile", "-Command", script], home: home.path, timeout: 180)
        XCTAssertEqual(result.stderr, "")
        XCTAssertEqual(result.stdout, "off: False\noff fdb: False\non: True\non fdb: True\noff again: False\nboots: 1\nleft: 0\n")
        XCTAssertEqual(ArticleLab.runningWorkers(under: home.path + "/hvsh-state"), [])
    }

    /// A guest handing its virtio-net device malicious descriptors (the `evilnet` test guest: addresses
    /// outside RAM, a descriptor loop, oversized and wrapping buffers, a bad index, rings outside RAM)
    /// gets a failed device (DEVICE_NEEDS_RESET, 0x40) each time; its worker keeps running, and another
    /// VM on the same switch still answers the host's ping.
    func testMaliciousDescriptorsFailOnlyTheirOwnDeviceAndTheSwitchKeepsWorking() throws {
        let script = """
            New-VMSwitch -Name “NAT-Switch” -SwitchType Internal | Out-Null
            Get-NetAdapter “vEthernet (NAT-Switch)” | New-NetIPAddress -IPAddress 192.168.2.1 -AddressFamily IPv4 -PrefixLength 24 | Out-Null
            New-VM -Name Good -MemoryStartupBytes 128MB -Generation 2 -SwitchName “NAT-Switch” | Out-Null
            Set-VMFirmware -VMName Good -KernelCommandLine 'ip=192.168.2.2::192.168.2.1:255.255.255.0'
            New-VM -Name Evil -MemoryStartupBytes 128MB -Generation 2 -SwitchName “NAT-Switch” | Out-Null
            Set-VMFirmware -VMName Evil -KernelPath builtin:evilnet
            Start-VM -Name Good
            Start-VM -Name Evil
            $deadline = [DateTime]::Now.AddSeconds(60)
            while (-not ((Get-VMConsole -VMName Evil) -match 'good frame') -and [DateTime]::Now -lt $deadline) { Start-Sleep -Milliseconds 50 }
            Get-VMConsole -VMName Evil | Select-String 'status|good frame' | % { $_.Line }
            "evil: " + (Get-VM -Name Evil).State
            "good: " + (Test-Connection 192.168.2.2 -Count 1 -TimeoutSeconds 10 -Quiet)
            Stop-VM -Name Good -TurnOff
            Stop-VM -Name Evil -TurnOff
            """
        let result = try HvshProcess.run(["-Sandbox", "-NoProfile", "-Command", script], home: home.path, timeout: 180)
        XCTAssertEqual(result.stderr, "")
        XCTAssertEqual(result.stdout, """
            outside RAM: status 0x4f
            loop: status 0x4f
            oversize: status 0x4f
            bad index: status 0x4f
            wrapping address: status 0x4f
            rings outside RAM: status 0x4f
            after reset: status 0x0f
            good frame sent
            evil: Running
            good: True

            """)
        XCTAssertEqual(ArticleLab.runningWorkers(under: home.path + "/hvsh-state"), [])
    }

    /// The lab's helpers on their own: Test-Connection answers from the sandbox's loopback and reports a
    /// silent address as unanswered; Add-SandboxUplink refuses outside a sandbox. (That last hvsh runs
    /// under `unshare -n` all the same, so even a broken guard could not touch this machine's network.)
    func testTestConnectionAndTheUplinkGuard() throws {
        let pings = try HvshProcess.run(["-Sandbox", "-NoProfile", "-Command",
                                         "Test-Connection 127.0.0.1 -Count 2 -Quiet; Test-Connection 192.0.2.1 -Count 1 -TimeoutSeconds 1 -Quiet"],
                                        home: home.path, timeout: 60)
        XCTAssertEqual(pings.stdout, "True\nFalse\n", pings.stderr)

        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/unshare") else { throw XCTSkip("needs unshare") }
        let refused = try SpawnedTool.run("/usr/bin/unshare", [
            "-n", "/usr/bin/env", "-u", "HVSH_SANDBOX", "NO_COLOR=1", "HOME=\(home.path)", "HVSH_HOME=\(home.path)/state",
            HvshProcess.executable, "-NoProfile", "-Command",
            "try { Add-SandboxUplink -ErrorAction Stop } catch { 'refused: ' + $_.Exception.Message }; ip -o link show | Measure-Object | % Count",
        ], captureOutput: true)
        XCTAssertEqual(refused.output, "refused: The sandbox uplink is only made inside 'hvsh -Sandbox', where it cannot touch the host's network.\n1\n")
    }
}

/// The lab script, its expected output, and cleanup of anything a failed run left behind.
enum ArticleLab {
    static var scriptPath: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("examples/article-lab.ps1").path
    }

    /// Replaces run-to-run values by placeholders.
    static func normalise(_ text: String) -> String {
        var text = text
        let rules: [(String, String)] = [
            (#"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"#, "<GUID>"),
            (#"\b[0-9a-fA-F]{2}([-:])[0-9a-fA-F]{2}(\1[0-9a-fA-F]{2}){4}\b"#, "<MAC>"),
            (#"\b[0-9A-F]{12}\b"#, "<MAC>"),
            (#"CPU vendor: \S+"#, "CPU vendor: <VENDOR>"),
            (#"(?m)^(\s+1 192\.168\.2\.2)\s+\d+(\s+32 Success)$"#, "$1 <MS>$2"),
            (#"(?m)^(ComputerName\s+: ).*$"#, "$1<HOST>"),
        ]
        for (pattern, template) in rules {
            text = text.replacingOccurrences(of: pattern, with: template, options: .regularExpression)
        }
        return text
    }

    /// The expected transcript, kept next to the script (it is also what the README shows).
    static var expected: String {
        let path = (scriptPath as NSString).deletingPathExtension + ".expected.txt"
        return (try? String(contentsOfFile: path, encoding: .utf8)) ?? "<missing \(path)>"
    }

    /// Pids of VM workers whose runtime directories are under `root` and that still run.
    static func runningWorkers(under root: String) -> [Int32] {
        let run = root + "/run"
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: run)) ?? []
        return entries.compactMap { entry in
            guard let text = try? String(contentsOfFile: "\(run)/\(entry)/worker.pid", encoding: .utf8),
                  let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)), kill(pid, 0) == 0 else { return nil }
            return pid
        }
    }

    /// A run that failed half way may leave a worker (and with it the sandbox's namespace) alive.
    static func killWorkers(under root: String) {
        for pid in runningWorkers(under: root) { kill(pid, SIGKILL) }
    }
}
