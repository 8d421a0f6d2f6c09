# The lab of "Hyper-V Nested Virtualization Explained" with a real operating system as its guest:
#     hvsh -Sandbox -File examples/real-guest-lab.ps1 -IsoPath guest.iso
# The article's commands come first, verbatim and in its order. Then, instead of hvsh's built-in firmware, a
# real Linux boots from a DVD on NAT-Switch, takes 192.168.2.2/24 with gateway 192.168.2.1, and reaches a host
# outside the NAT. hvsh runs it in QEMU (its EngineInUse), because only a BIOS or UEFI can boot an ISO.
# The ISO: any Linux whose serial console is a shell and which sets that address itself, such as hvsh's test
# guest (`swift run -c release GuestBench make-iso guest.iso` builds it from Debian packages).
# hvsh extensions are marked as such.
param([string]$IsoPath = 'guest.iso')
$ErrorActionPreference = 'Stop'

# hvsh extension: an outside LAN for the sandbox (198.51.100.1, reached through the `uplink` adapter,
# 198.51.100.2), listening for UDP on port 7777, so the NAT has somewhere to translate to.
Add-SandboxUplink -Port 7777 | Format-Table

# The article: the VM that will host nested VMs, hardware virtualization exposed, MAC address spoofing.
New-VM -Name Server2016 -MemoryStartupBytes 2GB -Generation 2
Get-VMProcessor -VMName Server2016 | fl *
Set-VMProcessor -VMName Server2016 -ExposeVirtualizationExtensions $true
Get-VMNetworkAdapter -VMname Server2016 | Set-VMNetworkAdapter -MacAddressSpoofing On

# The article: configuring NAT.
New-VMSwitch -Name “NAT-Switch” -SwitchType Internal
New-NetNat -Name “NAT-net” -InternalIPInterfaceAddressPrefix ‘192.168.2.0/24’
Get-NetAdapter | ft -Autosize
Get-NetAdapter “vEthernet (NAT-Switch)” | New-NetIPAddress -IPAddress 192.168.2.1 -AddressFamily IPv4 -PrefixLength 24

# A real guest on NAT-Switch: Generation 2 boots the DVD through UEFI. The ISO's boot loader is not signed for
# Secure Boot, so, as on Hyper-V, Secure Boot goes off; and the DVD, added after the network adapter, is made the
# first boot device (otherwise the firmware tries a network boot first).
New-VM -Name LinuxGuest -MemoryStartupBytes 512MB -Generation 2 -SwitchName “NAT-Switch” | Format-Table
Add-VMDvdDrive -VMName LinuxGuest -Path $IsoPath
Set-VMFirmware -VMName LinuxGuest -EnableSecureBoot Off -FirstBootDevice (Get-VMDvdDrive -VMName LinuxGuest)
Start-VM -Name LinuxGuest
Get-VM -Name LinuxGuest | Format-Table Name, State, EngineInUse

# hvsh extension: the guest's serial console. Wait (at most 5 minutes) until the guest's console shows `line`.
function Wait-GuestLine([string]$Pattern, [int]$Seconds = 300) {
    $deadline = [DateTime]::Now.AddSeconds($Seconds)
    while (-not ((Get-VMConsole -VMName LinuxGuest) -match $Pattern)) {
        if ([DateTime]::Now -gt $deadline) { throw "LinuxGuest's console never showed '$Pattern'" }
        Start-Sleep -Milliseconds 200
    }
    (Get-VMConsole -VMName LinuxGuest) -match $Pattern | Select-Object -Last 1
}
Wait-GuestLine 'inet 192\.168\.2\.2|192\.168\.2\.2/24'
Wait-GuestLine 'hvsh-guest: ready|# $' | Out-Null

# The host pings the guest across NAT-Switch.
# The guest's NIC can take a moment to answer its first ARP request: ask until it answers (at most a minute).
$deadline = [DateTime]::Now.AddSeconds(60)
while (-not (Test-Connection 192.168.2.2 -Count 1 -TimeoutSeconds 2 -Quiet) -and [DateTime]::Now -lt $deadline) { }
Test-Connection 192.168.2.2 -Count 1 -TimeoutSeconds 10 | Format-Table Ping, Address, Latency, BufferSize, Status

# The guest reaches the outside host through the NAT: a ping, then one UDP datagram (a TFTP read request, which
# busybox can send to any port).
Connect-VMConsole -VMName LinuxGuest -Keys 'ping -c 3 198.51.100.1 && echo outside-$((20+1))' -QuietMilliseconds 1 | Out-Null
Wait-GuestLine '^outside-21'
Connect-VMConsole -VMName LinuxGuest -Keys 'tftp -g -r hello-from-the-guest -l /tmp/x 198.51.100.1 7777' -QuietMilliseconds 1 | Out-Null

# The outside LAN saw the datagram come from the NAT's outside address, not from 192.168.2.2 (hvsh extension).
Get-SandboxUplinkDatagram -Port 7777 -Wait -TimeoutSec 60 | Select-Object -First 1 | Format-Table ReceivedOn, Source

# Stop-VM asks the guest to shut down (the ACPI power button); it powers itself off.
Stop-VM -Name LinuxGuest
Get-VM
