import PolicyModel

/// One figure of the year-by-year projection, as every output names and shows it. The JSON,
/// CSV and tables all read this one list, so a figure is named and unit-labelled in one place.
public struct YearColumn: Sendable {
    /// Key in JSON and header in CSV; ends in its unit (`standard_yuan_per_year`).
    public var key: String
    public var zh: String
    public var en: String
    /// The unit, in the words of the scenario format.
    public var unit: String
    /// The figure, or nil when the scenario does not define what it needs.
    public var value: @Sendable (YearFigures) -> Double?
    /// How tables and reports show it.
    public var style: Style

    public enum Style: Sendable { case yuan, percent, persons, count }

    public func label(_ language: Language) -> String { language.pick(zh, en) }

    /// The figure formatted for people.
    public func formatted(_ figures: YearFigures) -> String {
        value(figures).flatMap(formatted) ?? "—"
    }

    /// Every column of `dibao run`, in order: `Figure.allCases` with their labels.
    public static let all: [YearColumn] = [
        .init(.standardYuanPerYear, zh: "低保标准(元/年)", en: "standard (元/年)", unit: "yuan/person/year", style: .yuan),
        .init(.standardYuanPerMonth, zh: "低保标准(元/月)", en: "standard (元/月)", unit: "yuan/person/month", style: .yuan),
        .init(.povertyLineYuanPerYear, zh: "国家扶贫标准(元/年)", en: "poverty line (元/年)", unit: "yuan/person/year", style: .yuan),
        .init(.marginAbovePovertyLine, zh: "高于扶贫标准", en: "margin above line", unit: "ratio", style: .percent),
        .init(.benefitYuanPerMonth, zh: "补助水平(元/月)", en: "benefit (元/月)", unit: "yuan/person/month", style: .yuan),
        .init(.ruralIncomeYuanPerYear, zh: "农村居民收入(元/年)", en: "rural income (元/年)", unit: "yuan/person/year", style: .yuan),
        .init(.caseloadPersons, zh: "低保对象(人)", en: "caseload (persons)", unit: "persons", style: .persons),
        .init(.caseloadHouseholds, zh: "低保户数(户)", en: "households", unit: "households", style: .persons),
        .init(.benefitSpendingYuan, zh: "低保金支出(元)", en: "benefit spending (元)", unit: "yuan", style: .yuan),
        .init(.workers, zh: "工作人员(人)", en: "workers", unit: "persons", style: .count),
        .init(.adminYuan, zh: "工作经费(元)", en: "admin (元)", unit: "yuan", style: .yuan),
        .init(.totalBudgetYuan, zh: "资金总需求(元)", en: "total budget (元)", unit: "yuan", style: .yuan),
        .init(.centralYuan, zh: "中央资金(元)", en: "central (元)", unit: "yuan", style: .yuan),
        .init(.provincialYuan, zh: "省级资金(元)", en: "provincial (元)", unit: "yuan", style: .yuan),
        .init(.cityYuan, zh: "市级资金(元)", en: "city (元)", unit: "yuan", style: .yuan),
        .init(.countyYuan, zh: "县级资金(元)", en: "county (元)", unit: "yuan", style: .yuan),
        .init(.surplusYuan, zh: "转移支付结余(元)", en: "surplus of transfers (元)", unit: "yuan", style: .yuan),
    ]

    /// The column of `figure`.
    public static func column(_ figure: Figure) -> YearColumn { all.first { $0.key == figure.rawValue }! }

    /// Whether the column is a budget figure (tables show levels and budget apart).
    public var isBudget: Bool { Figure(rawValue: key)?.isBudget ?? false }

    /// The columns some year of `projection` has a figure for.
    public static func present(in projection: Projection) -> [YearColumn] {
        all.filter { column in projection.years.contains { column.value($0) != nil } }
    }
}

extension YearColumn {
    /// A value of this column formatted as tables show it.
    func formatted(_ value: Double) -> String? {
        guard value.isFinite else { return nil }
        switch style {
        case .yuan: return Formatting.grouped(value)
        case .percent: return Formatting.percent(value)
        case .persons: return Formatting.persons(value)
        case .count: return Formatting.grouped(value, decimals: 0)
        }
    }

    init(_ figure: Figure, zh: String, en: String, unit: String, style: Style) {
        self.init(key: figure.rawValue, zh: zh, en: en, unit: unit, value: { figure.value(in: $0) }, style: style)
    }
}
