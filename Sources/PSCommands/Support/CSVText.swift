// CSV text for ConvertTo/From-Csv and Export/Import-Csv, PowerShell 7 style: by default every
// field is quoted (a `"` inside is doubled); a missing (null) value is written as nothing at all.

public enum CSVQuoting: String, Sendable { case always = "Always", asNeeded = "AsNeeded", never = "Never" }

public enum CSVText {
    public static func line(_ fields: [String?], delimiter: Character = ",", quoting: CSVQuoting = .always,
                            quoteFields: Set<String>? = nil, names: [String]? = nil) -> String {
        var out = ""
        for (i, f) in fields.enumerated() {
            if i > 0 { out.append(delimiter) }
            guard let v = f else { continue }
            let mustQuote: Bool
            if let qf = quoteFields, let names {
                mustQuote = qf.contains(names[i].lowercased())
            } else {
                switch quoting {
                case .always: mustQuote = true
                case .never: mustQuote = false
                // Line feed and quote as code units, as .NET's String.Contains(char) looks (Foundation's substring
                // search, which a String argument chose, was over half of this function's time).
                case .asNeeded: mustQuote = v.contains(delimiter) || v.utf8.contains { $0 == 0x0A || $0 == 0x22 }
                }
            }
            if mustQuote {
                out += "\"" + v.replacingAll("\"", with: "\"\"") + "\""
            } else {
                out += v
            }
        }
        return out
    }

    /// Splits CSV text into records of fields. Quoted fields may hold delimiters, doubled quotes
    /// and line breaks. Blank lines are skipped.
    public static func records(_ text: String, delimiter: Character = ",") -> [[String]] {
        var records: [[String]] = []
        var fields: [String] = []
        var field = ""
        var inQuotes = false
        var fieldStarted = false
        // Whether the field had a quoted part: blanks around unquoted text are dropped, quoted ones kept.
        var quoted = false
        var chars = Array(text)
        if chars.first == "\u{FEFF}" { chars.removeFirst() }
        var i = 0
        func finishField() {
            if !quoted { while let last = field.last, last == " " || last == "\t" { field.removeLast() } }
            fields.append(field)
            field = ""
            quoted = false
        }
        func endRecord() {
            if fieldStarted || !fields.isEmpty || !field.isEmpty {
                finishField()
                records.append(fields)
            }
            fields = []
            field = ""
            quoted = false
            fieldStarted = false
        }
        while i < chars.count {
            let c = chars[i]
            if inQuotes {
                if c == "\"" {
                    if i + 1 < chars.count && chars[i + 1] == "\"" { field.append("\""); i += 2; continue }
                    inQuotes = false
                } else {
                    field.append(c)
                }
                i += 1
                continue
            }
            // The delimiter is checked first, so even `"` can be one (Import-Csv -Delimiter '"').
            if c == delimiter {
                finishField()
                fieldStarted = true
            } else if c == "\"" && field.isEmpty && !quoted {
                inQuotes = true
                quoted = true
                fieldStarted = true
            } else if (c == " " || c == "\t") && field.isEmpty && !quoted {
                // Blanks before a field's text are skipped, as PowerShell's CSV reader does.
            } else if c == "\n" || c == "\r\n" {
                endRecord()
            } else if c == "\r" {
                // bare CR: part of a CRLF split in two characters
                if !(i + 1 < chars.count && chars[i + 1] == "\n") { endRecord() }
            } else {
                field.append(c)
                fieldStarted = true
            }
            i += 1
        }
        endRecord()
        return records
    }
}
