/// The drawn series' values of a block of Monte Carlo draws, lane by lane: lane d of a block is
/// one draw, and series `series[s]` has in year `years[s][i]` the value
/// `values[(offsets[s] + i) * lanes + d]`.
/// A projection of one draw reads these values in place of the series' own (`SeriesResolver`'s
/// lane), so drawing never copies a scenario.
public struct DrawnBlock: Sendable {
    /// Draws in the block.
    public let lanes: Int
    /// The drawn series, in the order of `years` and `values`.
    public let series: [SeriesName]
    /// Each drawn series' years (sorted): its explicit years, then the years whose growth is drawn.
    public let years: [[Int]]
    /// The drawn series' values, series after series, year-major within each:
    /// `values[(offsets[s] + i) * lanes + d]`.
    public var values: [Double]
    /// Set by whoever filled `values` when it knows every one of them to be finite, so that the
    /// evaluator need not look again (it looks when this is false).
    public var allFinite = false
    /// By drawn series, the row of its first year in `values`.
    public let offsets: [Int]
    /// By series ordinal, the position in `series`, or −1 for a series that is not drawn.
    let slots: [Int]
    /// By drawn series, its first year and the position of each later year in `years[s]`
    /// (−1 for a year between its explicit years that has no value of its own).
    let positions: [(first: Int, index: [Int])]

    /// By drawn series, the row of its first year: series after series, each its years' rows.
    public static func offsets(years: [[Int]]) -> [Int] {
        var offsets: [Int] = []
        var rows = 0
        for list in years {
            offsets.append(rows)
            rows += list.count
        }
        return offsets
    }

    /// An empty block of `lanes` draws of `series` over `years` (each sorted).
    public init(lanes: Int, series: [SeriesName], years: [[Int]]) {
        self.lanes = lanes
        self.series = series
        self.years = years
        offsets = Self.offsets(years: years)
        values = [Double](repeating: 0, count: years.reduce(0) { $0 + $1.count } * lanes)
        var slots = [Int](repeating: -1, count: SeriesName.allCases.count)
        for (s, name) in series.enumerated() { slots[name.ordinal] = s }
        self.slots = slots
        positions = years.map { years in
            guard let first = years.first, let last = years.last else { return (0, []) }
            var index = [Int](repeating: -1, count: last - first + 1)
            for (i, year) in years.enumerated() { index[year - first] = i }
            return (first, index)
        }
    }

    /// One draw of the block, as the series resolver reads it.
    struct Lane: Sendable {
        let block: DrawnBlock
        let index: Int

        /// The draw's value of `name` in `year`, or nil when `name` is not drawn or has no value
        /// of its own that year (the resolver then answers as for the replaced series).
        func value(of name: SeriesName, in year: Int) -> Double? {
            let slot = block.slots[name.ordinal]
            guard slot >= 0 else { return nil }
            let position = block.positions[slot]
            let offset = year - position.first
            guard offset >= 0, offset < position.index.count else { return nil }
            let i = position.index[offset]
            return i < 0 ? nil : block.values[(block.offsets[slot] + i) * block.lanes + index]
        }
    }
}
