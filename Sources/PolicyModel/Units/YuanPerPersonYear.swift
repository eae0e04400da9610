/// An amount in 元 per person per **year**: the unit in which 饶县民字[2017]33号 一 states the
/// dibao standard (3240 … 5640 元/年) and the NBS states the poverty line and rural income.
public struct YuanPerPersonYear: Hashable, Comparable, Sendable {
    /// The amount in 元.
    public var yuan: Double

    public init(_ yuan: Double) { self.yuan = yuan }

    /// The months an amount per year is spread over.
    public static let monthsPerYear = 12.0

    /// The same amount spread evenly over the twelve months of the year (355 元/月 for 4260 元/年).
    public var perMonth: YuanPerPersonMonth { YuanPerPersonMonth(Self.perMonth(yuan)) }

    /// An amount in 元 per year as 元 per month, for one figure or eight draws' (a target rule).
    @inline(__always)
    static func perMonth<L: TargetLanes>(_ perYear: L) -> L { perYear / L(every: monthsPerYear) }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.yuan < rhs.yuan }
}
