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
        guard let value = value(figures) else { return "—" }
        switch style {
        case .yuan: return Formatting.grouped(value)
        case .percent: return Formatting.percent(value)
        case .persons: return Formatting.persons(value)
        case .count: return Formatting.grouped(value, decimals: 0)
        }
    }

    /// Every column of `dibao run`, in order.
    public static let all: [YearColumn] = [
        .init(
            key: "standard_yuan_per_year", zh: "低保标准(元/年)", en: "standard (元/年)", unit: "yuan/person/year", value: { $0.standard?.yuan },
            style: .yuan),
        .init(
            key: "standard_yuan_per_month", zh: "低保标准(元/月)", en: "standard (元/月)", unit: "yuan/person/month",
            value: { $0.standard?.perMonth.yuan }, style: .yuan),
        .init(
            key: "poverty_line_yuan_per_year", zh: "国家扶贫标准(元/年)", en: "poverty line (元/年)", unit: "yuan/person/year",
            value: { $0.povertyLine?.yuan }, style: .yuan),
        .init(
            key: "margin_above_poverty_line", zh: "高于扶贫标准", en: "margin above line", unit: "ratio", value: { $0.marginAbovePovertyLine },
            style: .percent),
        .init(
            key: "benefit_yuan_per_month", zh: "补助水平(元/月)", en: "benefit (元/月)", unit: "yuan/person/month", value: { $0.benefit?.yuan },
            style: .yuan),
        .init(
            key: "rural_income_yuan_per_year", zh: "农村居民收入(元/年)", en: "rural income (元/年)", unit: "yuan/person/year",
            value: { $0.ruralIncome?.yuan }, style: .yuan),
        .init(key: "caseload_persons", zh: "低保对象(人)", en: "caseload (persons)", unit: "persons", value: { $0.caseload }, style: .persons),
        .init(
            key: "benefit_spending_yuan", zh: "低保金支出(元)", en: "benefit spending (元)", unit: "yuan",
            value: { $0.budget?.benefitSpending.yuan }, style: .yuan),
        .init(key: "workers", zh: "工作人员(人)", en: "workers", unit: "persons", value: { $0.budget?.workers.map(Double.init) }, style: .count),
        .init(key: "admin_yuan", zh: "工作经费(元)", en: "admin (元)", unit: "yuan", value: { $0.budget?.admin?.yuan }, style: .yuan),
        .init(
            key: "total_budget_yuan", zh: "资金总需求(元)", en: "total budget (元)", unit: "yuan", value: { $0.budget?.total.yuan }, style: .yuan),
        .init(key: "central_yuan", zh: "中央资金(元)", en: "central (元)", unit: "yuan", value: { $0.budget?.central.yuan }, style: .yuan),
        .init(
            key: "provincial_yuan", zh: "省级资金(元)", en: "provincial (元)", unit: "yuan", value: { $0.budget?.provincial.yuan }, style: .yuan),
        .init(key: "county_yuan", zh: "县级资金(元)", en: "county (元)", unit: "yuan", value: { $0.budget?.county.yuan }, style: .yuan),
    ]

    /// The columns some year of `projection` has a figure for.
    public static func present(in projection: Projection) -> [YearColumn] {
        all.filter { column in projection.years.contains { column.value($0) != nil } }
    }
}
