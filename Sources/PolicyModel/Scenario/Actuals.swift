/// Recorded figures (实际数, from the county's ledger 台账): what was paid and to whom, by year and
/// optionally by township. Targets of recorded years are judged on them, and reports set them
/// beside the plan (计划与实际) with the change on the year before (同比).
public struct Actuals: Sendable {
    /// One year's record, for the county or one township. A figure not recorded is nil.
    public struct Record: Sendable, Equatable {
        public var households: Double?
        public var persons: Double?
        public var standard: YuanPerPersonYear?
        public var benefit: YuanPerPersonMonth?
        /// Spending by funding level.
        public var paid: [FundingLevel: Yuan]
        /// The rural population (农村人口, persons), for the coverage (persons / population).
        public var population: Double?

        public init(
            households: Double? = nil, persons: Double? = nil, standard: YuanPerPersonYear? = nil,
            benefit: YuanPerPersonMonth? = nil, paid: [FundingLevel: Yuan] = [:], population: Double? = nil
        ) {
            self.population = population
            self.households = households
            self.persons = persons
            self.standard = standard
            self.benefit = benefit
            self.paid = paid
        }

        /// Total spending recorded, when any level's is.
        public var total: Yuan? { paid.isEmpty ? nil : Yuan(paid.values.reduce(0) { $0 + $1.yuan }) }
    }

    /// The county's records by year.
    public var years: [Int: Record]
    /// Records by year and township (乡镇), when the ledger has them.
    public var townships: [Int: [(township: String, record: Record)]]
    public var reference: String?

    public init(years: [Int: Record], townships: [Int: [(township: String, record: Record)]] = [:], reference: String? = nil) {
        self.years = years
        self.townships = townships
        self.reference = reference
    }

    /// The years with a county record, in order.
    public var recordedYears: [Int] { years.keys.sorted() }

    /// Reports what cannot be used: a recorded year outside the span, or a negative or non-finite
    /// figure (named by year and key).
    public func problems(span: YearSpan) -> [ScenarioProblem] {
        var found: [ScenarioProblem] = []
        for year in recordedYears {
            guard span.contains(year) else {
                found.append(
                    ScenarioProblem(
                        at: ["actuals", String(year)], year: year,
                        "\(year) is outside the scenario's years \(span.first)–\(span.last); record only years the scenario covers"))
                continue
            }
            found += Self.problems(of: years[year]!, at: ["actuals", String(year)], year: year)
        }
        for (year, records) in townships.sorted(by: { $0.key < $1.key }) {
            for (township, record) in records {
                found += Self.problems(of: record, at: ["actuals", "townships", String(year), township], year: year)
            }
        }
        return found
    }

    static func problems(of record: Record, at keyPath: [String], year: Int) -> [ScenarioProblem] {
        var figures: [(String, Double?)] = [
            ("households", record.households), ("persons", record.persons), ("standard_yuan_per_year", record.standard?.yuan),
            ("benefit_yuan_per_month", record.benefit?.yuan), ("population", record.population),
        ]
        figures += record.paid.sorted { $0.key < $1.key }.map { ("\($0.key.rawValue)_yuan", $0.value.yuan) }
        return figures.compactMap { key, value in
            guard let value, !(value.isFinite && value >= 0) else { return nil }
            return ScenarioProblem(at: keyPath + [key], year: year, "a recorded figure must be a finite number of at least 0, not \(value)")
        }
    }
}
