import PolicyModel

/// The language of human-readable output. Chinese first: planners hand reports to the county
/// government; English for everyone else.
public enum Language: String, CaseIterable, Sendable {
    case zh, en

    /// Picks the text for this language.
    func pick(_ zh: String, _ en: String) -> String { self == .zh ? zh : en }

    /// The phrase in this language.
    func pick(_ words: Words) -> String { self == .zh ? words.zh : words.en }
}
