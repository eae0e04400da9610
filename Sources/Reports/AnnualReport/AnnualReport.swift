import PolicyModel

/// The annual target report for planners: for one report year, every scenario's standard,
/// margin, benefit, caseload, budget and targets; charts over the years; year-by-year tables;
/// and the assumptions with their sources. Built once, then rendered as HTML, Markdown, JSON
/// and CSV, so that every format shows the same figures.
public struct AnnualReport: Sendable {
    public let scenarios: [ReportScenario]
    public let year: Int
    public let language: Language

    public let summary: ReportTable
    public let targets: ReportTable
    /// Each scenario's year tables, in the order of `scenarios`.
    public let yearTablesByScenario: [[ReportTable]]
    /// Every scenario's year tables.
    public var yearTables: [ReportTable] { yearTablesByScenario.flatMap { $0 } }
    public let assumptions: ReportTable
    public let lineCharts: [LineChart]
    public let budgetChart: StackedBarChart?
    /// Per scenario with uncertainty: the fan chart of its margin and its targets' probabilities.
    public let fanCharts: [LineChart]
    public let probabilities: ReportTable?
    /// Budgets at a confidence level, for scenarios with a budget and uncertainty.
    public let confidenceBudgets: ReportTable?
    /// Recorded figures beside the plan, for the first scenario with a ledger.
    public let planVersusActual: ReportTable?
    /// By township (乡镇), from the ledger or the microsimulation.
    public let townshipTable: ReportTable?
    public let townshipChart: StackedBarChart?
    /// Every chart drawn once, in the order the report shows them: HTML, Markdown, JSON and the
    /// SVG files all use these.
    let chartSVGs: [(id: String, title: String, svg: String)]

    /// The year a report on `scenario` is for unless told: the latest year one of its targets is
    /// about (the year the commitments fall due), else the last year of its span.
    public static func defaultYear(of scenario: Scenario) -> Int {
        let targetYears = scenario.targets.map { target -> Int in
            switch target.years {
            case .single(let year): year
            case .span(_, let to): to
            }
        }
        return targetYears.max().map { min($0, scenario.span.last) } ?? scenario.span.last
    }

    /// A report on `scenarios` for `year` (by default `defaultYear(of:)` the first scenario).
    public init(scenarios: [ReportScenario], year: Int? = nil, language: Language = .zh) {
        self.scenarios = scenarios
        let year = year ?? scenarios.first.map { Self.defaultYear(of: $0.scenario) } ?? 0
        self.year = year
        self.language = language
        let builder = ReportBuilder(scenarios: scenarios, year: year, l: language)
        summary = builder.summary()
        targets = builder.targets()
        yearTablesByScenario = scenarios.map(builder.yearTables)
        assumptions = builder.assumptions()
        lineCharts = builder.lineCharts()
        budgetChart = builder.budgetChart()
        fanCharts = builder.fanCharts() + builder.budgetFanCharts()
        probabilities = builder.probabilities()
        confidenceBudgets = builder.confidenceBudgets()
        planVersusActual = builder.planVersusActual()
        let townships = builder.townships()
        townshipTable = townships?.table
        townshipChart = townships?.chart
        chartSVGs =
            (lineCharts + fanCharts).map { ($0.id, $0.title, $0.svg()) } + (budgetChart.map { [($0.id, $0.title, $0.svg())] } ?? [])
            + (townships.map { [($0.chart.id, $0.chart.title, $0.chart.svg())] } ?? [])
    }

    var title: String { officialTitle }

    /// "方案：name（title）；…", the scenarios the report covers.
    var scenarioList: String {
        language.pick("方案：", "Scenarios: ")
            + scenarios.map { entry in
                entry.displayName(language)
                    + (entry.scenario.whatIfs.isEmpty
                        ? ""
                        : language.pick("［假设调整：", " [what-if: ") + entry.scenario.whatIfs.joined(separator: " ") + language.pick("］", "]"))
            }
            .joined(separator: language.pick("；", "; "))
    }

    var unitsNote: String {
        language.pick(
            "金额单位：资金为万元，低保标准和补助水平为元；比例为百分比。",
            "Budgets in 万元 (10,000 元), standards and benefits in 元; ratios as percentages.")
    }

    /// The targets table split by scenario, without the scenario and unit columns, for people.
    var targetsByScenario: [ReportTable] {
        scenarios.map { entry in
            let title = entry.displayName(language)
            return targets.rows(whereFirstCellIs: entry.name, title: title, dropping: [0, 5])
        }
    }

    /// Every table, in the order the report shows them.
    public var tables: [ReportTable] {
        [summary] + [planVersusActual, townshipTable].compactMap { $0 } + [targets] + [probabilities, confidenceBudgets].compactMap { $0 }
            + yearTables
            + [assumptions]
    }

    /// The data behind every chart, by id.
    var chartCSVs: [(id: String, table: CSVTable)] {
        let l = language
        return (lineCharts + fanCharts).map { ($0.id, $0.csv(seriesHeader: l.pick("系列", "series"))) }
            + (budgetChart.map { [($0.id, $0.csv(memberHeader: l.pick("方案", "scenario"), partHeader: l.pick("资金来源", "source")))] } ?? [])
            + (townshipChart.map { [("\($0.id)-chart", $0.csv(memberHeader: l.pick("乡镇", "township"), partHeader: l.pick("项目", "item")))] }
                ?? [])
    }

    /// Every file of the report, by name, in a fixed order: `index.html`, `report.md`,
    /// `report.json`, one SVG per chart, one CSV per table and per chart (with a byte-order mark).
    public func files() -> [(name: String, contents: String)] {
        var files: [(String, String)] = [("index.html", html()), ("report.md", markdown()), ("report.json", json().rendered() + "\n")]
        files += chartSVGs.map { ("\($0.id).svg", $0.svg) }
        files += tables.map { ("\($0.id).csv", $0.csv().rendered(byteOrderMark: true)) }
        files += chartCSVs.map { ("\($0.id).csv", $0.table.rendered(byteOrderMark: true)) }
        return files
    }
}
