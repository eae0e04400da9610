import Yams

/// A YAML value that remembers the file and line it came from, so that after `extends` merges
/// several files every key still points at the file that set it.
struct YAMLTree: Sendable {
    enum Value: Sendable {
        case null
        case scalar(String, isPlain: Bool)
        case mapping([Entry])
        case sequence([YAMLTree])
    }

    struct Entry: Sendable {
        var key: String
        var keyLocation: SourceLocation
        var value: YAMLTree
    }

    var value: Value
    var location: SourceLocation

    /// Parses `text` (the contents of `file`); nil for an empty document.
    static func parse(_ text: String, file: String) throws(ScenarioFileError) -> YAMLTree? {
        let root: Node?
        let parser: Parser
        do {
            // No tag resolution: scalars stay text (the decoder reads them), so the parser compiles
            // none of Yams's regular expressions (ICU's regex engine, ~1.5 ms at every start), and
            // keys compare as text: 2016 and "2016" in one mapping are the same key given twice.
            parser = try Parser(yaml: text, resolver: .basic)
            root = try parser.singleRoot()
        } catch let error as YamlError {
            throw describe(error, file: file, text: text)
        } catch {
            throw ScenarioFileError(SourceLocation(file: file), "not valid YAML: \(error)")
        }
        // Yams holds a node's anchor weakly: the parser keeps the anchors alive while the
        // tree is read, so that an anchored node is recognised (and refused).
        return try withExtendedLifetime(parser) { () throws(ScenarioFileError) in
            try root.map { node throws(ScenarioFileError) in try YAMLTree(node, file: file) }
        }
    }

    /// An anchored node (`&name`, which every alias `*name` refers to) is refused before its
    /// aliases are expanded, so a few hundred bytes of nested aliases cannot become gigabytes.
    private init(_ node: Node, file: String) throws(ScenarioFileError) {
        let location = SourceLocation(file: file, line: node.mark?.line, column: node.mark?.column)
        guard node.anchor == nil else {
            throw ScenarioFileError(
                location, "YAML anchors and aliases (&name, *name) are not supported in scenario files; write the value out")
        }
        self.location = location
        switch node {
        case .scalar(let scalar):
            if scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string) {
                value = .null
            } else {
                value = .scalar(scalar.string, isPlain: scalar.style == .plain)
            }
        case .mapping(let mapping):
            var entries: [Entry] = []
            for (keyNode, valueNode) in mapping {
                guard case .scalar(let key) = keyNode else {
                    throw ScenarioFileError(location, "a key must be a plain word or number, not a list or mapping")
                }
                let keyLocation = SourceLocation(file: file, line: keyNode.mark?.line, column: keyNode.mark?.column)
                entries.append(Entry(key: key.string, keyLocation: keyLocation, value: try YAMLTree(valueNode, file: file)))
            }
            value = .mapping(entries)
        case .sequence(let sequence):
            var items: [YAMLTree] = []
            for item in sequence { items.append(try YAMLTree(item, file: file)) }
            value = .sequence(items)
        case .alias:
            throw ScenarioFileError(location, "YAML aliases (*name) are not supported in scenario files; write the value out")
        }
    }

    private static func describe(_ error: YamlError, file: String, text: String) -> ScenarioFileError {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let contextText = context.map { " \($0.text)" } ?? ""
            // What people usually did: a Chinese colon, a tab, or a line indented differently
            // from its neighbours (the parser often notices on the line after).
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            // The parser counts a lone CR as a line break too, so its line may lie past the last "\n".
            let upper = min(lines.count, max(0, mark.line))
            let nearby = lines[min(upper, max(0, mark.line - 2))..<upper].joined(separator: "\n")
            var hint =
                "; check the indentation of this line and the line before (the same number of spaces for keys of one section, no tabs), and that each key is followed by an English colon and a space ('key: value')"
            if nearby.contains("：") { hint = "; a Chinese colon '：' is here: write the English colon ':' followed by a space" }
            if nearby.contains("\t") { hint = "; a tab is here: indent with spaces only" }
            return ScenarioFileError(
                SourceLocation(file: file, line: mark.line, column: mark.column), "malformed YAML: \(problem)\(contextText)\(hint)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return ScenarioFileError(
                SourceLocation(file: file, line: context.mark.line, column: context.mark.column),
                key: duplicates.joined(separator: ", "),
                "this key appears more than once in the same mapping")
        case .reader(let problem, let offset, let value, _):
            // The reader names a byte offset; people need the line.
            let line = offset.map { 1 + text.utf8.prefix($0).count { $0 == 0x0A } }
            let hex = String(value, radix: 16, uppercase: true)
            let character = " (character U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + ")"
            return ScenarioFileError(
                SourceLocation(file: file, line: line), "this line holds a character YAML does not allow\(character): \(problem); delete it"
            )
        default:
            return ScenarioFileError(SourceLocation(file: file), "malformed YAML: \(error)")
        }
    }

    /// The child's keys override the parent's; mappings merge key by key (so series values merge
    /// year by year); lists and scalars are replaced whole; a child's null removes the key.
    static func merge(parent: YAMLTree, child: YAMLTree) -> YAMLTree {
        guard case .mapping(let parentEntries) = parent.value, case .mapping(let childEntries) = child.value else {
            return child
        }
        var merged: [Entry] = []
        for entry in parentEntries {
            if let override = childEntries.first(where: { $0.key == entry.key }) {
                if case .null = override.value.value { continue }
                merged.append(
                    Entry(key: entry.key, keyLocation: override.keyLocation, value: merge(parent: entry.value, child: override.value)))
            } else {
                merged.append(entry)
            }
        }
        for entry in childEntries where !parentEntries.contains(where: { $0.key == entry.key }) {
            if case .null = entry.value.value { continue }
            merged.append(entry)
        }
        return YAMLTree(value: .mapping(merged), location: child.location)
    }

    /// The tree with the value at `keyPath` replaced by `value` (keys that do not exist yet are
    /// added, at `location`); nil when the path goes through a scalar or past the end of a list.
    func setting(_ keyPath: ArraySlice<String>, to value: YAMLTree, at location: SourceLocation) -> YAMLTree? {
        guard let key = keyPath.first else { return value }
        var copy = self
        if key.hasPrefix("["), let index = Int(key.dropFirst().dropLast()) {
            guard case .sequence(var items) = self.value, items.indices.contains(index),
                let item = items[index].setting(keyPath.dropFirst(), to: value, at: location)
            else { return nil }
            items[index] = item
            copy.value = .sequence(items)
            return copy
        }
        var entries: [Entry]
        switch self.value {
        case .mapping(let existing): entries = existing
        case .null: entries = []
        default: return nil
        }
        if let position = entries.firstIndex(where: { $0.key == key }) {
            guard let child = entries[position].value.setting(keyPath.dropFirst(), to: value, at: location) else { return nil }
            entries[position].value = child
            if keyPath.count == 1 { entries[position].keyLocation = location }
        } else {
            let empty = YAMLTree(value: .null, location: location)
            guard let child = empty.setting(keyPath.dropFirst(), to: value, at: location) else { return nil }
            entries.append(Entry(key: key, keyLocation: location, value: child))
        }
        copy.value = .mapping(entries)
        return copy
    }

    /// The same tree with every location (its keys' included) set to `location`.
    func relocated(to location: SourceLocation) -> YAMLTree {
        var copy = self
        copy.location = location
        switch value {
        case .mapping(let entries):
            copy.value = .mapping(entries.map { Entry(key: $0.key, keyLocation: location, value: $0.value.relocated(to: location)) })
        case .sequence(let items): copy.value = .sequence(items.map { $0.relocated(to: location) })
        case .null, .scalar: break
        }
        return copy
    }

    /// The entries of a mapping (none for other values).
    var entries: [Entry] {
        if case .mapping(let entries) = value { return entries }
        return []
    }

    /// The entries of the mapping under `key` (none when absent or not a mapping).
    func entries(_ key: String) -> [Entry] {
        entries.first { $0.key == key }?.value.entries ?? []
    }

    /// The text of a scalar.
    var text: String? {
        if case .scalar(let text, _) = value { return text }
        return nil
    }

    init(value: Value, location: SourceLocation) {
        self.value = value
        self.location = location
    }
}

extension Array {
    /// nil for an empty array.
    var nilIfEmpty: Self? { isEmpty ? nil : self }
}
