/// How a scenario derives caseload and benefit from household incomes
/// (饶县民字[2017]33号 三: 精准识别; docs/domain.md: 差额补助, 分档, 渐退期).
public struct MicrosimulationRules: Sendable {
    /// The unit of the population's `income_per_capita`.
    public var incomeUnit: SeriesUnit
    /// The year the incomes describe.
    public var incomeBaseYear: Int
    /// How incomes move from the base year.
    public var incomeGrowth: IncomeGrowth
    public var payment: PaymentRule
    /// Share of eligible households that claim (0…1).
    public var takeUp: Double
    /// Seeds which households claim; the same seed gives the same claimants.
    public var takeUpSeed: UInt64
    public var gradualExit: GradualExit?
    /// Series the scenario takes from the results instead of its own values: `caseload`
    /// (recipients) and `benefit` (average paid per recipient per month).
    public var drives: Set<SeriesName>
    /// The population file as the scenario names it, for reports.
    public var source: String?
    /// Where the population and the rules come from.
    public var reference: String?
    /// Set when the population or the rules are an assumption: says why.
    public var assumption: String?

    public init(
        incomeUnit: SeriesUnit = .yuanPerPersonYear, incomeBaseYear: Int, incomeGrowth: IncomeGrowth,
        payment: PaymentRule, takeUp: Double = 1, takeUpSeed: UInt64 = 0, gradualExit: GradualExit? = nil,
        drives: Set<SeriesName> = [], source: String? = nil, reference: String? = nil, assumption: String? = nil
    ) {
        self.incomeUnit = incomeUnit
        self.incomeBaseYear = incomeBaseYear
        self.incomeGrowth = incomeGrowth
        self.payment = payment
        self.takeUp = takeUp
        self.takeUpSeed = takeUpSeed
        self.gradualExit = gradualExit
        self.drives = drives
        self.source = source
        self.reference = reference
        self.assumption = assumption
    }

    public enum IncomeGrowth: Sendable, Equatable {
        /// Compound annual rate: income × (1 + rate)^(t − base).
        case rate(Double)
        /// In proportion to a series: income × S(t) / S(base).
        case series(SeriesName)
    }

    public enum PaymentRule: Sendable, Equatable {
        /// 差额补助: (standard − income) per person, at least `floorShare` × standard.
        case gap(floorShare: Double)
        /// 分档: a fixed share of the standard per person, by household category.
        case tiers(shares: [String: Double])
    }

    /// 渐退期: a recipient whose income rises to at least the standard but below
    /// `upToShareOfStandard` × standard keeps its last benefit for `months` months of that year.
    public struct GradualExit: Sendable, Equatable {
        public var months: Double
        public var upToShareOfStandard: Double

        public init(months: Double, upToShareOfStandard: Double) {
            self.months = months
            self.upToShareOfStandard = upToShareOfStandard
        }
    }

    /// The series the households can give a scenario, in order.
    public static let drivable: [SeriesName] = [.caseload, .households, .benefit]

    /// Reports the first rule that cannot be applied: take-up outside 0…1, a negative floor or
    /// share, gradual exit months outside (0, 12] or a multiple below 1, an unknown driven series.
    public func validate() throws(ScenarioProblem) {
        let key = ["microsimulation"]
        guard incomeUnit.quantity == .moneyPerPerson else {
            throw ScenarioProblem(at: key + ["income_unit"], "income must be money per person, not \(incomeUnit.rawValue)")
        }
        guard takeUp.isFinite, (0...1).contains(takeUp) else {
            throw ScenarioProblem(at: key + ["take_up"], "take-up must be a share between 0 and 1, not \(takeUp)")
        }
        if case .rate(let rate) = incomeGrowth, !(rate.isFinite && rate > -1) {
            throw ScenarioProblem(at: key + ["income_growth"], "income growth must be a finite rate above -1, not \(rate)")
        }
        switch payment {
        case .gap(let floorShare):
            guard floorShare.isFinite, (0...1).contains(floorShare) else {
                throw ScenarioProblem(
                    at: key + ["payment", "floor_share_of_standard"], "the floor must be a share of the standard between 0 and 1")
            }
        case .tiers(let shares):
            for (category, share) in shares.sorted(by: { $0.key < $1.key }) where !(share.isFinite && share >= 0) {
                throw ScenarioProblem(at: key + ["payment", "shares", category], "a tier's share must be a finite number ≥ 0")
            }
        }
        if let exit = gradualExit {
            guard exit.months.isFinite, exit.months > 0, exit.months <= 12 else {
                throw ScenarioProblem(at: key + ["gradual_exit", "months"], "gradual exit months must be more than 0 and at most 12")
            }
            guard exit.upToShareOfStandard.isFinite, exit.upToShareOfStandard >= 1 else {
                throw ScenarioProblem(
                    at: key + ["gradual_exit", "up_to_share_of_standard"],
                    "gradual exit applies up to a multiple of the standard of at least 1")
            }
        }
        for series in drives where !Self.drivable.contains(series) {
            throw ScenarioProblem(
                at: key + ["drives"],
                "the microsimulation can drive \(Self.drivable.map(\.rawValue).joined(separator: ", ")), not \(series.rawValue)")
        }
    }
}
