/// The figures and target outcomes of Monte Carlo draws of a projection, computed draw by draw
/// with the projection's own rules (`Projection.figures(in:…)`, every target kind's check) but
/// only for what a draw changes: the drawn series, the series that follow them
/// (`proportional_to`), the figures computed from those, and every target. Everything else is the
/// base projection's. For each draw the result is bit for bit what projecting the scenario again
/// with the draw's values gives (`Projection.replacingValues`), which the tests check.
public struct DrawEvaluator: Sendable {
    public let base: Projection
    /// The (figure, year) cells that change from draw to draw, figure by figure in `Figure`
    /// order, years in order; `yearIndex` counts from the first year of the span.
    public let cells: [(figure: Figure, yearIndex: Int)]
    /// The series a draw changes: the drawn ones and those proportional to them.
    public let varying: [SeriesName]
    let budgetVaries: Bool
    /// The base series with the drawn series replaced as a draw replaces them (explicit years,
    /// then drawn years, no growth): a lane then supplies the values.
    let shape: SeriesResolver
    /// Set when whole blocks can be evaluated column by column.
    var bulk: BulkEvaluation?

    /// The evaluator for draws of `drawn` (each series with the years a draw gives it values
    /// for), or nil when a draw needs the whole projection again: a microsimulation, a
    /// transitions model fed by drawn series, or recorded years (实际) that replace drawn values.
    public init?(base: Projection, drawn: [(series: SeriesName, years: [Int])]) {
        let scenario = base.scenario
        guard base.microsimulation == nil, scenario.actuals.map({ $0.years.isEmpty && $0.townships.isEmpty }) ?? true else {
            return nil
        }
        self.base = base
        shape = base.series.replacingValues(drawn.map { ($0.series, $0.years, [Double](repeating: 0, count: $0.years.count)) })
        var varying = Set(drawn.map(\.series))
        var grew = true
        while grew {
            grew = false
            for (name, definition) in scenario.series where !varying.contains(name) {
                if let base = definition.proportionalTo, varying.contains(base) {
                    varying.insert(name)
                    grew = true
                }
            }
        }
        self.varying = varying.sorted()
        budgetVaries = scenario.budget != nil && (varying.contains(.caseload) || varying.contains(.benefit))
        var cells: [(figure: Figure, yearIndex: Int)] = []
        for figure in Figure.allCases where figure.inputs.contains(where: varying.contains) {
            for (y, year) in base.years.enumerated() where figure.value(in: year) != nil {
                cells.append((figure, y))
            }
        }
        self.cells = cells
        bulk = BulkEvaluation(self, drawn: drawn)
    }

    /// Whether `evaluate(_:columns:passes:)` can evaluate whole blocks.
    public var evaluatesBlocks: Bool { bulk != nil }

    /// Every lane of `block` at once, when `evaluatesBlocks`: writes lane d's value of cell c to
    /// `destinations[c]![d]` (cells whose destination is nil are skipped) and increases
    /// `passes[t]` by the lanes that meet target t.
    public func evaluate(
        _ block: DrawnBlock, into destinations: [UnsafeMutablePointer<Double>?], passes: inout [Int]
    ) throws(ScenarioProblem) {
        try bulk!.evaluate(block, evaluator: self, into: destinations, passes: &passes)
    }

    /// Scratch space for one thread's draws, reused from draw to draw.
    public struct Workspace: Sendable {
        var years: [YearFigures]
        var budgets: [Int: YearBudget]

        public init(_ evaluator: DrawEvaluator) {
            years = evaluator.base.years
            budgets = Dictionary(uniqueKeysWithValues: evaluator.base.years.compactMap { f in f.budget.map { (f.year, $0) } })
        }
    }

    /// Lane `lane` of `block`: writes the value of every cell of `cells` (in order) to `values`
    /// and sets `passed[t]` for every target t.
    public func evaluate(
        _ block: DrawnBlock, lane: Int, workspace: inout Workspace, values: inout [Double], passed: inout [Bool]
    ) throws(ScenarioProblem) {
        let scenario = base.scenario
        var series = shape
        series.lane = DrawnBlock.Lane(block: block, index: lane)
        try Projection.checkFinite(varying, of: series, in: scenario)
        if !cells.isEmpty {
            for y in workspace.years.indices {
                var figures = try Projection.figures(
                    in: base.years[y].year, series: series, budget: budgetVaries ? scenario.budget : nil,
                    previous: y > 0 ? workspace.years[y - 1] : nil)
                if budgetVaries {
                    workspace.budgets[figures.year] = figures.budget
                } else {
                    figures.budget = base.years[y].budget
                }
                workspace.years[y] = figures
            }
            for (c, cell) in cells.enumerated() {
                values[c] = cell.figure.value(in: workspace.years[cell.yearIndex]) ?? .nan
            }
        }
        let townships = scenario.actuals?.townships ?? [:]
        for (index, target) in scenario.targets.enumerated() {
            let check = try TargetCheck.evaluate(
                target, index: index, series: series, budgets: workspace.budgets, townships: townships)
            try Projection.checkFinite(check)
            passed[index] = check.passed
        }
    }
}

/// A block of draws evaluated column by column, when only the drawn series change (none follows
/// them, the budget does not): each figure by its series formula (`Figure.seriesFormula`) over
/// the lanes, each target by its kind's rule (`TargetKind.rule`) eight draws at a time, the
/// same arithmetic as a projection lane by lane.
struct BulkEvaluation: Sendable {
    /// Where a value comes from: the base projection, or a drawn series' position in the block.
    enum Source: Sendable {
        case constant(Double)
        case drawn(slot: Int, position: Int)
    }

    enum Check: Sendable {
        /// A target no draw changes: its outcome in the base projection.
        case constant(Bool)
        case rule(reads: [Source], rule: TargetKind.Rule)
    }

    /// A cell that changes: its figure's formula and where the formula's series come from.
    struct Cell: Sendable {
        let formula: Figure.SeriesFormula
        let operands: [Source?]
    }

    let cells: [Cell]
    let checks: [Check]
    /// The drawn series in the order the projection checks them for finite values, with the
    /// block positions of the span's years.
    let finite: [(series: SeriesName, slot: Int, positions: [Int])]

    /// nil when some check or figure needs the projection draw by draw (a kind without a rule
    /// whose series change, a drawn series without a value of its own in a year it is read).
    init?(_ evaluator: DrawEvaluator, drawn: [(series: SeriesName, years: [Int])]) {
        let base = evaluator.base
        guard !evaluator.budgetVaries, Set(evaluator.varying) == Set(drawn.map(\.series)) else { return nil }
        func source(_ name: SeriesName, _ year: Int) -> Source? {
            if let slot = drawn.firstIndex(where: { $0.series == name }) {
                return drawn[slot].years.firstIndex(of: year).map { .drawn(slot: slot, position: $0) }
            }
            return (try? base.series.value(of: name, in: year)).map(Source.constant)
        }
        var cells: [Cell] = []
        for cell in evaluator.cells {
            guard let formula = cell.figure.seriesFormula else { return nil }
            let year = base.years[cell.yearIndex].year
            var operands: [Source?] = []
            for name in cell.figure.inputs {
                guard base.series.defines(name) else {
                    operands.append(nil)
                    continue
                }
                guard let found = source(name, year) else { return nil }
                operands.append(found)
            }
            cells.append(Cell(formula: formula, operands: operands))
        }
        self.cells = cells
        var checks: [Check] = []
        for (check, target) in zip(base.checks, base.scenario.targets) {
            if let reads = target.kind.reads, let rule = target.kind.rule {
                let inputs = reads(target)
                if inputs.contains(where: { evaluator.varying.contains($0.series) }) {
                    var sources: [Source] = []
                    for input in inputs {
                        guard let found = source(input.series, input.year) else { return nil }
                        sources.append(found)
                    }
                    checks.append(.rule(reads: sources, rule: rule(target)))
                } else {
                    checks.append(.constant(check.passed))
                }
            } else if target.kind.needs.isEmpty {
                // Reads the budget or the ledger only, which no draw here changes.
                checks.append(.constant(check.passed))
            } else {
                return nil
            }
        }
        self.checks = checks
        finite = SeriesName.allCases.compactMap { name in
            guard let slot = drawn.firstIndex(where: { $0.series == name }) else { return nil }
            return (name, slot, base.scenario.span.map { drawn[slot].years.firstIndex(of: $0) ?? -1 })
        }
        guard !finite.contains(where: { $0.positions.contains(-1) }) else { return nil }
    }

    /// Every lane's cells (into `destinations`, by cell) and how many lanes meet each target.
    func evaluate(
        _ block: DrawnBlock, evaluator: DrawEvaluator, into destinations: [UnsafeMutablePointer<Double>?], passes: inout [Int]
    ) throws(ScenarioProblem) {
        try block.values.withUnsafeBufferPointer { drawn throws(ScenarioProblem) in
            try withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * block.lanes) { scratch throws(ScenarioProblem) in
                try evaluate(
                    drawn.baseAddress!, block, scratch: scratch.baseAddress!, evaluator: evaluator, into: destinations, passes: &passes)
            }
        }
    }

    private func evaluate(
        _ drawn: UnsafePointer<Double>, _ block: DrawnBlock, scratch: UnsafeMutablePointer<Double>, evaluator: DrawEvaluator,
        into destinations: [UnsafeMutablePointer<Double>?], passes: inout [Int]
    ) throws(ScenarioProblem) {
        let scenario = evaluator.base.scenario
        let lanes = block.lanes
        /// The row of `drawn` a source reads (lane 0), or −1 with the constant.
        func row(_ source: Source?) -> (row: Int, constant: Double) {
            switch source {
            case .constant(let value): (-1, value)
            case .drawn(let slot, let position): ((block.offsets[slot] + position) * lanes, 0)
            case nil: (-1, .nan)
            }
        }
        /// The lanes of a source: its row of the block, or `scratch` filled with its constant.
        func lanesOf(_ source: Source?, _ scratch: UnsafeMutablePointer<Double>) -> UnsafePointer<Double> {
            let (start, constant) = row(source)
            if start >= 0 { return drawn + start }
            scratch.update(repeating: constant, count: lanes)
            return UnsafePointer(scratch)
        }
        try checkFinite(drawn, block, scenario: scenario)
        for (c, cell) in cells.enumerated() {
            guard let out = destinations[c] else { continue }
            switch cell.formula {
            case .value:
                out.update(from: lanesOf(cell.operands[0], scratch), count: lanes)
            case .perMonth:
                let x = lanesOf(cell.operands[0], scratch)
                for d in 0..<lanes { out[d] = YuanPerPersonYear(x[d]).perMonth.yuan }
            case .margin:
                let standard = lanesOf(cell.operands[0], scratch)
                let povertyLine = lanesOf(cell.operands[1], scratch + lanes)
                for d in 0..<lanes { out[d] = YearFigures.margin(standard: standard[d], povertyLine: povertyLine[d]) ?? .nan }
            }
        }
        for (t, check) in checks.enumerated() {
            switch check {
            case .constant(let passed):
                if passed { passes[t] += lanes }
            case .rule(let reads, let rule):
                passes[t] += try count(
                    meeting: rule, reads: reads.map { row($0) }, drawn, lanes: lanes, of: scenario.targets[t], index: t)
            }
        }
    }

    /// How many lanes meet target `target` (the `index`-th), by its rule on the values `reads`
    /// gives (a block row, or a constant where the row is −1): eight lanes a step, the rest one by
    /// one. Throws as the projection would for the first lane whose deciding figures are not finite.
    private func count(
        meeting rule: TargetKind.Rule, reads: [(row: Int, constant: Double)], _ drawn: UnsafePointer<Double>, lanes: Int,
        of target: Target, index: Int
    ) throws(ScenarioProblem) -> Int {
        let drawnReads = reads.indices.filter { reads[$0].row >= 0 }.map { (i: $0, row: reads[$0].row) }
        let eightAtATime = lanes - lanes % 8
        let met = withUnsafeTemporaryAllocation(of: SIMD8<Double>.self, capacity: reads.count) { values -> Int? in
            for (i, read) in reads.enumerated() { values[i] = SIMD8(repeating: read.constant) }
            var met = SIMD8<Int64>()
            var judged = SIMDMask<SIMD8<Int64>>(repeating: true)
            for lane in stride(from: 0, to: eightAtATime, by: 8) {
                for read in drawnReads { values[read.i] = UnsafeRawPointer(drawn + read.row + lane).loadUnaligned(as: SIMD8<Double>.self) }
                let judgement = rule.eight(UnsafeBufferPointer(values))
                met &+= SIMD8(repeating: 0).replacing(with: 1, where: judgement.passed)
                judged .&= judgement.figuresFinite
            }
            // A lane with a figure that is not finite: one by one from the start, which throws at
            // the first lane whose deciding figures are not finite (or counts them all if none is).
            return all(judged) ? Int(met.wrappedSum()) : nil
        }
        var total = met ?? 0
        try withUnsafeTemporaryAllocation(of: Double.self, capacity: reads.count) { values throws(ScenarioProblem) in
            for (i, read) in reads.enumerated() { values[i] = read.constant }
            for lane in (met == nil ? 0 : eightAtATime)..<lanes {
                for read in drawnReads { values[read.i] = drawn[read.row + lane] }
                let result = rule.one(UnsafeBufferPointer(values))
                try Projection.checkFinite(actual: result.actual, required: result.required, of: target, index: index)
                if result.passed { total += 1 }
            }
        }
        return total
    }

    /// Throws, as the projection would for the first draw of the block that has one, when a drawn
    /// series is not finite in a year of the span.
    private func checkFinite(_ drawn: UnsafePointer<Double>, _ block: DrawnBlock, scenario: Scenario) throws(ScenarioProblem) {
        let lanes = block.lanes
        // x − x is 0 for a finite x and NaN otherwise: a sum that is 0 means every value is finite.
        var check = SIMD4<Double>.zero
        var rest = 0.0
        for entry in finite {
            for position in entry.positions {
                let row = drawn + (block.offsets[entry.slot] + position) * lanes
                var d = 0
                while d + 4 <= lanes {
                    let x = UnsafeRawPointer(row + d).loadUnaligned(as: SIMD4<Double>.self)
                    check += x - x
                    d += 4
                }
                while d < lanes {
                    rest += row[d] - row[d]
                    d += 1
                }
            }
        }
        if check.sum() + rest == 0 { return }
        for lane in 0..<lanes {
            for entry in finite {
                for (y, position) in entry.positions.enumerated()
                where !drawn[(block.offsets[entry.slot] + position) * lanes + lane].isFinite {
                    let definition = scenario.series[entry.series]
                    let year = scenario.span.first + y
                    throw ScenarioProblem(
                        at: ["series", entry.series.rawValue, definition?.growth != nil ? "growth" : "values"], year: year,
                        "series '\(entry.series.rawValue)' grows beyond any finite number by \(year); check its growth and values")
                }
            }
        }
    }
}
