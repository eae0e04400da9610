import PolicyModel

/// `dibao run --format csv`: one row per year, one column per figure, the unit in each header;
/// an undefined figure is an empty field, never 0.
public enum ProjectionCSV {
    public static func table(_ projection: Projection) -> CSVTable {
        CSVTable(
            header: ["scenario", "year"] + YearColumn.all.map(\.key),
            rows: projection.years.map { figures in
                [projection.scenario.name, String(figures.year)] + YearColumn.all.map { Formatting.plain($0.value(figures)) }
            })
    }
}
