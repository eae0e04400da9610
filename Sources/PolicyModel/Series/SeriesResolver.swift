/// Gives every defined series a value for any year it can reach, in the model's unit
/// (元 per person per year for money, persons for counts).
///
/// The rules, in order (docs/model.md §2):
/// 1. a year with an explicit value takes it;
/// 2. with `proportional_to: S`, value(t) = value(a) × S(t) / S(a), a being the latest explicit
///    year ≤ t, or the earliest explicit year when t is before all of them
///    (饶县民字[2017]33号 一: 按照低保标准提高幅度的相应比例提高低保补助水平);
/// 3. with `growth: g`, value(t) = value(a) × (1 + g)^(t − a), a being the latest explicit year
///    before t;
/// 4. otherwise the year has no value, and asking for it is a `ScenarioProblem` naming the
///    series and the year.
public struct SeriesResolver: Sendable {
    public let definitions: [SeriesName: SeriesDefinition]
    /// Each defined series' explicit years (sorted) and values in the model's unit, by ordinal:
    /// lookups need no hashing (a projection asks for dozens of values, Monte Carlo for millions).
    private var compiled: [Compiled?]
    /// A Monte Carlo draw's values of the drawn series, read before `compiled` (see `DrawnBlock`).
    var lane: DrawnBlock.Lane?

    struct Compiled: Sendable {
        var years: [Int]
        var values: [Double]
        var growth: Double?
        var proportionalTo: SeriesName?

        /// Index of the latest explicit year ≤ `year`, if any.
        func latest(atOrBefore year: Int) -> Int? {
            var found: Int?
            for (index, explicit) in years.enumerated() {
                if explicit <= year { found = index } else { break }
            }
            return found
        }
    }

    /// Checks the definitions and the links between them (`proportional_to` targets exist and
    /// form no cycle).
    public init(definitions: [SeriesName: SeriesDefinition]) throws(ScenarioProblem) {
        try self.init(checking: definitions)
        for name in definitions.keys.sorted() {
            try checkDefinition(of: name)
        }
    }

    /// Every series' first problem, in series order (empty when all are fine).
    public static func problems(definitions: [SeriesName: SeriesDefinition]) -> [ScenarioProblem] {
        guard let resolver = try? SeriesResolver(checking: definitions) else { return [] }
        var problems: [ScenarioProblem] = []
        for name in definitions.keys.sorted() {
            do {
                try resolver.checkDefinition(of: name)
            } catch {
                problems.append(error)
            }
        }
        return problems
    }

    /// The compiled definitions, not yet checked.
    private init(checking definitions: [SeriesName: SeriesDefinition]) throws(ScenarioProblem) {
        self.definitions = definitions
        var compiled = [Compiled?](repeating: nil, count: SeriesName.allCases.count)
        for (name, definition) in definitions {
            let years = definition.explicitYears
            compiled[name.ordinal] = Compiled(
                years: years, values: years.map { definition.unit.toModelUnit(definition.values[$0]!) }, growth: definition.growth,
                proportionalTo: definition.proportionalTo)
        }
        self.compiled = compiled
    }

    /// The same series with `name`'s explicit values replaced by `values` for `years` (sorted,
    /// in the model's unit) and its growth removed, without checking again: for Monte Carlo
    /// draws of a series already checked. Years outside `years` keep no value of their own.
    public func replacingValues(of name: SeriesName, years: [Int], values: [Double]) -> SeriesResolver {
        var copy = self
        copy.compiled[name.ordinal] = Compiled(years: years, values: values, growth: nil, proportionalTo: nil)
        return copy
    }

    /// The same series with each of `paths` replacing its series' values.
    public func replacingValues(_ paths: [DrawnValues]) -> SeriesResolver {
        var copy = self
        for path in paths {
            copy.compiled[path.series.ordinal] = Compiled(years: path.years, values: path.values, growth: nil, proportionalTo: nil)
        }
        return copy
    }

    /// The explicit years of `name` (sorted) and their values in the model's unit.
    public func explicitValues(of name: SeriesName) -> (years: [Int], values: [Double])? {
        compiled[name.ordinal].map { ($0.years, $0.values) }
    }

    /// `name`'s growth rate, if it has one.
    public func growth(of name: SeriesName) -> Double? { compiled[name.ordinal]?.growth }

    /// Whether the scenario defines `name` at all.
    public func defines(_ name: SeriesName) -> Bool { compiled[name.ordinal] != nil }

    /// The value of `name` in `year`, in the model's unit.
    public func value(of name: SeriesName, in year: Int) throws(ScenarioProblem) -> Double {
        if let lane, let value = lane.value(of: name, in: year) { return value }
        guard let series = compiled[name.ordinal] else {
            throw ScenarioProblem(
                at: ["series", name.rawValue], year: year,
                "series '\(name.rawValue)' is not defined but is needed for \(year)")
        }
        let latest = series.latest(atOrBefore: year)
        if let latest, series.years[latest] == year { return series.values[latest] }
        if let base = series.proportionalTo {
            let anchorIndex = latest ?? 0
            let anchor = series.years[anchorIndex]
            let baseAtAnchor = try value(of: base, in: anchor)
            guard baseAtAnchor != 0 else {
                throw ScenarioProblem(
                    at: ["series", name.rawValue, "proportional_to"], year: anchor,
                    "series '\(name.rawValue)' is proportional to '\(base.rawValue)', which is 0 in \(anchor)")
            }
            return series.values[anchorIndex] * (try value(of: base, in: year)) / baseAtAnchor
        }
        guard let latest else {
            throw ScenarioProblem(
                at: ["series", name.rawValue, "values"], year: year,
                "series '\(name.rawValue)' has no value for \(year): its first value is for \(series.years[0]) and growth only runs forward"
            )
        }
        let anchor = series.years[latest]
        guard let growth = series.growth else {
            throw ScenarioProblem(
                at: ["series", name.rawValue, "values"], year: year,
                "series '\(name.rawValue)' has no value for \(year): give one, or a growth rate after \(anchor)")
        }
        return series.values[latest] * compoundFactor(rate: growth, years: year - anchor)
    }

    /// The value of `name` in `year`, or nil when the scenario does not define the series.
    public func valueIfDefined(of name: SeriesName, in year: Int) throws(ScenarioProblem) -> Double? {
        defines(name) ? try value(of: name, in: year) : nil
    }

    private func checkDefinition(of name: SeriesName) throws(ScenarioProblem) {
        let definition = definitions[name]!
        let key = ["series", name.rawValue]
        guard definition.unit.quantity == name.quantity else {
            throw ScenarioProblem(
                at: key + ["unit"],
                "series '\(name.rawValue)' measures \(name.quantity.rawValue) but its unit '\(definition.unit.rawValue)' measures \(definition.unit.quantity.rawValue)"
            )
        }
        guard !definition.values.isEmpty else {
            throw ScenarioProblem(at: key + ["values"], "series '\(name.rawValue)' has no values")
        }
        for year in definition.explicitYears {
            let value = definition.values[year]!
            guard value.isFinite else {
                throw ScenarioProblem(
                    at: key + ["values", String(year)], year: year,
                    "series '\(name.rawValue)' value for \(year) is not a finite number")
            }
            guard value >= 0 else {
                throw ScenarioProblem(
                    at: key + ["values", String(year)], year: year,
                    "series '\(name.rawValue)' value for \(year) is negative (\(value))")
            }
        }
        if let growth = definition.growth {
            guard growth.isFinite, growth > -1 else {
                throw ScenarioProblem(
                    at: key + ["growth"],
                    "series '\(name.rawValue)' growth must be a finite rate above -1 (−100%), not \(growth)")
            }
            guard definition.proportionalTo == nil else {
                throw ScenarioProblem(
                    at: key + ["growth"],
                    "series '\(name.rawValue)' has both growth and proportional_to; keep one")
            }
        }
        guard let base = definition.proportionalTo else { return }
        var chain = [name]
        var next: SeriesName? = base
        while let current = next {
            guard definitions[current] != nil else {
                throw ScenarioProblem(
                    at: key + ["proportional_to"],
                    "series '\(name.rawValue)' is proportional to '\(current.rawValue)', which the scenario does not define")
            }
            guard !chain.contains(current) else {
                let cycle = (chain + [current]).map(\.rawValue).joined(separator: " → ")
                throw ScenarioProblem(
                    at: key + ["proportional_to"], "proportional_to forms a cycle: \(cycle)")
            }
            chain.append(current)
            next = definitions[current]!.proportionalTo
        }
    }
}

/// (1 + rate)^years by repeated multiplication, so that whole-year growth is exact to the last
/// bit for the same inputs on every platform (`years` ≥ 0).
func compoundFactor(rate: Double, years: Int) -> Double {
    var factor = 1.0
    for _ in 0..<years { factor *= 1 + rate }
    return factor
}
