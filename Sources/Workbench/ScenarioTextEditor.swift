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
            return replaceValue(at: location, key: keyPath.last ?? "", with: value)
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
        guard let parent = locations[ScenarioProblem.dotted(Array(keyPath[..<depth]))], parent.line <= lines.count else {
            return false
        }
        let line = Array(lines[parent.line - 1])
        // The location is either the parent's key or (for a mapping) the mapping itself.
        var valueStart = parent.column - 1
        var firstChildLine = parent.line - 1
        var parentIndent = parent.column - 2
        if let afterKey = Self.afterKey(keyPath[depth - 1], in: line, column: parent.column) {
            valueStart = afterKey
            while valueStart < line.count, line[valueStart] == " " { valueStart += 1 }
            firstChildLine = parent.line
            parentIndent = parent.column - 1
            if valueStart < line.count, line[valueStart] != "{", line[valueStart] != "#" { return false }
        }
        if valueStart < line.count, line[valueStart] == "{" {
            guard missing.count == 1, let close = Self.flowClose(in: line, from: valueStart) else { return false }
            let inner = String(line[(valueStart + 1)..<close]).trimmingCharacters(in: .whitespaces)
            var before = close
            while before > valueStart + 1, line[before - 1] == " " { before -= 1 }
            let addition = (inner.isEmpty ? "" : ", ") + "\(missing[0]): \(value)"
            lines[parent.line - 1] = String(line[..<before]) + addition + String(line[before...])
            return true
        }
        // Block style: the new keys go after the parent's last line, indented as its children.
        let indentation = { (line: String) in line.prefix { $0 == " " }.count }
        var last = parent.line - 1
        var childIndent: Int?
        for index in firstChildLine..<lines.count {
            let trimmed = lines[index].trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            guard indentation(lines[index]) > parentIndent else { break }
            childIndent = childIndent ?? indentation(lines[index])
            last = index
        }
        insert(missing, under: Array(keyPath[..<depth]), value: value, after: last, indent: childIndent ?? parentIndent + 2)
        return true
    }

    /// The offset just after the `:` of `key` when the line writes it at 1-based `column`.
    static func afterKey(_ key: String, in line: [Character], column: Int) -> Int? {
        var position = column - 1
        guard position >= 0, position < line.count else { return nil }
        let quoted = line[position] == "\"" || line[position] == "'"
        if quoted { position += 1 }
        for character in key {
            guard position < line.count, line[position] == character else { return nil }
            position += 1
        }
        if quoted {
            guard position < line.count, line[position] == "\"" || line[position] == "'" else { return nil }
            position += 1
        }
        while position < line.count, line[position] == " " { position += 1 }
        guard position < line.count, line[position] == ":" else { return nil }
        return position + 1
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

    /// Replaces the scalar written for `key` at `location` (its key, or its value); false when
    /// the value is not a scalar on that line. Later keys of the line move by the change in length.
    private mutating func replaceValue(at location: (line: Int, column: Int), key: String, with value: String) -> Bool {
        guard location.line >= 1, location.line <= lines.count else { return false }
        let line = Array(lines[location.line - 1])
        var index = Self.afterKey(key, in: line, column: location.column) ?? (location.column - 1)
        while index < line.count, line[index] == " " { index += 1 }
        guard index < line.count else { return false }
        let first = line[index]
        guard !"{[|>#&*".contains(first) else { return false }
        let inFlow = Self.isInFlow(line, before: index)
        var end = index
        if first == "\"" || first == "'" {
            end = index + 1
            while end < line.count, line[end] != first || (first == "\"" && line[end - 1] == "\\") { end += 1 }
            guard end < line.count else { return false }
            end += 1
        } else {
            while end < line.count {
                let character = line[end]
                if inFlow && (character == "," || character == "}" || character == "]") { break }
                if character == "#", end > index, line[end - 1] == " " { break }
                end += 1
            }
            while end > index, line[end - 1] == " " { end -= 1 }
        }
        lines[location.line - 1] = String(line[..<index]) + value + String(line[end...])
        let shift = value.count - (end - index)
        locations = locations.mapValues { $0.line == location.line && $0.column - 1 > index ? ($0.line, $0.column + shift) : $0 }
        return true
    }

    /// The flow depth (open `{` and `[`, outside quotes) before each character of the line, and
    /// after the last.
    static func depths(_ line: [Character]) -> [Int] {
        var depths: [Int] = []
        var depth = 0
        var quote: Character?
        for character in line {
            depths.append(depth)
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
        return depths + [depth]
    }

    /// Whether offset `index` lies inside an open `{` or `[` of the line.
    static func isInFlow(_ line: [Character], before index: Int) -> Bool { depths(line)[index] > 0 }

    /// The offset of the `}` closing the `{` at `start`.
    static func flowClose(in line: [Character], from start: Int) -> Int? {
        let depths = depths(line)
        return (start + 1..<line.count).first { line[$0] == "}" && depths[$0 + 1] == depths[start] }
    }
}
