import Dispatch
import MicrosimKernels

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Derives eligibility, caseload and benefit from household incomes, year by year
/// (docs/model.md §6). Pure: takes a population in memory, returns sums.
///
/// One pass over the households for all years: households are cut into chunks of
/// `chunkSize` that stay in cache while every year is computed on them; chunks run on
/// `threads` workers, and their sums are added in chunk order, so results do not depend on
/// the number of threads. The plain gap rule without weights, take-up, gradual exit or a
/// township breakdown (microsim v1) runs a SIMD kernel; everything else a scalar one.
public enum Microsimulation {
    static let chunkSize = 4096

    /// One year's parameters, in 元 per person per year.
    struct YearParameters: Sendable {
        var year: Int
        var standard: Double
        /// Multiplies a base-year income (in its file unit) into this year's yearly income.
        var incomeFactor: Double
        var floor: Double
        var exitCeiling: Double
    }

    /// Runs the microsimulation of `population` under `rules` for the years of `span`, with the
    /// scenario's series supplying the standard (and the income growth, when it names a series).
    public static func run(
        _ population: HouseholdPopulation, rules: MicrosimulationRules, series: SeriesResolver, span: YearSpan,
        byTownship: Bool = false, threads: Int = 1
    ) throws(ScenarioProblem) -> MicrosimulationResult {
        try rules.validate()
        if case .tiers(let shares) = rules.payment {
            guard population.category != nil else {
                throw ScenarioProblem(at: ["microsimulation", "payment"], "tiered payment needs a 'category' column in the population")
            }
            for category in population.categories where shares[category] == nil {
                throw ScenarioProblem(
                    at: ["microsimulation", "payment", "shares"], "the population has category '\(category)', which has no share")
            }
        }
        var years: [YearParameters] = []
        let unitFactor = rules.incomeUnit.toModelUnit(1)
        for year in span {
            let standard = try series.value(of: .standard, in: year)
            let growth: Double
            switch rules.incomeGrowth {
            case .rate(let rate): growth = pow(1 + rate, Double(year - rules.incomeBaseYear))
            case .series(let name):
                growth = try series.value(of: name, in: year) / series.value(of: name, in: rules.incomeBaseYear)
            }
            var floor = 0.0
            if case .gap(let floorShare) = rules.payment { floor = floorShare * standard }
            years.append(
                YearParameters(
                    year: year, standard: standard, incomeFactor: growth * unitFactor, floor: floor,
                    exitCeiling: (rules.gradualExit?.upToShareOfStandard ?? 1) * standard))
        }
        return compute(population, rules: rules, years: years, byTownship: byTownship, threads: threads)
    }

    /// Which kernel runs the plain gap rule; tests compare them.
    enum Kernel: Sendable { case fastest, portableSIMD, scalar }

    static func compute(
        _ population: HouseholdPopulation, rules: MicrosimulationRules, years: [YearParameters], byTownship: Bool, threads: Int,
        kernel: Kernel = .fastest
    ) -> MicrosimulationResult {
        let count = population.count
        let chunks = (count + chunkSize - 1) / chunkSize
        let groups = byTownship ? max(population.townships.count, 1) : 1
        let stride = years.count * groups
        let usesFastKernel =
            kernel != .scalar && !byTownship && population.weight == nil && rules.takeUp >= 1 && rules.gradualExit == nil
            && population.registeredPoor == nil && { if case .gap = rules.payment { true } else { false } }()
        var tallies = [Tally](repeating: Tally(), count: max(chunks, 1) * stride)
        tallies.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let out = buffer
            let workers = max(1, min(threads, chunks))
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                var chunk = worker
                while chunk < chunks {
                    let range = chunk * chunkSize..<min(count, (chunk + 1) * chunkSize)
                    let slot = out.baseAddress! + chunk * stride
                    if usesFastKernel {
                        gapKernel(population, range, years, native: kernel == .fastest, slot)
                    } else {
                        generalKernel(population, rules, range, years, groups: groups, slot)
                    }
                    chunk += workers
                }
            }
        }
        func sums(group: Int) -> [MicrosimulationYear] {
            years.enumerated().map { index, parameters in
                var tally = Tally()
                for chunk in 0..<chunks { tally = tally + tallies[chunk * stride + group * years.count + index] }
                return tally.year(parameters.year, registeredPoorKnown: population.registeredPoor != nil)
            }
        }
        var result = MicrosimulationResult(
            years: [], byTownship: nil, households: count, isWeighted: population.weight != nil)
        if byTownship {
            let perTownship = (0..<groups).map { group in
                (population.townships.isEmpty ? "" : population.townships[group], sums(group: group))
            }
            result.byTownship = perTownship
            result.years = years.indices.map { index in
                var year = perTownship[0].1[index]
                for township in perTownship.dropFirst() { year = year.adding(township.1[index]) }
                return year
            }
        } else {
            result.years = sums(group: 0)
        }
        return result
    }

    /// microsim v1 on one chunk: eligible when income < standard; benefit = max(standard −
    /// income, floor) × size. Four households per step in SIMD lanes.
    @inline(__always)
    static func gapKernel(
        _ population: HouseholdPopulation, _ range: Range<Int>, _ years: [YearParameters], native: Bool,
        _ out: UnsafeMutablePointer<Tally>
    ) {
        population.incomePerCapita.withUnsafeBufferPointer { incomes in
            population.size.withUnsafeBufferPointer { sizes in
                let income = incomes.baseAddress! + range.lowerBound
                let size = sizes.baseAddress! + range.lowerBound
                let n = range.count
                for (index, parameters) in years.enumerated() {
                    // The AVX2 kernel takes the multiples of four where the CPU has it; the
                    // SIMD4 loop below does the same lanes (bit-identical sums) elsewhere.
                    var lanes = DibaoGapLanes()
                    var i =
                        native
                        ? Int(
                            dibao_gap_kernel_avx2(income, size, n, parameters.standard, parameters.incomeFactor, parameters.floor, &lanes))
                        : 0
                    var total = SIMD4<Double>(lanes.total.0, lanes.total.1, lanes.total.2, lanes.total.3)
                    var persons = SIMD4<Double>(lanes.persons.0, lanes.persons.1, lanes.persons.2, lanes.persons.3)
                    // A true lane of the comparison is all ones (−1 as an integer): subtracting
                    // the mask counts eligible households in one integer operation.
                    var households = SIMD4<Int64>(
                        lanes.households.0, lanes.households.1, lanes.households.2, lanes.households.3)
                    let standard = SIMD4<Double>(repeating: parameters.standard)
                    let factor = SIMD4<Double>(repeating: parameters.incomeFactor)
                    let floor = SIMD4<Double>(repeating: parameters.floor)
                    let zero = SIMD4<Double>()
                    while i + 4 <= n {
                        let yearly = UnsafeRawPointer(income + i).loadUnaligned(as: SIMD4<Double>.self) * factor
                        let householdSize = SIMD4<Double>(UnsafeRawPointer(size + i).loadUnaligned(as: SIMD4<UInt8>.self))
                        let eligible = yearly .< standard
                        // max(gap, floor) as a compare-and-select: incomes are finite, so the
                        // NaN rules of pointwiseMax (two blends) are not needed.
                        let gap = standard - yearly
                        let perPerson = gap.replacing(with: floor, where: gap .< floor)
                        total += zero.replacing(with: perPerson * householdSize, where: eligible)
                        persons += zero.replacing(with: householdSize, where: eligible)
                        households &-= unsafeBitCast(eligible, to: SIMD4<Int64>.self)
                        i &+= 4
                    }
                    var tally = Tally(
                        eligibleHouseholds: Double(households.wrappedSum()), eligiblePersons: persons.sum(), total: total.sum())
                    while i < n {
                        let yearly = income[i] * parameters.incomeFactor
                        if yearly < parameters.standard {
                            tally.eligibleHouseholds += 1
                            tally.eligiblePersons += Double(size[i])
                            tally.total += max(parameters.standard - yearly, parameters.floor) * Double(size[i])
                        }
                        i += 1
                    }
                    tally.recipientHouseholds = tally.eligibleHouseholds
                    tally.recipientPersons = tally.eligiblePersons
                    out[index] = tally
                }
            }
        }
    }

    /// Every rule on one chunk, household by household across the years (gradual exit needs
    /// the previous year's payment): weights, take-up, tiers, gradual exit, registered poor,
    /// and sums by township when `groups` > 1.
    static func generalKernel(
        _ population: HouseholdPopulation, _ rules: MicrosimulationRules, _ range: Range<Int>, _ years: [YearParameters],
        groups: Int, _ out: UnsafeMutablePointer<Tally>
    ) {
        var tierShares: [Double] = []
        if case .tiers(let shares) = rules.payment { tierShares = population.categories.map { shares[$0] ?? 0 } }
        let exitMonths = rules.gradualExit?.months ?? 0
        for household in range {
            let weight = population.weight?[household] ?? 1
            let size = Double(population.size[household])
            let base = groups > 1 ? Int(population.township[household]) * years.count : 0
            let claims = rules.takeUp >= 1 || takeUpDraw(seed: rules.takeUpSeed, key: population.householdKey[household]) < rules.takeUp
            let registeredPoor = (population.registeredPoor?[household] ?? 0) != 0
            var lastPayment = 0.0
            for (index, parameters) in years.enumerated() {
                let yearly = population.incomePerCapita[household] * parameters.incomeFactor
                var tally = out[base + index]
                if yearly < parameters.standard {
                    tally.eligibleHouseholds += weight
                    tally.eligiblePersons += weight * size
                    if registeredPoor { tally.registeredPoorPersons += weight * size }
                    if claims {
                        let perPerson: Double
                        switch rules.payment {
                        case .gap: perPerson = max(parameters.standard - yearly, parameters.floor)
                        case .tiers: perPerson = tierShares[Int(population.category![household])] * parameters.standard
                        }
                        lastPayment = perPerson * size
                        tally.recipientHouseholds += weight
                        tally.recipientPersons += weight * size
                        tally.total += weight * lastPayment
                    } else {
                        lastPayment = 0
                    }
                } else if lastPayment > 0, yearly < parameters.exitCeiling, rules.gradualExit != nil {
                    tally.exitHouseholds += weight
                    tally.exitPersons += weight * size
                    tally.total += weight * lastPayment * exitMonths / 12
                    lastPayment = 0
                } else {
                    lastPayment = 0
                }
                out[base + index] = tally
            }
        }
    }

    /// A uniform number in [0, 1) from the household's key and the seed (SplitMix64 finaliser):
    /// the same household draws the same number on every machine, whatever its row.
    public static func takeUpDraw(seed: UInt64, key: UInt64) -> Double {
        var z = key &+ seed &* 0x9E37_79B9_7F4A_7C15 &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return Double(z >> 11) * 0x1.0p-53
    }
}

extension MicrosimulationYear {
    func adding(_ other: MicrosimulationYear) -> MicrosimulationYear {
        var sum = self
        sum.eligibleHouseholds += other.eligibleHouseholds
        sum.eligiblePersons += other.eligiblePersons
        sum.recipientHouseholds += other.recipientHouseholds
        sum.recipientPersons += other.recipientPersons
        sum.gradualExitHouseholds += other.gradualExitHouseholds
        sum.gradualExitPersons += other.gradualExitPersons
        if let other = other.registeredPoorEligiblePersons {
            sum.registeredPoorEligiblePersons = (sum.registeredPoorEligiblePersons ?? 0) + other
        }
        sum.totalBenefit = sum.totalBenefit + other.totalBenefit
        return sum
    }
}
