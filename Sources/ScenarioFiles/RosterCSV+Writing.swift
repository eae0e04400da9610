import PolicyModel

extension RosterCSV {
    /// Writes synthetic roster rows (`id_number,name,township,village,household_id,size`, or the
    /// columns given), atomically.
    public static func write(_ rows: [SyntheticRosters.Row], columns: [String], to path: String) throws(ScenarioFileError) {
        try OutputFile.stream(to: path) { write in
            write(columns.joined(separator: ",") + "\n")
            var lines = ""
            for row in rows {
                let values = columns.map { column -> String in
                    switch column {
                    case "id_number": row.idNumber
                    case "name": row.name
                    case "township": row.township
                    case "village": row.village
                    case "household_id": row.householdID
                    default: String(row.size)
                    }
                }
                lines += values.map { $0.contains(" ") || $0.contains(",") ? "\"\($0)\"" : $0 }.joined(separator: ",") + "\n"
                if lines.utf8.count >= 1 << 16 {
                    write(lines)
                    lines = ""
                }
            }
            write(lines)
        }
    }
}
