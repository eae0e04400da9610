/// A phrase in both languages of the outputs, Chinese first. The core keeps the programme's
/// words as data; front ends pick the language.
public struct Words: Sendable, Equatable {
    public var zh: String
    public var en: String

    public init(zh: String, en: String) {
        self.zh = zh
        self.en = en
    }
}
