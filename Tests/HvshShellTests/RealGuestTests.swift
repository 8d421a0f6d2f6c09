import Foundation
import GuestImages
import VirtualDisk
import XCTest

/// Real operating systems through the cmdlets only, in `hvsh -Sandbox`: Debian's kernel with a busybox init on a
/// GRUB ISO (built at test time from Debian packages, see `TestGuestISO`), booted by SeaBIOS (Generation 1) and
/// OVMF (Generation 2) in QEMU under software emulation. Each boot costs ~8 s on a quiet machine, so each test
/// boots once and asks its guest everything it can.
final class RealGuestTests: XCTestCase {
    private var home: ScratchDirectory!
    private var iso = ""

    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    override func setUpWithError() throws {
        try HvshProcess.requireExecutable()
        guard getuid() == 0 else { throw XCTSkip("real guests need root (bridges, taps and nftables in the sandbox)") }
        for tool in ["/usr/bin/qemu-system-x86_64", "/usr/share/seabios/bios-256k.bin", "/usr/share/OVMF/OVMF_CODE_4M.secboot.fd",
                     "/usr/bin/qemu-img"] where !FileManager.default.fileExists(atPath: tool) {
            throw XCTSkip("\(tool) is missing: install qemu-system-x86, ovmf, seabios and qemu-utils")
        }
        if let missing = TestGuestISO.missingTools(repositoryRoot: Self.repositoryRoot) { throw XCTSkip(missing) }
        iso = try TestGuestISO.path(repositoryRoot: Self.repositoryRoot)
        home = HvshProcess.makeHome()
    }

    override func tearDown() {
        if let home { ArticleLab.killWorkers(under: home.path + "/hvsh-state") }
        home?.remove()
    }

    /// The PowerShell every test starts with: stop at the first error, and a way to wait for a console line.
    static let prelude = """
        $ErrorActionPreference = 'Stop'
        function Wait-Console([string]$VMName, [string]$Pattern, [int]$Seconds = 240) {
            $deadline = [DateTime]::Now.AddSeconds($Seconds)
            while (-not ((Get-VMConsole -VMName $VMName) -match $Pattern)) {
                if ([DateTime]::Now -gt $deadline) { throw "the console of $VMName never showed $Pattern" }
                # A boot that went wrong says so (GRUB's errors, a kernel panic): no need to wait for the deadline.
                $failed = (Get-VMConsole -VMName $VMName) -match 'error: (out of memory|you need to load the kernel)|Kernel panic' | Select-Object -First 1
                if ($failed) { throw "the console of $VMName shows: $failed" }
                Start-Sleep -Milliseconds 200
            }
            ((Get-VMConsole -VMName $VMName) -match $Pattern | Select-Object -Last 1).Trim()
        }
        function Send-Console([string]$VMName, [string]$Line) { Connect-VMConsole -VMName $VMName -Keys $Line -QuietMilliseconds 1 | Out-Null }

        """

    /// Runs `script` in a sandbox; whatever happens, its VMs are turned off before hvsh exits (a VM left running
    /// would keep the sandbox, and this test's pipes, alive).
    private func run(_ script: String, timeout: TimeInterval = 900) throws -> HvshProcess.Result {
        let guarded = Self.prelude + "try {\n" + script + "\n} finally { Get-VM | Where-Object State -ne 'Off' | Stop-VM -TurnOff -Force -ErrorAction SilentlyContinue }\n"
        let result = try HvshProcess.run(["-Sandbox", "-NoProfile", "-Command", guarded], home: home.path, timeout: timeout)
        if result.stderr.contains("cannot create a network namespace") {
            throw XCTSkip("this machine does not allow new network namespaces: \(result.stderr)")
        }
        return result
    }

    /// Generation 1 from its IDE DVD: the guest's own console line, its NIC on an Internal switch with NAT answering
    /// the host's ping with the adapter's MAC, and Stop-VM (no -TurnOff) ending in the guest's own power-off through
    /// the ACPI power button. Its disk is a differencing VHDX whose parent the host made: QEMU cannot open such a
    /// chain (nor the .avhdx a checkpoint adds), so the worker serves it; the guest reads the parent's pattern
    /// through the chain, its own write lands in the child and the parent's bytes never change; a checkpoint of the
    /// running VM moves it onto an .avhdx, and Restore-VMSnapshot gives the disk as it was at the checkpoint back.
    func testGeneration1BootsTheISOAnswersPingServesItsDifferencingDiskAndPowersOffOnStopVM() throws {
        let parent = home.path + "/Base.vhdx", disk = home.path + "/Gen1.vhdx"
        try Self.makeParentDisk(parent, tag: "parent")
        let parentBytes = try Data(contentsOf: URL(fileURLWithPath: parent))
        let result = try run("""
            New-VMSwitch -Name "NAT-Switch" -SwitchType Internal | Out-Null
            New-NetNat -Name "NAT-net" -InternalIPInterfaceAddressPrefix '192.168.2.0/24' | Out-Null
            Get-NetAdapter "vEthernet (NAT-Switch)" | New-NetIPAddress -IPAddress 192.168.2.1 -AddressFamily IPv4 -PrefixLength 24 | Out-Null
            New-VHD -Path '\(disk)' -ParentPath '\(parent)' -Differencing -PhysicalSectorSizeBytes 4096 | Out-Null
            New-VM -Name Gen1 -MemoryStartupBytes 256MB -Generation 1 -VHDPath '\(disk)' -SwitchName "NAT-Switch" | Out-Null
            Set-VMDvdDrive -VMName Gen1 -ControllerNumber 1 -ControllerLocation 0 -Path '\(iso)'
            # The disk first (it boots nothing), then the DVD: SeaBIOS must get the whole order, not only its head.
            Set-VMBios -VMName Gen1 -StartupOrder @('IDE', 'CD', 'LegacyNetworkAdapter', 'Floppy')
            "engine before start: " + (Get-VM Gen1).Engine + "/" + (Get-VM Gen1).EngineInUse
            Start-VM -Name Gen1 3>&1 | ForEach-Object { "warning: $_" }
            $vm = Get-VM Gen1
            "running: " + $vm.State + " " + $vm.EngineInUse + " " + ($vm.MemoryAssigned / 1MB) + "MB"
            "guest: " + (Wait-Console Gen1 'hvsh-guest: up ')
            $vm = Get-VM Gen1
            "booting: CPUUsage " + ($vm.CPUUsage -gt 0) + ", Uptime " + ($vm.Uptime.TotalSeconds -gt 0)
            $net = Wait-Console Gen1 'hvsh-guest: net '
            $mac = ((Get-VMNetworkAdapter -VMName Gen1).MacAddress -replace '(..)(?!$)', '$1:').ToLower()
            "nic has the adapter's MAC: " + $net.EndsWith("mac $mac")
            "disk: " + (Wait-Console Gen1 'hvsh-guest: disk holds')
            Wait-Console Gen1 'hvsh-guest: ready' | Out-Null
            Send-Console Gen1 'echo sectors-$(cat /sys/block/sda/queue/logical_block_size)-$(cat /sys/block/sda/queue/physical_block_size)'
            "disk sectors: " + (Wait-Console Gen1 '^sectors-')
            Send-Console Gen1 'echo bootorder: $(tr -d "\\000" < /sys/firmware/qemu_fw_cfg/by_name/bootorder/raw)'
            "firmware boot order: " + (Wait-Console Gen1 '^bootorder: ')
            "ping: " + (Test-Connection 192.168.2.2 -Count 3 -TimeoutSeconds 5 -Quiet)
            # A guest without Hyper-V's integration services never answers a heartbeat: NoContact, as on Hyper-V.
            "heartbeat: " + (Get-VM Gen1).Heartbeat + " / " + (Get-VMIntegrationService -VMName Gen1 -Name Heartbeat).PrimaryStatusDescription
            Send-Console Gen1 'hvsh-disk-write child'
            Wait-Console Gen1 'hvsh-guest: disk wrote child' | Out-Null
            Checkpoint-VM -Name Gen1 -SnapshotName cp1
            $current = (Get-VMHardDiskDrive -VMName Gen1).Path
            "after checkpoint: " + (Get-VM Gen1).State + " on " + [IO.Path]::GetExtension($current)
            Send-Console Gen1 'hvsh-disk-write later; echo wrote-$(hvsh-disk-read -q)'
            "guest after checkpoint: " + (Wait-Console Gen1 '^wrote-')
            Restore-VMSnapshot -VMName Gen1 -Name cp1 -Confirm:$false
            "restored: " + (Get-VM Gen1).State
            Start-VM -Name Gen1
            Send-Console Gen1 'echo restored-$(hvsh-disk-read -q)'
            "guest after restore: " + (Wait-Console Gen1 '^restored-')
            "disk path: " + (Get-VMHardDiskDrive -VMName Gen1).Path
            Stop-VM -Name Gen1
            "after Stop-VM: " + (Get-VM Gen1).State
            "guest said: " + (Wait-Console Gen1 'power button pressed' 5)
            "taps left: " + ((ip -o link show) -match 'hvt' | Measure-Object).Count
            "port rules left: " + ((nft list ruleset) -match 'hvt' | Measure-Object).Count
            """)
        XCTAssertEqual(result.stderr, "", result.stdout)
        XCTAssertEqual(result.status, 0, result.stdout)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        let warnings = lines.filter { $0.hasPrefix("warning: ") }
        XCTAssertEqual(warnings.count, 1, "one warning about software emulation: \(result.stdout)")
        XCTAssertTrue(warnings.first?.contains("software emulation (TCG)") == true, result.stdout)
        for expected in ["engine before start: Automatic/QEMU", "running: Running QEMU 256MB", "nic has the adapter's MAC: True",
                         "disk: hvsh-guest: disk holds parent", "ping: True", "heartbeat: NoContact / No Contact",
                         "after checkpoint: Running on .avhdx",
                         "guest after checkpoint: wrote-later", "restored: Saved", "guest after restore: restored-child",
                         "after Stop-VM: Off", "guest said: hvsh-guest: power button pressed, powering off", "taps left: 0",
                         "port rules left: 0", "booting: CPUUsage True, Uptime True",
                         // The child is 512e (512-byte logical, 4 KiB physical sectors), as Get-VHD shows it.
                         "disk sectors: sectors-512-4096"] {
            XCTAssertTrue(lines.contains(expected), "missing \(expected.debugDescription) in:\n\(result.stdout)")
        }
        XCTAssertTrue(lines.contains { $0.hasPrefix("guest: hvsh-guest: up 6.") }, result.stdout)
        // What SeaBIOS was given (QEMU's fw_cfg "bootorder", read by the guest): the IDE disk at 0:0, then the DVD at
        // 1:0, then nothing else (-boot strict=on ends the list with HALT).
        let order = lines.first { $0.hasPrefix("firmware boot order: ") } ?? ""
        XCTAssertNotNil(order.range(of: #"^firmware boot order: bootorder: \S*/drive@0/disk@0 \S*/drive@1/disk@0 HALT$"#, options: .regularExpression),
                        result.stdout)
        // The guest's write is in the child (read through hvsh's reader of the chain); the parent is byte for byte
        // what the host made, and still says what it said.
        XCTAssertEqual(try Self.pattern(in: disk), "hvsh-guest-pattern tag=child")
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: parent)), parentBytes, "the parent disk changed")
        XCTAssertEqual(try Self.pattern(in: parent), "hvsh-guest-pattern tag=parent")
        let current = lines.first { $0.hasPrefix("disk path: ") }.map { String($0.dropFirst("disk path: ".count)) } ?? ""
        XCTAssertTrue(current.hasSuffix(".avhdx"), result.stdout)
        XCTAssertEqual(try Self.pattern(in: current), "hvsh-guest-pattern tag=child")
        XCTAssertEqual(ArticleLab.runningWorkers(under: home.path + "/hvsh-state"), [])
    }

    /// A VHDX (made by qemu-img from a raw image) with the test guest's pattern at byte 1 MiB.
    static func makeParentDisk(_ path: String, tag: String) throws {
        let raw = path + ".raw"
        var bytes = Data(count: 64 << 20)
        let text = Data("hvsh-guest-pattern tag=\(tag)\n".utf8)
        bytes.replaceSubrange((1 << 20)..<((1 << 20) + text.count), with: text)
        try bytes.write(to: URL(fileURLWithPath: raw))
        defer { try? FileManager.default.removeItem(atPath: raw) }
        let convert = try Tool.run(["/usr/bin/qemu-img", "convert", "-f", "raw", "-O", "vhdx", raw, path])
        guard convert.status == 0 else { throw XCTSkip("qemu-img could not make a VHDX: \(convert.output)") }
    }

    /// The guest's pattern line at byte 1 MiB of a disk, read through hvsh's VirtualDisk (differencing chains too).
    static func pattern(in path: String) throws -> String {
        let sector = try DiskImage.open(path).read(at: 1 << 20, count: 512)
        return String(decoding: sector.prefix { $0 != 0x0A && $0 != 0 }, as: UTF8.self)
    }

    /// Generation 2 as Hyper-V makes it (with 512 MB: GRUB's EFI loader runs out of memory for the kernel and
    /// initramfs at 256 MB): Secure Boot on with the MicrosoftWindows template refuses the unsigned
    /// ISO; with Secure Boot off it boots from the SCSI DVD, second in its boot order after a blank 4K-sector VHDX,
    /// which the guest sees with 4 KiB sectors. Dynamic memory: the balloon gives the idle guest's memory back down
    /// to its minimum. Then the lifecycle: Suspend/Resume, a checkpoint of the running VM, more changes,
    /// Restore-VMSnapshot and Start-VM giving the earlier state back, Save-VM and Start-VM from the saved state,
    /// Restart-VM (a new boot), Set-VMDvdDrive -Path $null ejecting the medium while the VM runs.
    func testGeneration2RefusesTheUnsignedISOUnderSecureBootThenBootsAndCheckpointsWithoutIt() throws {
        let result = try run("""
            New-VM -Name Gen2 -MemoryStartupBytes 512MB -Generation 2 | Out-Null
            Set-VMMemory -VMName Gen2 -DynamicMemoryEnabled $true -MinimumBytes 256MB -MaximumBytes 512MB
            New-VHD -Path '\(home.path)/Gen2.vhdx' -SizeBytes 64MB -LogicalSectorSizeBytes 4096 | Out-Null
            Add-VMHardDiskDrive -VMName Gen2 -Path '\(home.path)/Gen2.vhdx'
            Add-VMDvdDrive -VMName Gen2 -Path '\(iso)'
            # New-VM put the network adapter first and the disk and DVD were appended: as on Hyper-V, the order is set
            # or the firmware would try a network boot first. The blank disk first boots nothing, so OVMF must go on
            # to the second entry.
            Set-VMFirmware -VMName Gen2 -BootOrder (Get-VMHardDiskDrive -VMName Gen2), (Get-VMDvdDrive -VMName Gen2), (Get-VMNetworkAdapter -VMName Gen2)
            $fw = Get-VMFirmware -VMName Gen2
            "firmware: " + $fw.SecureBoot + " " + $fw.SecureBootTemplate + " " + ($fw.BootOrder.BootType -join ',')
            Start-VM -Name Gen2 3>$null
            "refused: " + (Wait-Console Gen2 'Access Denied')
            Start-Sleep -Seconds 2
            "guest ran: " + [bool]((Get-VMConsole -VMName Gen2) -match 'hvsh-guest')
            Stop-VM -Name Gen2 -TurnOff
            Set-VMFirmware -VMName Gen2 -EnableSecureBoot Off
            Start-VM -Name Gen2
            Wait-Console Gen2 'hvsh-guest: ready' | Out-Null
            "booted: " + (Get-VM Gen2).State
            Send-Console Gen2 'echo sectors-$(cat /sys/block/sda/queue/logical_block_size)-$(cat /sys/block/sda/queue/physical_block_size)'
            "disk sectors: " + (Wait-Console Gen2 '^sectors-')
            Send-Console Gen2 'echo bootorder: $(tr -d "\\000" < /sys/firmware/qemu_fw_cfg/by_name/bootorder/raw)'
            "firmware boot order: " + (Wait-Console Gen2 '^bootorder: ')
            # Dynamic memory: the guest uses little, so the balloon (which the guest fills a page at a time) comes
            # down to its minimum.
            $deadline = [DateTime]::Now.AddSeconds(120)
            while ((Get-VM Gen2).MemoryAssigned -gt 256MB -and [DateTime]::Now -lt $deadline) { Start-Sleep -Milliseconds 500 }
            "assigned: " + ((Get-VM Gen2).MemoryAssigned / 1MB) + "MB"
            Send-Console Gen2 'echo memtotal-$(( $(grep MemTotal /proc/meminfo | tr -s " " | cut -d " " -f 2) / 1024 ))'
            "guest: " + (Wait-Console Gen2 '^memtotal-[0-9]')
            Suspend-VM -Name Gen2
            "suspended: " + (Get-VM Gen2).State
            Resume-VM -Name Gen2
            "resumed: " + (Get-VM Gen2).State
            Send-Console Gen2 'echo before > /tmp/mark; echo stored-$((1+1))'
            Wait-Console Gen2 '^stored-2' | Out-Null
            Checkpoint-VM -Name Gen2 -SnapshotName cp1
            "after checkpoint: " + (Get-VM Gen2).State
            Send-Console Gen2 'echo after > /tmp/mark; echo stored-$((1+2))'
            Wait-Console Gen2 '^stored-3' | Out-Null
            Restore-VMSnapshot -VMName Gen2 -Name cp1 -Confirm:$false
            "restored: " + (Get-VM Gen2).State
            Start-VM -Name Gen2
            Send-Console Gen2 'echo mark=$(cat /tmp/mark) check-$((3+4))'
            "guest after restore: " + (Wait-Console Gen2 'check-7$')
            Save-VM -Name Gen2
            "saved: " + (Get-VM Gen2).State
            Start-VM -Name Gen2
            Send-Console Gen2 'echo alive-$((4+4))'
            "from saved state: " + (Get-VM Gen2).State + " " + (Wait-Console Gen2 '^alive-8')
            $ready = ((Get-VMConsole -VMName Gen2) -match '^hvsh-guest: ready').Count
            $restartedAt = [DateTime]::Now
            Restart-VM -Name Gen2 -Force
            $deadline = [DateTime]::Now.AddSeconds(240)
            while (((Get-VMConsole -VMName Gen2) -match '^hvsh-guest: ready').Count -le $ready) {
                if ([DateTime]::Now -gt $deadline) { throw "Gen2 never came back from Restart-VM" }
                Start-Sleep -Milliseconds 200
            }
            $after = Get-VM Gen2
            "restarted: " + $after.State + ", up since the restart: " + ($after.Uptime -lt ([DateTime]::Now - $restartedAt))
            Send-Console Gen2 'dd if=/dev/sr0 of=/dev/null bs=2048 count=1 2>/dev/null && echo medium-$((5+5))'
            Wait-Console Gen2 '^medium-10' | Out-Null
            Get-VMDvdDrive -VMName Gen2 | Set-VMDvdDrive -Path $null
            Send-Console Gen2 'dd if=/dev/sr0 of=/dev/null bs=2048 count=1 2>/dev/null || echo no-medium-$((6+6))'
            "after eject: " + (Wait-Console Gen2 '^no-medium-12')
            Stop-VM -Name Gen2 -TurnOff
            "off: " + (Get-VM Gen2).State
            """)
        XCTAssertEqual(result.stderr, "", result.stdout)
        XCTAssertEqual(result.status, 0, result.stdout)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        for expected in ["firmware: On MicrosoftWindows Drive,Drive,Network", "guest ran: False", "booted: Running",
                         "disk sectors: sectors-4096-4096", "assigned: 256MB", "restarted: Running, up since the restart: True", "suspended: Paused", "resumed: Running",
                         "after checkpoint: Running", "restored: Saved", "guest after restore: mark=before check-7", "saved: Saved",
                         "from saved state: Running alive-8", "after eject: no-medium-12", "off: Off"] {
            XCTAssertTrue(lines.contains(expected), "missing \(expected.debugDescription) in:\n\(result.stdout)")
        }
        XCTAssertTrue(lines.contains { $0.hasPrefix("refused: ") && $0.contains("Access Denied") }, result.stdout)
        // OVMF was given the whole order: the SCSI disk (virtio-scsi target 0), the DVD (a SATA DVD on the AHCI
        // controller at 1f.2, port 0), the adapter, and no more.
        let order = lines.first { $0.hasPrefix("firmware boot order: ") } ?? ""
        XCTAssertNotNil(order.range(of: #"^firmware boot order: bootorder: \S*/scsi@\S*/disk@0,0 \S*@1f,2/drive@0/disk@0 \S*/ethernet@[^ ]* HALT$"#,
                                    options: .regularExpression), result.stdout)
        // The guest itself sees the memory the balloon left it (its own kernel's share of that is not counted).
        let total = lines.first { $0.hasPrefix("guest: memtotal-") }.flatMap { Int($0.dropFirst("guest: memtotal-".count)) } ?? 0
        XCTAssertTrue(total > 128 && total <= 256, "MemTotal \(total) MiB: \(result.stdout)")
        XCTAssertEqual(ArticleLab.runningWorkers(under: home.path + "/hvsh-state"), [])
    }

    /// A network boot the user chose (Set-VMFirmware -FirstBootDevice on the adapter) runs on QEMU under Automatic,
    /// and OVMF starts PXE on the adapter's tap (after, under software emulation, refusing to expose virtualization
    /// extensions it does not have). Then its QEMU is killed: the VM is Off with the dead worker named in
    /// its Status, and nothing is left (the worker, QEMU, its tap, its sockets and pid file). No guest boots here, so this
    /// costs only OVMF's start.
    func testANetworkBootRunsOnQEMUAndAQEMUThatDiesLeavesNothingBehind() throws {
        let runtime = home.path + "/hvsh-state/run"
        let cpu = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let softwareEmulation = !cpu.split(separator: "\n").contains { $0.hasPrefix("flags") && ($0.contains(" vmx") || $0.contains(" svm")) }
        let result = try run("""
            New-VMSwitch -Name "PXE-Switch" -SwitchType Internal | Out-Null
            New-VM -Name Pxe -MemoryStartupBytes 256MB -Generation 2 -SwitchName "PXE-Switch" | Out-Null
            "New-VM's order: " + (Get-VM Pxe).EngineInUse
            Set-VMFirmware -VMName Pxe -FirstBootDevice (Get-VMNetworkAdapter -VMName Pxe)
            "network boot chosen: " + (Get-VM Pxe).EngineInUse
            if ($\(softwareEmulation ? "true" : "false")) {
                # Under software emulation QEMU has no VT-x/AMD-V to give: the same refusal as the native VMM's.
                Set-VMProcessor -VMName Pxe -ExposeVirtualizationExtensions $true
                try { Start-VM -Name Pxe 3>$null } catch { "nested: " + $_.Exception.Message }
                "after the refusal: " + (Get-VM Pxe).State
                Set-VMProcessor -VMName Pxe -ExposeVirtualizationExtensions $false
            }
            Start-VM -Name Pxe 3>$null
            "firmware: " + (Wait-Console Pxe 'Start PXE over IPv4' 120)
            $worker = [int](Get-Content (Get-ChildItem '\(runtime)/*/worker.pid').FullName)
            $qemu = [int]((Get-Content "/proc/$worker/task/$worker/children") -split ' ' | Where-Object { $_ } | Select-Object -First 1)
            "qemu is the worker's child: " + ((Get-Content "/proc/$qemu/comm") -like 'qemu-system*')
            "taps while running: " + ((ip -o link show) -match 'hvt' | Measure-Object).Count
            kill -9 $qemu
            $deadline = [DateTime]::Now.AddSeconds(30)
            while ((Get-VM Pxe).State -ne 'Off') {
                if ([DateTime]::Now -gt $deadline) { throw "Pxe never turned Off after its QEMU died" }
                Start-Sleep -Milliseconds 200
            }
            $vm = Get-VM Pxe
            "after QEMU died: " + $vm.State + " / " + $vm.Status
            # A process that has ended but is not yet reaped by whoever inherited it is a zombie, not left running.
            function Alive([int]$ProcessId) {
                $status = Get-Content "/proc/$ProcessId/status" -ErrorAction SilentlyContinue
                [bool]$status -and -not ($status -match '^State:\\s+Z')
            }
            "worker left: " + (Alive $worker) + ", qemu left: " + (Alive $qemu)
            "taps left: " + ((ip -o link show) -match 'hvt' | Measure-Object).Count
            "sockets and pid files left: " + (Get-ChildItem '\(runtime)' -Recurse | Where-Object Name -in 'control.sock', 'console.sock', 'worker.pid' | Measure-Object).Count
            Start-VM -Name Pxe 3>$null
            "starts again: " + (Get-VM Pxe).State
            Stop-VM -Name Pxe -TurnOff
            """)
        XCTAssertEqual(result.stderr, "", result.stdout)
        XCTAssertEqual(result.status, 0, result.stdout)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        for expected in ["New-VM's order: Native", "network boot chosen: QEMU", "qemu is the worker's child: True", "taps while running: 1",
                         "worker left: False, qemu left: False", "taps left: 0", "sockets and pid files left: 0", "starts again: Running"] {
            XCTAssertTrue(lines.contains(expected), "missing \(expected.debugDescription) in:\n\(result.stdout)")
        }
        if softwareEmulation {
            XCTAssertTrue(lines.contains { $0.hasPrefix("'Pxe' failed to start.") }, result.stdout)
            XCTAssertTrue(lines.contains { $0.hasPrefix("Virtualization extensions cannot be exposed to the guest: ")
                                           && $0.contains("software emulation cannot give the guest VT-x or AMD-V") }, result.stdout)
            XCTAssertTrue(lines.contains("after the refusal: Off"), result.stdout)
        }
        let died = lines.first { $0.hasPrefix("after QEMU died: ") } ?? ""
        XCTAssertTrue(died.hasPrefix("after QEMU died: Off / ") && died.contains("QEMU process ended unexpectedly"), result.stdout)
        XCTAssertEqual(ArticleLab.runningWorkers(under: home.path + "/hvsh-state"), [])
    }

    /// examples/real-guest-lab.ps1 as a user runs it: the article's commands, then a real Linux on NAT-Switch at
    /// 192.168.2.2 that the host pings and that reaches the sandbox's outside host through the NAT (its ping
    /// answered, its datagram arriving from the NAT's outside address), and a clean power-off on Stop-VM.
    func testTheRealGuestLabExampleReachesTheOutsideHostThroughTheNAT() throws {
        let script = Self.repositoryRoot + "/examples/real-guest-lab.ps1"
        let result = try HvshProcess.run(["-Sandbox", "-NoProfile", "-File", script, "-IsoPath", iso], home: home.path, timeout: 900)
        if result.stderr.contains("cannot create a network namespace") {
            throw XCTSkip("this machine does not allow new network namespaces: \(result.stderr)")
        }
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        let stderr = result.stderr.split(separator: "\n").filter { !$0.contains("software emulation (TCG)") && !$0.isEmpty }
        XCTAssertEqual(stderr, [], result.stderr)
        let lines = result.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        XCTAssertTrue(lines.contains("uplink 198.51.100.2/24 198.51.100.1 7777"), result.stdout)
        XCTAssertTrue(lines.contains { $0.hasPrefix("ExposeVirtualizationExtensions") }, "the article's Get-VMProcessor | fl *: \(result.stdout)")
        XCTAssertTrue(lines.contains { $0.hasPrefix("vEthernet (NAT-Switch)") }, "the article's Get-NetAdapter: \(result.stdout)")
        XCTAssertTrue(lines.contains { $0.hasPrefix("LinuxGuest Running") && $0.hasSuffix(" QEMU") }, result.stdout)
        XCTAssertTrue(lines.contains { $0.hasPrefix("hvsh-guest: net ") && $0.contains("192.168.2.2/24") }, result.stdout)
        XCTAssertTrue(lines.contains { $0.hasPrefix("1 192.168.2.2") && $0.hasSuffix("Success") }, "the host pings the guest: \(result.stdout)")
        XCTAssertTrue(lines.contains("outside-21"), "the guest's ping of 198.51.100.1 was answered: \(result.stdout)")
        XCTAssertTrue(lines.contains("198.51.100.1:7777 198.51.100.2"), "the datagram left through the NAT: \(result.stdout)")
        XCTAssertTrue(lines.contains { $0.hasPrefix("LinuxGuest") && $0.contains(" Off ") }, "Stop-VM powered the guest off: \(result.stdout)")
        XCTAssertEqual(ArticleLab.runningWorkers(under: home.path + "/hvsh-state"), [])
    }
}
