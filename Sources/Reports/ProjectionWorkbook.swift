import PolicyModel
import Simulation
import Workbooks

/// `dibao run --format xlsx`: the projection as an Excel workbook for a finance bureau. Sheets
/// 汇总 (summary), 逐年测算 (year by year, in 元), 资金来源 (funding by level, in 万元), 目标
/// (targets) and, when drawn, 不确定性 (Monte Carlo). Numbers are stored unrounded, shown with
/// formats (元 with two decimals, persons whole, percentages).
public enum ProjectionWorkbook {
    public static func workbook(_ projection: Projection, uncertainty: MonteCarloResult? = nil, language l: Language = .zh) -> Workbook {
        var sheets = [summary(projection, l), years(projection, l), funding(projection, l), targets(projection, l)]
        if let uncertainty { sheets.append(draws(uncertainty, projection, l)) }
        return Workbook(sheets: sheets)
    }

    static func format(_ style: YearColumn.Style) -> Workbook.NumberFormat {
        switch style {
        case .yuan: .money
        case .percent: .percent
        case .persons, .count: .whole
        }
    }

    static func summary(_ projection: Projection, _ l: Language) -> Workbook.Sheet {
        let scenario = projection.scenario
        let checks = projection.checks
        var rows: [[Workbook.Cell]] = [
            [.text(l.pick("方案", "scenario")), .text(scenario.name)],
            [.text(l.pick("名称", "title")), .text(scenario.title ?? "")],
            [.text(l.pick("年份", "years")), .text("\(scenario.span.first)–\(scenario.span.last)")],
            [.text(l.pick("目标数", "targets")), .number(Double(checks.count), .whole)],
            [.text(l.pick("达标", "met")), .number(Double(checks.count { $0.passed }), .whole)],
            [.text(l.pick("与预期不符", "unexpected")), .number(Double(checks.count { !$0.isAsExpected }), .whole)],
        ]
        if let last = projection.years.last {
            rows.append([.empty])
            rows.append([.text(l.pick("\(last.year)年", "\(last.year)"))])
            for column in YearColumn.present(in: projection) {
                guard let value = column.value(last) else { continue }
                rows.append([.text(column.label(l)), .number(value, format(column.style))])
            }
        }
        return Workbook.Sheet(
            name: l.pick("汇总", "Summary"), header: [l.pick("项目", "item"), l.pick("数值", "value")], rows: rows, widths: [28, 40])
    }

    static func years(_ projection: Projection, _ l: Language) -> Workbook.Sheet {
        let columns = YearColumn.present(in: projection)
        return Workbook.Sheet(
            name: l.pick("逐年测算", "Year by year"), header: [l.pick("年份", "year")] + columns.map { $0.label(l) },
            rows: projection.years.map { year in
                [.number(Double(year.year), .year)]
                    + columns.map { column in column.value(year).map { .number($0, format(column.style)) } ?? .empty }
            },
            widths: [8] + columns.map { _ in 16 })
    }

    static func funding(_ projection: Projection, _ l: Language) -> Workbook.Sheet {
        let parts: [(Figure, String, String)] =
            [(.totalBudgetYuan, "资金总需求(万元)", "total budget (万元)")]
            + FundingLevel.allCases.map { ($0.figure, "\($0.label.zh)资金(万元)", "\($0.label.en) (万元)") }
            + [(.surplusYuan, "转移支付结余(万元)", "surplus of transfers (万元)")]
            .filter { part in projection.years.contains { part.0.value(in: $0) != nil } }
        return Workbook.Sheet(
            name: l.pick("资金来源", "Funding"), header: [l.pick("年份", "year")] + parts.map { l.pick($0.1, $0.2) },
            rows: projection.years.map { year in
                [.number(Double(year.year), .year)]
                    + parts.map { part in part.0.value(in: year).map { .number($0 / 10_000, .money) } ?? .empty }
            },
            widths: [8] + parts.map { _ in 18 })
    }

    static func targets(_ projection: Projection, _ l: Language) -> Workbook.Sheet {
        Workbook.Sheet(
            name: l.pick("目标", "Targets"),
            header: [
                l.pick("目标", "target"), l.pick("结果", "outcome"), l.pick("实际", "figure"), l.pick("要求", "required"),
                l.pick("数值", "value"), l.pick("要求值", "required value"), l.pick("单位", "unit"), l.pick("说明", "note"),
                l.pick("依据", "reference"),
            ],
            rows: projection.checks.map { check in
                let description = CheckDescription(check, language: l)
                let numberFormat: Workbook.NumberFormat =
                    switch check.target.kind.measure {
                    case .ratio: .percent
                    case .ratePerYear: .rate
                    default: .money
                    }
                return [
                    .text(description.title), .text(CheckListing.outcomeWord(check, language: l)), .text(description.actual),
                    .text(description.requirement), .number(check.actual, numberFormat), .number(check.required, numberFormat),
                    .text(description.unit), .text(check.target.note ?? ""), .text(check.target.reference ?? ""),
                ]
            },
            widths: [30, 14, 18, 18, 14, 14, 16, 50, 40])
    }

    static func draws(_ result: MonteCarloResult, _ projection: Projection, _ l: Language) -> Workbook.Sheet {
        var rows: [[Workbook.Cell]] = []
        for year in result.years {
            for (figure, summary) in year.figures {
                let column = YearColumn.column(figure)
                let kind = format(column.style)
                rows.append(
                    [.number(Double(year.year), .year), .text(column.label(l))]
                        + ([summary.mean] + summary.percentiles).map { .number($0, kind) })
            }
        }
        rows.append([.empty])
        for (check, probability) in zip(projection.checks, result.targetProbabilities) {
            rows.append([.empty, .text(CheckDescription(check, language: l).title), .number(probability, .percent)])
        }
        return Workbook.Sheet(
            name: l.pick("不确定性", "Uncertainty"),
            header: [
                l.pick("年份", "year"), l.pick("指标 / 目标", "figure / target"), l.pick("均值 / 达标概率", "mean / probability met"),
            ] + result.levels.map(UncertaintyOutput.key),
            rows: rows, widths: [8, 34, 18] + result.levels.map { _ in 16 })
    }
}
