import Documents
import Foundation
import PolicyModel
import Rasterizer

/// The annual report as a Word document in the layout of a county's official report (GB/T
/// 9704-2012): 一、基本情况 二、目标完成情况 三、资金保障 四、存在的问题 五、下一步工作, sentences built
/// from the figures (each number also in a numbered table), 【待填写】 where only the planner can
/// write, every chart embedded as a PNG drawn from the same SVG, and a sign-off.
extension AnnualReport {
    /// Pixels of a chart's PNG: 15 cm at 300 dots per inch.
    static let chartPixels = 1772

    /// Each chart's PNG, by id, drawn from the same SVG the HTML shows.
    public func chartPNGs() throws(SVGRaster.Failure) -> [(id: String, png: [UInt8])] {
        var pngs: [(id: String, png: [UInt8])] = []
        for chart in chartSVGs { pngs.append((chart.id, try SVGRaster.png(chart.svg, width: Self.chartPixels))) }
        return pngs
    }

    /// The Word document; `pngs` are `chartPNGs()`.
    public func docx(pngs: [(id: String, png: [UInt8])]) -> WordDocument {
        let l = language
        var document = WordDocument(title: officialTitle, language: l.pick("zh-CN", "en-US"))
        // The title in two lines, after 工作 where it has it (GB/T 9704: 回行时要做到词意完整).
        let title = officialTitle.contains("工作目标") ? officialTitle.replacingOccurrences(of: "工作目标", with: "工作\n目标") : officialTitle
        var blocks: [WordDocument.Block] = [.title(title)]
        if let period = issuingLine { blocks.append(.subtitle(period)) }
        if let first = scenarios.first, let to = first.say(first.scenario.addressee, l) { blocks.append(.addressee(to + l.pick("：", ":"))) }
        var tableNumber = 0
        var figureNumber = 0
        func table(_ table: ReportTable, note: String? = nil) {
            tableNumber += 1
            blocks.append(
                .table(
                    WordDocument.Table(
                        caption: l.pick("表\(tableNumber)　", "Table \(tableNumber). ") + table.title,
                        header: table.columns.map(\.label), rows: table.rows.map { $0.map(\.display) },
                        numeric: table.columns.map(\.isNumeric), note: note)))
        }
        func word(_ made: WordDocument.Table) {
            tableNumber += 1
            var numbered = made
            numbered.caption = l.pick("表\(tableNumber)　", "Table \(tableNumber). ") + made.caption
            blocks.append(.table(numbered))
        }
        func figure(_ id: String) {
            guard let chart = chartSVGs.first(where: { $0.id == id }), let png = pngs.first(where: { $0.id == id })?.png,
                let size = Self.pngSize(png)
            else { return }
            figureNumber += 1
            blocks.append(
                .figure(
                    png: png, width: size.width, height: size.height,
                    caption: l.pick("图\(figureNumber)　", "Figure \(figureNumber). ") + chart.title))
        }
        func heading(_ level: Int, _ zh: String, _ en: String) { blocks.append(.heading(level: level, text: l.pick(zh, en))) }
        func sentence(_ text: String) { blocks.append(.paragraph([.init(text)])) }
        func placeholder(_ text: String) { blocks.append(.paragraph([.init(text, placeholder: true)])) }

        // 一、基本情况
        heading(1, "一、基本情况", "1. Overview")
        // The overview points to the tables that follow it: the main figures first, then plan and actual.
        let indicators = mainIndicators
        let planNumber = indicators == nil ? 1 : 2
        for text in overviewSentences(
            indicators: indicators.map { _ in l.pick("表1", "table 1") },
            planAndActual: planVersusActual.map { _ in l.pick("表\(planNumber)", "table \(planNumber)") })
        {
            sentence(text)
        }
        if let indicators { word(indicators) }
        if let planVersusActual { table(planVersusActual) }
        if let townshipTable { table(townshipTable) }
        if let chart = townshipChart { figure(chart.id) }
        // 二、目标完成情况
        heading(1, "二、目标完成情况", "2. Targets")
        sentence(targetsSentence)
        if let main = targetsByScenario.first { table(main) }
        for chart in lineCharts { figure(chart.id) }
        // 三、资金保障
        heading(1, "三、资金保障", "3. Funding")
        for text in fundingSentences { sentence(text) }
        if let funding = mainFunding { word(funding) }
        if let chart = budgetChart { figure(chart.id) }
        if let confidenceBudgets { table(confidenceBudgets) }
        for chart in fanCharts { figure(chart.id) }
        if let probabilities { table(probabilities) }
        // 四、存在的问题
        heading(1, "四、存在的问题", "4. Problems")
        let problems = problemSentences
        for (index, text) in problems.enumerated() {
            sentence(l.pick("（\(Self.chineseNumber(index + 1))）", "(\(index + 1)) ") + text)
        }
        placeholder(l.pick("【待填写：工作中发现的其他问题及原因】", "[To be written: other problems found and their causes]"))
        // 五、下一步工作
        heading(1, "五、下一步工作", "5. Next steps")
        placeholder(l.pick("【待填写：下一年度的工作安排和措施】", "[To be written: next year's work and measures]"))
        blocks.append(.signOff(signOffLines))
        // 附件: the scenarios compared and the sources.
        blocks.append(.pageBreak)
        heading(1, "附件：方案比较与数据来源", "Annex: scenarios compared, and sources")
        if scenarios.count > 1 { table(summary, note: unitsNote) }
        table(assumptions)
        document.blocks = blocks
        return document
    }

    /// "2020年上饶县农村最低生活保障工作目标完成情况报告", from the first scenario's `county`.
    var officialTitle: String {
        let scenario = scenarios.first?.scenario
        let county = scenario?.county.map { scenario!.text($0, english: language == .en) }
        return language.pick(
            "\(year)年\(county ?? "")农村最低生活保障工作目标完成情况报告",
            "Rural minimum living guarantee: \(county.map { "\($0), " } ?? "")targets in \(year)")
    }

    /// The line under the title: the issuing unit, when the scenario names it.
    var issuingLine: String? {
        scenarios.first.flatMap { entry in entry.say(entry.scenario.signOffUnit, language).map { language.pick("（\($0)）", "(\($0))") } }
    }

    /// The sign-off: the unit and the date, or places to fill in.
    var signOffLines: [String] {
        let scenario = scenarios.first?.scenario
        return [
            scenarios.first?.say(scenario?.signOffUnit, language) ?? language.pick("【待填写：单位】", "[unit]"),
            scenarios.first?.say(scenario?.signOffDate, language) ?? language.pick("【待填写：日期】", "[date]"),
        ]
    }

    /// The width and height of a PNG, from its IHDR chunk.
    static func pngSize(_ png: [UInt8]) -> (width: Int, height: Int)? {
        guard png.count >= 24 else { return nil }
        func word(_ at: Int) -> Int { png[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
        return (word(16), word(20))
    }

    /// 一, 二, …, 十, 十一 … 九十九.
    static func chineseNumber(_ n: Int) -> String {
        let digits = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"]
        guard n > 0, n < 100 else { return String(n) }
        if n < 10 { return digits[n] }
        let tens = n / 10
        let ones = n % 10
        return (tens == 1 ? "" : digits[tens]) + "十" + (ones == 0 ? "" : digits[ones])
    }

    /// 主要指标: the main scenario's figures by year, with the standard's change on the year before
    /// (同比) and money in 万元.
    var mainIndicators: WordDocument.Table? {
        let l = language
        guard let entry = scenarios.first else { return nil }
        let years = entry.projection.years
        var header = [l.pick("年份", "year")]
        let figures: [(String, String, (YearFigures) -> String?)] = [
            ("低保标准(元/年)", "standard (元/年)", { $0.standard.map { Formatting.grouped($0.yuan) } }),
            (
                "同比", "change",
                { figures in
                    guard let standard = figures.standard, let before = entry.projection.figures(for: figures.year - 1)?.standard,
                        before.yuan > 0
                    else { return nil }
                    return Formatting.percent(standard.yuan / before.yuan - 1)
                }
            ),
            ("高于扶贫标准", "above poverty line", { $0.marginAbovePovertyLine.map { Formatting.percent($0) } }),
            ("补助水平(元/月)", "benefit (元/月)", { $0.benefit.map { Formatting.grouped($0.yuan) } }),
            ("低保对象(人)", "caseload (persons)", { $0.caseload.map { Formatting.persons($0) } }),
            ("低保户数(户)", "households", { $0.households.map { Formatting.persons($0) } }),
            ("资金总需求(万元)", "total (万元)", { $0.budget.map { Formatting.wanYuan($0.total.yuan) } }),
        ]
        let present = figures.filter { figure in years.contains { figure.2($0) != nil } }
        header += present.map { l.pick($0.0, $0.1) }
        let rows = years.map { year in [l.pick("\(year.year)年", String(year.year))] + present.map { $0.2(year) ?? "—" } }
        return WordDocument.Table(
            caption: l.pick("\(entry.displayName(l))主要指标（计划测算）", "Main figures of \(entry.displayName(l)) (plan)"), header: header,
            rows: rows,
            numeric: [false] + present.map { _ in true },
            note: l.pick("注：各年数字均为按方案测算的计划数；同比为低保标准比上年的变化。", "Figures of the plan; change is the standard's on the year before."))
    }

    /// 资金来源: the main scenario's need and who pays it by year, in 万元.
    var mainFunding: WordDocument.Table? {
        let l = language
        guard let entry = scenarios.first, entry.projection.years.contains(where: { $0.budget != nil }) else { return nil }
        let levels = FundingLevel.allCases.filter { level in entry.projection.years.contains { $0.budget?.paid[level] != nil } }
        let surplus = entry.projection.years.contains { $0.budget?.surplus != nil }
        let header =
            [l.pick("年份", "year"), l.pick("资金总需求", "need")] + levels.map { l.pick($0.label.zh, $0.label.en) }
            + (surplus ? [l.pick("转移支付结余", "surplus")] : [])
        let rows = entry.projection.years.compactMap { year -> [String]? in
            guard let budget = year.budget else { return nil }
            return [l.pick("\(year.year)年", String(year.year)), Formatting.wanYuan(budget.total.yuan)]
                + levels.map { budget.paid[$0].map { Formatting.wanYuan($0.yuan) } ?? "—" }
                + (surplus ? [budget.surplus.map { Formatting.wanYuan($0.yuan) } ?? "—"] : [])
        }
        return WordDocument.Table(
            caption: l.pick("\(entry.displayName(l))资金需求及来源（万元）", "Need and funding of \(entry.displayName(l)) (万元)"),
            header: header, rows: rows, numeric: [false] + header.dropFirst().map { _ in true })
    }
}
