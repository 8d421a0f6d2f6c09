# New-VM x 1000 in one script. Hyper-V's default dynamic MAC pool has 256 addresses (as hvsh's
# does), so the range is widened first, the way a Hyper-V administrator would.
Set-VMHost -MacAddressMinimum 00155D000000 -MacAddressMaximum 00155D00FFFF
foreach ($i in 1..1000) {
    New-VM -Name "bench-$i" -MemoryStartupBytes 512MB -Generation 2 | Out-Null
}
