/// The series a scenario can define, named as the programme names them (docs/domain.md glossary).
public enum SeriesName: String, CaseIterable, Sendable, Comparable {
    /// 低保标准: the threshold below which a household's per-capita income qualifies.
    case standard
    /// 国家扶贫标准: the national poverty line in current prices.
    case povertyLine = "poverty_line"
    /// 农村居民人均可支配收入: rural per-capita disposable income.
    case ruralIncome = "rural_income"
    /// 补助水平: the average benefit actually paid per recipient.
    case benefit
    /// 低保对象人数: the number of recipients.
    case caseload
    /// 低保户数: the number of recipient households (户), reported beside the persons.
    case households

    /// What the series measures; its unit must measure the same.
    public var quantity: Quantity {
        switch self {
        case .caseload: .persons
        case .households: .households
        default: .moneyPerPerson
        }
    }

    /// Position in `allCases`, for arrays indexed by series.
    public var ordinal: Int {
        switch self {
        case .standard: 0
        case .povertyLine: 1
        case .ruralIncome: 2
        case .benefit: 3
        case .caseload: 4
        case .households: 5
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.ordinal < rhs.ordinal }

    /// The programme's name for the series.
    public var words: Words {
        switch self {
        case .standard: Words(zh: "低保标准", en: "standard")
        case .povertyLine: Words(zh: "国家扶贫标准", en: "poverty line")
        case .ruralIncome: Words(zh: "农村居民人均可支配收入", en: "rural income")
        case .benefit: Words(zh: "补助水平", en: "benefit level")
        case .caseload: Words(zh: "低保对象人数", en: "caseload")
        case .households: Words(zh: "低保户数", en: "households")
        }
    }
}
