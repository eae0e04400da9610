import PolicyModel

extension AnnualReport {
    /// Everything the HTML shows, for other programs: unrounded figures, every table and the
    /// data of every chart.
    public func json() -> JSONValue {
        .object([
            ("title", .string(title)),
            ("year", .int(year)),
            ("language", .string(language.rawValue)),
            (
                "scenarios",
                .array(
                    scenarios.map { entry in
                        .object([
                            ("name", .string(entry.name)),
                            ("title", entry.scenario.title.map(JSONValue.string) ?? .null),
                            ("description", entry.scenario.description.map(JSONValue.string) ?? .null),
                            ("files", .array(entry.files.map(JSONValue.string))),
                            ("report_year", entry.projection.figures(for: year).map(ProjectionJSON.year) ?? .null),
                            ("years", .array(entry.projection.years.map(ProjectionJSON.year))),
                            ("checks", .array(entry.projection.checks.map(ProjectionJSON.check))),
                            ("as_expected", .bool(entry.projection.isAsExpected)),
                        ])
                    })
            ),
            ("tables", .array(tables.map { $0.json() })),
            (
                "charts",
                .array(
                    chartSVGs.map { chart in
                        .object([
                            ("id", .string(chart.id)), ("title", .string(chart.title)), ("file", .string("\(chart.id).svg")),
                            ("data", .string("\(chart.id).csv")),
                        ])
                    })
            ),
        ])
    }
}
