/// A level of government that pays for dibao (饶县民字[2017]33号 七: 积极争取上级财政资金倾斜支持,
/// 落实县本级应承担资金), in the order budgets list them.
public enum FundingLevel: String, CaseIterable, Sendable, Comparable {
    case central, provincial, city, county

    /// The figure that carries what this level pays.
    public var figure: Figure {
        switch self {
        case .central: .centralYuan
        case .provincial: .provincialYuan
        case .city: .cityYuan
        case .county: .countyYuan
        }
    }

    /// The level's name in budgets: 中央 / central.
    public var label: Words {
        switch self {
        case .central: Words(zh: "中央", en: "central")
        case .provincial: Words(zh: "省级", en: "provincial")
        case .city: Words(zh: "市级", en: "city")
        case .county: Words(zh: "县级", en: "county")
        }
    }

    /// The level whose figure is `figure`, if it is a level's.
    public init?(figure: Figure) {
        guard let level = Self.allCases.first(where: { $0.figure == figure }) else { return nil }
        self = level
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// A number that is the same every year or given year by year.
public enum YearlyNumber: Sendable, Equatable {
    case constant(Double)
    case byYear([Int: Double])

    /// The number in `year`; nil when it is given by year and not for this one.
    public func value(in year: Int) -> Double? {
        switch self {
        case .constant(let value): value
        case .byYear(let values): values[year]
        }
    }

    /// The key path of the number in `year` under `keyPath` (`….2021` when given by year).
    func keyPath(_ keyPath: [String], year: Int) -> [String] {
        if case .byYear = self { return keyPath + [String(year)] }
        return keyPath
    }
}

/// How one level pays its part of a need.
public enum FundingSource: Sendable, Equatable {
    /// A share (0…1) of the need.
    case share(YearlyNumber)
    /// A fixed amount in 元 by year, whatever the need.
    case transfer([Int: Double])
    /// Whatever the need leaves after every share and transfer (never below 0).
    case residual
}

/// Who pays a need (benefit spending, or staff costs when they have their own rule): each level a
/// share, a fixed transfer or the residual (docs/model.md §4). A transfer larger than the need
/// leaves the residual level at 0 and a surplus, never a negative payment.
public struct FundingRule: Sendable, Equatable {
    public var sources: [FundingLevel: FundingSource]
    /// Where the rule is written (`budget.funding`, `budget.staff.funding`): problems name it.
    public var keyPath: [String]

    public init(_ sources: [FundingLevel: FundingSource], at keyPath: [String] = ["budget", "funding"]) {
        self.sources = sources
        self.keyPath = keyPath
    }

    /// The levels that take part, in budget order.
    public var levels: [FundingLevel] { FundingLevel.allCases.filter { sources[$0] != nil } }

    /// The level marked to pay the rest (nil when every level is a share and the shares sum to 1;
    /// `withDefaultResidual()` makes an unlisted county the residual).
    public var residual: FundingLevel? {
        sources.first { $0.value == .residual }?.key
    }

    /// Whether any level receives a fixed transfer (a surplus is then possible).
    public var hasTransfers: Bool {
        sources.values.contains { if case .transfer = $0 { true } else { false } }
    }

    /// The rule as written in an older scenario: `funding_shares: {central, provincial, county}`.
    public static func shares(central: Double, provincial: Double, county: Double) -> FundingRule {
        FundingRule(
            [.central: .share(.constant(central)), .provincial: .share(.constant(provincial)), .county: .share(.constant(county))],
            at: ["budget", "funding_shares"])
    }

    /// The rule with a county residual added when no level is residual and the county is not
    /// listed (validation then checks the rest).
    public func withDefaultResidual() -> FundingRule {
        var rule = self
        if residual == nil, sources[.county] == nil { rule.sources[.county] = .residual }
        return rule
    }

    /// What each level pays of `need` in `year`, and the surplus the transfers leave (0 when
    /// they do not exceed the need). Assumes a validated rule.
    public func split(_ need: Yuan, in year: Int) -> (paid: [FundingLevel: Yuan], surplus: Yuan) {
        var paid: [FundingLevel: Yuan] = [:]
        var covered = 0.0
        // In budget order, never the dictionary's (which differs between runs): the same sum to the last bit.
        for level in levels {
            switch sources[level]! {
            case .share(let share):
                paid[level] = need.share(share.value(in: year) ?? 0)
            case .transfer(let amounts):
                paid[level] = Yuan(amounts[year] ?? 0)
            case .residual:
                continue
            }
            covered += paid[level]!.yuan
        }
        let rest = need.yuan - covered
        if let residual {
            paid[residual] = Yuan(max(0, rest))
            return (paid, Yuan(max(0, -rest)))
        }
        return (paid, Yuan(0))
    }

    /// The rule's problems for the years of `span`, each level's first and then the sums': a
    /// share outside 0…1, a negative or missing transfer, two residuals, shares over 1, or shares
    /// that leave part of the need unpaid with no residual level. Each names the key that is
    /// wrong (the second residual, the last share, the county) and a year only when not every
    /// year has the problem.
    public func problems(span: YearSpan) -> [ScenarioProblem] {
        var found: [ScenarioProblem] = []
        let residuals = levels.filter { sources[$0] == .residual }
        if residuals.count > 1 {
            found.append(
                ScenarioProblem(
                    at: keyPath + [residuals[1].rawValue],
                    "only one level can pay the rest (residual), but \(residuals.map(\.rawValue).joined(separator: " and ")) both do; give \(residuals[1].rawValue) a share or a transfer"
                ))
        }
        for level in levels {
            if let problem = problem(of: level, span: span) { found.append(problem) }
        }
        guard found.isEmpty else { return found }
        // The sums, year by year: reported once, with the years they concern.
        var over: [Int] = []
        var short: [Int] = []
        for year in span {
            let sum = shareSum(in: year)
            if sum > 1 + relativeTolerance { over.append(year) }
            if residual == nil, hasTransfers || abs(sum - 1) > relativeTolerance { short.append(year) }
        }
        let shareLevels = levels.filter { if case .share = sources[$0]! { true } else { false } }
        func when(_ years: [Int]) -> (text: String, year: Int?) {
            years.count == span.count ? ("", nil) : (" in \(years.map(String.init).joined(separator: ", "))", years[0])
        }
        if let first = over.first {
            let (text, year) = when(over)
            found.append(
                ScenarioProblem(
                    at: keyPath + [shareLevels.last!.rawValue], year: year,
                    "the shares sum to more than 100%\(text): \(terms(in: first)) = \(Self.percent(shareSum(in: first)))"))
        } else if let first = short.first {
            let (text, year) = when(short)
            let at = sources[.county] != nil ? keyPath + ["county"] : keyPath
            found.append(
                ScenarioProblem(
                    at: at, year: year,
                    hasTransfers
                        ? "no level pays the rest beside the fixed transfers\(text); mark one level 'residual' (county: residual)"
                        : "the shares sum to \(Self.percent(shareSum(in: first)))\(text) (\(terms(in: first))), not 100%, and no level pays the rest; mark one level 'residual' (county: residual)"
                ))
        }
        return found
    }

    /// The first problem of one level's source, if any.
    func problem(of level: FundingLevel, span: YearSpan) -> ScenarioProblem? {
        let key = keyPath + [level.rawValue]
        switch sources[level]! {
        case .share(let share):
            if case .byYear(let values) = share, let year = span.first(where: { values[$0] == nil }) {
                return ScenarioProblem(
                    at: key + ["share"], year: year,
                    "the \(level.rawValue) share has no value for \(year); give one for every year from \(span.first) to \(span.last), or one share for all years"
                )
            }
            let constant: Bool
            if case .constant = share { constant = true } else { constant = false }
            for year in constant ? [span.first] : Array(span) {
                let value = share.value(in: year)!
                guard value.isFinite, value >= 0, value <= 1 else {
                    return ScenarioProblem(
                        at: share.keyPath(keyPath.last == "funding_shares" ? key : key + ["share"], year: year),
                        year: constant ? nil : year,
                        "the \(level.rawValue) share must be from 0% to 100%, not \(Self.percent(value))")
                }
            }
        case .transfer(let amounts):
            if let year = span.first(where: { amounts[$0] == nil }) {
                return ScenarioProblem(
                    at: key + ["transfer"], year: year,
                    "the \(level.rawValue) transfer has no amount for \(year); give one for every year from \(span.first) to \(span.last) (0 where there is none)"
                )
            }
            for year in span {
                let value = amounts[year]!
                guard value.isFinite, value >= 0 else {
                    return ScenarioProblem(
                        at: key + ["transfer", String(year)], year: year,
                        "the \(level.rawValue) transfer for \(year) must be a finite amount of at least 0, not \(Self.amount(value))")
                }
            }
        case .residual:
            break
        }
        return nil
    }

    /// The sum of the shares in `year`.
    func shareSum(in year: Int) -> Double {
        levels.reduce(0) { sum, level in
            if case .share(let share) = sources[level]! { return sum + (share.value(in: year) ?? 0) }
            return sum
        }
    }

    /// `central 60% + provincial 50%`
    func terms(in year: Int) -> String {
        levels.compactMap { level -> String? in
            if case .share(let share) = sources[level]! { return "\(level.rawValue) \(Self.percent(share.value(in: year) ?? 0))" }
            return nil
        }.joined(separator: " + ")
    }

    /// A share as people write it: 0.125 is `12.5%`.
    static func percent(_ share: Double) -> String {
        guard share.isFinite else { return "\(share)" }
        let hundredths = (share * 10_000).rounded()
        let whole = Int(hundredths / 100)
        let rest = Int(abs(hundredths).truncatingRemainder(dividingBy: 100))
        let sign = hundredths < 0 && whole == 0 ? "-" : ""
        if rest == 0 { return "\(sign)\(whole)%" }
        return rest % 10 == 0 ? "\(sign)\(whole).\(rest / 10)%" : "\(sign)\(whole).\(rest < 10 ? "0" : "")\(rest)%"
    }

    /// An amount in 元 with its 万元: `-19000000 元 (-1900 万元)`.
    static func amount(_ yuan: Double) -> String {
        "\(writtenNumber(yuan)) 元 (\(writtenNumber(yuan / 10_000)) 万元)"
    }
}
