# Start-VM to the first answered ping, through hvsh's own cmdlets (run by run.sh inside -Sandbox).
# One VM on an internal switch whose host adapter is 192.168.2.1; each run starts it, pings
# 192.168.2.2 once (Test-Connection waits up to 10 s for the reply), and turns it off again.
$runs = if ($env:RUNS) { [int]$env:RUNS } else { 20 }
New-VMSwitch -Name “NAT-Switch” -SwitchType Internal | Out-Null
Get-NetAdapter “vEthernet (NAT-Switch)” | New-NetIPAddress -IPAddress 192.168.2.1 -AddressFamily IPv4 -PrefixLength 24 | Out-Null
New-VM -Name PingVM -MemoryStartupBytes 128MB -Generation 2 -SwitchName “NAT-Switch” | Out-Null
Set-VMFirmware -VMName PingVM -KernelCommandLine 'ip=192.168.2.2::192.168.2.1:255.255.255.0'
$times = @()
for ($i = 0; $i -lt $runs + 2; $i++) {
    $ok = $false
    $ms = (Measure-Command {
        Start-VM -Name PingVM
        $ok = Test-Connection 192.168.2.2 -Count 1 -TimeoutSeconds 10 -Quiet
    }).TotalMilliseconds
    Stop-VM -Name PingVM -TurnOff
    if (-not $ok) { "run ${i}: no answer" }
    elseif ($i -ge 2) { $times += $ms }   # the first two runs warm the caches and are not counted
}
$sorted = $times | Sort-Object
"start-to-ping runs=$($sorted.Count) median_ms=$([Math]::Round($sorted[[int][Math]::Floor($sorted.Count / 2)], 1)) min_ms=$([Math]::Round($sorted[0], 1)) max_ms=$([Math]::Round($sorted[-1], 1))"
