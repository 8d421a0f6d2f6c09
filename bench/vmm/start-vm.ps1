# Start-VM to the first console line, through hvsh's own cmdlets (run inside -Sandbox by run.sh).
# Each run: Start-VM of a 128 MB VM with the built-in firmware, then Get-VMConsole until the log has
# grown by a line (the firmware's first line is its banner's title), then Stop-VM -TurnOff.
$runs = if ($env:RUNS) { [int]$env:RUNS } else { 30 }
New-VM -Name ConsoleVM -MemoryStartupBytes 128MB -Generation 2 | Out-Null
$times = @()
for ($i = 0; $i -lt $runs + 3; $i++) {
    $before = @(Get-VMConsole ConsoleVM).Count
    $ms = (Measure-Command {
        Start-VM -Name ConsoleVM
        while (@(Get-VMConsole ConsoleVM).Count -le $before) { }
    }).TotalMilliseconds
    Stop-VM -Name ConsoleVM -TurnOff
    if ($i -ge 3) { $times += $ms }   # the first runs warm the page cache and are not counted
}
$sorted = $times | Sort-Object
"start-vm-to-console runs=$($sorted.Count) median_ms=$([Math]::Round($sorted[[int][Math]::Floor($sorted.Count / 2)], 2)) min_ms=$([Math]::Round($sorted[0], 2)) p90_ms=$([Math]::Round($sorted[[int][Math]::Floor($sorted.Count * 0.9)], 2))"
