// Examples Get-Help shows with -Examples and -Full (the declarations carry synopsis and description;
// examples live here so a cmdlet's declaration stays short).

enum HelpExamples {
    static let byCommand: [String: [(code: String, remark: String)]] = [
        "format-table": [
            ("Get-VM | Format-Table Name, State -AutoSize", "Shows two columns, each as wide as its longest value."),
            ("Get-NetAdapter | ft Name, @{n='Speed';e={$_.LinkSpeed};a='right'}", "Adds a calculated, right-aligned column."),
            ("Get-VM | Format-Table -GroupBy State", "Starts a new table for each State value."),
        ],
        "format-list": [
            ("Get-VMProcessor -VMName lab1 | Format-List *", "Shows every property of the processor settings."),
        ],
        "format-wide": [("Get-ChildItem | Format-Wide -Column 4", "Shows file names in four columns.")],
        "select-object": [
            ("Get-VM | Select-Object -ExpandProperty Name", "Writes just the names, as strings."),
            ("1..20 | Select-Object -First 3 -Last 3 -Skip 4", "Writes 5, 6, 7, 18, 19 and 20."),
        ],
        "where-object": [
            ("Get-VM | Where-Object State -eq 'Running'", "Simple form: property, operator, value."),
            ("Get-VM | Where-Object { $_.MemoryAssigned -gt 2GB }", "Script block form."),
        ],
        "foreach-object": [
            ("1..3 | ForEach-Object { $_ * 2 }", "Doubles each number."),
            ("'a.b','c.d' | ForEach-Object -MemberName Split -ArgumentList '.'", "Calls a method of each input string."),
        ],
        "sort-object": [("Get-Process | Sort-Object CPU -Descending | Select-Object -First 5", "The five busiest processes.")],
        "group-object": [("Get-VM | Group-Object State", "Counts virtual machines per state.")],
        "measure-object": [("1..10 | Measure-Object -Sum -Average", "Count, sum and average of the numbers.")],
        "convertto-json": [("Get-VM lab1 | Select-Object Name, State | ConvertTo-Json -Compress", "One line of JSON.")],
        "export-csv": [("Get-VM | Select-Object Name, State | Export-Csv vms.csv", "Saves a CSV file with a header line.")],
        "write-host": [("Write-Host 'Done' -ForegroundColor Green", "Green text on a terminal, plain text otherwise.")],
        "read-host": [("$name = Read-Host -Prompt 'VM name'", "Asks for a line of input.")],
        "get-date": [("Get-Date -Format 'yyyy-MM-dd HH:mm'", "The current time as text."), ("Get-Date -UFormat '%Y%m%d'", "Unix-style format.")],
        "get-help": [("Get-Help Get-VM -Detailed", "Syntax, description and every parameter of Get-VM.")],
        "get-command": [("Get-Command -Noun VM*", "Every command whose noun starts with VM.")],
        "start-sleep": [("Start-Sleep -Seconds 2", "Waits two seconds.")],
        "get-random": [("Get-Random -Minimum 1 -Maximum 7", "A dice roll.")],
        "select-string": [("Get-Content lab.ps1 | Select-String 'VMSwitch'", "Lines that mention VMSwitch.")],
    ]

    static func text(for name: String) -> String {
        guard let examples = byCommand[name.lowercased()], !examples.isEmpty else { return "" }
        var out = "\n\nEXAMPLES\n"
        for (i, e) in examples.enumerated() {
            out += "    ------------------------- Example \(i + 1) -------------------------\n\n    PS> \(e.code)\n\n    \(e.remark)\n\n"
        }
        return out
    }
}
