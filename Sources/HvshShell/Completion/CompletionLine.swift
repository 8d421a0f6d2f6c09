/// The text before the cursor cut into what completion needs: the word being typed, the words
/// before it in the same pipeline element, and whether the word sits inside an open quote.
/// A deliberately small scanner: it only has to find boundaries, not understand the language.
struct CompletionLine: Equatable {
    /// The word under the cursor as typed (with an opening quote if there is one).
    var word: String
    /// Earlier words of the current command (its name first), quotes removed.
    var previousWords: [String]
    /// The quote character the current word opened, if any.
    var openQuote: Character?

    var isCommandPosition: Bool { previousWords.isEmpty }

    static func isSingleQuote(_ c: Character) -> Bool {
        c == "'" || c == "\u{2018}" || c == "\u{2019}" || c == "\u{201A}" || c == "\u{201B}"
    }

    static func isDoubleQuote(_ c: Character) -> Bool {
        c == "\"" || c == "\u{201C}" || c == "\u{201D}" || c == "\u{201E}"
    }

    init(word: String, previousWords: [String], openQuote: Character?) {
        self.word = word
        self.previousWords = previousWords
        self.openQuote = openQuote
    }

    init(scanning text: String) {
        var words: [String] = []
        var current = ""
        var currentRaw = ""
        var quote: Character?
        var quoteIsSingle = false
        var escaping = false
        for c in text {
            if escaping {
                current.append(c); currentRaw.append(c); escaping = false
                continue
            }
            if quote != nil {
                currentRaw.append(c)
                if quoteIsSingle ? Self.isSingleQuote(c) : Self.isDoubleQuote(c) {
                    quote = nil
                } else {
                    current.append(c)
                }
                continue
            }
            if c == "`" {
                escaping = true; currentRaw.append(c)
                continue
            }
            if Self.isSingleQuote(c) || Self.isDoubleQuote(c) {
                quote = c; quoteIsSingle = Self.isSingleQuote(c); currentRaw.append(c)
                continue
            }
            if c == "|" || c == ";" || c == "{" || c == "(" || c == "&" || c == "\n" || c == "}" || c == ")" {
                // A new pipeline element starts; what came before is another command's.
                words = []; current = ""; currentRaw = ""
                continue
            }
            if c.isWhitespace || c == "=" && current.hasPrefix("$") {
                if !currentRaw.isEmpty { words.append(current) }
                current = ""; currentRaw = ""
                continue
            }
            current.append(c); currentRaw.append(c)
        }
        word = currentRaw
        previousWords = words
        openQuote = quote
    }
}
