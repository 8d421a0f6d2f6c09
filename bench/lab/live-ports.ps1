# Live switch-port changes on a running VM, through hvsh's own cmdlets (run by run.sh inside -Sandbox).
# One VM on an internal switch; each figure is the median of RUNS (default 20) Measure-Command runs:
#   - Set-VMNetworkAdapter -MacAddressSpoofing, alternating On and Off (one nft transaction on the tap's chain);
#   - Connect-VMNetworkAdapter, alternating between two switches (the tap changes bridge, its rule is rewritten);
#   - Stop-VM -TurnOff, which includes taking the port's rule out of hvsh's nft table (then Start-VM again, not timed).
$runs = if ($env:RUNS) { [int]$env:RUNS } else { 20 }
New-VMSwitch -Name “NAT-Switch” -SwitchType Internal | Out-Null
New-VMSwitch -Name Other -SwitchType Internal | Out-Null
New-VM -Name PortVM -MemoryStartupBytes 128MB -Generation 2 -SwitchName “NAT-Switch” | Out-Null
Start-VM -Name PortVM
function Median($values) { $sorted = $values | Sort-Object; [Math]::Round($sorted[[int][Math]::Floor($sorted.Count / 2)], 1) }
$spoofing = for ($i = 0; $i -lt $runs; $i++) {
    $value = if ($i % 2) { 'Off' } else { 'On' }
    (Measure-Command { Set-VMNetworkAdapter -VMName PortVM -MacAddressSpoofing $value }).TotalMilliseconds
}
$moves = for ($i = 0; $i -lt $runs; $i++) {
    $switch = if ($i % 2) { 'NAT-Switch' } else { 'Other' }
    (Measure-Command { Connect-VMNetworkAdapter -VMName PortVM -SwitchName $switch }).TotalMilliseconds
}
$stops = for ($i = 0; $i -lt $runs; $i++) {
    (Measure-Command { Stop-VM -Name PortVM -TurnOff }).TotalMilliseconds
    Start-VM -Name PortVM
}
Stop-VM -Name PortVM -TurnOff
"live-spoofing runs=$runs median_ms=$(Median $spoofing)"
"live-connect runs=$runs median_ms=$(Median $moves)"
"turn-off-with-port-cleanup runs=$runs median_ms=$(Median $stops)"
