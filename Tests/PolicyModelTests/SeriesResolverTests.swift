import PolicyModel
import Testing

@Suite("Series rules")
struct SeriesResolverTests {
    @Test("A year with an explicit value takes it")
    func explicit() throws {
        let resolver = try SeriesResolver(definitions: [.standard: yearly(planStandards)])
        #expect(try resolver.value(of: .standard, in: 2018) == 4260)
    }

    @Test("After the last value the series grows at its rate: 3660 × 1.144² in 2019")
    func growthAfterLastValue() throws {
        let resolver = try SeriesResolver(definitions: [.standard: yearly([2016: 3240, 2017: 3660], growth: 0.144)])
        #expect(abs(try resolver.value(of: .standard, in: 2019) - 3660 * 1.144 * 1.144) < 1e-9)
    }

    @Test("Between two explicit values the latest earlier one is grown: 2800 × 1.06 in 2015")
    func growthBetweenValues() throws {
        let resolver = try SeriesResolver(definitions: [.povertyLine: yearly([2014: 2800, 2016: 2952], growth: 0.06)])
        #expect(abs(try resolver.value(of: .povertyLine, in: 2015) - 2800 * 1.06) < 1e-9)
        #expect(try resolver.value(of: .povertyLine, in: 2016) == 2952)
        #expect(abs(try resolver.value(of: .povertyLine, in: 2017) - 2952 * 1.06) < 1e-9)
    }

    @Test("A benefit proportional to the standard: 245 × 5640 / 4260 元/月 in 2020, 245 × 3240 / 4260 in 2016")
    func proportional() throws {
        let benefit = SeriesDefinition(unit: .yuanPerPersonMonth, values: [2018: 245], proportionalTo: .standard)
        let resolver = try SeriesResolver(definitions: [.standard: yearly(planStandards), .benefit: benefit])
        let inModelUnit2020 = try resolver.value(of: .benefit, in: 2020)
        #expect(abs(inModelUnit2020 / 12 - 245 * 5640 / 4260) < 1e-9)
        #expect(abs(try resolver.value(of: .benefit, in: 2016) / 12 - 245 * 3240 / 4260) < 1e-9)
    }

    @Test("A proportional series anchors on the latest explicit year at or before t")
    func proportionalTwoAnchors() throws {
        let benefit = SeriesDefinition(unit: .yuanPerPersonMonth, values: [2018: 245, 2020: 325], proportionalTo: .standard)
        let resolver = try SeriesResolver(definitions: [.standard: yearly(planStandards), .benefit: benefit])
        #expect(abs(try resolver.value(of: .benefit, in: 2019) / 12 - 245 * 4860 / 4260) < 1e-9)
        #expect(try resolver.value(of: .benefit, in: 2020) == 325 * 12)
    }

    @Test("A year after the last value with no growth rate is an error naming the series and year")
    func noGrowth() throws {
        let resolver = try SeriesResolver(definitions: [.standard: yearly([2016: 3240])])
        let error = problem { _ = try resolver.value(of: .standard, in: 2017) }
        #expect(error?.year == 2017)
        #expect(error?.message.contains("standard") == true)
        #expect(error?.keyPath == ["series", "standard", "values"])
    }

    @Test("Growth does not run backward: a year before the first value is an error")
    func beforeFirstValue() throws {
        let resolver = try SeriesResolver(definitions: [.standard: yearly([2017: 3660], growth: 0.1)])
        #expect(problem { _ = try resolver.value(of: .standard, in: 2016) }?.year == 2016)
    }

    @Test("A caseload stated in 元 is refused: the unit must measure persons")
    func unitMismatch() {
        let error = problem { _ = try SeriesResolver(definitions: [.caseload: yearly([2016: 30000])]) }
        #expect(error?.keyPath == ["series", "caseload", "unit"])
    }

    @Test("Negative and non-finite values are refused, naming the year", arguments: [-1.0, .nan, .infinity])
    func badValues(value: Double) {
        let error = problem { _ = try SeriesResolver(definitions: [.standard: yearly([2016: 3240, 2017: value])]) }
        #expect(error?.year == 2017)
        #expect(error?.keyPath == ["series", "standard", "values", "2017"])
    }

    @Test("Growth of −100% or less, or not finite, is refused", arguments: [-1.0, -2.0, .nan])
    func badGrowth(growth: Double) {
        #expect(problem { _ = try SeriesResolver(definitions: [.standard: yearly([2016: 3240], growth: growth)]) } != nil)
    }

    @Test("growth and proportional_to together are refused")
    func growthAndProportional() {
        let benefit = SeriesDefinition(unit: .yuanPerPersonMonth, values: [2018: 245], growth: 0.1, proportionalTo: .standard)
        let error = problem { _ = try SeriesResolver(definitions: [.standard: yearly(planStandards), .benefit: benefit]) }
        #expect(error?.keyPath == ["series", "benefit", "growth"])
    }

    @Test("proportional_to an undefined series, or in a cycle, is refused")
    func badProportional() {
        let benefit = SeriesDefinition(unit: .yuanPerPersonMonth, values: [2018: 245], proportionalTo: .standard)
        #expect(problem { _ = try SeriesResolver(definitions: [.benefit: benefit]) }?.message.contains("does not define") == true)
        let standard = SeriesDefinition(unit: .yuanPerPersonYear, values: [2016: 3240], proportionalTo: .benefit)
        let cycle = problem { _ = try SeriesResolver(definitions: [.benefit: benefit, .standard: standard]) }
        #expect(cycle?.message.contains("cycle") == true)
    }

    @Test("A series with no values is refused")
    func empty() {
        #expect(problem { _ = try SeriesResolver(definitions: [.standard: yearly([:])]) } != nil)
    }
}
