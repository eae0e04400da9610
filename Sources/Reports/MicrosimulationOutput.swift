import PolicyModel

/// The microsimulation's results in `dibao run`: JSON under `microsimulation`, and a table.
public enum MicrosimulationOutput {
    /// Every figure of a year, in order, with its JSON key and its headings.
    static let columns: [(key: String, zh: String, en: String, value: @Sendable (MicrosimulationYear) -> Double?)] = [
        ("eligible_households", "符合条件户数", "eligible households", { $0.eligibleHouseholds }),
        ("eligible_persons", "符合条件人数", "eligible persons", { $0.eligiblePersons }),
        ("recipient_households", "享受户数", "recipient households", { $0.recipientHouseholds }),
        ("recipient_persons", "享受人数", "recipient persons", { $0.recipientPersons }),
        ("gradual_exit_households", "渐退户数", "gradual-exit households", { $0.gradualExitHouseholds }),
        ("gradual_exit_persons", "渐退人数", "gradual-exit persons", { $0.gradualExitPersons }),
        ("registered_poor_eligible_persons", "其中建档立卡人数", "registered-poor eligible persons", { $0.registeredPoorEligiblePersons }),
        ("total_benefit_yuan", "低保金(元/年)", "total benefit (元/年)", { $0.totalBenefit.yuan }),
        ("avg_monthly_benefit_per_person", "人均补助(元/月)", "avg benefit (元/人·月)", { $0.averageMonthlyBenefit?.yuan }),
    ]

    /// A figure formatted for people: money with two decimals, counts whole unless weighted.
    static func formatted(_ value: Double?, key: String, weighted: Bool) -> String {
        guard let value else { return "—" }
        let money = key.hasSuffix("yuan") || key.hasPrefix("avg")
        return Formatting.grouped(value, decimals: money ? 2 : (weighted ? 1 : 0))
    }

    public static func json(_ result: MicrosimulationResult, source: String?) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("households", .int(result.households)), ("weighted", .bool(result.isWeighted)),
            ("population", source.map(JSONValue.string) ?? .null),
            ("years", .array(result.years.map(year))),
        ]
        if let townships = result.byTownship {
            members.append(
                (
                    "by_township",
                    .array(townships.map { .object([("township", .string($0.township)), ("years", .array($0.years.map(year)))]) })
                ))
        }
        return .object(members)
    }

    static func year(_ year: MicrosimulationYear) -> JSONValue {
        .object([("year", .int(year.year))] + columns.map { ($0.key, .number($0.value(year))) })
    }

    /// One row per year (and per township and year with a breakdown), counts as whole numbers
    /// unless weighted.
    public static func table(_ result: MicrosimulationResult, language l: Language = .zh) -> TextTable {
        func cells(_ year: MicrosimulationYear) -> [String] {
            columns.map { formatted($0.value(year), key: $0.key, weighted: result.isWeighted) }
        }
        var rows = result.years.map { [l.pick("全县", "all"), String($0.year)] + cells($0) }
        for township in result.byTownship ?? [] {
            rows += township.years.map { [township.township, String($0.year)] + cells($0) }
        }
        return TextTable(header: [l.pick("乡镇", "township"), l.pick("年份", "year")] + columns.map { l.pick($0.zh, $0.en) }, rows: rows)
    }
}
