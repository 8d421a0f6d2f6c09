# The article lab up to the probe's arrival outside (the same commands as examples/article-lab.ps1,
# without the displays), then the time it arrived (UTC ticks) for run.sh, then cleanup.
Add-SandboxUplink -Port 7777 | Out-Null
New-VM -Name Server2016 -MemoryStartupBytes 2GB -Generation 2 | Out-Null
Get-VMProcessor -VMName Server2016 | fl * | Out-Null
Set-VMProcessor -VMName Server2016 -ExposeVirtualizationExtensions $true
Get-VMNetworkAdapter -VMname Server2016 | Set-VMNetworkAdapter -MacAddressSpoofing On
New-VMSwitch -Name “NAT-Switch” -SwitchType Internal | Out-Null
New-NetNat -Name “NAT-net” -InternalIPInterfaceAddressPrefix ‘192.168.2.0/24’ | Out-Null
Get-NetAdapter | ft -Autosize | Out-Null
Get-NetAdapter “vEthernet (NAT-Switch)” | New-NetIPAddress -IPAddress 192.168.2.1 -AddressFamily IPv4 -PrefixLength 24 | Out-Null
New-VM -Name NestedVM -MemoryStartupBytes 128MB -Generation 2 -SwitchName “NAT-Switch” | Out-Null
Set-VMFirmware -VMName NestedVM -KernelCommandLine 'ip=192.168.2.2::192.168.2.1:255.255.255.0 probe=198.51.100.1:7777'
Start-VM -Name NestedVM
$probe = Get-SandboxUplinkDatagram -Port 7777 -Wait -TimeoutSec 60
"probe-ticks $((Get-Date).ToUniversalTime().Ticks) from $($probe.Source)"
Stop-VM -Name NestedVM -TurnOff
