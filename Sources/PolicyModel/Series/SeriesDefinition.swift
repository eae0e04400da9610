/// How a scenario defines one series: explicit dated values, and how to fill the other years.
public struct SeriesDefinition: Sendable {
    /// The unit `values` are stated in.
    public var unit: SeriesUnit
    /// Explicit values by year, in `unit`.
    public var values: [Int: Double]
    /// Compound annual rate applied after the latest explicit value (0.144 for 14.4% a year).
    public var growth: Double?
    /// Another series this one rises in proportion to (the benefit level with the standard).
    public var proportionalTo: SeriesName?
    /// Where the numbers come from (a clause, a statistical bulletin).
    public var reference: String?
    /// Set when the numbers are an illustrative assumption rather than a cited fact: says why.
    public var assumption: String?

    public init(
        unit: SeriesUnit, values: [Int: Double], growth: Double? = nil,
        proportionalTo: SeriesName? = nil, reference: String? = nil, assumption: String? = nil
    ) {
        self.unit = unit
        self.values = values
        self.growth = growth
        self.proportionalTo = proportionalTo
        self.reference = reference
        self.assumption = assumption
    }

    /// The explicit years, earliest first.
    public var explicitYears: [Int] { values.keys.sorted() }
}
