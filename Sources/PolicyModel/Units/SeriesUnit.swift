/// The unit a scenario states a series in. Money per person must say whether it is per year or
/// per month; the model converts it once, on the way in, to 元 per person per year.
public enum SeriesUnit: String, CaseIterable, Sendable {
    case yuanPerPersonYear = "yuan/person/year"
    case yuanPerPersonMonth = "yuan/person/month"
    case persons = "persons"
    case households = "households"

    /// The unit named `text` as files write it: the English names, or the Chinese ones people
    /// use (元/人·年, 元/人/年, 元/人·月, 元/人/月, 人, 户); nil for anything else.
    public init?(named text: String) {
        let chinese: [String: SeriesUnit] = [
            "元/人·年": .yuanPerPersonYear, "元/人/年": .yuanPerPersonYear, "元/人.年": .yuanPerPersonYear, "元/年": .yuanPerPersonYear,
            "元/人·月": .yuanPerPersonMonth, "元/人/月": .yuanPerPersonMonth, "元/人.月": .yuanPerPersonMonth, "元/月": .yuanPerPersonMonth,
            "人": .persons, "户": .households,
        ]
        let trimmed = text.trimmingSpaces
        guard let unit = SeriesUnit(rawValue: trimmed) ?? chinese[trimmed] else { return nil }
        self = unit
    }

    /// What the unit measures.
    public var quantity: Quantity {
        switch self {
        case .yuanPerPersonYear, .yuanPerPersonMonth: .moneyPerPerson
        case .persons: .persons
        case .households: .households
        }
    }

    /// Converts `value`, stated in this unit, to the model's internal unit for its quantity
    /// (元 per person per year for money, persons for counts).
    public func toModelUnit(_ value: Double) -> Double {
        self == .yuanPerPersonMonth ? value * 12 : value
    }

    /// Converts `value` from the model's internal unit back to this unit.
    public func fromModelUnit(_ value: Double) -> Double {
        self == .yuanPerPersonMonth ? value / 12 : value
    }
}

/// What a series measures, whatever unit it is stated in.
public enum Quantity: String, Sendable {
    /// 元 per person, per year or per month.
    case moneyPerPerson = "money per person"
    /// A count of people.
    case persons = "persons"
    /// A count of households (户).
    case households = "households"
}
