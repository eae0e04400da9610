import PolicyModel

/// Builds the tables and charts of an `AnnualReport`.
struct ReportBuilder {
    let scenarios: [ReportScenario]
    let year: Int
    let l: Language

    private func color(_ index: Int) -> String { SVG.palette[index % SVG.palette.count] }

    // MARK: Tables

    func summary() -> ReportTable {
        var table = ReportTable(
            id: "summary", title: l.pick("\(year)年各方案摘要", "Summary for \(year)"),
            columns: [
                .init(l.pick("方案", "scenario")),
                .init(l.pick("低保标准(元/年)", "standard (元/年)"), numeric: true),
                .init(l.pick("低保标准(元/月)", "standard (元/月)"), numeric: true),
                .init(
                    l.pick("高于扶贫标准", "margin above poverty line"), csv: l.pick("高于扶贫标准(比例)", "margin above poverty line (ratio)"),
                    numeric: true),
                .init(l.pick("补助水平(元/月)", "benefit level (元/月)"), numeric: true),
                .init(l.pick("低保对象(人)", "caseload (persons)"), numeric: true),
                .init(l.pick("资金总需求(万元)", "total budget (万元)"), csv: l.pick("资金总需求(元)", "total budget (元)"), numeric: true),
                .init(l.pick("县级承担(万元)", "county share (万元)"), csv: l.pick("县级承担(元)", "county share (元)"), numeric: true),
                .init(l.pick("目标达成", "targets met"), numeric: true),
            ], rows: [])
        for entry in scenarios {
            let figures = entry.projection.figures(for: year)
            let checks = entry.projection.checks
            let met = checks.filter(\.passed).count
            table.rows.append([
                .init(entry.displayName(l), value: .string(entry.name)),
                .number(figures?.standard?.yuan) { Formatting.grouped($0) },
                .number(figures?.standard?.perMonth.yuan) { Formatting.grouped($0) },
                .number(figures?.marginAbovePovertyLine) { Formatting.percent($0) },
                .number(figures?.benefit?.yuan) { Formatting.grouped($0) },
                .number(figures?.caseload) { Formatting.persons($0) },
                .number(figures?.budget?.total.yuan) { Formatting.wanYuan($0) },
                .number(figures?.budget?.county.yuan) { Formatting.wanYuan($0) },
                .init("\(met) / \(checks.count)", value: .string("\(met)/\(checks.count)")),
            ])
        }
        return table
    }

    func targets() -> ReportTable {
        var table = ReportTable(
            id: "targets", title: l.pick("目标完成情况", "Targets"),
            columns: [
                .init(l.pick("方案", "scenario")), .init(l.pick("目标", "target")), .init(l.pick("结果", "result")),
                .init(
                    scenarios.contains { $0.scenario.actuals != nil }
                        ? l.pick("实际或测算值", "recorded or projected") : l.pick("测算值", "projected"),
                    numeric: true),
                .init(l.pick("要求", "required"), numeric: true),
                .init(l.pick("单位", "unit")), .init(l.pick("说明", "remark")), .init(l.pick("依据", "reference")),
            ], rows: [])
        for entry in scenarios {
            for check in entry.projection.checks {
                let description = CheckDescription(check, language: l)
                var remark: String
                switch check.outcome {
                case .failedAsExpected: remark = l.pick("方案已知的差距", "a known shortfall of the scenario")
                case .passedUnexpectedly: remark = l.pick("标为已知差距，但预计达标", "marked as a known shortfall, but expected to be met")
                case .failed, .met: remark = ""
                }
                if let note = entry.say(check.target.note, l) { remark += (remark.isEmpty ? "" : l.pick("：", ": ")) + note }
                table.rows.append([
                    .init(entry.displayName(l), value: .string(entry.name)), .init(description.title),
                    .init(CheckDescription.outcome(check, l), value: .bool(check.passed), asExpected: check.isAsExpected),
                    .init(description.actual, value: .number(check.actual)),
                    .init(description.requirement, value: .number(check.required)),
                    .init(description.unit), .init(remark), .init(entry.say(check.target.reference, l) ?? ""),
                ])
            }
        }
        return table
    }

    /// Two tables per scenario: levels, then budget.
    func yearTables(_ entry: ReportScenario) -> [ReportTable] {
        let columns = YearColumn.present(in: entry.projection)
        let groups = [
            ("levels", l.pick("标准与补助", "levels"), columns.filter { !$0.isBudget }),
            ("budget", l.pick("资金", "budget"), columns.filter(\.isBudget)),
        ]
        // Amounts of the budget table are shown in 万元, as the summary's are; the CSV keeps 元.
        func shownInWan(_ column: YearColumn) -> Bool { column.isBudget && column.unit == "yuan" }
        func label(_ column: YearColumn) -> String {
            shownInWan(column) ? column.label(l).replacingOccurrences(of: "(元)", with: "(万元)") : column.label(l)
        }
        var tables = groups.filter { !$0.2.isEmpty }.map { id, title, columns in
            ReportTable(
                id: "years-\(entry.name)-\(id)", title: "\(entry.displayName(l))：\(title)",
                columns: [.init(l.pick("年份", "year"))]
                    + columns.map { .init(label($0), csv: "\($0.label(l)) [\($0.key)]", numeric: true) },
                rows: entry.projection.years.map { figures in
                    [.init(String(figures.year), value: .int(figures.year))]
                        + columns.map { column in
                            let value = column.value(figures)
                            let shown = shownInWan(column) ? value.map { Formatting.wanYuan($0) } ?? "—" : column.formatted(figures)
                            return ReportTable.Cell(shown, value: .number(value))
                        }
                })
        }
        if let result = entry.projection.microsimulation {
            let weighted = result.isWeighted
            tables.append(
                ReportTable(
                    id: "years-\(entry.name)-microsimulation",
                    title: "\(entry.displayName(l))："
                        + l.pick("家庭微观模拟（\(result.households) 户样本）", "household microsimulation (\(result.households) households)"),
                    columns: [.init(l.pick("年份", "year"))]
                        + MicrosimulationOutput.columns.map {
                            .init(l.pick($0.zh, $0.en), csv: "\(l.pick($0.zh, $0.en)) [\($0.key)]", numeric: true)
                        },
                    rows: result.years.map { year in
                        [.init(String(year.year), value: .int(year.year))]
                            + MicrosimulationOutput.columns.map { column in
                                let value = column.value(year)
                                return ReportTable.Cell(
                                    MicrosimulationOutput.formatted(value, key: column.key, weighted: weighted), value: .number(value))
                            }
                    }))
        }
        return tables
    }

    /// The source and assumption of every series, the budget, the microsimulation, the caseload
    /// transitions and the uncertainty; rows that several scenarios share
    /// (a variant inherits its parent's) are listed once, naming all of them.
    func assumptions() -> ReportTable {
        var table = ReportTable(
            id: "assumptions", title: l.pick("假设与数据来源", "Assumptions and sources"),
            columns: [
                .init(l.pick("方案", "scenarios")), .init(l.pick("项目", "item")), .init(l.pick("来源", "source")),
                .init(l.pick("假设", "assumption")),
            ], rows: [])
        var rows: [(scenarios: [String], item: String, reference: String, assumption: String)] = []
        var current: ReportScenario?
        func add(_ scenario: String, _ item: String, _ reference: String?, _ assumption: String?) {
            let reference = current?.say(reference, l) ?? reference ?? ""
            let assumption = current?.say(assumption, l) ?? assumption ?? ""
            if let same = rows.firstIndex(where: { $0.item == item && $0.reference == reference && $0.assumption == assumption }) {
                rows[same].scenarios.append(scenario)
            } else {
                rows.append(([scenario], item, reference, assumption))
            }
        }
        for entry in scenarios {
            current = entry
            // A series the microsimulation or the transitions derive is sourced by that section's row.
            var derived = entry.scenario.microsimulation?.drives ?? []
            if entry.scenario.caseloadTransitions != nil { derived.insert(.caseload) }
            for name in SeriesName.allCases where !derived.contains(name) {
                guard let definition = entry.scenario.series[name] else { continue }
                add(entry.displayName(l), CheckDescription.seriesName(name, l), definition.reference, definition.assumption)
            }
            if let budget = entry.scenario.budget {
                add(entry.displayName(l), l.pick("资金与人员", "budget and staffing"), budget.reference, budget.assumption)
            }
            if let households = entry.scenario.microsimulation {
                let series = households.drives.sorted().map { CheckDescription.seriesName($0, l) }.joined(separator: l.pick("、", ", "))
                let item = l.pick("家庭微观模拟", "household microsimulation") + (series.isEmpty ? "" : l.pick("（\(series)）", " (\(series))"))
                add(entry.displayName(l), item, households.reference, households.assumption)
            }
            if let transitions = entry.scenario.caseloadTransitions {
                add(
                    entry.displayName(l), l.pick("低保对象状态转移（低保对象人数）", "caseload transitions (caseload)"), transitions.reference,
                    transitions.assumption)
            }
            if let uncertainty = entry.scenario.uncertainty {
                add(entry.displayName(l), l.pick("增长率的不确定性", "uncertainty of growth rates"), uncertainty.reference, uncertainty.assumption)
            }
        }
        table.rows = rows.map { row in
            [.init(row.scenarios.joined(separator: l.pick("、", ", "))), .init(row.item), .init(row.reference), .init(row.assumption)]
        }
        return table
    }

    // MARK: Charts

    /// The requirements of the targets that bound `figure` (in the figure's unit), by year, for
    /// `entries` (all scenarios by default).
    private func requirements(on figure: Figure, of entries: [ReportScenario]? = nil) -> [(year: Int, value: Double)] {
        (entries ?? scenarios).flatMap(\.projection.checks).filter { $0.target.kind.bounds == figure }.map {
            ($0.target.year, $0.required)
        }
    }

    func lineCharts() -> [LineChart] {
        var standard = LineChart(
            id: "standard-vs-poverty-line", title: l.pick("低保标准与国家扶贫标准", "Standard and national poverty line"),
            valueLabel: l.pick("元/人·年", "元 per person per year"), unit: "yuan/person/year",
            lines: lines(l.pick("低保标准", "standard"), dashed: false) { $0.standard?.yuan })
        standard.includesZero = false
        standard.lines += lines(l.pick("国家扶贫标准", "poverty line"), dashed: true) { $0.povertyLine?.yuan }
        if let first = scenarios.first {
            let margins = Set(requirements(on: .marginAbovePovertyLine).map(\.value)).sorted()
            for (index, margin) in margins.enumerated() {
                let name = l.pick("扶贫标准+", "poverty line +") + Formatting.percent(margin, decimals: 0) + " · \(first.displayName(l))"
                standard.lines.append(
                    LineChart.Line(
                        name: name, color: ["#999999", "#bbbbbb", "#cccccc"][index % 3], dashed: true,
                        points: points(first) { $0.standardRequired(forMargin: margin)?.yuan }))
            }
        }

        var benefit = LineChart(
            id: "benefit-level", title: l.pick("补助水平与目标下限", "Benefit level and its floors"),
            valueLabel: l.pick("元/人·月", "元 per person per month"), unit: "yuan/person/month",
            lines: lines(l.pick("补助水平", "benefit"), dashed: false) { $0.benefit?.yuan })
        benefit.includesZero = false
        var floors: [LineChart.Marker] = []
        for (year, floor) in requirements(on: .benefitYuanPerMonth)
        where !floors.contains(where: { $0.year == year && $0.value == floor }) {
            floors.append(.init(label: "≥ \(Formatting.grouped(floor, decimals: 0))", year: year, value: floor))
        }
        benefit.markers = floors.sorted { ($0.year, $0.value) < ($1.year, $1.value) }
        benefit.markerLegend = l.pick("补助水平目标下限", "benefit floor")

        let caseload = LineChart(
            id: "caseload", title: l.pick("低保对象人数", "Caseload"), valueLabel: l.pick("人", "persons"), unit: "persons",
            lines: lines(l.pick("低保对象", "caseload"), dashed: false) { $0.caseload })
        return [standard, benefit, caseload].filter { !$0.lines.isEmpty }
    }

    /// A fan chart of one figure of one uncertain scenario: the median of the draws, the 5–95% band
    /// and the run without uncertainty; nil when the figure does not vary.
    private func fan(
        _ index: Int, _ entry: ReportScenario, _ figure: Figure, id: String, title: String, valueLabel: String, unit: String,
        without value: @escaping (YearFigures) -> Double?
    ) -> LineChart? {
        guard let result = entry.uncertainty else { return nil }
        let summaries = result.years.compactMap { year in
            year.figures.first { $0.figure == figure }.map { (year: year.year, summary: $0.summary) }
        }
        guard summaries.contains(where: { $0.summary.p5 != $0.summary.p95 }) else { return nil }
        var chart = LineChart(
            id: id, title: title, valueLabel: valueLabel, unit: unit,
            lines: [
                LineChart.Line(
                    name: l.pick("中位数（\(result.draws) 次抽样）", "median of \(result.draws) draws"), color: color(index), dashed: false,
                    points: summaries.map { ($0.year, $0.summary.p50) }),
                LineChart.Line(
                    name: l.pick("不考虑不确定性", "without uncertainty"), color: "#555555", dashed: true, points: points(entry, value)),
            ])
        chart.bands = [
            LineChart.Band(
                name: l.pick("5%–95% 区间", "5–95% range"), color: color(index),
                points: summaries.map { ($0.year, $0.summary.p5, $0.summary.p95) })
        ]
        chart.includesZero = false
        return chart
    }

    /// For each scenario with Monte Carlo results: the margin above the poverty line's fan and the
    /// margin targets.
    func fanCharts() -> [LineChart] {
        scenarios.enumerated().compactMap { index, entry -> LineChart? in
            guard
                var chart = fan(
                    index, entry, .marginAbovePovertyLine, id: "fan-\(entry.name)",
                    title: l.pick(
                        "高于扶贫标准的幅度：不确定性 · \(entry.displayName(l))", "Margin above the poverty line, uncertain · \(entry.displayName(l))"),
                    valueLabel: l.pick("高于扶贫标准", "margin above line"), unit: "ratio", without: { $0.marginAbovePovertyLine })
            else { return nil }
            chart.percentAxis = true
            chart.markers = requirements(on: .marginAbovePovertyLine, of: [entry]).map { year, margin in
                LineChart.Marker(label: "≥ " + Formatting.percent(margin, decimals: 0), year: year, value: margin)
            }
            chart.markerLegend = l.pick("目标", "target")
            return chart
        }
    }

    /// For each scenario with Monte Carlo results and a budget: the county budget's fan (万元) and
    /// the county's caps.
    func budgetFanCharts() -> [LineChart] {
        scenarios.enumerated().compactMap { index, entry -> LineChart? in
            guard
                var chart = fan(
                    index, entry, .countyYuan, id: "fan-budget-\(entry.name)",
                    title: l.pick("县级资金需求：不确定性 · \(entry.displayName(l))", "County budget, uncertain · \(entry.displayName(l))"),
                    valueLabel: l.pick("万元", "万元 (10,000 元)"), unit: "yuan", without: { $0.budget?.county.yuan })
            else { return nil }
            chart.displayDivisor = 10_000
            chart.markers = entry.projection.checks.compactMap { check in
                guard case .single(let year) = check.target.years, check.target.kind.bounds == .countyYuan,
                    check.target.kind.comparison == .atMost
                else { return nil }
                return LineChart.Marker(label: "≤ " + Formatting.wanYuan(check.required), year: year, value: check.required)
            }
            chart.markerLegend = l.pick("县级资金上限", "county cap")
            return chart
        }
    }

    /// Each target of each scenario with Monte Carlo results: met without uncertainty, and the
    /// share of draws that meet it.
    func probabilities() -> ReportTable? {
        let uncertain = scenarios.filter { $0.uncertainty != nil }
        guard !uncertain.isEmpty else { return nil }
        var table = ReportTable(
            id: "target-probabilities", title: l.pick("目标达标概率（蒙特卡洛）", "Probability of meeting each target (Monte Carlo)"),
            columns: [
                .init(l.pick("方案", "scenario")), .init(l.pick("目标", "target")), .init(l.pick("不考虑不确定性", "without uncertainty")),
                .init(l.pick("达标概率", "probability met"), csv: l.pick("达标概率(比例)", "probability met (ratio)"), numeric: true),
                .init(l.pick("抽样次数", "draws"), numeric: true),
            ], rows: [])
        for entry in uncertain {
            let result = entry.uncertainty!
            for (check, probability) in zip(entry.projection.checks, result.targetProbabilities) where !check.isRecorded {
                table.rows.append([
                    .init(entry.displayName(l), value: .string(entry.name)), .init(CheckDescription(check, language: l).title),
                    .init(check.passed ? "✓" : "✗", value: .bool(check.passed), asExpected: check.isAsExpected),
                    .init(Formatting.percent(probability), value: .number(probability)),
                    .init(String(result.draws), value: .int(result.draws)),
                ])
            }
        }
        return table
    }

    /// 计划与实际: for the first scenario with a ledger, each recorded year's figures beside the
    /// plan's, the gap (actual − plan) and the change on the year before (同比, recorded years only).
    func planVersusActual() -> ReportTable? {
        guard let entry = scenarios.first(where: { $0.scenario.actuals?.years.isEmpty == false }) else { return nil }
        var table = ReportTable(
            id: "plan-vs-actual", title: l.pick("计划与实际（\(entry.displayName(l))）", "Plan and actual (\(entry.displayName(l)))"),
            columns: [
                .init(l.pick("年份", "year")), .init(l.pick("指标", "figure")), .init(l.pick("计划（测算）", "plan"), numeric: true),
                .init(l.pick("实际", "actual"), numeric: true), .init(l.pick("差额（实际−计划）", "gap (actual − plan)"), numeric: true),
                .init(l.pick("实际同比", "actual on the year before"), numeric: true),
            ], rows: [])
        /// How a figure is shown: counts whole, 元 with two decimals, amounts in 万元.
        enum Shown { case count, yuan, wan }
        let figures: [(zh: String, en: String, shown: Shown, plan: (YearFigures) -> Double?, actual: (Actuals.Record) -> Double?)] =
            [
                ("低保户数(户)", "households", .count, { $0.households }, { $0.households }),
                ("低保对象(人)", "persons", .count, { $0.caseload }, { $0.persons }),
                ("低保标准(元/年)", "standard (元/年)", .yuan, { $0.standard?.yuan }, { $0.standard?.yuan }),
                ("补助水平(元/月)", "benefit (元/月)", .yuan, { $0.benefit?.yuan }, { $0.benefit?.yuan }),
                ("资金合计(万元)", "spending (万元)", .wan, { $0.budget?.total.yuan }, { $0.total?.yuan }),
            ]
            + FundingLevel.allCases.map { level in
                ("\(level.label.zh)资金(万元)", "\(level.label.en) (万元)", .wan, { $0.budget?.paid[level]?.yuan }, { $0.paid[level]?.yuan })
            }
        for year in entry.projection.years where year.actual != nil {
            let actual = year.actual!
            let previous = entry.projection.figures(for: year.year - 1)?.actual
            for figure in figures {
                guard let recorded = figure.actual(actual) else { continue }
                // The same format for plan, actual and gap.
                let show = { (value: Double?) -> ReportTable.Cell in
                    .number(value) { value in
                        switch figure.shown {
                        case .count: Formatting.persons(value)
                        case .yuan: Formatting.grouped(value)
                        case .wan: Formatting.wanYuan(value)
                        }
                    }
                }
                let plan = figure.plan(year)
                let change = previous.flatMap(figure.actual).flatMap { before in before > 0 ? recorded / before - 1 : nil }
                table.rows.append([
                    .init(l.pick("\(year.year)年", String(year.year)), value: .int(year.year)), .init(l.pick(figure.zh, figure.en)),
                    show(plan),
                    show(recorded), show(plan.map { recorded - $0 }), .number(change) { Formatting.percent($0) },
                ])
            }
        }
        return table.rows.isEmpty ? nil : table
    }

    /// 分乡镇情况: for the first scenario with township records (the ledger's latest year with
    /// them, else the microsimulation's report year), each township's households, persons,
    /// spending and coverage, and a chart of its persons.
    func townships() -> (table: ReportTable, chart: StackedBarChart)? {
        var rows: [(name: String, households: Double?, persons: Double?, spending: Double?, coverage: Double?)] = []
        var source = ""
        var shownYear = year
        if let entry = scenarios.first(where: { $0.scenario.actuals?.townships.isEmpty == false }),
            let latest = entry.scenario.actuals!.townships.keys.max()
        {
            shownYear = latest
            source = l.pick("台账实际数", "recorded")
            for (name, record) in entry.scenario.actuals!.townships[latest]! {
                rows.append(
                    (
                        name, record.households, record.persons, record.total?.yuan,
                        record.population.flatMap { population in record.persons.map { population > 0 ? $0 / population : .nan } }
                    ))
            }
        } else if let entry = scenarios.first(where: { $0.projection.microsimulation?.byTownship != nil }),
            let byTownship = entry.projection.microsimulation?.byTownship
        {
            source = l.pick("家庭微观模拟测算", "microsimulation")
            for (name, years) in byTownship {
                guard let simulated = years.first(where: { $0.year == year }) else { continue }
                rows.append(
                    (
                        name, simulated.recipientHouseholds, simulated.recipientPersons, simulated.totalBenefit.yuan,
                        simulated.eligiblePersons > 0 ? simulated.recipientPersons / simulated.eligiblePersons : nil
                    ))
            }
        }
        guard !rows.isEmpty else { return nil }
        let coverage = rows.contains { $0.coverage != nil }
        var table = ReportTable(
            id: "townships", title: l.pick("\(shownYear)年分乡镇情况（\(source)）", "By township, \(shownYear) (\(source))"),
            columns: [
                .init(l.pick("乡镇", "township")), .init(l.pick("低保户数(户)", "households"), numeric: true),
                .init(l.pick("低保对象(人)", "persons"), numeric: true),
                .init(l.pick("资金(万元)", "spending (万元)"), csv: l.pick("资金(元)", "spending (元)"), numeric: true),
            ]
                + (coverage
                    ? [
                        .init(
                            source == l.pick("台账实际数", "recorded")
                                ? l.pick("覆盖率(占农村人口)", "coverage (of rural population)")
                                : l.pick("申请率(占符合条件人数)", "take-up (of eligible persons)"),
                            csv: l.pick("覆盖率(比例)", "coverage (ratio)"), numeric: true)
                    ] : []),
            rows: [])
        for row in rows {
            table.rows.append(
                [
                    .init(row.name), .number(row.households) { Formatting.persons($0) }, .number(row.persons) { Formatting.persons($0) },
                    .number(row.spending) { Formatting.wanYuan($0) },
                ] + (coverage ? [.number(row.coverage) { Formatting.percent($0) }] : []))
        }
        func sum(_ values: [Double?]) -> Double? { values.contains { $0 == nil } ? nil : values.reduce(0) { $0 + $1! } }
        table.rows.append(
            [
                .init(l.pick("合计", "total")), .number(sum(rows.map(\.households))) { Formatting.persons($0) },
                .number(sum(rows.map(\.persons))) { Formatting.persons($0) }, .number(sum(rows.map(\.spending))) { Formatting.wanYuan($0) },
            ] + (coverage ? [.init("", value: .null)] : []))
        let chart = StackedBarChart(
            id: "townships", title: l.pick("\(shownYear)年分乡镇低保对象人数", "Recipients by township, \(shownYear)"),
            valueLabel: l.pick("人", "persons"), unit: "persons", displayDivisor: 1, parts: [(l.pick("低保对象", "recipients"), "#0072B2")],
            bars: rows.map { StackedBarChart.Bar(member: $0.name, year: shownYear, values: [$0.persons ?? 0]) })
        return (table, chart)
    }

    /// For each scenario with a budget at a confidence level: each funding level's and the
    /// total's deterministic amount, Monte Carlo mean and the amount enough with that confidence
    /// (万元), then each cap with the probability that it is enough.
    func confidenceBudgets() -> ReportTable? {
        let budgeted = scenarios.compactMap { entry in entry.confidenceBudget.map { (entry, $0) } }
        guard let first = budgeted.first?.1 else { return nil }
        let percent = Formatting.percent(first.confidence, decimals: 0)
        let wan = { (value: Double?) in ReportTable.Cell.number(value) { Formatting.wanYuan($0) } }
        var table = ReportTable(
            id: "budget-confidence",
            title: l.pick("资金需求的把握程度（蒙特卡洛）", "Budget at a confidence level (Monte Carlo)"),
            columns: [
                .init(l.pick("方案", "scenario")), .init(l.pick("年份", "year"), numeric: true), .init(l.pick("资金来源 / 上限", "level / cap")),
                .init(l.pick("测算值(万元)", "deterministic (万元)"), csv: l.pick("测算值(元)", "deterministic (元)"), numeric: true),
                .init(l.pick("均值(万元)", "mean (万元)"), csv: l.pick("均值(元)", "mean (元)"), numeric: true),
                .init(
                    l.pick("有\(percent)把握足够(万元)", "enough with \(percent) confidence (万元)"),
                    csv: l.pick("有\(percent)把握足够(元)", "enough with \(percent) confidence (元)"), numeric: true),
                .init(l.pick("上限(万元)", "cap (万元)"), csv: l.pick("上限(元)", "cap (元)"), numeric: true),
                .init(l.pick("足够的概率", "probability enough"), csv: l.pick("足够的概率(比例)", "probability enough (ratio)"), numeric: true),
            ], rows: [])
        for (entry, budget) in budgeted {
            let year = ReportTable.Cell(String(budget.year), value: .int(budget.year))
            for line in budget.lines {
                let name = l.pick(BudgetOutput.level(line.figure).zh, BudgetOutput.level(line.figure).en)
                table.rows.append([
                    .init(entry.displayName(l), value: .string(entry.name)), year, .init(name), wan(line.deterministic), wan(line.mean),
                    wan(line.atConfidence),
                    .init("", value: .null), .init("", value: .null),
                ])
            }
            for cap in budget.caps {
                let name = l.pick(BudgetOutput.level(cap.figure).zh, BudgetOutput.level(cap.figure).en)
                table.rows.append([
                    .init(entry.displayName(l), value: .string(entry.name)), year, .init(l.pick("\(name)上限", "\(name) cap")),
                    .init("", value: .null), .init("", value: .null),
                    .init("", value: .null), wan(cap.cap), .number(cap.probabilityEnough) { Formatting.percent($0) },
                ])
            }
        }
        return table
    }

    func budgetChart() -> StackedBarChart? {
        let levels = FundingLevel.allCases.filter { level in
            scenarios.contains { entry in entry.projection.years.contains { $0.budget?.paid[level] != nil } }
        }
        let bars = scenarios.flatMap { entry in
            entry.projection.years.compactMap { figures in
                figures.budget.map { budget in
                    StackedBarChart.Bar(member: entry.displayName(l), year: figures.year, values: levels.map { budget.paid[$0]?.yuan ?? 0 })
                }
            }
        }
        guard !bars.isEmpty else { return nil }
        let colors: [FundingLevel: String] = [.central: "#0072B2", .provincial: "#56B4E9", .city: "#009E73", .county: "#E69F00"]
        var chart = StackedBarChart(
            id: "budget-by-source", title: l.pick("资金需求及来源", "Budget by source of funds"),
            valueLabel: l.pick("万元", "万元 (10,000 元)"), unit: "yuan", displayDivisor: 10_000,
            parts: levels.map { (l.pick($0.label.zh, $0.label.en), colors[$0]!) }, bars: bars)
        // Caps on the total: drawn where the bar's top is (the county's cap sits within its bar,
        // so it is drawn at the county part's top: the levels below it plus the cap).
        chart.caps = scenarios.flatMap { entry in
            entry.projection.checks.compactMap { check -> StackedBarChart.Cap? in
                guard case .single(let year) = check.target.years, check.target.kind.comparison == .atMost,
                    let figure = check.target.kind.bounds, let budget = entry.projection.figures(for: year)?.budget
                else { return nil }
                let label = CheckDescription(check, language: l).title + " " + CheckDescription(check, language: l).requirement
                switch figure {
                case .totalBudgetYuan:
                    return .init(member: entry.displayName(l), year: year, value: check.required, label: label)
                case .countyYuan:
                    let below = levels.prefix { $0 != .county }.reduce(0) { $0 + (budget.paid[$1]?.yuan ?? 0) }
                    return .init(member: entry.displayName(l), year: year, value: below + check.required, label: label)
                default: return nil
                }
            }
        }
        chart.capLegend = l.pick("资金上限（县级上限画在县级部分顶端）", "caps (the county's at the top of its part)")
        return chart
    }

    /// One line per distinct path of `value` over the years: scenarios whose figures are the
    /// same share one line (named after all of them, coloured as the first), so that no line
    /// hides another.
    private func lines(_ prefix: String, dashed: Bool, _ value: (YearFigures) -> Double?) -> [LineChart.Line] {
        var groups: [(members: [String], color: String, points: [(year: Int, value: Double)])] = []
        for (index, entry) in scenarios.enumerated() {
            let path = points(entry, value)
            guard !path.isEmpty else { continue }
            if let same = groups.firstIndex(where: { $0.points.elementsEqual(path, by: { $0 == $1 }) }) {
                groups[same].members.append(entry.displayName(l))
            } else {
                groups.append(([entry.displayName(l)], color(index), path))
            }
        }
        return groups.map {
            LineChart.Line(
                name: prefix + " · " + $0.members.joined(separator: l.pick("、", ", ")), color: $0.color, dashed: dashed, points: $0.points)
        }
    }

    private func points(_ entry: ReportScenario, _ value: (YearFigures) -> Double?) -> [(year: Int, value: Double)] {
        entry.projection.years.compactMap { figures in value(figures).map { (figures.year, $0) } }
    }
}
