import PolicyModel

extension RosterCSV {
    /// Writes synthetic roster rows (`id_number,name,township,village,household_id,size`, or the
    /// columns given), atomically.
    public static func write(_ rows: [SyntheticRosters.Row], columns: [String], to path: String) throws(ScenarioFileError) {
        try OutputFile.stream(to: path) { write in lines(rows, columns: columns, write) }
    }

    /// Writes `dibao.csv`, `registered.csv` and `dibao-previous-quarter.csv` into `folder` as one
    /// set: all three are complete before any replaces an earlier one.
    public static func writeExample(_ rosters: SyntheticRosters.Output, to folder: String) throws(ScenarioFileError) {
        let dibaoColumns = ["id_number", "name", "township", "village", "household_id", "size"]
        let sets: [(name: String, rows: [SyntheticRosters.Row], columns: [String])] = [
            ("dibao.csv", rosters.dibao, dibaoColumns),
            ("registered.csv", rosters.registered, ["id_number", "name", "household_id", "township", "village"]),
            ("dibao-previous-quarter.csv", rosters.dibaoPreviousQuarter, dibaoColumns),
        ]
        try OutputFile.writeSet(sets.map { folder + "/" + $0.name }) { index, write in
            lines(sets[index].rows, columns: sets[index].columns, write)
        }
    }

    private static func lines(_ rows: [SyntheticRosters.Row], columns: [String], _ write: (String) -> Void) {
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
