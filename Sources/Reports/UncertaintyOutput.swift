import Foundation
import PolicyModel
import ScenarioFiles
import Simulation

/// Monte Carlo results in `dibao run --draws`: JSON under `uncertainty`, CSV and tables, each
/// with the mean and every percentile asked for (`--percentiles`, 5/50/95 by default).
public enum UncertaintyOutput {
    /// The name of a percentile level: `p5`, `p99`, `p99.9`.
    public static func key(_ level: Double) -> String { "p" + CFormat.printf("%g", level * 100) }

    /// One row per figure and year (mean and percentiles, in 元 and persons), then one row per
    /// target with its probability of being met.
    public static func csv(_ result: MonteCarloResult, checks: [TargetCheck], scenario: String) -> CSVTable {
        var table = CSVTable(
            header: ["scenario", "year", "item", "mean"] + result.levels.map(key) + ["probability_met", "draws", "seed"])
        let blanks = Array(repeating: "", count: result.levels.count + 1)
        for year in result.years {
            for (figure, summary) in year.figures {
                table.rows.append(
                    [scenario, String(year.year), figure.rawValue, Formatting.plain(summary.mean)]
                        + summary.percentiles.map { Formatting.plain($0) } + ["", String(result.draws), String(result.seed)])
            }
        }
        for (check, probability) in zip(checks, result.targetProbabilities) {
            let year: String
            switch check.target.years {
            case .single(let single): year = String(single)
            case .span(_, let to): year = String(to)
            }
            table.rows.append(
                [scenario, year, "target [\(check.index)] \(check.target.kind.name)"] + blanks
                    + [Formatting.plain(probability), String(result.draws), String(result.seed)])
        }
        return table
    }

    public static func json(_ result: MonteCarloResult, checks: [TargetCheck]) -> JSONValue {
        .object([
            ("draws", .int(result.draws)), ("seed", .string(String(result.seed))),
            ("percentiles", .array(result.levels.map { .number($0 * 100) })),
            (
                "years",
                .array(
                    result.years.map { year in
                        .object(
                            [("year", .int(year.year))]
                                + year.figures.map { figure, summary in
                                    (
                                        figure.rawValue,
                                        .object(
                                            [("mean", .number(summary.mean))]
                                                + zip(result.levels, summary.percentiles).map { (key($0), .number($1)) })
                                    )
                                })
                    })
            ),
            (
                "targets",
                .array(
                    zip(checks, result.targetProbabilities).map { check, probability in
                        .object(
                            ProjectionJSON.targetIdentity(check.target) + [
                                ("probability_met", .number(probability)), ("met_without_uncertainty", .bool(check.passed)),
                            ])
                    })
            ),
        ])
    }

    /// Per year, the figures that vary: mean and 5–50–95 percentiles; then each target's
    /// probability of being met.
    public static func table(_ result: MonteCarloResult, checks: [TargetCheck], language: Language = .en) -> String {
        var rows: [[String]] = []
        for year in result.years {
            for (figure, summary) in year.figures where summary.p5 != summary.p95 {
                let column = YearColumn.column(figure)
                let format: (Double) -> String = { value in
                    guard let formatted = column.formatted(value) else { return "—" }
                    return formatted
                }
                rows.append([String(year.year), column.label(language), format(summary.mean)] + summary.percentiles.map(format))
            }
        }
        var out =
            language.pick("蒙特卡洛模拟：\(result.draws) 次抽样，种子 \(result.seed)", "Monte Carlo: \(result.draws) draws, seed \(result.seed)")
            + "\n\n"
        out +=
            TextTable(
                header: [language.pick("年份", "year"), language.pick("指标", "figure"), language.pick("均值", "mean")]
                    + result.levels.map(key),
                rows: rows
            )
            .rendered() + "\n"
        let targetRows = zip(checks, result.targetProbabilities).map { check, probability in
            [CheckDescription(check, language: language).title, Formatting.percent(probability, decimals: 1)]
        }
        out += TextTable(header: [language.pick("目标", "target"), language.pick("达标概率", "probability met")], rows: targetRows).rendered()
        return out
    }
}
