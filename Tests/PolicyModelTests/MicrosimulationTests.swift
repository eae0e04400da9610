import Testing

@testable import PolicyModel

#if canImport(Glibc)
    import Glibc
#endif

/// A population from rows of (size, income per person per year), one township, keys 1…n.
func households(
    _ rows: [(size: UInt8, income: Double)], weight: [Double]? = nil, registeredPoor: [UInt8]? = nil, category: [UInt16]? = nil,
    categories: [String] = [], township: [UInt16]? = nil, townships: [String] = ["1"]
) -> HouseholdPopulation {
    HouseholdPopulation(
        size: rows.map(\.size), incomePerCapita: rows.map(\.income), householdKey: HouseholdKeys(consecutiveFrom: 1, count: rows.count),
        township: township ?? rows.map { _ in 0 }, townships: townships, weight: weight, registeredPoor: registeredPoor,
        category: category, categories: categories)
}

/// The plan's standards and no income growth unless given.
func simulate(
    _ population: HouseholdPopulation, payment: MicrosimulationRules.PaymentRule = .gap(floorShare: 0.1), growth: Double = 0,
    takeUp: Double = 1, seed: UInt64 = 0, exit: MicrosimulationRules.GradualExit? = nil, unit: SeriesUnit = .yuanPerPersonYear,
    byTownship: Bool = false, from: Int = 2016, to: Int = 2020
) throws -> MicrosimulationResult {
    let rules = MicrosimulationRules(
        incomeUnit: unit, incomeBaseYear: 2016, incomeGrowth: .rate(growth), payment: payment, takeUp: takeUp, takeUpSeed: seed,
        gradualExit: exit)
    let series = try SeriesResolver(definitions: [.standard: yearly(planStandards)])
    return try Microsimulation.run(population, rules: rules, series: series, span: YearSpan(first: from, last: to), byTownship: byTownship)
}

@Suite("Microsimulation rules")
struct MicrosimulationTests {
    @Test("A household of 3 with 3000 元 in 2016: the gap of 240 is below the floor, so it gets 0.1 × 3240 × 3")
    func floorBinds() throws {
        let year = try #require(try simulate(households([(3, 3000)]), from: 2016, to: 2016).years.first)
        #expect(year.eligibleHouseholds == 1 && year.eligiblePersons == 3)
        let perPerson: Double = max(3240 - 3000, 0.1 * 3240)
        #expect(year.totalBenefit.yuan == perPerson * 3)
        #expect(year.averageMonthlyBenefit?.yuan == perPerson * 3 / 3 / 12)
    }

    @Test("A household of 2 with 1000 元 gets the gap: (3240 − 1000) × 2 in 2016")
    func gapPays() throws {
        let year = try simulate(households([(2, 1000)]), from: 2016, to: 2016).years[0]
        #expect(year.totalBenefit.yuan == (3240 - 1000) * 2)
    }

    @Test("Zero income gets the whole standard per person: 4260 × 4 in 2018")
    func zeroIncome() throws {
        #expect(try simulate(households([(4, 0)])).year(2018)?.totalBenefit.yuan == 4260 * 4)
    }

    @Test("Income exactly at the standard is not eligible; one fen below is")
    func exactlyAtStandard() throws {
        let result = try simulate(households([(1, 3240), (1, 3239.99)]), from: 2016, to: 2016)
        #expect(result.years[0].eligibleHouseholds == 1)
        let perPerson: Double = max(3240 - 3239.99, 0.1 * 3240)
        #expect(result.years[0].totalBenefit.yuan == perPerson)
    }

    @Test("Incomes grow: 3500 × 1.09² is below 4260 in 2018, not below 3240 in 2016")
    func growth() throws {
        let result = try simulate(households([(1, 3500)]), growth: 0.09)
        #expect(result.year(2016)?.eligibleHouseholds == 0)
        #expect(result.year(2018)?.eligibleHouseholds == 1)
        let income2018 = 3500 * pow(1.09, 2)
        let perPerson: Double = max(4260 - income2018, 0.1 * 4260)
        #expect(abs(result.year(2018)!.totalBenefit.yuan - perPerson) < 1e-9)
    }

    @Test("A monthly income of 250 元 is 3000 元 a year")
    func monthlyIncome() throws {
        let year = try simulate(households([(1, 250)]), unit: .yuanPerPersonMonth, from: 2016, to: 2016).years[0]
        let perPerson: Double = max(3240 - 250 * 12, 0.1 * 3240)
        #expect(year.totalBenefit.yuan == perPerson)
    }

    @Test("Tiers pay a share of the standard by category: A 1.0 × 4260 × 2, B 0.5 × 4260 × 3 in 2018")
    func tiers() throws {
        let population = households([(2, 1000), (3, 2000), (1, 9000)], category: [0, 1, 1], categories: ["A", "B"])
        let year = try simulate(population, payment: .tiers(shares: ["A": 1.0, "B": 0.5])).year(2018)!
        #expect(year.eligibleHouseholds == 2)
        #expect(year.totalBenefit.yuan == 1.0 * 4260 * 2 + 0.5 * 4260 * 3)
    }

    @Test("Take-up 0: eligible households are counted but none claims; take-up 1: all claim")
    func takeUpBounds() throws {
        let population = households([(2, 1000), (1, 500)])
        let none = try simulate(population, takeUp: 0).year(2016)!
        #expect(none.eligibleHouseholds == 2 && none.recipientHouseholds == 0 && none.totalBenefit.yuan == 0)
        #expect(none.averageMonthlyBenefit == nil)
        let all = try simulate(population, takeUp: 1).year(2016)!
        #expect(all.recipientHouseholds == 2)
    }

    @Test("Take-up is reproducible: the same seed picks the same claimants, about the share of them")
    func takeUpReproducible() throws {
        let population = households((0..<4000).map { _ in (1, 1000.0) })
        let first = try simulate(population, takeUp: 0.3, seed: 7).year(2016)!
        let second = try simulate(population, takeUp: 0.3, seed: 7).year(2016)!
        let other = try simulate(population, takeUp: 0.3, seed: 8).year(2016)!
        #expect(first == second)
        #expect(abs(first.recipientHouseholds / 4000 - 0.3) < 0.03)
        #expect(first.recipientHouseholds != other.recipientHouseholds || first.totalBenefit != other.totalBenefit)
        // The same households claim every year.
        let years = try simulate(population, takeUp: 0.3, seed: 7).years
        #expect(Set(years.map(\.recipientHouseholds)).count == 1)
    }

    @Test("Household keys held as a first key and a count are the keys listed one by one")
    func consecutiveKeys() {
        let held = HouseholdKeys(consecutiveFrom: 41, count: 4)
        let listed: HouseholdKeys = [41, 42, 43, 44]
        #expect(held.isConsecutive && !listed.isConsecutive)
        #expect(held == listed && Array(held) == [41, 42, 43, 44] && held.count == 4 && held[3] == 44)
        #expect(held != [41, 42, 43, 45] && held != [41, 42, 43] && HouseholdKeys(consecutiveFrom: 7, count: 0) == [])
        // The last key UInt64 can hold.
        #expect(Array(HouseholdKeys(consecutiveFrom: UInt64.max - 1, count: 2)) == [UInt64.max - 1, UInt64.max])
        // The same claimants whichever way the keys are held: take-up reads the key of each household.
        let rows = (0..<500).map { _ in (size: UInt8(1), income: 1000.0) }
        var population = households(rows)
        let byFirstKey = try? simulate(population, takeUp: 0.4, seed: 3).year(2016)
        population.householdKey = HouseholdKeys((1...500).map { UInt64($0) })
        #expect(byFirstKey == (try? simulate(population, takeUp: 0.4, seed: 3).year(2016)))
    }

    @Test("Gradual exit: a recipient rising above the standard but below 1.5× keeps 6 months of its last benefit")
    func gradualExit() throws {
        // 3000 in 2016 (eligible, pays the floor or gap); 3000 × 1.3 = 3900 in 2017 ≥ 3660 but < 1.5 × 3660.
        let result = try simulate(
            households([(2, 3000)]), growth: 0.3, exit: .init(months: 6, upToShareOfStandard: 1.5), from: 2016, to: 2018)
        let paid2016: Double = max(3240 - 3000, 0.1 * 3240) * 2
        #expect(result.year(2016)?.totalBenefit.yuan == paid2016)
        let exit = result.year(2017)!
        #expect(exit.eligibleHouseholds == 0)
        #expect(exit.gradualExitHouseholds == 1 && exit.gradualExitPersons == 2)
        #expect(exit.totalBenefit.yuan == paid2016 * 6 / 12)
        #expect(result.year(2018)?.totalBenefit.yuan == 0)
    }

    @Test("Above the gradual-exit ceiling the benefit stops at once")
    func aboveCeiling() throws {
        let result = try simulate(
            households([(1, 3000)]), growth: 1.0, exit: .init(months: 6, upToShareOfStandard: 1.5), from: 2016, to: 2017)
        #expect(result.year(2017)?.gradualExitHouseholds == 0)
        #expect(result.year(2017)?.totalBenefit.yuan == 0)
    }

    @Test("Weights multiply households, persons and money; registered-poor eligible persons are counted")
    func weights() throws {
        let population = households([(2, 1000), (3, 9000)], weight: [10, 20], registeredPoor: [1, 0])
        let year = try simulate(population).year(2016)!
        #expect(year.eligibleHouseholds == 10 && year.eligiblePersons == 20)
        #expect(year.registeredPoorEligiblePersons == 20)
        #expect(year.totalBenefit.yuan == 10 * (3240 - 1000) * 2)
    }

    @Test("Township results add up to the totals")
    func townships() throws {
        let population = households(
            [(2, 1000), (3, 2000), (1, 500), (4, 9000)], township: [0, 1, 1, 0], townships: ["东乡", "西乡"])
        let result = try simulate(population, byTownship: true)
        let byTownship = try #require(result.byTownship)
        #expect(byTownship.map(\.township) == ["东乡", "西乡"])
        #expect(byTownship[0].years[0].eligiblePersons == 2 && byTownship[1].years[0].eligiblePersons == 4)
        #expect(result.years[0].eligiblePersons == 6)
    }

    @Test("The AVX2, portable SIMD and scalar kernels agree on sizes 1 to 100: counts exactly, money bit for bit between the SIMD two")
    func kernelsAgree() throws {
        var random = SplitMix64(seed: 42)
        let rows = (0..<20_003).map { _ in (UInt8(random.next() % 100 + 1), random.nextUnit() * 12_000) }
        let population = households(rows)
        let rules = MicrosimulationRules(incomeBaseYear: 2016, incomeGrowth: .rate(0.09), payment: .gap(floorShare: 0.1))
        let years = planStandards.keys.sorted().map { year in
            Microsimulation.YearParameters(
                year: year, standard: planStandards[year]!, incomeFactor: pow(1.09, Double(year - 2016)), floor: 0.1 * planStandards[year]!,
                exitCeiling: planStandards[year]!)
        }
        let fastest = Microsimulation.compute(population, rules: rules, years: years, byTownship: false, threads: 2, kernel: .fastest)
        let portable = Microsimulation.compute(population, rules: rules, years: years, byTownship: false, threads: 1, kernel: .portableSIMD)
        let scalar = Microsimulation.compute(population, rules: rules, years: years, byTownship: false, threads: 2, kernel: .scalar)
        #expect(fastest.years == portable.years)
        for (a, b) in zip(fastest.years, scalar.years) {
            #expect(a.eligibleHouseholds == b.eligibleHouseholds && a.eligiblePersons == b.eligiblePersons)
            #expect(abs(a.totalBenefit.yuan - b.totalBenefit.yuan) <= 1e-12 * b.totalBenefit.yuan)
        }
    }

    @Test("Results do not depend on the number of threads")
    func threadIndependent() throws {
        var random = SplitMix64(seed: 9)
        let population = households((0..<50_000).map { _ in (UInt8(random.next() % 6 + 1), random.nextUnit() * 9000) })
        let rules = MicrosimulationRules(incomeBaseYear: 2016, incomeGrowth: .rate(0.09), payment: .gap(floorShare: 0.1), takeUp: 0.8)
        let series = try SeriesResolver(definitions: [.standard: yearly(planStandards)])
        let span = YearSpan(first: 2016, last: 2020)
        let one = try Microsimulation.run(population, rules: rules, series: series, span: span, threads: 1)
        let two = try Microsimulation.run(population, rules: rules, series: series, span: span, threads: 2)
        #expect(one.years == two.years)
    }

    @Test("Bad rules are refused: take-up above 1, gradual exit over 12 months, a ceiling below the standard")
    func badRules() throws {
        let population = households([(1, 1000)])
        #expect(throws: ScenarioProblem.self) { try simulate(population, takeUp: 1.5) }
        #expect(throws: ScenarioProblem.self) { try simulate(population, exit: .init(months: 13, upToShareOfStandard: 1.5)) }
        #expect(throws: ScenarioProblem.self) { try simulate(population, exit: .init(months: 6, upToShareOfStandard: 0.9)) }
        let tiered = households([(1, 1000)], category: [0], categories: ["C"])
        #expect(throws: ScenarioProblem.self) { try simulate(tiered, payment: .tiers(shares: ["A": 1])) }
    }

    @Test("Driven series: caseload is the recipients and benefit is total / recipients / 12")
    func drivenSeries() throws {
        let result = try simulate(households([(2, 1000), (1, 500)]))
        let driven = result.drivenSeries([.caseload, .benefit])
        let year = result.year(2018)!
        #expect(driven[.caseload]?.values[2018] == 3)
        #expect(driven[.benefit]?.values[2018] == year.totalBenefit.yuan / 3 / 12)
        #expect(driven[.benefit]?.unit == .yuanPerPersonMonth)
    }
}

@Suite("Synthetic population")
struct SyntheticPopulationTests {
    @Test("The same seed gives the same households; another seed others")
    func reproducible() {
        func first(_ seed: UInt64) -> [SyntheticPopulation.Household] {
            var rows: [SyntheticPopulation.Household] = []
            SyntheticPopulation(households: 50, seed: seed).generate { rows.append($0) }
            return rows
        }
        #expect(first(3) == first(3))
        #expect(first(3) != first(4))
    }

    @Test("The portable logarithm and exponential agree with the platform's to a few ulps")
    func portableMath() {
        var random = SplitMix64(seed: 1)
        for _ in 0..<2000 {
            let x = random.nextUnit() * 100_000 + 1e-3
            #expect(abs(PortableMath.log(x) - log(x)) <= 4 * log(x).ulp + 1e-300)
            let y = random.nextUnit() * 40 - 20
            #expect(abs(PortableMath.exp(y) - exp(y)) <= 4 * exp(y).ulp)
        }
    }

    @Test("The logarithm's series stops at t¹⁹/19: the same bits as the series to t³¹, its later terms below half an ulp")
    func portableLogSeries() {
        /// The series written out to t³¹, as it was summed before.
        func fullSeries(_ x: Double) -> Double {
            var exponent = Int(x.exponent)
            var m = x.significand
            if m > 1.414_213_562_373_095 {
                m /= 2
                exponent += 1
            }
            let (t, e) = ((m - 1) / (m + 1), Double(exponent))
            var (term, sum) = (t, t)
            for k in stride(from: 3, through: 31, by: 2) {
                term = term * (t * t)
                sum = sum + term / Double(k)
            }
            return e * PortableMath.ln2High + (e * PortableMath.ln2Low + sum * 2)
        }
        var random = SplitMix64(seed: 19)
        // Uniforms as the normals' tails take them, values across many binades, and the two ends
        // of t (m just below √2, where |t| is largest, and m at √½).
        var xs = (0..<100_000).map { _ in random.nextUnit() * 0.075 + 1e-300 }
        xs += (0..<100_000).map { _ in Double(sign: .plus, exponent: Int(random.next() % 2000) - 1000, significand: 1 + random.nextUnit()) }
        xs += [(1.414_213_562_373_095 as Double).nextDown / 8, 1.414_213_562_373_095 / 16, 0.707_106_781_186_547_6 / 4, 0.075, 1, 2, 0.5]
        for x in xs where x > 0 && x.isNormal {
            #expect(PortableMath.log(x).bitPattern == fullSeries(x).bitPattern, "ln \(x)")
        }
    }

    @Test("Incomes have the documented median; sizes run 1 to 6; registered poor only below the median")
    func distribution() {
        var incomes: [Double] = []
        var sizes = Set<Int>()
        var poorAboveMedian = 0
        SyntheticPopulation(households: 20_000, seed: 5).generate { household in
            incomes.append(household.incomePerCapita)
            sizes.insert(household.size)
            if household.registeredPoor && household.incomePerCapita >= 9000 { poorAboveMedian += 1 }
        }
        incomes.sort()
        #expect(abs(incomes[10_000] / 9000 - 1) < 0.03)
        #expect(sizes == Set(1...6))
        #expect(poorAboveMedian == 0)
    }
}
