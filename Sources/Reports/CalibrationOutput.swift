import PolicyModel
import ScenarioFiles
import Simulation

/// `dibao fit`: the fitted trends as a table, and a scenario fragment to paste.
public enum CalibrationOutput {
    public static func table(_ calibration: Calibration, language l: Language = .zh) -> String {
        let rows = calibration.fits.map { fit in
            [
                fit.column, "\(fit.years.first!)–\(fit.years.last!)", String(fit.years.count), Formatting.percent(fit.growth, decimals: 2),
                Formatting.percent(fit.growthStandardError, decimals: 2), CFormat.printf("%.4f", fit.residualSD),
            ]
        }
        var out = TextTable(
            header: [
                l.pick("列", "column"), l.pick("年份", "years"), "n", l.pick("年均增长", "growth a year"), l.pick("标准误", "s.e."),
                l.pick("残差标准差(对数)", "residual sd (log)"),
            ], rows: rows
        ).rendered()
        out += l.pick("\n残差相关系数：\n", "\nresidual correlation:\n")
        let names = calibration.fits.map(\.column)
        out += TextTable(
            header: [""] + names,
            rows: calibration.correlation.enumerated().map { i, row in [names[i]] + row.map { CFormat.printf("%.3f", $0) } }
        ).rendered()
        if !calibration.correlationIsPositiveDefinite {
            out += l.pick(
                "注意：两两计算的相关系数合在一起不是正定矩阵，使用前请修改\n",
                "note: pairwise correlations over different years are not positive definite together; edit before using them\n")
        }
        return out
    }

    /// YAML with `series.<name>.growth`, `uncertainty.growth_sd` and `correlation` for the
    /// columns that are series names; other columns are listed in a comment.
    public static func fragment(_ calibration: Calibration, source: String) -> String {
        let series = calibration.fits.enumerated().filter { SeriesName(rawValue: $0.element.column) != nil }
        let others = calibration.fits.filter { SeriesName(rawValue: $0.column) == nil }.map(\.column)
        func number(_ value: Double) -> String { CFormat.printf("%.6g", value) }
        var out = "# dibao fit \(source): log-linear trends (growth a year), residual sd and residual correlation\n"
        if !others.isEmpty { out += "# not series, left out: \(others.joined(separator: ", "))\n" }
        out += "series:\n"
        for (_, fit) in series {
            out +=
                "  \(fit.column): {growth: \(number(fit.growth))}   # s.e. \(number(fit.growthStandardError)), \(fit.years.first!)–\(fit.years.last!), n = \(fit.years.count)\n"
        }
        out +=
            "uncertainty:\n  growth_sd: {" + series.map { "\($0.element.column): \(number($0.element.residualSD))" }.joined(separator: ", ")
            + "}\n"
        let indices = series.map(\.offset)
        let rows = indices.map { i in "[" + indices.map { number(calibration.correlation[i][$0]) }.joined(separator: ", ") + "]" }
        out += "  correlation: [" + rows.joined(separator: ", ") + "]\n"
        return out
    }
}
