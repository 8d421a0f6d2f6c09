# Startup benchmark script: twenty lines of lab-style work (variables, a function, loops, pipelines, strings).
$labName = 'Server2016'
$memory = 4GB
$switches = @('NAT-Switch', 'Internal-Switch', 'Private-Switch')
function Get-LabSummary {
    param([string]$Name, [long]$Bytes)
    "{0} uses {1} MB" -f $Name, ($Bytes / 1MB)
}
$summary = Get-LabSummary -Name $labName -Bytes $memory
$total = 0
foreach ($i in 1..100) { $total += $i }
$even = 1..20 | Where-Object { $_ % 2 -eq 0 } | Measure-Object -Sum
$names = $switches | ForEach-Object { $_.ToUpper() }
$table = @{ Name = $labName; Memory = $memory; Switches = $switches.Count }
if ($total -ne 5050) { throw "arithmetic is broken" }
$network, $length = '192.168.2.0/24' -split '/'
$message = "$summary; $($names -join ',') on $network/$length"
if ($message.Length -lt 10) { throw "string building is broken" }
$vmCount = ($switches | Measure-Object).Count
"done: $($even.Sum) $($table.Name) $total $vmCount"
