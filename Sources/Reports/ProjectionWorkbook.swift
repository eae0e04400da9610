import PolicyModel
import Simulation
import Workbooks

/// `dibao run --format xlsx`: the projection as an Excel workbook for a finance bureau. Sheets
/// 汇总 (summary), 逐年测算 (year by year, in 元), 资金来源 (funding by level, in 万元), 目标
/// (targets) and, when drawn, 不确定性 (Monte Carlo). Numbers are stored unrounded, shown with
/// formats (元 with two decimals, persons whole, percentages).
public enum ProjectionWorkbook {
    public static func workbook(
        _ projection: Projection, uncertainty: MonteCarloResult? = nil, budget: ConfidenceBudget? = nil, language l: Language = .zh
    ) -> Workbook {
        var sheets = [summary(projection, l), years(projection, l), funding(projection, l), targets(projection, l)]
        if let uncertainty { sheets.append(draws(uncertainty, projection, l)) }
        if let budget { sheets.append(confidence(budget, scenario: projection.scenario.name, l)) }
        return Workbook(sheets: sheets)
    }

    /// `dibao budget --format xlsx`: 资金把握 (the year's budget at the confidence level) and
    /// 资金来源 (every year's funding by level).
    public static func workbook(_ budget: ConfidenceBudget, projection: Projection, language l: Language = .zh) -> Workbook {
        Workbook(sheets: [confidence(budget, scenario: projection.scenario.name, l), funding(projection, l)])
    }

    /// The workbook of a report over several scenarios: the same sheets, each row led by its
    /// scenario (汇总 one row per scenario); 不确定性 and 资金把握 when any scenario has them.
    public static func workbook(_ scenarios: [ReportScenario], year: Int, language l: Language = .zh) -> Workbook {
        let scenarioHeader = l.pick("方案", "scenario")
        func combined(_ sheets: [(String, Workbook.Sheet)]) -> Workbook.Sheet? {
            guard let first = sheets.first?.1 else { return nil }
            return Workbook.Sheet(
                name: first.name, header: [scenarioHeader] + first.header,
                rows: sheets.flatMap { name, sheet in sheet.rows.map { [.text(name)] + $0 } },
                widths: [22] + (sheets.map(\.1.widths).max { $0.count < $1.count } ?? []))
        }
        var sheets = [summaryOfScenarios(scenarios, year: year, l)]
        let present = present(in: scenarios.map(\.projection))
        sheets += [
            combined(scenarios.map { ($0.name, years($0.projection, l, columns: present.columns)) }),
            combined(scenarios.map { ($0.name, funding($0.projection, l, figures: present.funding)) }),
            combined(scenarios.map { ($0.name, targets($0.projection, l)) }),
            combined(scenarios.compactMap { entry in entry.uncertainty.map { (entry.name, draws($0, entry.projection, l)) } }),
        ].compactMap { $0 }
        let budgets = scenarios.compactMap { entry in entry.confidenceBudget.map { confidence($0, scenario: entry.name, l) } }
        if var first = budgets.first {
            first.rows = budgets.flatMap(\.rows)
            sheets.append(first)
        }
        return Workbook(sheets: sheets)
    }

    /// 汇总 for a report: one row per scenario, its targets and its figures in the report year.
    static func summaryOfScenarios(_ scenarios: [ReportScenario], year: Int, _ l: Language) -> Workbook.Sheet {
        let figures: [(Figure, String, String)] = [
            (.standardYuanPerYear, "低保标准(元/年)", "standard (元/年)"), (.caseloadPersons, "低保对象(人)", "caseload (persons)"),
            (.totalBudgetYuan, "资金总需求(万元)", "total budget (万元)"), (.countyYuan, "县级资金(万元)", "county (万元)"),
        ]
        return Workbook.Sheet(
            name: l.pick("汇总", "Summary"),
            header: [
                l.pick("方案", "scenario"), l.pick("名称", "title"), l.pick("目标数", "targets"), l.pick("达标", "met"),
                l.pick("与预期不符", "unexpected"), l.pick("年份", "year"),
            ] + figures.map { l.pick($0.1, $0.2) },
            rows: scenarios.map { entry in
                let checks = entry.projection.checks
                let shown = entry.projection.figures(for: year) ?? entry.projection.years.last
                return [
                    .text(entry.name), .text(entry.scenario.title ?? ""), .number(Double(checks.count), .whole),
                    .number(Double(checks.count { $0.passed }), .whole), .number(Double(checks.count { !$0.isAsExpected }), .whole),
                    shown.map { .number(Double($0.year), .year) } ?? .empty,
                ]
                    + figures.map { figure, _, _ in
                        guard let value = shown.flatMap(figure.value) else { return .empty }
                        switch figure {
                        case .caseloadPersons: return .number(value, .whole)
                        case .standardYuanPerYear: return .number(value, .money)
                        default: return .number(value / 10_000, .money)
                        }
                    }
            },
            widths: [22, 36, 8, 8, 10, 8, 16, 14, 18, 16])
    }

    /// 资金把握: each level's and the total's budget at the confidence level (万元), then each cap
    /// with the probability that it is enough.
    static func confidence(_ budget: ConfidenceBudget, scenario: String, _ l: Language) -> Workbook.Sheet {
        let percent = Formatting.percent(budget.confidence, decimals: 0)
        let wan = { (value: Double?) -> Workbook.Cell in value.map { .number($0 / 10_000, .money) } ?? .empty }
        let drawn: [Workbook.Cell] = [
            budget.draws.map { .number(Double($0), .whole) } ?? .empty, budget.seed.map { .text(String($0)) } ?? .empty,
        ]
        var rows: [[Workbook.Cell]] = budget.lines.map { line in
            let name = l.pick(BudgetOutput.level(line.figure).zh, BudgetOutput.level(line.figure).en)
            return [
                .text(scenario), .number(Double(budget.year), .year), .text(name), wan(line.deterministic), wan(line.mean),
                wan(line.atConfidence), wan(line.standardError), .empty, .empty,
            ] + drawn
        }
        for cap in budget.caps {
            let name = l.pick(BudgetOutput.level(cap.figure).zh, BudgetOutput.level(cap.figure).en)
            rows.append(
                [
                    .text(scenario), .number(Double(budget.year), .year), .text(l.pick("\(name)上限", "\(name) cap")), .empty, .empty,
                    .empty, .empty, wan(cap.cap), cap.probabilityEnough.map { .number($0, .percent) } ?? .empty,
                ] + drawn)
        }
        return Workbook.Sheet(
            name: l.pick("资金把握", "Budget confidence"),
            header: [
                l.pick("方案", "scenario"), l.pick("年份", "year"), l.pick("资金来源 / 上限", "level / cap"),
                l.pick("测算值(万元)", "deterministic (万元)"), l.pick("均值(万元)", "mean (万元)"),
                l.pick("有\(percent)把握足够(万元)", "enough with \(percent) confidence (万元)"),
                l.pick("抽样标准误(万元)", "MC standard error (万元)"), l.pick("上限(万元)", "cap (万元)"),
                l.pick("足够的概率", "probability enough"), l.pick("抽样次数", "draws"), l.pick("随机种子", "seed"),
            ],
            rows: rows, widths: [22, 8, 14, 16, 16, 22, 18, 14, 14, 10, 10])
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
            [
                .text(l.pick("假设调整", "what-if")),
                .text(scenario.whatIfs.isEmpty ? l.pick("无（原方案）", "none (as written)") : scenario.whatIfs.joined(separator: " ")),
            ],
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

    /// The year columns, and the funding figures, some year of some projection has.
    static func present(in projections: [Projection]) -> (columns: [YearColumn], funding: [Figure]) {
        let columns = YearColumn.all.filter { column in projections.contains { $0.years.contains { column.value($0) != nil } } }
        let funding = fundingFigures.filter { figure in projections.contains { $0.years.contains { figure.value(in: $0) != nil } } }
        return (columns, funding)
    }

    /// 资金来源's figures, in order: the need, each level, the surplus.
    static let fundingFigures: [Figure] = [.totalBudgetYuan] + FundingLevel.allCases.map(\.figure) + [.surplusYuan]

    static func years(_ projection: Projection, _ l: Language, columns: [YearColumn]? = nil) -> Workbook.Sheet {
        let columns = columns ?? YearColumn.present(in: projection)
        return Workbook.Sheet(
            name: l.pick("逐年测算", "Year by year"), header: [l.pick("年份", "year")] + columns.map { $0.label(l) },
            rows: projection.years.map { year in
                [.number(Double(year.year), .year)]
                    + columns.map { column in column.value(year).map { .number($0, format(column.style)) } ?? .empty }
            },
            widths: [8] + columns.map { _ in 16 })
    }

    static func funding(_ projection: Projection, _ l: Language, figures: [Figure]? = nil) -> Workbook.Sheet {
        let parts: [(Figure, String, String)] = (figures ?? present(in: [projection]).funding).map { figure in
            if let level = FundingLevel(figure: figure) { return (figure, "\(level.label.zh)资金(万元)", "\(level.label.en) (万元)") }
            return figure == .surplusYuan
                ? (figure, "转移支付结余(万元)", "surplus of transfers (万元)") : (figure, "资金总需求(万元)", "total budget (万元)")
        }
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
                let measure = check.target.kind.measure
                let numberFormat: Workbook.NumberFormat =
                    switch measure {
                    case .ratio: .percent
                    case .ratePerYear: .rate
                    default: .money
                    }
                // Amounts in 万元, as the text columns show them.
                let scale = measure == .yuan ? 1.0 / 10_000 : 1
                let unit: String =
                    switch measure {
                    case .ratio: l.pick("比例", "ratio")
                    case .ratePerYear: l.pick("年均增长率", "rate per year")
                    case .yuanPerPersonYear: l.pick("元/人·年", "元 per person per year")
                    case .yuanPerPersonMonth: l.pick("元/人·月", "元 per person per month")
                    case .yuan: l.pick("万元", "万元 (10,000 元)")
                    }
                return [
                    .text(description.title), .text(CheckListing.outcomeWord(check, language: l)), .text(description.actual),
                    .text(description.requirement), .number(check.actual * scale, numberFormat),
                    .number(check.required * scale, numberFormat), .text(unit), .text(check.target.note ?? ""),
                    .text(check.target.reference ?? ""),
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
