/// One year of a microsimulation, weighted where the population has weights (otherwise the
/// counts are whole numbers).
public struct MicrosimulationYear: Sendable, Equatable {
    public var year: Int
    /// Households whose per-capita income is strictly below the standard.
    public var eligibleHouseholds: Double
    public var eligiblePersons: Double
    /// Eligible households that claim (after take-up).
    public var recipientHouseholds: Double
    public var recipientPersons: Double
    /// Former recipients paid in gradual exit (渐退期).
    public var gradualExitHouseholds: Double
    public var gradualExitPersons: Double
    /// Eligible persons in registered-poor households; nil when the population does not say.
    public var registeredPoorEligiblePersons: Double?
    /// Benefit paid in the year to recipients and households in gradual exit.
    public var totalBenefit: Yuan

    /// total / recipient persons / 12: the benefit level (补助水平); nil with no recipients.
    public var averageMonthlyBenefit: YuanPerPersonMonth? {
        recipientPersons > 0 ? YuanPerPersonMonth(totalBenefit.yuan / recipientPersons / 12) : nil
    }
}

/// What a microsimulation gives: every year, and optionally every township's years.
public struct MicrosimulationResult: Sendable {
    public var years: [MicrosimulationYear]
    /// By township name, in the population's township order; nil unless asked for.
    public var byTownship: [(township: String, years: [MicrosimulationYear])]?
    public var households: Int
    public var isWeighted: Bool

    public func year(_ year: Int) -> MicrosimulationYear? { years.first { $0.year == year } }

    /// The series a scenario takes from these results: caseload = recipients (persons);
    /// benefit = total / recipients / 12 (元 per person per month; 0 in a year with none).
    public func drivenSeries(_ drives: Set<SeriesName>) -> [SeriesName: SeriesDefinition] {
        var series: [SeriesName: SeriesDefinition] = [:]
        if drives.contains(.caseload) {
            series[.caseload] = SeriesDefinition(
                unit: .persons, values: Dictionary(uniqueKeysWithValues: years.map { ($0.year, $0.recipientPersons) }),
                reference: "microsimulation")
        }
        if drives.contains(.households) {
            series[.households] = SeriesDefinition(
                unit: .households, values: Dictionary(uniqueKeysWithValues: years.map { ($0.year, $0.recipientHouseholds) }),
                reference: "microsimulation")
        }
        if drives.contains(.benefit) {
            series[.benefit] = SeriesDefinition(
                unit: .yuanPerPersonMonth,
                values: Dictionary(uniqueKeysWithValues: years.map { ($0.year, $0.averageMonthlyBenefit?.yuan ?? 0) }),
                reference: "microsimulation")
        }
        return series
    }
}

/// Running sums of one year over some households.
struct Tally: Sendable {
    var eligibleHouseholds = 0.0
    var eligiblePersons = 0.0
    var recipientHouseholds = 0.0
    var recipientPersons = 0.0
    var exitHouseholds = 0.0
    var exitPersons = 0.0
    var registeredPoorPersons = 0.0
    var total = 0.0

    static func + (a: Tally, b: Tally) -> Tally {
        Tally(
            eligibleHouseholds: a.eligibleHouseholds + b.eligibleHouseholds, eligiblePersons: a.eligiblePersons + b.eligiblePersons,
            recipientHouseholds: a.recipientHouseholds + b.recipientHouseholds, recipientPersons: a.recipientPersons + b.recipientPersons,
            exitHouseholds: a.exitHouseholds + b.exitHouseholds, exitPersons: a.exitPersons + b.exitPersons,
            registeredPoorPersons: a.registeredPoorPersons + b.registeredPoorPersons, total: a.total + b.total)
    }

    func year(_ year: Int, registeredPoorKnown: Bool) -> MicrosimulationYear {
        MicrosimulationYear(
            year: year, eligibleHouseholds: eligibleHouseholds, eligiblePersons: eligiblePersons,
            recipientHouseholds: recipientHouseholds, recipientPersons: recipientPersons, gradualExitHouseholds: exitHouseholds,
            gradualExitPersons: exitPersons, registeredPoorEligiblePersons: registeredPoorKnown ? registeredPoorPersons : nil,
            totalBenefit: Yuan(total))
    }
}
