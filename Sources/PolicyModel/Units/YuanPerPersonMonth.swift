/// An amount in 元 per person per **month**: the unit of the benefit level (补助水平), which
/// 饶县民字[2017]33号 一 requires to reach 245 元/月 by 2018 and 325 元/月 by 2020.
public struct YuanPerPersonMonth: Hashable, Comparable, Sendable {
    /// The amount in 元.
    public var yuan: Double

    public init(_ yuan: Double) { self.yuan = yuan }

    /// The amount paid over twelve months.
    public var perYear: YuanPerPersonYear { YuanPerPersonYear(yuan * 12) }

    /// What paying this amount to `persons` people for `months` months costs in total.
    public func paid(to persons: Double, forMonths months: Double) -> Yuan {
        Yuan(yuan * persons * months)
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.yuan < rhs.yuan }
}
