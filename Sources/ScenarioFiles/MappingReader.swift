import Foundation
import PolicyModel

/// Reads one YAML mapping of a scenario file: rejects unknown keys (suggesting the closest valid
/// one), converts values to the types the model needs, and records where every key was written.
struct MappingReader {
    private let stored: [YAMLTree.Entry]
    let keyPath: [String]
    let location: SourceLocation
    let record: DecodingRecord

    /// Reads `tree` as a mapping whose keys must be among `allowed`; an unknown key is noted
    /// as a problem (with the closest valid key) and otherwise left out, so that one run
    /// reports every unknown key of a file.
    init(_ tree: YAMLTree, at keyPath: [String], allowed: [String], record: DecodingRecord) throws(ScenarioFileError) {
        guard case .mapping(let entries) = tree.value else {
            throw ScenarioFileError(tree.location, key: dotted(keyPath), "expected a mapping of keys to values")
        }
        self.keyPath = keyPath
        self.location = tree.location
        self.record = record
        record.record(keyPath, tree.location)
        var known: [YAMLTree.Entry] = []
        for entry in entries {
            record.record(keyPath + [entry.key], entry.keyLocation)
            guard allowed.contains(entry.key) else {
                var message = "unknown key '\(entry.key)'"
                let suggestion = closestKey(to: entry.key, among: allowed)
                if let suggestion {
                    message += "; did you mean '\(suggestion)'?"
                } else {
                    message += "; valid keys here: \(allowed.joined(separator: ", "))"
                }
                let problem = ScenarioFileError(entry.keyLocation, key: dotted(keyPath + [entry.key]), message)
                record.note(problem)
                if let suggestion { record.suggested(keyPath + [suggestion], by: problem) }
                continue
            }
            known.append(entry)
            record.accept(keyPath + [entry.key])
        }
        stored = known
    }

    /// Every known entry, each noted as read.
    var entries: [YAMLTree.Entry] {
        for entry in stored { record.markRead(keyPath + [entry.key]) }
        return stored
    }

    /// The value of `key`, or nil when it is absent or null.
    func tree(_ key: String) -> YAMLTree? {
        guard let entry = stored.first(where: { $0.key == key }) else { return nil }
        record.markRead(keyPath + [key])
        if case .null = entry.value.value { return nil }
        return entry.value
    }

    /// A missing key that an unknown key's message already suggests is that same problem (so it
    /// is reported once).
    func required(_ key: String, _ what: String) throws(ScenarioFileError) -> YAMLTree {
        guard let tree = tree(key) else {
            if let misspelt = record.suggestion(of: keyPath + [key]) { throw misspelt }
            throw ScenarioFileError(location, key: dotted(keyPath + [key]), "missing \(what) ('\(key)')")
        }
        return tree
    }

    func string(_ key: String) throws(ScenarioFileError) -> String? {
        guard let tree = tree(key) else { return nil }
        return try ScalarValue.string(tree, keyPath + [key])
    }

    /// Text for people, in one language (`note: …`) or both (`note: {zh: …, en: …}`): the Chinese
    /// is the text, its English is recorded for English outputs (`Scenario.english`).
    func prose(_ key: String) throws(ScenarioFileError) -> String? {
        guard let tree = tree(key) else { return nil }
        guard case .mapping = tree.value else { return try ScalarValue.string(tree, keyPath + [key]) }
        let both = try MappingReader(tree, at: keyPath + [key], allowed: ["zh", "en"], record: record)
        let zh = try both.string("zh")
        let en = try both.string("en")
        guard let text = zh ?? en else {
            throw ScenarioFileError(
                tree.location, key: dotted(keyPath + [key]), "write the text as {zh: 中文, en: English}, or as plain text")
        }
        if let zh, let en { record.english[zh] = en }
        return text
    }

    func number(_ key: String) throws(ScenarioFileError) -> Double? {
        guard let tree = tree(key) else { return nil }
        return try ScalarValue.number(tree, keyPath + [key])
    }

    /// A rate or share: a number (`0.08`) or a percentage (`8%`).
    func rate(_ key: String) throws(ScenarioFileError) -> Double? {
        guard let tree = tree(key) else { return nil }
        return try ScalarValue.rate(tree, keyPath + [key])
    }

    func requiredRate(_ key: String, _ what: String) throws(ScenarioFileError) -> Double {
        try ScalarValue.rate(try required(key, what), keyPath + [key])
    }

    func year(_ key: String) throws(ScenarioFileError) -> Int? {
        guard let tree = tree(key) else { return nil }
        return try ScalarValue.year(tree, keyPath + [key])
    }

    func requiredNumber(_ key: String, _ what: String) throws(ScenarioFileError) -> Double {
        try ScalarValue.number(try required(key, what), keyPath + [key])
    }

    func requiredYear(_ key: String, _ what: String) throws(ScenarioFileError) -> Int {
        try ScalarValue.year(try required(key, what), keyPath + [key])
    }

    /// Fails when both or neither of two alternative keys are given.
    func exactlyOne(of first: String, _ second: String) throws(ScenarioFileError) -> String {
        switch (tree(first) != nil, tree(second) != nil) {
        case (true, false): return first
        case (false, true): return second
        case (true, true):
            throw ScenarioFileError(location, key: dotted(keyPath), "give either '\(first)' or '\(second)', not both")
        case (false, false):
            throw ScenarioFileError(location, key: dotted(keyPath), "missing '\(first)' (or '\(second)')")
        }
    }
}

/// Conversions of YAML scalars to the model's types, with errors that name the key.
enum ScalarValue {
    static func string(_ tree: YAMLTree, _ keyPath: [String]) throws(ScenarioFileError) -> String {
        guard case .scalar(let text, _) = tree.value else {
            throw ScenarioFileError(tree.location, key: dotted(keyPath), "expected text, not a list or mapping")
        }
        return text
    }

    /// A number as YAML writes it (`3240`, `0.144`, `1_000`, `.nan`, `.inf`); non-finite values
    /// are returned as such so that the model can reject them with its own message.
    /// Full-width digits, point, minus and percent (０-９ ． － ％, as a Chinese input method types
    /// them) as their ASCII forms.
    static func halfWidth(_ text: String) -> String {
        String(
            String.UnicodeScalarView(
                text.unicodeScalars.map { scalar in
                    switch scalar.value {
                    case 0xFF10...0xFF19, 0xFF0E, 0xFF0D, 0xFF05, 0xFF0B: Unicode.Scalar(scalar.value - 0xFEE0)!
                    default: scalar
                    }
                }))
    }

    static func number(_ tree: YAMLTree, _ keyPath: [String]) throws(ScenarioFileError) -> Double {
        let text = halfWidth(try string(tree, keyPath).trimmingCharacters(in: .whitespaces))
        switch text.lowercased() {
        case ".nan": return .nan
        case ".inf", "+.inf": return .infinity
        case "-.inf": return -.infinity
        default: break
        }
        guard let value = Double(text.replacingOccurrences(of: "_", with: "")), !text.isEmpty,
            text.lowercased() != "nan", !text.lowercased().contains("inf")
        else {
            throw ScenarioFileError(tree.location, key: dotted(keyPath), "expected a number, not '\(text)'")
        }
        return value
    }

    /// An amount in 元 given under `key` (`yuan: 10000000`) or in 万元 under `wan_` + `key`
    /// (`wan_yuan: 1000`, read as the decimal 1000e4, exactly); nil when neither is given.
    static func yuan(_ reader: MappingReader, _ key: String) throws(ScenarioFileError) -> Double? {
        let wanKey = "wan_" + key
        switch (reader.tree(key), reader.tree(wanKey)) {
        case (nil, nil): return nil
        case (let tree?, nil): return try number(tree, reader.keyPath + [key])
        case (nil, let tree?):
            let text = halfWidth(try string(tree, reader.keyPath + [wanKey]).trimmingCharacters(in: .whitespaces))
            guard let value = decimal(text, timesTenTo: 4) else {
                throw ScenarioFileError(
                    tree.location, key: dotted(reader.keyPath + [wanKey]), "expected an amount in 万元 such as 1200, not '\(text)'")
            }
            return value
        case (_?, _?):
            throw ScenarioFileError(reader.location, key: dotted(reader.keyPath), "give either '\(key)' (元) or '\(wanKey)' (万元), not both")
        }
    }

    /// A rate or share as people write it: `0.08` or `8%` (also `8 %`, `８％`), the same value to
    /// the last bit: `14.4%` is read as the decimal 14.4e-2, correctly rounded, not 14.4 / 100.
    static func rate(_ tree: YAMLTree, _ keyPath: [String]) throws(ScenarioFileError) -> Double {
        let text = halfWidth(try string(tree, keyPath).trimmingCharacters(in: .whitespaces))
        guard let last = text.last, last == "%" || last == "％" else { return try number(tree, keyPath) }
        guard let value = decimal(String(text.dropLast()).trimmingCharacters(in: .whitespaces), timesTenTo: -2) else {
            throw ScenarioFileError(tree.location, key: dotted(keyPath), "expected a rate such as 0.08 or 8%, not '\(text)'")
        }
        return value
    }

    /// A plain decimal (`14.4`, `1_000`) times 10^`exponent`, read as one decimal number
    /// (`14.4e-2`), so correctly rounded: 14.4% is exactly 0.144 and 1000 万元 exactly 1e7.
    static func decimal(_ text: String, timesTenTo exponent: Int) -> Double? {
        let digits = text.replacingOccurrences(of: "_", with: "")
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && ($0.isNumber || "+-.".contains($0)) }) else { return nil }
        return Double(digits + "e\(exponent)")
    }

    static func year(_ tree: YAMLTree, _ keyPath: [String]) throws(ScenarioFileError) -> Int {
        let text = try string(tree, keyPath)
        guard let year = parseYear(text) else {
            throw ScenarioFileError(tree.location, key: dotted(keyPath), "expected a year such as 2018, not '\(text)'")
        }
        return year
    }

    /// A four-digit calendar year between 1900 and 2200.
    static func parseYear(_ text: String) -> Int? {
        guard let year = Int(text.trimmingCharacters(in: .whitespaces)), (1900...2200).contains(year) else { return nil }
        return year
    }
}

/// What decoding one merged scenario learns besides the scenario: where each key was written
/// (by dotted key path), which keys were read, and the problems found so far.
final class DecodingRecord {
    private(set) var byKey: [String: SourceLocation] = [:]
    private(set) var read: Set<String> = []
    /// Keys of a known name, by dotted key path: each should be read by some part of the decoder.
    private(set) var accepted: Set<String> = []
    private(set) var problems: [ScenarioFileError] = []
    /// What is read but looks like a mistake (an amount in 元 that looks meant in 万元).
    var warnings: [ScenarioFileError] = []
    /// The English of texts written in both languages, by their Chinese.
    var english: [String: String] = [:]

    func record(_ keyPath: [String], _ location: SourceLocation) {
        byKey[dotted(keyPath)] = location
    }

    func accept(_ keyPath: [String]) {
        accepted.insert(dotted(keyPath))
    }

    func markRead(_ keyPath: [String]) {
        read.insert(dotted(keyPath))
    }

    /// The unknown-key problem that suggests each key (`stanard` suggests `standard`).
    private var suggestions: [String: ScenarioFileError] = [:]

    func suggested(_ keyPath: [String], by problem: ScenarioFileError) {
        suggestions[dotted(keyPath)] = problem
    }

    func suggestion(of keyPath: [String]) -> ScenarioFileError? { suggestions[dotted(keyPath)] }

    /// Notes a problem once.
    func note(_ problem: ScenarioFileError) {
        if !problems.contains(problem) { problems.append(problem) }
    }

    /// Runs one independent part of the decoding; its error is noted and decoding goes on.
    func attempt<T>(_ part: () throws(ScenarioFileError) -> T) -> T? {
        do {
            return try part()
        } catch {
            note(error)
            return nil
        }
    }
}

/// `series.standard.values.2018`, with list positions as `targets[2]`.
func dotted(_ keyPath: [String]) -> String { ScenarioProblem.dotted(keyPath) }
