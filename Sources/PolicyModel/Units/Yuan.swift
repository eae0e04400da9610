/// A total amount of money in 元 (a budget line), not divided by persons or time.
public struct Yuan: Hashable, Comparable, Sendable {
    /// The amount in 元.
    public var yuan: Double

    public init(_ yuan: Double) { self.yuan = yuan }

    /// The share `fraction` (0…1) of this amount.
    public func share(_ fraction: Double) -> Yuan { Yuan(yuan * fraction) }

    public static func + (lhs: Yuan, rhs: Yuan) -> Yuan { Yuan(lhs.yuan + rhs.yuan) }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.yuan < rhs.yuan }
}
