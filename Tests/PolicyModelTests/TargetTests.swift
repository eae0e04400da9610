import Testing

@testable import PolicyModel

@Suite("Targets")
struct TargetTests {
    func check(_ series: [SeriesName: SeriesDefinition], _ requirement: Target.Requirement, budget: BudgetRules? = nil) throws
        -> TargetCheck
    {
        try Projection(scenario(series, budget: budget, targets: [Target(requirement)])).checks[0]
    }

    @Test("A standard exactly 20% above the line meets a 20% margin: 4260 against 3550")
    func exactMargin() throws {
        let result = try check(
            [.standard: yearly(planStandards), .povertyLine: yearly([2016: 3000, 2018: 3550], growth: 0)],
            .marginAbovePovertyLine(year: 2018, atLeast: 0.20))
        #expect(result.passed)
        #expect(abs(result.actual - (4260.0 / 3550 - 1)) < 1e-15)
    }

    @Test("In 2018 the plan's 4260 is 4260 / (2800 × 1.06⁴) − 1 above the projected line, and 0.206 is not met")
    func projectedMargin() throws {
        let series = [SeriesName.standard: yearly(planStandards), .povertyLine: yearly([2014: 2800], growth: 0.06)]
        let met = try check(series, .marginAbovePovertyLine(year: 2018, atLeast: 0.20))
        #expect(abs(met.actual - (4260 / (2800 * 1.06 * 1.06 * 1.06 * 1.06) - 1)) < 1e-12)
        #expect(met.passed)
        #expect(try !check(series, .marginAbovePovertyLine(year: 2018, atLeast: 0.206)).passed)
    }

    @Test("A benefit of 245 × 5640 / 4260 元/月 in 2020 misses the 325 元/月 floor")
    func benefitFloor() throws {
        let benefit = SeriesDefinition(unit: .yuanPerPersonMonth, values: [2018: 245], proportionalTo: .standard)
        let result = try check([.standard: yearly(planStandards), .benefit: benefit], .benefitAtLeast(year: 2020, YuanPerPersonMonth(325)))
        #expect(!result.passed)
        #expect(abs(result.actual - 245.0 * 5640 / 4260) < 1e-9)
        #expect(result.required == 325)
    }

    @Test("A standard stated per month is compared per month: 355 元/月 meets a 4260 元/年 floor")
    func standardPerMonth() throws {
        let monthly = SeriesDefinition(unit: .yuanPerPersonMonth, values: [2016: 270, 2018: 355], growth: 0.1)
        let result = try check([.standard: monthly], .standardAtLeast(year: 2018, YuanPerPersonYear(4260)))
        #expect(result.passed)
        #expect(result.actual == 355 * 12)
    }

    @Test("The plan's standards grow (5640 / 3240)^(1/4) − 1 a year, not 14.4% ± 0.05%")
    func averageGrowth() throws {
        let result = try check(
            [.standard: yearly(planStandards)],
            .averageGrowth(series: .standard, from: 2016, to: 2020, rate: 0.144, tolerance: 0.0005))
        #expect(abs(result.actual - ((5640.0 / 3240).squareRoot().squareRoot() - 1)) < 1e-12)
        #expect(!result.passed)
    }

    @Test("A standard growing exactly 14.4% a year meets 14.4% with no tolerance")
    func exactGrowth() throws {
        let result = try check(
            [.standard: yearly([2016: 3240], growth: 0.144)],
            .averageGrowth(series: .standard, from: 2016, to: 2020, rate: 0.144, tolerance: 0))
        #expect(result.passed)
    }

    @Test("The standard must grow faster than rural income every year; equal growth is not faster")
    func growthAboveIncome() throws {
        let income = yearly([2016: 12138], growth: 0.09)
        let steep = try check(
            [.standard: yearly(planStandards), .ruralIncome: income], .standardGrowthAboveRuralIncome(from: 2017, to: 2020))
        #expect(steep.passed)
        #expect(steep.decidingYear == 2017)
        #expect(abs(steep.actual - (3660.0 / 3240 - 1)) < 1e-12)
        #expect(steep.yearByYear.count == 4)

        let level = try check(
            [.standard: yearly([2016: 3240], growth: 0.09), .ruralIncome: income], .standardGrowthAboveRuralIncome(from: 2017, to: 2020))
        #expect(!level.passed)
    }

    @Test("The weakest failing year decides: 2019 when only that year lags")
    func growthFailingYear() throws {
        let standard = yearly([2016: 3240, 2017: 3660, 2018: 4260, 2019: 4300, 2020: 5640])
        let result = try check(
            [.standard: standard, .ruralIncome: yearly([2016: 12138], growth: 0.09)], .standardGrowthAboveRuralIncome(from: 2017, to: 2020))
        #expect(!result.passed)
        #expect(result.decidingYear == 2019)
        #expect(abs(result.actual - (4300.0 / 4260 - 1)) < 1e-12)
    }

    @Test("A draw's check without its year-by-year comparisons decides as the detailed one: passes, deciding year and figures")
    func growthRuleUndetailed() throws {
        let kindRule = try #require(TargetKind.standardGrowthAboveRuralIncome.rule)
        let target = Target(.standardGrowthAboveRuralIncome(from: 2017, to: 2019))
        let rule: TargetKind.Rule = kindRule(target)
        // Standard 100, 110, 121, 130 (growth 10%, 10%, 7.43%); income 100, 105, 115, 120 (5%, 9.52%, 4.35%):
        // every year passes, the closest is 2018 (10% against 9.52%).
        let passing = [100.0, 100, 110, 105, 121, 115, 130, 120]
        // The same with the 2019 standard at 123 (1.65% against 4.35%): 2019 fails and decides.
        var failing = passing
        failing[6] = 123
        for (values, passed, year) in [(passing, true, 2018), (failing, false, 2019)] {
            let detailed = values.withUnsafeBufferPointer { rule($0, true) }
            let quick = values.withUnsafeBufferPointer { rule($0, false) }
            #expect(detailed.passed == passed && quick.passed == passed)
            #expect(detailed.decidingYear == year && quick.decidingYear == year)
            #expect(detailed.actual == quick.actual && detailed.required == quick.required)
            #expect(detailed.yearByYear.count == 3 && quick.yearByYear.isEmpty)
        }
        let closest = passing.withUnsafeBufferPointer { rule($0, false) }
        #expect(closest.actual == 121.0 / 110 - 1 && closest.required == 115.0 / 105 - 1)
    }

    @Test("The county pays its share of the budget; a limit equal to it is met")
    func countyBudget() throws {
        let rules = BudgetRules(monthsPaid: 12, funding: .shares(central: 0.5, provincial: 0.3, county: 0.2))
        let series: [SeriesName: SeriesDefinition] = [
            .caseload: SeriesDefinition(unit: .persons, values: [2016: 1000], growth: 0),
            .benefit: SeriesDefinition(unit: .yuanPerPersonMonth, values: [2016: 200], growth: 0),
        ]
        let countyShare = 1000.0 * 200 * 12 * 0.2
        #expect(try check(series, .countyBudgetAtMost(year: 2018, Yuan(countyShare)), budget: rules).passed)
        #expect(try !check(series, .countyBudgetAtMost(year: 2018, Yuan(countyShare - 1)), budget: rules).passed)
        #expect(try check(series, .totalBudgetAtMost(year: 2018, Yuan(1000.0 * 200 * 12)), budget: rules).passed)
    }

    @Test("An expected failure that fails is as expected; one that passes is not")
    func expectations() throws {
        let series = [SeriesName.standard: yearly(planStandards)]
        let fails = Target(.standardAtLeast(year: 2018, YuanPerPersonYear(5000)), expectation: .fail)
        let passes = Target(.standardAtLeast(year: 2018, YuanPerPersonYear(4000)), expectation: .fail)
        let projection = try Projection(scenario(series, targets: [fails, passes]))
        #expect(projection.checks[0].isAsExpected)
        #expect(!projection.checks[1].isAsExpected)
        #expect(!projection.isAsExpected)
    }

    @Test("A target year outside the span is refused, naming the year")
    func yearOutsideSpan() {
        let error = problem {
            _ = try Projection(
                scenario([.standard: yearly(planStandards)], targets: [Target(.standardAtLeast(year: 2021, YuanPerPersonYear(1)))]))
        }
        #expect(error?.year == 2021)
        #expect(error?.keyPath == ["targets", "[0]", "year"])
    }

    @Test("A growth comparison from the first year of the span is refused: it needs the year before")
    func growthNeedsYearBefore() {
        let series = [SeriesName.standard: yearly(planStandards), .ruralIncome: yearly([2016: 12138], growth: 0.09)]
        let error = problem {
            _ = try Projection(scenario(series, targets: [Target(.standardGrowthAboveRuralIncome(from: 2016, to: 2020))]))
        }
        #expect(error?.year == 2016)
    }

    @Test("A target that needs an undefined series, or a budget, is refused")
    func missingInputs() {
        let series = [SeriesName.standard: yearly(planStandards)]
        #expect(
            problem { _ = try Projection(scenario(series, targets: [Target(.marginAbovePovertyLine(year: 2018, atLeast: 0.2))])) } != nil)
        #expect(problem { _ = try Projection(scenario(series, targets: [Target(.countyBudgetAtMost(year: 2018, Yuan(1)))])) } != nil)
    }

    @Test("'from' after 'to' is refused, for the span and for a target")
    func fromAfterTo() {
        #expect(problem { _ = try Projection(scenario([.standard: yearly(planStandards)], from: 2020, to: 2016)) }?.keyPath == ["years"])
        let error = problem {
            _ = try Projection(
                scenario(
                    [.standard: yearly(planStandards)],
                    targets: [Target(.averageGrowth(series: .standard, from: 2020, to: 2016, rate: 0.1, tolerance: 0))]))
        }
        #expect(error?.keyPath == ["targets", "[0]", "from"])
    }

    @Test("In 2018 a benefit of 245 元/月 is 245 / (4260 / 12) = 69.0% of the standard: it meets 65%, not 70%")
    func benefitShare() throws {
        let series = [
            SeriesName.standard: yearly(planStandards),
            .benefit: SeriesDefinition(unit: .yuanPerPersonMonth, values: [2018: 245], proportionalTo: .standard),
        ]
        let met = try check(series, .benefitShareOfStandardAtLeast(year: 2018, atLeast: 0.65))
        #expect(abs(met.actual - 245 / (4260.0 / 12)) < 1e-15)
        #expect(met.passed)
        #expect(try !check(series, .benefitShareOfStandardAtLeast(year: 2018, atLeast: 0.70)).passed)
    }
}
