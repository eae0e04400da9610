/// One year of a projection. A figure is nil when the scenario does not define what it needs.
public struct YearFigures: Sendable, Equatable {
    public var year: Int
    public var standard: YuanPerPersonYear?
    public var povertyLine: YuanPerPersonYear?
    public var ruralIncome: YuanPerPersonYear?
    public var benefit: YuanPerPersonMonth?
    /// Recipients (persons); fractional when projected by a growth rate.
    public var caseload: Double?
    /// Recipient households (户), when the scenario counts them.
    public var households: Double?
    public var budget: YearBudget?
    /// What the ledger records for the year (实际), when it does.
    public var actual: Actuals.Record?

    public init(
        year: Int, standard: YuanPerPersonYear? = nil, povertyLine: YuanPerPersonYear? = nil,
        ruralIncome: YuanPerPersonYear? = nil, benefit: YuanPerPersonMonth? = nil,
        caseload: Double? = nil, budget: YearBudget? = nil
    ) {
        self.year = year
        self.standard = standard
        self.povertyLine = povertyLine
        self.ruralIncome = ruralIncome
        self.benefit = benefit
        self.caseload = caseload
        self.budget = budget
    }

    /// standard / poverty line − 1, both per person per year (一: 高于同期全国扶贫标准…%).
    public var marginAbovePovertyLine: Double? {
        guard let standard, let povertyLine else { return nil }
        return Self.margin(standard: standard.yuan, povertyLine: povertyLine.yuan)
    }

    /// standard / poverty line − 1 from the two values in 元 per person per year; nil (no margin)
    /// when the poverty line is not positive.
    @inline(__always)
    public static func margin(standard: Double, povertyLine: Double) -> Double? {
        povertyLine > 0 ? margin(lanes: standard, povertyLine) : nil
    }

    /// The same for one value or eight draws at once: NaN (no margin) in a lane whose poverty
    /// line is not positive.
    @inline(__always)
    static func margin<L: TargetLanes>(lanes standard: L, _ povertyLine: L) -> L {
        L.choose(L.isLess(L(every: 0), povertyLine), standard / povertyLine - L(every: 1), else: L(every: .nan))
    }

    /// The lowest standard that is `margin` above this year's poverty line: L × (1 + margin)
    /// (一: 2018年高于同期全国扶贫标准20%, 2020年高于40%).
    public func standardRequired(forMargin margin: Double) -> YuanPerPersonYear? {
        povertyLine.map { YuanPerPersonYear($0.yuan * (1 + margin)) }
    }
}
