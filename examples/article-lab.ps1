# The lab of "Hyper-V Nested Virtualization Explained", run for real by hvsh:
#     hvsh -Sandbox -File examples/article-lab.ps1
# The article's commands come verbatim, in its order, with its example values (Server2016, NAT-Switch,
# NAT-net, 192.168.2.0/24, vEthernet (NAT-Switch), 192.168.2.1). What the article does by hand in
# Hyper-V Manager for its nested VM is done here with cmdlets. hvsh extensions are marked as such.

# hvsh extension: an outside LAN for the sandbox (198.51.100.1, reached through the `uplink` adapter,
# 198.51.100.2), listening for UDP on port 7777, so the NAT has somewhere to translate to.
Add-SandboxUplink -Port 7777 | Format-Table

# The VM that will host nested VMs (created in Hyper-V Manager in the article).
New-VM -Name Server2016 -MemoryStartupBytes 2GB -Generation 2

# Configuring the guest VM: check, then expose, hardware virtualization (the VM is Off).
Get-VMProcessor -VMName Server2016 | fl *
Set-VMProcessor -VMName Server2016 -ExposeVirtualizationExtensions $true

# Configuring MAC address spoofing.
Get-VMNetworkAdapter -VMname Server2016 | Set-VMNetworkAdapter -MacAddressSpoofing On

# Configuring NAT.
New-VMSwitch -Name “NAT-Switch” -SwitchType Internal
New-NetNat -Name “NAT-net” -InternalIPInterfaceAddressPrefix ‘192.168.2.0/24’
Get-NetAdapter | ft -Autosize
Get-NetAdapter “vEthernet (NAT-Switch)” | New-NetIPAddress -IPAddress 192.168.2.1 -AddressFamily IPv4 -PrefixLength 24

# Configuring a nested VM: on NAT-Switch, 192.168.2.2/24 with gateway 192.168.2.1. It runs hvsh's
# built-in firmware, which reads the address in Linux's ip= syntax from its command line
# (Set-VMFirmware -KernelCommandLine is an hvsh extension) and sends one UDP probe to a host
# outside the NAT.
New-VM -Name NestedVM -MemoryStartupBytes 128MB -Generation 2 -SwitchName “NAT-Switch” | Format-Table
Set-VMFirmware -VMName NestedVM -KernelCommandLine 'ip=192.168.2.2::192.168.2.1:255.255.255.0 probe=198.51.100.1:7777'
Start-VM -Name NestedVM
(Get-VM -Name NestedVM).State

# The outside LAN receives the probe from the NAT host's outside address (hvsh extension).
Get-SandboxUplinkDatagram -Port 7777 -Wait -TimeoutSec 60 | Format-Table

# The host pings the nested VM.
Test-Connection 192.168.2.2 -Count 1 -TimeoutSeconds 10 | Format-Table Ping, Address, Latency, BufferSize, Status

# The nested VM's serial console (hvsh extension). The firmware logs a reply after sending it,
# so wait (at most 30 s) for that whole line first.
$deadline = [DateTime]::Now.AddSeconds(30)
while (-not ((Get-VMConsole -VMName NestedVM) -match 'icmp: echo reply to \S+ seq \d') -and [DateTime]::Now -lt $deadline) {
    Start-Sleep -Milliseconds 50
}
Get-VMConsole -VMName NestedVM

# Clean up.
Stop-VM -Name NestedVM -TurnOff
Get-VM
