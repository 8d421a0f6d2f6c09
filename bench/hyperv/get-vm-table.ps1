# Get-VM | Format-Table over every VM of the inventory (1000 after new-vm-1000.ps1).
Get-VM | Format-Table
