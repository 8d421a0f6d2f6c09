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
        iso = try Self.guestISO(needing: ["/usr/bin/qemu-system-x86_64", "/usr/share/seabios/bios-256k.bin",
                                          "/usr/share/OVMF/OVMF_CODE_4M.secboot.fd", "/usr/bin/qemu-img"],
                                install: "qemu-system-x86, ovmf, seabios and qemu-utils")
        home = HvshProcess.makeHome()
    }

    /// The test guest's ISO (built on first use), or a skip that names what is missing: one of QEMU's
    /// `files` (with the `packages` that bring them), or a tool the ISO is built with.
    static func guestISO(needing files: [String], install packages: String) throws -> String {
        for file in files where !FileManager.default.fileExists(atPath: file) {
            throw XCTSkip("\(file) is missing: install \(packages)")
        }
        if let missing = TestGuestISO.missingTools(repositoryRoot: repositoryRoot) { throw XCTSkip(missing) }
        return try TestGuestISO.path(repositoryRoot: repositoryRoot)
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
    private func run(_ script: String, environment: [String: String] = [:], timeout: TimeInterval = 900) throws -> HvshProcess.Result {
        let guarded = Self.prelude + "try {\n" + script + "\n} finally { Get-VM | Where-Object State -ne 'Off' | Stop-VM -TurnOff -Force -ErrorAction SilentlyContinue }\n"
        let result = try HvshProcess.run(["-Sandbox", "-NoProfile", "-Command", guarded], home: home.path, environment: environment, timeout: timeout)
        if result.stderr.contains("cannot create a network namespace") {
            throw XCTSkip("this machine does not allow new network namespaces: \(result.stderr)")
        }
        return result
    }

    /// Generation 1 from its IDE DVD: the guest's own console line, its legacy network adapter (an emulated Intel NIC)
    /// on an Internal switch with NAT answering the host's ping with the adapter's MAC, MAC address spoofing
    /// enforced on the running VM's port (a frame from another MAC dropped until -MacAddressSpoofing On) and its DHCP
    /// and router guards turned into rules on its tap, and Stop-VM (no -TurnOff) ending in the guest's own power-off
    /// through the ACPI power button. Its disk is a differencing VHDX whose parent the host made: QEMU cannot open
    /// such a chain (nor the .avhdx a checkpoint adds), so the worker serves it; the guest reads the parent's pattern
    /// through the chain, its own write lands in the child and the parent's bytes never change; a checkpoint of the
    /// running VM moves it onto an .avhdx, and Restore-VMSnapshot gives the disk as it was at the checkpoint back.
    /// Every guest-dependent check waits on its condition (a NIC that answers, a busy vCPU), never on a fixed time.
    func testGeneration1BootsTheISOAnswersPingServesItsDifferencingDiskAndPowersOffOnStopVM() throws {
        let parent = home.path + "/Base.vhdx", disk = home.path + "/Gen1.vhdx"
        try Self.makeParentDisk(parent, tag: "parent")
        let parentBytes = try Data(contentsOf: URL(fileURLWithPath: parent))
        let result = try run("""
            New-VMSwitch -Name "NAT-Switch" -SwitchType Internal | Out-Null
            New-NetNat -Name "NAT-net" -InternalIPInterfaceAddressPrefix '192.168.2.0/24' | Out-Null
            Get-NetAdapter "vEthernet (NAT-Switch)" | New-NetIPAddress -IPAddress 192.168.2.1 -AddressFamily IPv4 -PrefixLength 24 | Out-Null
            New-VHD -Path '\(disk)' -ParentPath '\(parent)' -Differencing -PhysicalSectorSizeBytes 4096 | Out-Null
            New-VM -Name Gen1 -MemoryStartupBytes 256MB -Generation 1 -VHDPath '\(disk)' | Out-Null
            # Only a legacy adapter (QEMU's e1000), so the guest's one NIC is the emulated Intel card.
            Get-VMNetworkAdapter -VMName Gen1 | Remove-VMNetworkAdapter
            Add-VMNetworkAdapter -VMName Gen1 -IsLegacy $true -SwitchName "NAT-Switch"
            "legacy adapters: " + (Get-VMNetworkAdapter -VMName Gen1 -IsLegacy $true | Measure-Object).Count + " of " + (Get-VMNetworkAdapter -VMName Gen1 | Measure-Object).Count
            Set-VMDvdDrive -VMName Gen1 -ControllerNumber 1 -ControllerLocation 0 -Path '\(iso)'
            # The disk first (it boots nothing), then the DVD: SeaBIOS must get the whole order, not only its head.
            Set-VMBios -VMName Gen1 -StartupOrder @('IDE', 'CD', 'LegacyNetworkAdapter', 'Floppy')
            "engine before start: " + (Get-VM Gen1).Engine + "/" + (Get-VM Gen1).EngineInUse
            Start-VM -Name Gen1 3>&1 | ForEach-Object { "warning: $_" }
            $vm = Get-VM Gen1
            "running: " + $vm.State + " " + $vm.EngineInUse + " " + ($vm.MemoryAssigned / 1MB) + "MB"
            "guest: " + (Wait-Console Gen1 'hvsh-guest: up ')
            $net = Wait-Console Gen1 'hvsh-guest: net '
            $mac = ((Get-VMNetworkAdapter -VMName Gen1).MacAddress -replace '(..)(?!$)', '$1:').ToLower()
            "nic has the adapter's MAC: " + $net.EndsWith("mac $mac")
            "disk: " + (Wait-Console Gen1 'hvsh-guest: disk holds')
            Wait-Console Gen1 'hvsh-guest: ready' | Out-Null
            Send-Console Gen1 'echo nic-driver-$(basename $(readlink /sys/class/net/eth0/device/driver))'
            "guest nic: " + (Wait-Console Gen1 '^nic-driver-')
            # CPUUsage while the guest's vCPU is busy for a while (an idle guest may round to 0 %), Uptime at once.
            # (Console commands stay shorter than the guest terminal's 80 columns, so no echo wraps onto a line of its own.)
            Send-Console Gen1 'while :; do :; done & echo busy-pid-$!'
            $busy = (Wait-Console Gen1 '^busy-pid-[0-9]+$').Substring(9)
            # (Each reading covers a short interval; on a loaded host QEMU may get no CPU in one, so keep the first
            # reading above 0, if any comes within a minute.)
            $deadline = [DateTime]::Now.AddSeconds(60)
            $usage = 0
            while ($usage -le 0 -and [DateTime]::Now -lt $deadline) { $usage = (Get-VM Gen1).CPUUsage; Start-Sleep -Milliseconds 200 }
            $vm = Get-VM Gen1
            "busy guest: CPUUsage " + ($usage -gt 0) + ", Uptime " + ($vm.Uptime.TotalSeconds -gt 0)
            Send-Console Gen1 "kill $busy; echo idle-again"
            Wait-Console Gen1 '^idle-again' | Out-Null
            Send-Console Gen1 'echo sectors-$(cat /sys/block/sda/queue/logical_block_size)-$(cat /sys/block/sda/queue/physical_block_size)'
            "disk sectors: " + (Wait-Console Gen1 '^sectors-')
            Send-Console Gen1 'echo bootorder: $(tr -d "\\000" < /sys/firmware/qemu_fw_cfg/by_name/bootorder/raw)'
            "firmware boot order: " + (Wait-Console Gen1 '^bootorder: ')
            # The guest's NIC may still be settling (link, ARP): ask until it answers, for up to a minute.
            function Test-Guest([int]$Seconds = 60) {
                $deadline = [DateTime]::Now.AddSeconds($Seconds)
                do {
                    if (Test-Connection 192.168.2.2 -Count 1 -TimeoutSeconds 2 -Quiet) { return $true }
                } while ([DateTime]::Now -lt $deadline)
                $false
            }
            "ping: " + (Test-Guest)
            # A guest without Hyper-V's integration services never answers a heartbeat: NoContact, as on Hyper-V.
            "heartbeat: " + (Get-VM Gen1).Heartbeat + " / " + (Get-VMIntegrationService -VMName Gen1 -Name Heartbeat).PrimaryStatusDescription
            # MacAddressSpoofing Off (the default): the guest takes another MAC and its frames stop at its port. The
            # answer to a ping sent after the guest has confirmed its new MAC would have to pass the rule.
            Send-Console Gen1 'ip link set eth0 address 02:00:00:00:5e:99'
            Send-Console Gen1 'echo spoofed-$(cat /sys/class/net/eth0/address)'
            "guest: " + (Wait-Console Gen1 '^spoofed-')
            ip neigh flush all
            "ping from another MAC, spoofing Off: " + (Test-Connection 192.168.2.2 -Count 2 -TimeoutSeconds 2 -Quiet)
            Get-VMNetworkAdapter -VMName Gen1 | Set-VMNetworkAdapter -MacAddressSpoofing On
            ip neigh flush all
            "ping from another MAC, spoofing On: " + (Test-Guest)
            Send-Console Gen1 "ip link set eth0 address $mac"
            Send-Console Gen1 'echo own-mac-$(cat /sys/class/net/eth0/address)'
            "own MAC back: " + ((Wait-Console Gen1 '^own-mac-') -eq "own-mac-$mac")
            Get-VMNetworkAdapter -VMName Gen1 | Set-VMNetworkAdapter -MacAddressSpoofing Off -DhcpGuard On -RouterGuard On
            ip neigh flush all
            "ping with its own MAC, spoofing Off: " + (Test-Guest)
            $port = if (((ip -o link show) -join ' ') -match 'hvt[0-9a-f]+') { $Matches[0] } else { 'no tap' }
            $rules = (nft list table bridge hvsh) -join "`n"
            "guards on the tap: " + ($rules -match 'udp sport 67 drop') + " " + ($rules -match 'nd-router-advert') + " " + ($rules -match "ether saddr != $mac drop")
            "tap in the port map: " + ($rules -match ('"' + $port + '" : jump'))
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
            "guest said: " + (Wait-Console Gen1 'power button pressed' 30)
            # The taps go with QEMU; their rules go as Stop-VM sees the worker gone.
            $deadline = [DateTime]::Now.AddSeconds(30)
            while (((ip -o link show) -match 'hvt') -and [DateTime]::Now -lt $deadline) { Start-Sleep -Milliseconds 200 }
            "taps left: " + ((ip -o link show) -match 'hvt' | Measure-Object).Count
            "port rules left: " + ((nft list ruleset) -match 'hvt' | Measure-Object).Count
            """)
        let output = ScriptExpectations(result)
        defer { output.finish() }
        output.ranCleanly()
        let warnings = output.lines.filter { $0.hasPrefix("warning: ") }
        output.check(warnings.count == 1 && warnings[0].contains("software emulation (TCG)"),
                     "expected one warning, about software emulation (TCG); got \(warnings)")
        for expected in ["legacy adapters: 1 of 1", "engine before start: Automatic/QEMU", "running: Running QEMU 256MB",
                         "nic has the adapter's MAC: True", "guest nic: nic-driver-e1000",
                         "disk: hvsh-guest: disk holds parent", "ping: True", "heartbeat: NoContact / No Contact",
                         "guest: spoofed-02:00:00:00:5e:99", "ping from another MAC, spoofing Off: False",
                         "ping from another MAC, spoofing On: True", "own MAC back: True", "ping with its own MAC, spoofing Off: True",
                         "guards on the tap: True True True", "tap in the port map: True",
                         "after checkpoint: Running on .avhdx",
                         "guest after checkpoint: wrote-later", "restored: Saved", "guest after restore: restored-child",
                         "after Stop-VM: Off", "guest said: hvsh-guest: power button pressed, powering off", "taps left: 0",
                         "port rules left: 0", "busy guest: CPUUsage True, Uptime True",
                         // The child is 512e (512-byte logical, 4 KiB physical sectors), as Get-VHD shows it.
                         "disk sectors: sectors-512-4096"] {
            output.has(expected)
        }
        output.matches("guest: hvsh-guest: up ", "^6\\.")
        // What SeaBIOS was given (QEMU's fw_cfg "bootorder", read by the guest): the IDE disk at 0:0, the DVD at 1:0,
        // the legacy adapter, then nothing else (-boot strict=on ends the list with HALT).
        output.matches("firmware boot order: ", #"^bootorder: \S*/drive@0/disk@0 \S*/drive@1/disk@0 \S*/ethernet@[^ ]* HALT$"#)
        // The guest's write is in the child (read through hvsh's reader of the chain); the parent is byte for byte
        // what the host made, and still says what it said.
        output.check((try? Self.pattern(in: disk)) == "hvsh-guest-pattern tag=child",
                     "the child disk holds \(String(describing: try? Self.pattern(in: disk))), not the guest's write")
        output.check((try? Data(contentsOf: URL(fileURLWithPath: parent))) == parentBytes, "the parent disk changed")
        output.check((try? Self.pattern(in: parent)) == "hvsh-guest-pattern tag=parent", "the parent's pattern changed")
        let current = output.value("disk path: ") ?? ""
        output.check(current.hasSuffix(".avhdx"), "after the restore the disk is \(current), not an .avhdx")
        output.check((try? Self.pattern(in: current)) == "hvsh-guest-pattern tag=child",
                     "the restored .avhdx holds \(String(describing: try? Self.pattern(in: current)))")
        let left = ArticleLab.runningWorkers(under: home.path + "/hvsh-state")
        output.check(left.isEmpty, "workers left running: \(left)")
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
    /// to its minimum (growth past the startup memory is BalloonTargetTests' part: filling a real guest's memory raced
    /// the balloon on an idle machine). Then the lifecycle: Suspend/Resume, a checkpoint of the running VM, more changes,
    /// Restore-VMSnapshot and Start-VM giving the earlier state back, Save-VM and Start-VM from the saved state,
    /// Restart-VM (a new boot), Set-VMDvdDrive -Path $null ejecting the medium while the VM runs, and a guest that
    /// ignores the ACPI power button: Stop-VM reports it and leaves the VM running, Stop-VM -Force turns it off.
    func testGeneration2RefusesTheUnsignedISOUnderSecureBootThenBootsAndCheckpointsWithoutIt() throws {
        let result = try run("""
            New-VM -Name Gen2 -MemoryStartupBytes 512MB -Generation 2 | Out-Null
            Set-VMMemory -VMName Gen2 -DynamicMemoryEnabled $true -MinimumBytes 256MB -MaximumBytes 1GB -Buffer 50
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
            # Each template's UEFI variable store, kept beside the VM's configuration, copied out for the test to read;
            # the UEFI CA template refuses the unsigned ISO too, the shielded one only has to make its store.
            function Save-Store([string]$VMName, [string]$Template) {
                $folder = Join-Path (Get-VM $VMName).Path 'Virtual Machines'
                $store = Get-ChildItem $folder | Where-Object Name -like "*-SecureBoot-$Template.fd" | Select-Object -First 1
                Copy-Item $store.FullName "\(home.path)/store-$Template.fd"
            }
            Save-Store Gen2 MicrosoftWindows
            foreach ($template in 'MicrosoftUEFICertificateAuthority', 'OpenSourceShieldedVM') {
                New-VM -Name "Gen2-$template" -MemoryStartupBytes 512MB -Generation 2 -NoVHD | Out-Null
                Add-VMDvdDrive -VMName "Gen2-$template" -Path '\(iso)'
                Set-VMFirmware -VMName "Gen2-$template" -SecureBootTemplate $template -FirstBootDevice (Get-VMDvdDrive -VMName "Gen2-$template")
                Start-VM -Name "Gen2-$template" 3>$null
                if ($template -eq 'MicrosoftUEFICertificateAuthority') { "refused under ${template}: " + (Wait-Console "Gen2-$template" 'Access Denied') }
                Stop-VM -Name "Gen2-$template" -TurnOff
                Save-Store "Gen2-$template" $template
            }
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
            # A guest that ignores the ACPI power button: Stop-VM waits its time, says the guest did not shut down and
            # leaves it Running; Stop-VM -Force then turns it off.
            Send-Console Gen2 'hvsh-ignore-power-button'
            Wait-Console Gen2 'hvsh-guest: ignoring the power button' | Out-Null
            # Stop-VM asks whether to turn the VM off instead; this script's input is empty, which answers no.
            try { Stop-VM -Name Gen2; "Stop-VM returned" } catch {
                "`nrefused stop: " + $_.FullyQualifiedErrorId + " / " + ($_.Exception.Message -split "`n")[-1]
            }
            "after the ignored button: " + (Get-VM Gen2).State
            Stop-VM -Name Gen2 -Force
            "forced: " + (Get-VM Gen2).State
            "guest powered itself off: " + [bool]((Get-VMConsole -VMName Gen2) -match 'powering off')
            """, environment: ["HVSH_GUEST_SHUTDOWN_TIMEOUT": "5"])
        let output = ScriptExpectations(result)
        defer { output.finish() }
        output.ranCleanly()
        for expected in ["firmware: On MicrosoftWindows Drive,Drive,Network", "guest ran: False", "booted: Running",
                         "disk sectors: sectors-4096-4096", "assigned: 256MB",
                         "restarted: Running, up since the restart: True", "suspended: Paused", "resumed: Running",
                         "after checkpoint: Running", "restored: Saved", "guest after restore: mark=before check-7", "saved: Saved",
                         "from saved state: Running alive-8", "after eject: no-medium-12",
                         "The virtual machine 'Gen2' did not shut down. The guest did not power off within 5 seconds of the request. Turn it off instead?",
                         "refused stop: OperationFailed,Microsoft.HyperV.PowerShell.Commands.StopVM / The guest did not power off within 5 seconds of the request. Use Stop-VM -TurnOff or -Force to turn it off.",
                         "after the ignored button: Running", "forced: Off", "guest powered itself off: False"] {
            output.has(expected)
        }
        output.matches("refused: ", "Access Denied")
        output.matches("refused under MicrosoftUEFICertificateAuthority: ", "Access Denied")
        // The stores themselves: Microsoft's KEK in each, and in db only the authority the template trusts.
        let windows = "Microsoft Windows Production PCA 2011", uefiCA = "Microsoft Corporation UEFI CA 2011", kek = "Microsoft Corporation KEK CA 2011"
        for (template, trusted, untrusted) in [("MicrosoftWindows", windows, uefiCA), ("MicrosoftUEFICertificateAuthority", uefiCA, windows),
                                               ("OpenSourceShieldedVM", uefiCA, windows)] {
            guard let store = FileManager.default.contents(atPath: home.path + "/store-\(template).fd") else {
                output.fail("no variable store was saved for the \(template) template")
                continue
            }
            output.check(store.range(of: Data(trusted.utf8)) != nil, "the \(template) store does not enrol \(trusted)")
            output.check(store.range(of: Data(untrusted.utf8)) == nil, "the \(template) store still holds \(untrusted)")
            output.check(store.range(of: Data(kek.utf8)) != nil, "the \(template) store lost Microsoft's KEK")
        }
        // OVMF was given the whole order: the SCSI disk (virtio-scsi target 0), the DVD (a SATA DVD on the AHCI
        // controller at 1f.2, port 0), the adapter, and no more.
        output.matches("firmware boot order: ", #"^bootorder: \S*/scsi@\S*/disk@0,0 \S*@1f,2/drive@0/disk@0 \S*/ethernet@[^ ]* HALT$"#)
        // The guest itself sees the memory the balloon left it (its own kernel's share of that is not counted).
        let total = output.value("guest: memtotal-").flatMap { Int($0) } ?? 0
        output.check(total > 128 && total <= 256, "the guest's MemTotal is \(total) MiB, not in 129...256")
        let left = ArticleLab.runningWorkers(under: home.path + "/hvsh-state")
        output.check(left.isEmpty, "workers left running: \(left)")
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
        let output = ScriptExpectations(result)
        defer { output.finish() }
        output.ranCleanly()
        for expected in ["New-VM's order: Native", "network boot chosen: QEMU", "qemu is the worker's child: True", "taps while running: 1",
                         "worker left: False, qemu left: False", "taps left: 0", "sockets and pid files left: 0", "starts again: Running"] {
            output.has(expected)
        }
        if softwareEmulation {
            output.value("'Pxe' failed to start.")
            output.matches("Virtualization extensions cannot be exposed to the guest: ", "software emulation cannot give the guest VT-x or AMD-V")
            output.has("after the refusal: Off")
        }
        output.matches("after QEMU died: ", "^Off / .*QEMU process ended unexpectedly")
        let left = ArticleLab.runningWorkers(under: home.path + "/hvsh-state")
        output.check(left.isEmpty, "workers left running: \(left)")
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
        let output = ScriptExpectations(result)
        defer { output.finish() }
        output.ranCleanly(allowing: ["software emulation (TCG)"])
        let lines = output.lines.map { $0.trimmingCharacters(in: .whitespaces) }
        func expect(_ what: String, _ found: Bool) { output.check(found, "missing: " + what) }
        expect("the uplink's line 'uplink 198.51.100.2/24 198.51.100.1 7777'", lines.contains("uplink 198.51.100.2/24 198.51.100.1 7777"))
        expect("the article's Get-VMProcessor | fl * (ExposeVirtualizationExtensions)", lines.contains { $0.hasPrefix("ExposeVirtualizationExtensions") })
        expect("the article's Get-NetAdapter (vEthernet (NAT-Switch))", lines.contains { $0.hasPrefix("vEthernet (NAT-Switch)") })
        expect("'LinuxGuest Running ... QEMU'", lines.contains { $0.hasPrefix("LinuxGuest Running") && $0.hasSuffix(" QEMU") })
        expect("the guest's 'hvsh-guest: net ... 192.168.2.2/24'", lines.contains { $0.hasPrefix("hvsh-guest: net ") && $0.contains("192.168.2.2/24") })
        expect("the host's ping of the guest ('1 192.168.2.2 ... Success')", lines.contains { $0.hasPrefix("1 192.168.2.2") && $0.hasSuffix("Success") })
        expect("'outside-21' (the guest's ping of 198.51.100.1 answered)", lines.contains("outside-21"))
        expect("'198.51.100.1:7777 198.51.100.2' (the datagram left through the NAT)", lines.contains("198.51.100.1:7777 198.51.100.2"))
        expect("'LinuxGuest ... Off' (Stop-VM powered the guest off)", lines.contains { $0.hasPrefix("LinuxGuest") && $0.contains(" Off ") })
        let left = ArticleLab.runningWorkers(under: home.path + "/hvsh-state")
        output.check(left.isEmpty, "workers left running: \(left)")
    }
}
