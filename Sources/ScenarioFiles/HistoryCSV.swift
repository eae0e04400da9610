import Foundation
import PolicyModel

/// Reads a history of past years for calibration: a `year` column and one column per figure;
/// an empty cell is a gap. Values must be positive numbers (they are fitted on the logarithm).
public enum HistoryCSV {
    /// A history is a small table: at most this many bytes and figure columns.
    public static let maximumBytes = 4 << 20
    public static let maximumColumns = 100

    /// Each column's (year, value) pairs, in header order.
    public static func load(_ path: String) throws(ScenarioFileError) -> [(column: String, points: [(year: Int, value: Double)])] {
        let text = try InputFile.text(of: path, limit: maximumBytes, what: "history file")
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
        guard let headerLine = lines.first, !headerLine.isEmpty else {
            throw ScenarioFileError(SourceLocation(file: path), "the file is empty")
        }
        let header = headerLine.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard header.first == "year" else {
            throw ScenarioFileError(SourceLocation(file: path, line: 1), key: "year", "the first column must be 'year'")
        }
        guard header.count >= 2 else { throw ScenarioFileError(SourceLocation(file: path, line: 1), "the history has no columns to fit") }
        guard header.count <= maximumColumns + 1 else {
            throw ScenarioFileError(
                SourceLocation(file: path, line: 1), "the history has \(header.count - 1) columns to fit; at most \(maximumColumns)")
        }
        for (index, name) in header.enumerated() where header[..<index].contains(name) {
            throw ScenarioFileError(SourceLocation(file: path, line: 1, column: index + 1), key: name, "column '\(name)' appears twice")
        }
        var columns = header.dropFirst().map { (column: $0, points: [(year: Int, value: Double)]()) }
        var seenYears = Set<Int>()
        for (index, line) in lines.enumerated().dropFirst() where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            let number = index + 1
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count == header.count else {
                throw ScenarioFileError(
                    SourceLocation(file: path, line: number),
                    CSVHeader.fieldCount(line: number, found: cells.count, expected: header.count, text: line))
            }
            guard let year = ScalarValue.parseYear(cells[0]) else {
                throw ScenarioFileError(SourceLocation(file: path, line: number), key: "year", "'\(cells[0])' is not a year")
            }
            guard seenYears.insert(year).inserted else {
                throw ScenarioFileError(SourceLocation(file: path, line: number), key: "year", "\(year) appears twice", )
            }
            for (column, cell) in cells.dropFirst().enumerated() where !cell.isEmpty {
                guard let value = Double(cell), value.isFinite, value > 0 else {
                    throw ScenarioFileError(
                        SourceLocation(file: path, line: number), key: header[column + 1], year: year,
                        "column '\(header[column + 1])' in \(year) must be a positive number, not '\(cell)'")
                }
                columns[column].points.append((year, value))
            }
        }
        for index in columns.indices { columns[index].points.sort { $0.year < $1.year } }
        return columns
    }
}
