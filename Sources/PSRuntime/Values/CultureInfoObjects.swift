/// `System.Globalization.CultureInfo` for `[cultureinfo]`, Get-Culture and `$Host.CurrentCulture`.
/// hvsh formats and compares as en-US whatever the environment says, so the current culture starts as
/// en-US; a script may set `[cultureinfo]::CurrentCulture` (PowerShell 7 allows it), and what follows
/// the current culture reads it from the session (`ShellSession.currentCulture`): Get-Culture,
/// `$PSCulture`, the list separator of the CSV cmdlets' and Join-String's -UseCulture. Other cultures
/// exist as objects with .NET's (ICU's) names and number separators.
public enum CultureInfoObjects {
    public static let typeName = "System.Globalization.CultureInfo"

    public struct Culture: Sendable {
        public let name: String
        public let lcid: Int32
        public let englishName: String
        public let nativeName: String
        public let twoLetter: String
        public let threeLetter: String
        public let decimalSeparator: String
        public let groupSeparator: String
        /// TextInfo.ListSeparator: `;` where the decimal separator is a comma.
        public var listSeparator: String { decimalSeparator == "," ? ";" : "," }
    }

    /// The cultures hvsh knows (values as .NET on Linux gives them).
    public static let all: [Culture] = [
        Culture(name: "", lcid: 127, englishName: "Invariant Language (Invariant Country)",
                nativeName: "Invariant Language (Invariant Country)", twoLetter: "iv", threeLetter: "ivl",
                decimalSeparator: ".", groupSeparator: ","),
        Culture(name: "en", lcid: 9, englishName: "English", nativeName: "English", twoLetter: "en", threeLetter: "eng",
                decimalSeparator: ".", groupSeparator: ","),
        Culture(name: "en-US", lcid: 1033, englishName: "English (United States)", nativeName: "English (United States)",
                twoLetter: "en", threeLetter: "eng", decimalSeparator: ".", groupSeparator: ","),
        Culture(name: "en-GB", lcid: 2057, englishName: "English (United Kingdom)", nativeName: "English (United Kingdom)",
                twoLetter: "en", threeLetter: "eng", decimalSeparator: ".", groupSeparator: ","),
        Culture(name: "de", lcid: 7, englishName: "German", nativeName: "Deutsch", twoLetter: "de", threeLetter: "deu",
                decimalSeparator: ",", groupSeparator: "."),
        Culture(name: "de-DE", lcid: 1031, englishName: "German (Germany)", nativeName: "Deutsch (Deutschland)",
                twoLetter: "de", threeLetter: "deu", decimalSeparator: ",", groupSeparator: "."),
        Culture(name: "fr", lcid: 12, englishName: "French", nativeName: "français", twoLetter: "fr", threeLetter: "fra",
                decimalSeparator: ",", groupSeparator: "\u{202F}"),
        Culture(name: "fr-FR", lcid: 1036, englishName: "French (France)", nativeName: "français (France)",
                twoLetter: "fr", threeLetter: "fra", decimalSeparator: ",", groupSeparator: "\u{202F}"),
        Culture(name: "ru-RU", lcid: 1049, englishName: "Russian (Russia)", nativeName: "русский (Россия)",
                twoLetter: "ru", threeLetter: "rus", decimalSeparator: ",", groupSeparator: "\u{00A0}"),
        Culture(name: "es-ES", lcid: 3082, englishName: "Spanish (Spain)", nativeName: "español (España)",
                twoLetter: "es", threeLetter: "spa", decimalSeparator: ",", groupSeparator: "."),
        Culture(name: "it-IT", lcid: 1040, englishName: "Italian (Italy)", nativeName: "italiano (Italia)",
                twoLetter: "it", threeLetter: "ita", decimalSeparator: ",", groupSeparator: "."),
        Culture(name: "nl-NL", lcid: 1043, englishName: "Dutch (Netherlands)", nativeName: "Nederlands (Nederland)",
                twoLetter: "nl", threeLetter: "nld", decimalSeparator: ",", groupSeparator: "."),
        Culture(name: "pt-BR", lcid: 1046, englishName: "Portuguese (Brazil)", nativeName: "português (Brasil)",
                twoLetter: "pt", threeLetter: "por", decimalSeparator: ",", groupSeparator: "."),
        Culture(name: "sv-SE", lcid: 1053, englishName: "Swedish (Sweden)", nativeName: "svenska (Sverige)",
                twoLetter: "sv", threeLetter: "swe", decimalSeparator: ",", groupSeparator: "\u{00A0}"),
        Culture(name: "pl-PL", lcid: 1045, englishName: "Polish (Poland)", nativeName: "polski (Polska)",
                twoLetter: "pl", threeLetter: "pol", decimalSeparator: ",", groupSeparator: "\u{00A0}"),
        Culture(name: "da-DK", lcid: 1030, englishName: "Danish (Denmark)", nativeName: "dansk (Danmark)",
                twoLetter: "da", threeLetter: "dan", decimalSeparator: ",", groupSeparator: "."),
        Culture(name: "ja-JP", lcid: 1041, englishName: "Japanese (Japan)", nativeName: "日本語 (日本)",
                twoLetter: "ja", threeLetter: "jpn", decimalSeparator: ".", groupSeparator: ","),
    ]

    /// The culture a session starts with (en-US, hvsh's fixed formatting culture).
    public static var current: Culture { all[2] }

    /// The list separator of the session's current culture (`,` for en-US), as -UseCulture reads it.
    public static func listSeparator(_ session: ShellSession) -> String {
        guard case .object(let text)?? = try? session.currentCulture.property("TextInfo"),
              let value = (try? text.property("ListSeparator")) ?? nil else { return current.listSeparator }
        return PSConvert.toString(value)
    }

    /// `[System.Threading.Thread]::CurrentThread`: hvsh runs a script on one thread, whose cultures
    /// are the session's (setting them here sets `[cultureinfo]::CurrentCulture`, as in .NET).
    static func currentThread(_ session: ShellSession) -> PSObject {
        unowned let s = session
        let o = PSObject(typeNames: ["System.Threading.Thread", "System.Runtime.ConstrainedExecution.CriticalFinalizerObject", "System.Object"])
        o.addNote("ManagedThreadId", .int(1))
        o.addNote("IsAlive", .true)
        o.addNote("IsBackground", .false)
        o.addNote("IsThreadPoolThread", .false)
        o.addNote("Name", .null)
        o.addProperty("CurrentCulture", get: { _ in .object(s.currentCulture) },
                      set: { _, v in s.currentCulture = try assignable(v, property: "CurrentCulture") })
        o.addProperty("CurrentUICulture", get: { _ in .object(s.currentUICulture) },
                      set: { _, v in s.currentUICulture = try assignable(v, property: "CurrentUICulture") })
        o.toStringHandler = { _ in "System.Threading.Thread" }
        return o
    }

    /// A CultureInfo object's Name.
    static func name(of culture: PSObject) -> String {
        ((try? culture.property("Name")) ?? nil).map { PSConvert.toString($0) } ?? ""
    }

    /// What `[cultureinfo]::CurrentCulture = value` stores: a CultureInfo, or what converts to one.
    static func assignable(_ value: PSValue, property: String) throws -> PSObject {
        if case .object(let o) = value.unwrapped, o.typeNames.first == typeName { return o }
        if value.isNull {
            throw PSRuntimeError.message("Exception setting \"\(property)\": \"Value cannot be null. (Parameter 'value')\"",
                                         errorId: "ExceptionWhenSetting", category: .notSpecified,
                                         exceptionType: "System.Management.Automation.SetValueInvocationException")
        }
        return try culture(named: PSConvert.toString(value), method: nil)
    }

    public static func find(_ name: String) -> Culture? {
        all.first { $0.name.lowercased() == name.lowercased() } ?? custom(name)
    }

    /// A culture hvsh has no data for but whose name is well formed (`no-NL`, `none-none`): .NET on
    /// Linux (ICU) accepts any such name, so it is a culture named in .NET's casing (language lower,
    /// script title, region upper) with LCID 4096 (LOCALE_CUSTOM_UNSPECIFIED), its language's
    /// separators where hvsh knows the language and the invariant culture's otherwise.
    static func custom(_ name: String) -> Culture? {
        let parts = name.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard let language = parts.first, (2...8).contains(language.count), language.allSatisfy({ $0.isASCII && $0.isLetter }),
              parts.dropFirst().allSatisfy({ (1...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } })
        else { return nil }
        let cased = [language.lowercased()] + parts.dropFirst().map { part -> String in
            if part.count == 4 && part.allSatisfy(\.isLetter) { return part.prefix(1).uppercased() + part.dropFirst().lowercased() }
            return part.count <= 3 ? part.uppercased() : part.lowercased()
        }
        let known = all.first { $0.name.split(separator: "-").first.map(String.init) == cased[0] }
        let languageName = known.map { String($0.englishName.split(separator: " (").first ?? "") } ?? cased[0]
        let englishName = cased.count > 1 ? "\(languageName) (\(cased.dropFirst().joined(separator: ", ")))" : languageName
        return Culture(name: cased.joined(separator: "-"), lcid: 4096, englishName: englishName, nativeName: englishName,
                       twoLetter: known?.twoLetter ?? cased[0], threeLetter: known?.threeLetter ?? cased[0],
                       decimalSeparator: known?.decimalSeparator ?? ".", groupSeparator: known?.groupSeparator ?? ",")
    }

    /// .NET's CultureNotFoundException for a name it does not know; `method` is the method or
    /// constructor called (nil for a cast, which reports a conversion failure instead).
    /// `readOnly` as .NET makes them: GetCultureInfo's cached cultures and the invariant culture are
    /// read-only, a constructed one (`new`, a cast, CreateSpecificCulture) can be changed.
    public static func culture(named name: String, method: String?, readOnly: Bool = false) throws -> PSObject {
        if let c = find(name) { return object(c, readOnly: readOnly || c.name.isEmpty) }
        let text = "Culture is not supported. (Parameter 'name')\n\(name) is an invalid culture identifier."
        let inner = PSRuntimeError.message(text, errorId: "CultureNotFoundException", category: .invalidArgument,
                                           exceptionType: "System.Globalization.CultureNotFoundException")
        if let method { throw DotNetErrors.methodInvocation(method, argumentCount: 1, inner) }
        throw PSRuntimeError.message(
            "Cannot convert value \"\(name)\" to type \"\(typeName)\". Error: \"\(text)\"",
            errorId: "InvalidCastConstructorException", category: .invalidArgument,
            exceptionType: "System.Management.Automation.PSInvalidCastException")
    }

    /// A CultureInfo is a class in .NET: its TextInfo and NumberFormat are the same objects on every
    /// read, so a change to a writable culture's list separator stays with that culture.
    public static func object(_ c: Culture, readOnly: Bool = true) -> PSObject {
        let o = PSObject(typeNames: [typeName, "System.Object"])
        let text = textInfo(c, readOnly: readOnly)
        let numbers = numberFormat(c)
        // A culture's parent drops its last subtag (zh-Hans-CN → zh-Hans → zh → invariant).
        let parentName = c.name.lastIndex(of: "-").map { String(c.name[..<$0]) } ?? ""
        o.addProperty("Parent") { _ in .object(object(find(parentName) ?? all[0])) }
        o.addNote("LCID", .int(c.lcid))
        o.addNote("KeyboardLayoutId", .int(c.lcid))
        o.addNote("Name", .string(c.name))
        o.addNote("IetfLanguageTag", .string(c.name))
        o.addNote("DisplayName", .string(c.englishName))
        o.addNote("NativeName", .string(c.nativeName))
        o.addNote("EnglishName", .string(c.englishName))
        o.addNote("TwoLetterISOLanguageName", .string(c.twoLetter))
        o.addNote("ThreeLetterISOLanguageName", .string(c.threeLetter))
        o.addNote("ThreeLetterWindowsLanguageName", .string(windowsLanguageNames[c.name] ?? c.threeLetter.uppercased()))
        o.addProperty("CompareInfo") { _ in .object(compareInfo(c)) }
        o.addProperty("TextInfo") { _ in .object(text) }
        let neutral = !c.name.isEmpty && !c.name.contains("-")
        o.addNote("IsNeutralCulture", .bool(neutral))
        o.addNote("CultureTypes", .enumValue(cultureTypes.value(neutral ? 5 : 6)))
        o.addProperty("NumberFormat") { _ in .object(numbers) }
        o.addProperty("DateTimeFormat") { _ in
            DateTimeFormatObjects.patterns(for: c.name).map { .object(DateTimeFormatObjects.object($0, readOnly: readOnly)) } ?? .null
        }
        o.addProperty("Calendar") { _ in .object(DateTimeFormatObjects.gregorianCalendar(readOnly: readOnly)) }
        o.addProperty("OptionalCalendars") { _ in
            .array(PSArray([.object(DateTimeFormatObjects.gregorianCalendar(readOnly: true))], kind: .typed(.named("System.Globalization.Calendar"))))
        }
        o.addNote("UseUserOverride", .true)
        o.addNote("IsReadOnly", .bool(readOnly))
        o.addMethod("ToString") { _, _ in .string(c.name) }
        o.addMethod("GetHashCode") { _, _ in .int(Int32(truncatingIfNeeded: c.name.hashValue)) }
        o.toStringHandler = { _ in c.name }
        return o
    }

    /// Windows' three-letter language names (ThreeLetterWindowsLanguageName), which .NET keeps on
    /// Linux too: not the ISO ones (en-US is ENU, en-GB ENG, es-ES ESN).
    static let windowsLanguageNames: [String: String] = [
        "": "IVL", "en": "ENU", "en-US": "ENU", "en-GB": "ENG", "de": "DEU", "de-DE": "DEU", "fr": "FRA", "fr-FR": "FRA",
        "ru-RU": "RUS", "es-ES": "ESN", "it-IT": "ITA", "nl-NL": "NLD", "pt-BR": "PTB", "sv-SE": "SVE", "pl-PL": "PLK",
        "da-DK": "DAN", "ja-JP": "JPN",
    ]

    static let cultureTypes = PSEnumType(fullName: "System.Globalization.CultureTypes",
                                         members: [("NeutralCultures", 1), ("SpecificCultures", 2), ("InstalledWin32Cultures", 4),
                                                   ("AllCultures", 7), ("UserCustomCulture", 8), ("ReplacementCultures", 16),
                                                   ("WindowsOnlyCultures", 32), ("FrameworkCultures", 64)], isFlags: true)

    /// CompareInfo: the culture's string comparer, shown as `CompareInfo - en-US`.
    static func compareInfo(_ c: Culture) -> PSObject {
        let o = PSObject(typeNames: ["System.Globalization.CompareInfo", "System.Object"])
        o.addNote("Name", .string(c.name))
        o.addNote("LCID", .int(c.lcid))
        o.toStringHandler = { _ in "CompareInfo - \(c.name)" }
        return o
    }

    /// TextInfo: the list separator and the case methods scripts use (ToTitleCase capitalises each
    /// word and leaves words written all in capitals alone, as .NET does).
    static func textInfo(_ c: Culture, readOnly: Bool) -> PSObject {
        let o = PSObject(typeNames: ["System.Globalization.TextInfo", "System.Object"])
        var separator = c.listSeparator
        o.addProperty("ListSeparator", get: { _ in .string(separator) }, set: { _, value in
            if readOnly {
                throw PSRuntimeError.message("Exception setting \"ListSeparator\": \"Instance is read-only.\"",
                                             errorId: "ExceptionWhenSetting", category: .notSpecified,
                                             exceptionType: "System.Management.Automation.SetValueInvocationException")
            }
            if value.isNull {
                throw PSRuntimeError.message("Exception setting \"ListSeparator\": \"Value cannot be null. (Parameter 'value')\"",
                                             errorId: "ExceptionWhenSetting", category: .notSpecified,
                                             exceptionType: "System.Management.Automation.SetValueInvocationException")
            }
            separator = PSConvert.toString(value)
        })
        o.addNote("IsReadOnly", .bool(readOnly))
        o.addNote("CultureName", .string(c.name))
        o.addNote("IsRightToLeft", .false)
        func text(_ args: [PSValue], _ name: String) throws -> String {
            guard args.count == 1 else { throw Members.argCount(name, args.count) }
            return PSConvert.toString(args[0])
        }
        o.addMethod("ToUpper") { _, args in .string(try text(args, "ToUpper").uppercased()) }
        o.addMethod("ToLower") { _, args in .string(try text(args, "ToLower").lowercased()) }
        o.addMethod("ToTitleCase") { _, args in .string(titleCase(try text(args, "ToTitleCase"))) }
        o.toStringHandler = { _ in "TextInfo - \(c.name)" }
        return o
    }

    static func titleCase(_ s: String) -> String {
        var out = "", word = ""
        func flush() {
            guard !word.isEmpty else { return }
            let letters = word.filter(\.isLetter)
            if !letters.isEmpty && letters.allSatisfy(\.isUppercase) { out += word } else {
                out += word.prefix(1).uppercased() + word.dropFirst().lowercased()
            }
            word = ""
        }
        for ch in s {
            if ch.isLetter || ch.isNumber || ch == "'" { word.append(ch) } else { flush(); out.append(ch) }
        }
        flush()
        return out
    }

    static func numberFormat(_ c: Culture) -> PSObject {
        let o = PSObject(typeNames: ["System.Globalization.NumberFormatInfo", "System.Object"])
        o.addNote("NumberDecimalSeparator", .string(c.decimalSeparator))
        o.addNote("NumberGroupSeparator", .string(c.groupSeparator))
        o.addNote("CurrencyDecimalSeparator", .string(c.decimalSeparator))
        o.addNote("CurrencyGroupSeparator", .string(c.groupSeparator))
        o.addNote("PercentDecimalSeparator", .string(c.decimalSeparator))
        // Two decimals in every culture hvsh knows (.NET's value for invariant, en-US, de-DE, fr-FR, ...).
        o.addNote("NumberDecimalDigits", .int(2))
        o.addNote("CurrencyDecimalDigits", .int(2))
        o.addNote("PercentDecimalDigits", .int(2))
        o.addNote("PercentSymbol", .string("%"))
        o.addNote("PerMilleSymbol", .string("\u{2030}"))
        o.addNote("NaNSymbol", .string("NaN"))
        o.addNote("NegativeSign", .string("-"))
        o.addNote("PositiveSign", .string("+"))
        return o
    }
}
