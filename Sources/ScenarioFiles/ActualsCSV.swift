import Foundation
import PolicyModel

/// The ledger of recorded figures (台账) as a CSV saved from Excel (UTF-8, with or without its
/// byte-order mark): one row per year for the county (township empty) and optionally per township.
/// Columns by their English key or their Chinese heading:
/// `year`/年份, `township`/乡镇, `households`/户数, `persons`/人数, `standard_yuan_per_year`/低保标准(元/年),
/// `benefit_yuan_per_month`/补助水平(元/月), and spending per level in 万元 (`central_wan_yuan`/中央(万元),
/// … `county_wan_yuan`/县级(万元)) or 元 (`central_yuan`/中央(元), …).
public enum ActualsCSV {
    public static let maximumBytes = 16 << 20

    /// The columns a ledger may have, by key, with their Chinese headings.
    static let columns: [(key: String, chinese: String)] =
        [
            ("year", "年份"), ("township", "乡镇"), ("households", "户数"), ("persons", "人数"),
            ("standard_yuan_per_year", "低保标准(元/年)"), ("benefit_yuan_per_month", "补助水平(元/月)"), ("population", "农村人口"),
        ]
        + FundingLevel.allCases.flatMap { level in
            [("\(level.rawValue)_wan_yuan", "\(level.label.zh)(万元)"), ("\(level.rawValue)_yuan", "\(level.label.zh)(元)")]
        }

    /// The fields of one CSV line (RFC 4180): a field in double quotes may hold commas ("9,950", as
    /// Excel writes numbers with separators) and doubled quotes; fields are trimmed.
    static func fields(_ line: Substring) -> [String] {
        var fields: [String] = []
        var field = ""
        var quoted = false
        var iterator = line.makeIterator()
        while let character = iterator.next() {
            if quoted {
                if character == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" {
                            field.append("\"")
                        } else {
                            quoted = false
                            if next == "," {
                                fields.append(field)
                                field = ""
                            } else {
                                field.append(next)
                            }
                        }
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(character)
                }
            } else if character == "\"" && field.trimmingCharacters(in: .whitespaces).isEmpty {
                quoted = true
                field = ""
            } else if character == "," {
                fields.append(field)
                field = ""
            } else {
                field.append(character)
            }
        }
        fields.append(field)
        return fields.map { $0.trimmingCharacters(in: .whitespaces) }
    }

    public static func load(_ path: String) throws(ScenarioFileError) -> Actuals {
        let text = try InputFile.text(
            of: path, limit: maximumBytes, what: "ledger of recorded figures", save: "in Excel, save as 'CSV UTF-8'")
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false)
        guard let headerLine = lines.first, !headerLine.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ScenarioFileError(SourceLocation(file: path), "the file is empty")
        }
        let fullwidth: [Character: String] = ["（": "(", "）": ")"]
        let header = fields(headerLine).map { cell in String(cell.map { fullwidth[$0] ?? String($0) }.joined()) }
        var keys: [String] = []
        for (index, name) in header.enumerated() {
            guard let column = columns.first(where: { $0.key == name || $0.chinese == name }) else {
                let valid = columns.map(\.key) + columns.map(\.chinese)
                throw ScenarioFileError(
                    SourceLocation(file: path, line: 1, column: index + 1), key: name,
                    "unknown column '\(name)'"
                        + (closestKey(to: name, among: valid).map { "; did you mean '\($0)'?" }
                            ?? "; columns: \(columns.map(\.chinese).joined(separator: ", "))"))
            }
            guard !keys.contains(column.key) else {
                throw ScenarioFileError(SourceLocation(file: path, line: 1, column: index + 1), key: name, "column '\(name)' appears twice")
            }
            keys.append(column.key)
        }
        guard keys.contains("year") else {
            throw ScenarioFileError(SourceLocation(file: path, line: 1), key: "year", "the ledger needs a year column (年份)")
        }
        var years: [Int: Actuals.Record] = [:]
        var townships: [Int: [(township: String, record: Actuals.Record)]] = [:]
        for (index, line) in lines.enumerated().dropFirst() where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            let lineNumber = index + 1
            let cells = Self.fields(line)
            guard cells.count == keys.count else {
                throw ScenarioFileError(
                    SourceLocation(file: path, line: lineNumber),
                    CSVHeader.fieldCount(line: lineNumber, found: cells.count, expected: keys.count, text: line))
            }
            var row: [String: String] = [:]
            for (key, cell) in zip(keys, cells) where !cell.isEmpty { row[key] = cell }
            guard let yearText = row["year"], let year = ScalarValue.parseYear(yearText.replacingOccurrences(of: "年", with: "")) else {
                throw ScenarioFileError(
                    SourceLocation(file: path, line: lineNumber), key: "year", "'\(row["year"] ?? "")' is not a year such as 2019")
            }
            func number(_ key: String, scale: Double = 1) throws(ScenarioFileError) -> Double? {
                guard let cell = row[key] else { return nil }
                guard
                    let value = Double(
                        ScalarValue.halfWidth(cell).replacingOccurrences(of: ",", with: "").replacingOccurrences(of: "，", with: "")),
                    value.isFinite, value >= 0
                else {
                    throw ScenarioFileError(
                        SourceLocation(file: path, line: lineNumber, column: (keys.firstIndex(of: key) ?? 0) + 1), key: key, year: year,
                        "'\(cell)' is not a number of at least 0")
                }
                return value * scale
            }
            var paid: [FundingLevel: Yuan] = [:]
            for level in FundingLevel.allCases {
                if let wan = try number("\(level.rawValue)_wan_yuan", scale: 10_000) { paid[level] = Yuan(wan) }
                if let yuan = try number("\(level.rawValue)_yuan") { paid[level] = Yuan(yuan) }
            }
            let record = Actuals.Record(
                households: try number("households"), persons: try number("persons"),
                standard: try number("standard_yuan_per_year").map(YuanPerPersonYear.init),
                benefit: try number("benefit_yuan_per_month").map(YuanPerPersonMonth.init), paid: paid, population: try number("population")
            )
            if let township = row["township"] {
                townships[year, default: []].append((township, record))
            } else {
                guard years[year] == nil else {
                    throw ScenarioFileError(
                        SourceLocation(file: path, line: lineNumber), key: "year", year: year, "\(year) is recorded twice for the county")
                }
                years[year] = record
            }
        }
        return Actuals(years: years, townships: townships, reference: path)
    }
}
