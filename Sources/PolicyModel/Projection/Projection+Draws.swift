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

    /// A cell whose value in every draw is a monotone function of another cell's value in the
    /// same draw, computed by exactly the operations the evaluation uses: its order statistics are
    /// then the function of the other cell's (the same ranks when it does not decrease, the ranks
    /// counted from the top when it does not increase), so a summary need not look among its
    /// values for them.
    public struct Derivation: Sendable {
        /// The cell (in `cells`) it is a function of.
        public let source: Int
        /// Whether the function never decreases (else it never increases).
        public let increasing: Bool
        /// The function, on one value: bit for bit what a draw gives.
        public let apply: @Sendable (Double) -> Double
    }

    /// By cell, the drawn series (its position in the `drawn` the evaluator was made with) and
    /// the position among that series' years whose values the cell is, when it is a drawn series'
    /// own value in a year (when blocks are evaluated whole): its lanes are that row of a block.
    public var drawnRows: [(series: Int, position: Int)?] {
        guard let bulk else { return Array(repeating: nil, count: cells.count) }
        return bulk.cells.map { $0.drawnRow.map { (series: $0.slot, position: $0.position) } }
    }

    /// By cell, how it follows from another cell when it does (when blocks are evaluated whole).
    public var derivations: [Derivation?] { bulk?.derivations ?? Array(repeating: nil, count: cells.count) }

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

        /// The drawn series (its slot) and the position among its years whose values the cell is,
        /// when it is a drawn series' own value in a year.
        var drawnRow: (slot: Int, position: Int)? {
            guard case .value = formula, case .drawn(let slot, let position)? = operands[0] else { return nil }
            return (slot, position)
        }
    }

    let cells: [Cell]
    let checks: [Check]
    /// By cell, the cell it is a monotone function of, when it is one (`DrawEvaluator.Derivation`).
    let derivations: [DrawEvaluator.Derivation?]
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
        derivations = Self.derivations(cells)
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

    /// The cells that are monotone functions of another cell's value in the same draw: a value
    /// per month of a drawn series whose value per year is a cell (x / 12, increasing), and a
    /// margin with one operand constant and the other a cell's (decreasing in the poverty line
    /// for a standard ≥ 0, increasing in the standard for a poverty line > 0).
    static func derivations(_ cells: [Cell]) -> [DrawEvaluator.Derivation?] {
        func valueCell(_ source: Source?) -> Int? {
            guard case .drawn(let slot, let position)? = source else { return nil }
            return cells.firstIndex { $0.drawnRow.map { $0.slot == slot && $0.position == position } ?? false }
        }
        return cells.map { cell -> DrawEvaluator.Derivation? in
            switch cell.formula {
            case .value:
                return nil
            case .perMonth:
                guard let source = valueCell(cell.operands[0]) else { return nil }
                return DrawEvaluator.Derivation(source: source, increasing: true) { YuanPerPersonYear.perMonth($0) }
            case .margin:
                switch (cell.operands[0], cell.operands[1]) {
                case (.constant(let standard)?, let povertyLine) where standard >= 0:
                    guard let source = valueCell(povertyLine) else { return nil }
                    return DrawEvaluator.Derivation(source: source, increasing: false) { YearFigures.margin(lanes: standard, $0) }
                case (let standard, .constant(let povertyLine)?) where povertyLine > 0:
                    guard let source = valueCell(standard) else { return nil }
                    return DrawEvaluator.Derivation(source: source, increasing: true) { YearFigures.margin(lanes: $0, povertyLine) }
                default:
                    return nil
                }
            }
        }
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
        if !block.allFinite { try checkFinite(drawn, block, scenario: scenario) }
        for (c, cell) in cells.enumerated() {
            guard let out = destinations[c] else { continue }
            switch cell.formula {
            case .value:
                out.update(from: lanesOf(cell.operands[0], scratch), count: lanes)
            case .perMonth:
                let x = lanesOf(cell.operands[0], scratch)
                Self.eachLane(lanes, out, x, x) { x, _ in
                    YuanPerPersonYear.perMonth(x)
                } one: { x, _ in
                    YuanPerPersonYear.perMonth(x)
                }
            case .margin:
                let standard = lanesOf(cell.operands[0], scratch)
                let povertyLine = lanesOf(cell.operands[1], scratch + lanes)
                Self.eachLane(lanes, out, standard, povertyLine) {
                    YearFigures.margin(lanes: $0, $1)
                } one: {
                    YearFigures.margin(lanes: $0, $1)
                }
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

    /// `out[d] = formula(a[d], b[d])` for every lane d, with a formula written once for one value
    /// or eight lanes (`TargetLanes`): eight lanes at a time, then the rest one by one, the same
    /// operations lane by lane, so the same bits as a projection's.
    @inline(__always)
    private static func eachLane(
        _ lanes: Int, _ out: UnsafeMutablePointer<Double>, _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>,
        eight: (SIMD8<Double>, SIMD8<Double>) -> SIMD8<Double>, one: (Double, Double) -> Double
    ) {
        var d = 0
        while d + 8 <= lanes {
            let x = UnsafeRawPointer(a + d).loadUnaligned(as: SIMD8<Double>.self)
            let y = UnsafeRawPointer(b + d).loadUnaligned(as: SIMD8<Double>.self)
            UnsafeMutableRawPointer(out + d).storeBytes(of: eight(x, y), as: SIMD8<Double>.self)
            d += 8
        }
        while d < lanes {
            out[d] = one(a[d], b[d])
            d += 1
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
