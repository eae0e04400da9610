/// The years a projection covers, both ends included (2016…2020 for the 十三五 plan).
public struct YearSpan: Hashable, Sendable, Sequence {
    public var first: Int
    public var last: Int

    /// A span; `first` must not be after `last` (`Scenario.validate()` reports it when it is).
    public init(first: Int, last: Int) {
        self.first = first
        self.last = last
    }

    public func contains(_ year: Int) -> Bool { year >= first && year <= last }

    public var count: Int { Swift.max(0, last - first + 1) }

    public func makeIterator() -> StrideThrough<Int>.Iterator {
        stride(from: first, through: last, by: 1).makeIterator()
    }
}
