import PolicyModel
import ScenarioFiles

/// The text of a scenario file with values changed in place, so that its comments, order and
/// layout survive: a key the file writes has its scalar value replaced on its line (block or
/// flow style); a key it does not write is added under its nearest ancestor the file writes
/// in block style, or at the end of the file under new top-level keys.
struct ScenarioTextEditor {
    /// The file's lines without their line ends.
    private(set) var lines: [String]
    /// `\r\n` when the file uses it.
    let lineEnd: String
    /// Where each key is written in this file (1-based lines and columns), by dotted key path.
    private var locations: [String: (line: Int, column: Int)]
    private let endsWithNewline: Bool

    init(text: String, file: String, locations: [String: SourceLocation]) {
        lineEnd = text.contains("\r\n") ? "\r\n" : "\n"
        endsWithNewline = text.hasSuffix("\n")
        var body = text.replacingOccurrences(of: "\r\n", with: "\n")
        if body.hasSuffix("\n") { body.removeLast() }
        lines = body.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        self.locations = locations.compactMapValues { location in
            guard location.file == file, let line = location.line, let column = location.column else { return nil }
            return (line, column)
        }
    }

    var text: String { lines.joined(separator: lineEnd) + (endsWithNewline ? lineEnd : "") }

    /// Writes `value` (YAML scalar text) at `keyPath`; false when the file's layout leaves no
    /// place to write it (a key under a list it does not write, a value that is a mapping).
    mutating func set(_ keyPath: [String], to value: String) -> Bool {
        if let location = locations[ScenarioProblem.dotted(keyPath)] {
            return replaceValue(at: location, with: value)
        }
        // The nearest ancestor written in this file, and the keys to add under it.
        var depth = keyPath.count - 1
        while depth > 0, locations[ScenarioProblem.dotted(Array(keyPath[..<depth]))] == nil { depth -= 1 }
        let missing = Array(keyPath[depth...])
        guard !missing.contains(where: { $0.hasPrefix("[") }) else { return false }
        if depth == 0 {
            if lines.last.map({ !$0.isEmpty }) ?? false { lines.append("") }
            insert(missing, under: [], value: value, after: lines.count - 1, indent: 0)
            return true
        }
        guard let parent = locations[ScenarioProblem.dotted(Array(keyPath[..<depth]))] else { return false }
        let line = lines[parent.line - 1]
        let afterKey = Self.valueStart(in: line, keyColumn: parent.column)
        if let afterKey {
            let rest = line[afterKey...].trimmingCharacters(in: .whitespaces)
            if rest.hasPrefix("{"), missing.count == 1, let close = Self.flowClose(in: line, from: afterKey) {
                let inner = line[line.index(after: line[afterKey...].firstIndex(of: "{")!)..<close].trimmingCharacters(in: .whitespaces)
                let addition = (inner.isEmpty ? "" : ", ") + "\(missing[0]): \(value)"
                let trimmedEnd = line[..<close].last == " " ? line.index(before: close) : close
                lines[parent.line - 1] = String(line[..<trimmedEnd]) + addition + (trimmedEnd == close ? "" : " ") + String(line[close...])
                return true
            }
            guard rest.isEmpty || rest.hasPrefix("#") else { return false }
        }
        // Block style: the new keys go after the parent's last line, indented as its children.
        let parentIndent = parent.column - 1
        let indentation = { (line: String) in line.prefix { $0 == " " }.count }
        var last = parent.line - 1
        var childIndent: Int?
        for index in parent.line..<lines.count {
            let trimmed = lines[index].trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            guard indentation(lines[index]) > parentIndent else { break }
            childIndent = childIndent ?? indentation(lines[index])
            last = index
        }
        insert(missing, under: Array(keyPath[..<depth]), value: value, after: last, indent: childIndent ?? parentIndent + 2)
        return true
    }

    /// Adds `keys` as nested block mappings ending in `value`, after line index `index`.
    private mutating func insert(_ keys: [String], under ancestor: [String], value: String, after index: Int, indent: Int) {
        var added: [String] = []
        for (depth, key) in keys.enumerated() {
            let pad = String(repeating: " ", count: indent + 2 * depth)
            added.append(depth == keys.count - 1 ? "\(pad)\(key): \(value)" : "\(pad)\(key):")
        }
        lines.insert(contentsOf: added, at: index + 1)
        // Later keys move down; the locations of earlier ones stay.
        locations = locations.mapValues { $0.line > index + 1 ? ($0.line + added.count, $0.column) : $0 }
        var path = ancestor
        for (depth, key) in keys.enumerated() {
            path.append(key)
            locations[ScenarioProblem.dotted(path)] = (index + 2 + depth, indent + 2 * depth + 1)
        }
    }

    /// Replaces the scalar after the key at `location`; false when the value is not a scalar
    /// on the key's line.
    private mutating func replaceValue(at location: (line: Int, column: Int), with value: String) -> Bool {
        guard location.line >= 1, location.line <= lines.count else { return false }
        let line = lines[location.line - 1]
        guard let start = Self.valueStart(in: line, keyColumn: location.column) else { return false }
        var index = start
        while index < line.endIndex, line[index] == " " { index = line.index(after: index) }
        guard index < line.endIndex else { return false }
        let first = line[index]
        guard first != "{", first != "[", first != "|", first != ">", first != "#", first != "&", first != "*" else { return false }
        let inFlow = Self.isInFlow(line, before: index)
        var end = index
        if first == "\"" || first == "'" {
            end = line.index(after: index)
            while end < line.endIndex, line[end] != first || (first == "\"" && line[line.index(before: end)] == "\\") {
                end = line.index(after: end)
            }
            guard end < line.endIndex else { return false }
            end = line.index(after: end)
        } else {
            while end < line.endIndex {
                let character = line[end]
                if inFlow && (character == "," || character == "}" || character == "]") { break }
                if character == "#", end > index, line[line.index(before: end)] == " " { break }
                end = line.index(after: end)
            }
            while end > index, line[line.index(before: end)] == " " { end = line.index(before: end) }
        }
        lines[location.line - 1] = String(line[..<index]) + value + String(line[end...])
        return true
    }

    /// Where the value begins after the key written at 1-based `keyColumn`: just after its `:`.
    static func valueStart(in line: String, keyColumn: Int) -> String.Index? {
        let characters = Array(line)
        guard keyColumn >= 1, keyColumn <= characters.count else { return nil }
        var position = keyColumn - 1
        if characters[position] == "\"" || characters[position] == "'" {
            let quote = characters[position]
            position += 1
            while position < characters.count, characters[position] != quote { position += 1 }
            position += 1
        } else {
            while position < characters.count, characters[position] != ":" { position += 1 }
        }
        while position < characters.count, characters[position] == " " { position += 1 }
        guard position < characters.count, characters[position] == ":" else { return nil }
        return line.index(line.startIndex, offsetBy: position + 1)
    }

    /// Whether `index` lies inside an open `{` or `[` of the line.
    static func isInFlow(_ line: String, before index: String.Index) -> Bool {
        var depth = 0
        var quote: Character?
        for character in line[..<index] {
            if let open = quote {
                if character == open { quote = nil }
                continue
            }
            switch character {
            case "\"", "'": quote = character
            case "{", "[": depth += 1
            case "}", "]": depth -= 1
            default: break
            }
        }
        return depth > 0
    }

    /// The `}` closing the first `{` at or after `start` on the line.
    static func flowClose(in line: String, from start: String.Index) -> String.Index? {
        var depth = 0
        var quote: Character?
        var index = start
        while index < line.endIndex {
            let character = line[index]
            if let open = quote {
                if character == open { quote = nil }
            } else {
                switch character {
                case "\"", "'": quote = character
                case "{", "[": depth += 1
                case "}", "]":
                    depth -= 1
                    if depth == 0 { return character == "}" ? index : nil }
                default: break
                }
            }
            index = line.index(after: index)
        }
        return nil
    }
}
