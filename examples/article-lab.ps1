# The commands of "Hyper-V Nested Virtualization Explained" (NAKIVO blog), in the article's order,
# with its own words and example values: the VM is Server2016, the switch NAT-Switch, the NAT network
# NAT-net on 192.168.2.0/24, and the gateway address 192.168.2.1. The typographic quotes are the
# article's own; PowerShell (and hvsh) accept them.
#
#   hvsh -Sandbox -File examples/article-lab.ps1     # in a throw-away network namespace
#
# The article starts from an existing VM; this line makes one (static memory, as nesting needs).
New-VM -Name Server2016 -MemoryStartupBytes 4GB

# 1. Is hardware virtualization exposed to the guest?
Get-VMProcessor -VMName Server2016 | fl *

# 2. Expose it (the VM must be off).
Set-VMProcessor -VMName Server2016 -ExposeVirtualizationExtensions $true

# MAC address spoofing, for nested VMs on the real LAN.
Get-VMNetworkAdapter -VMname Server2016 | Set-VMNetworkAdapter -MacAddressSpoofing On

# NAT for nested VMs: an internal switch ...
New-VMSwitch -Name “NAT-Switch” -SwitchType Internal

# ... the NAT network behind it ...
New-NetNat -Name “NAT-net” -InternalIPInterfaceAddressPrefix ‘192.168.2.0/24’

# ... the adapters, to find the switch's vEthernet adapter ...
Get-NetAdapter | ft -Autosize

# ... and the gateway address the nested VMs will use.
Get-NetAdapter “vEthernet (NAT-Switch)” | New-NetIPAddress -IPAddress 192.168.2.1 -AddressFamily IPv4 -PrefixLength 24
