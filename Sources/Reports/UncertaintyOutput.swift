import PolicyModel
import Simulation

/// Monte Carlo results in `dibao run --draws`: JSON under `uncertainty`, and tables.
public enum UncertaintyOutput {
    public static func json(_ result: MonteCarloResult, checks: [TargetCheck]) -> JSONValue {
        .object([
            ("draws", .int(result.draws)), ("seed", .string(String(result.seed))),
            (
                "years",
                .array(
                    result.years.map { year in
                        .object(
                            [("year", .int(year.year))]
                                + year.figures.map { figure, summary in
                                    (
                                        figure.rawValue,
                                        .object([
                                            ("mean", .number(summary.mean)), ("p5", .number(summary.p5)), ("p50", .number(summary.p50)),
                                            ("p95", .number(summary.p95)),
                                        ])
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
                rows.append([
                    String(year.year), column.label(language), format(summary.mean), format(summary.p5), format(summary.p50),
                    format(summary.p95),
                ])
            }
        }
        var out =
            language.pick("蒙特卡洛模拟：\(result.draws) 次抽样，种子 \(result.seed)", "Monte Carlo: \(result.draws) draws, seed \(result.seed)")
            + "\n\n"
        out +=
            TextTable(
                header: [language.pick("年份", "year"), language.pick("指标", "figure"), language.pick("均值", "mean"), "p5", "p50", "p95"],
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
