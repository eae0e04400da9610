import MicrosimKernels
import PolicyModel

/// Summaries of a Monte Carlo run that never holds every draw: the first draws (the pilot) are
/// held (but for a cell that is a monotone function of another, only scanned), and their order
/// statistics set, around each percentile's rank, a bracket of values
/// that the rank's value lies in with near certainty; the other draws are then summarized block
/// by block as they are drawn, while their values are still in the cache — the block's sum for
/// the mean, the least and greatest value, and per bracket the number of values below it and
/// the values inside it. Each percentile is then an exact selection among its bracket's values,
/// the same value as a selection over all draws; a cell whose brackets missed a rank (or whose
/// values are not all finite) is summarized again from all its draws (`MonteCarlo.run`).
extension DrawPlan {
    /// How many standard deviations of the pilot's count a bracket reaches each side of a rank:
    /// a rank falls outside its bracket about once in 3 × 10⁶.
    static let bracketReach = 5.0

    /// The pilot: 1/16 of the draws, at least 8,192, in whole blocks; nil when that would be a
    /// quarter of the run or more (then every draw is held).
    static func pilotDraws(_ draws: Int) -> Int? {
        let block = MonteCarlo.blockSize
        let pilot = (max(8192, draws / 16) + block - 1) / block * block
        return pilot * 4 <= draws ? pilot : nil
    }

    /// A bracket of values: a rank's value lies in [least, greatest].
    struct Bracket {
        var least: Double
        var greatest: Double
    }

    /// The brackets of one cell (ascending, disjoint) and, by rank, the bracket it lies in.
    struct CellBrackets {
        var brackets: [Bracket]
        var bracketOfRank: [Int: Int]
        /// By bracket, the share of the pilot's values it spans (its order statistics' ranks),
        /// by which a tally reserves room for its values (`CellTally.init`).
        var shares: [Double] = []
    }

    /// The summaries of every cell that streaming could find (nil for the others), the targets'
    /// pass counts and the kept figures' draws; nil when the run is too small to stream or its
    /// kept figures alone exceed `memoryBudget`.
    func streamedSummaries(
        draws: Int, seed: UInt64, levels: [Double], keep: Set<Figure>, threads: Int, memoryBudget: Int,
        streaming: MonteCarlo.Streaming = .automatic, progress: (@Sendable (Int) -> Void)?
    ) throws(ScenarioProblem) -> (summaries: [Summary?], passes: [Int], samples: [Figure: [Int: [Double]]])? {
        var reach = Self.bracketReach
        var pilotDraws = Self.pilotDraws(draws)
        if case .pilot(let count, let asked) = streaming {
            pilotDraws = count % MonteCarlo.blockSize == 0 && count > 0 && count < draws ? count : nil
            reach = asked
        }
        guard let pilotCount = pilotDraws else { return nil }
        let bracketReach = reach
        let kept = cells.indices.filter { keep.contains(cells[$0].figure) }
        guard kept.count * draws * 8 <= memoryBudget else { return nil }
        let ranks = Summary.ranks(count: draws, levels: Summary.allLevels(levels))
        let keptSlot = Dictionary(uniqueKeysWithValues: kept.enumerated().map { ($1, $0) })
        let streamed = cells.indices.filter { keptSlot[$0] == nil }
        let workers = Self.workers(draws: draws - pilotCount, threads: threads)
        let blockSize = MonteCarlo.blockSize
        let blockCount = (draws + blockSize - 1) / blockSize

        // A streamed cell that is a monotone function of another streamed cell (`Derivation`) is
        // only scanned (sum and extent): its order statistics are the function of the other's, at
        // the same ranks or at those counted from the top, which that cell's brackets then hold too.
        let derivations = evaluator?.derivations ?? Array(repeating: nil, count: cells.count)
        var derived = [DrawEvaluator.Derivation?](repeating: nil, count: cells.count)
        var mirrored = Set<Int>()
        for c in streamed {
            guard let derivation = derivations[c], keptSlot[derivation.source] == nil, derivations[derivation.source] == nil else {
                continue
            }
            derived[c] = derivation
            if !derivation.increasing { mirrored.insert(derivation.source) }
        }
        let derivedCells = derived
        let mirroredRanks = Array(Set(ranks + ranks.map { draws - 1 - $0 })).sorted()
        let sources = mirrored

        // The streamed cells that are a drawn series' own value in a year: by cell, their row of
        // the drawn block the evaluator fills (the evaluator was made with `paths`, in order).
        var rowOf = [Int?](repeating: nil, count: cells.count)
        if let evaluator {
            let offsets = DrawnBlock.offsets(years: paths.map(\.years))
            let drawnRows = evaluator.drawnRows
            for c in streamed { rowOf[c] = drawnRows[c].map { offsets[$0.series] + $0.position } }
        }
        let rows = rowOf

        // By cell, its place in a list of cells.
        func positions(_ list: [Int]) -> [Int?] {
            var positions = [Int?](repeating: nil, count: cells.count)
            for (position, c) in list.enumerated() { positions[c] = position }
            return positions
        }
        // The pilot. Every streamed cell's blocks are scanned as drawn (sum and extent, from draw
        // 0's value, drawn first), as the later blocks are; the pilot holds only the cells whose
        // values are selected (for their brackets) or kept, not the derived ones.
        let cellCount = cells.count
        let held = cells.indices.filter { derivedCells[$0] == nil }
        let scanned = streamed.filter { derivedCells[$0] != nil }
        let (heldSlot, scannedSlot, streamedSlot) = (positions(held), positions(scanned), positions(streamed))
        let pilotWorkers = Self.workers(draws: pilotCount, threads: threads)
        // Draw 0 alone; should it fail, the pilot's first block fails with the problem a whole
        // block reports first (as without streaming), else the run is not streamed.
        let drawZero = try? draw(0..<1, seed: seed)
        let cellOrigins = cells.indices.map { drawZero?.column($0).first ?? 0 }
        var pilotValues = [Double](unsafeUninitializedCapacity: held.count * pilotCount) { _, n in n = held.count * pilotCount }
        var blockSums = [Double](repeating: 0, count: cellCount * blockCount)
        // Cell c's block of `count` values from draw `firstDraw`: its sum in its place, and its extent.
        @Sendable func scan(
            _ values: UnsafePointer<Double>, count: Int, firstDraw: Int, cell c: Int, sums: UnsafeMutablePointer<Double>
        ) -> Summary.Extent {
            let block = Summary.scanBlock(UnsafeBufferPointer(start: values, count: count), from: cellOrigins[c])
            sums[c * blockCount + firstDraw / blockSize] = block.sum
            return block.range
        }
        // By worker: a derived cell's block as drawn, and each streamed cell's extent so far
        // (memory of their own, written by that worker only).
        let pilotScratch = UnsafeMutablePointer<Double>.allocate(capacity: max(1, pilotWorkers * scanned.count * blockSize))
        let workerExtents = UnsafeMutableBufferPointer<Summary.Extent>.allocate(capacity: pilotWorkers * streamed.count)
        workerExtents.initialize(repeating: Summary.Extent(least: .infinity, greatest: -.infinity, finite: true))
        defer {
            pilotScratch.deallocate()
            workerExtents.deallocate()
        }
        let pilotPasses = try pilotValues.withUnsafeMutableBufferPointer { (valueBuffer) throws(ScenarioProblem) -> [Int] in
            try blockSums.withUnsafeMutableBufferPointer { (sumBuffer) throws(ScenarioProblem) -> [Int] in
                nonisolated(unsafe) let (out, sums) = (valueBuffer.baseAddress!, sumBuffer.baseAddress!)
                nonisolated(unsafe) let (scratch, extents) = (pilotScratch, workerExtents)
                // Where cell c's values of the block from draw `first` go.
                @Sendable func place(_ c: Int, worker: Int, first: Int) -> UnsafeMutablePointer<Double> {
                    heldSlot[c].map { out + $0 * pilotCount + first } ?? scratch + (worker * scanned.count + scannedSlot[c]!) * blockSize
                }
                return try drawBlocks(
                    0..<pilotCount, seed: seed, threads: threads, progress: progress,
                    columns: { worker, first, destinations in
                        precondition(worker < pilotWorkers, "the pilot's scratch is made for \(pilotWorkers) workers")
                        for c in 0..<cellCount { destinations[c] = place(c, worker: worker, first: first) }
                    },
                    finished: { worker, first, count, _ in
                        for (slot, c) in streamed.enumerated() {
                            extents[worker * streamed.count + slot].include(
                                scan(place(c, worker: worker, first: first), count: count, firstDraw: first, cell: c, sums: sums))
                        }
                    })
            }
        }
        guard drawZero != nil else { return nil }

        // Each streamed cell's pilot extent; then its brackets (none for a derived cell), selected
        // in place: the pilot's values are tallied below in whatever order the selection left them,
        // since what a tally keeps (extent, counts, the values inside each bracket) does not depend
        // on order.
        let pilotExtents = streamed.indices.map { slot in
            (1..<pilotWorkers).reduce(into: workerExtents[slot]) { $0.include(workerExtents[$1 * streamed.count + slot]) }
        }
        let plans = pilotValues.withUnsafeMutableBufferPointer { all in
            nonisolated(unsafe) let all = all
            let found = concurrentMap(streamed.count, threads: threads) { slot -> CellBrackets? in
                let c = streamed[slot]
                guard derivedCells[c] == nil, let position = heldSlot[c] else { return CellBrackets(brackets: [], bracketOfRank: [:]) }
                return Self.brackets(
                    reordering: UnsafeMutableBufferPointer(rebasing: all[(position * pilotCount)..<((position + 1) * pilotCount)]),
                    range: pilotExtents[slot], ranks: sources.contains(c) ? mirroredRanks : ranks, draws: draws, reach: bracketReach)
            }
            var plans = [CellBrackets?](repeating: nil, count: cellCount)
            for (slot, c) in streamed.enumerated() { plans[c] = found[slot] }
            return plans
        }
        let cellPlans = plans

        // By worker and cell, what the worker's blocks gave; the blocks' sums by cell and block.
        let memberCap = max(1 << 16, draws / 4)
        // Worker 0 reserves room for the whole run's share, so that the other workers' values
        // are gathered after its own at the end (`Members.gathered`); the others for their share.
        var tallies = (0..<workers).flatMap { worker in
            streamed.map { c in
                CellTally(
                    brackets: plans[c]?.brackets ?? [], expected: plans[c]?.shares ?? [],
                    of: worker == 0 ? draws : (draws - pilotCount) / workers, cap: memberCap)
            }
        }
        defer { for tally in tallies { tally.deallocate() } }
        // Every place is written: the pilot's draws below, the rest as drawn.
        var stored = [Double](unsafeUninitializedCapacity: kept.count * draws) { _, n in n = kept.count * draws }
        var scratch = [Double](unsafeUninitializedCapacity: workers * cells.count * blockSize) { _, n in
            n = workers * cells.count * blockSize
        }

        let passes: [Int] = try stored.withUnsafeMutableBufferPointer { (storedBuffer) throws(ScenarioProblem) -> [Int] in
            try scratch.withUnsafeMutableBufferPointer { (scratchBuffer) throws(ScenarioProblem) -> [Int] in
                try blockSums.withUnsafeMutableBufferPointer { (sumBuffer) throws(ScenarioProblem) -> [Int] in
                    try tallies.withUnsafeMutableBufferPointer { (tallyBuffer) throws(ScenarioProblem) -> [Int] in
                        nonisolated(unsafe) let storedOut = storedBuffer.baseAddress!
                        nonisolated(unsafe) let scratchOut = scratchBuffer.baseAddress!
                        nonisolated(unsafe) let sums = sumBuffer.baseAddress!
                        nonisolated(unsafe) let tallyOut = tallyBuffer
                        // Cell c's values of `count` draws from draw `firstDraw` (a block's start), tallied in worker w's slot.
                        @Sendable func tally(_ values: UnsafePointer<Double>, count: Int, firstDraw: Int, cell c: Int, worker w: Int) {
                            guard let plan = cellPlans[c] else { return }
                            let range = scan(values, count: count, firstDraw: firstDraw, cell: c, sums: sums)
                            tallyOut[w * streamed.count + streamedSlot[c]!].take(
                                values, count: count, range: range, brackets: plan.brackets, cap: memberCap)
                        }
                        // The pilot's own draws (their blocks' sums are taken above), each worker taking the
                        // next cell when it is free (in worker 0's slots).
                        let heldValues = pilotValues
                        concurrentWork(streamed.count, workers: threads) { _, next in
                            while let slot = next() {
                                let c = streamed[slot]
                                let extent = pilotExtents[slot]
                                guard let plan = cellPlans[c] else { continue }
                                // A derived cell's pilot was scanned as drawn: its extent is all it adds.
                                guard let position = heldSlot[c] else {
                                    tallyOut[slot].range.include(extent)
                                    continue
                                }
                                heldValues.withUnsafeBufferPointer { all in
                                    var first = 0
                                    while first < pilotCount {
                                        let count = min(blockSize, pilotCount - first)
                                        tallyOut[slot].take(
                                            all.baseAddress! + position * pilotCount + first, count: count, range: extent,
                                            brackets: plan.brackets, cap: memberCap)
                                        first += count
                                    }
                                }
                            }
                        }
                        heldValues.withUnsafeBufferPointer { all in
                            for c in kept {
                                (storedOut + keptSlot[c]! * draws).update(
                                    from: all.baseAddress! + heldSlot[c]! * pilotCount, count: pilotCount)
                            }
                        }
                        // The rest, block by block as drawn.
                        let rest = try drawBlocks(
                            pilotCount..<draws, seed: seed, threads: threads, progress: progress,
                            columns: { worker, first, destinations in
                                let mine = scratchOut + worker * cellCount * blockSize
                                for c in 0..<cellCount {
                                    // A drawn series' own value is read where it was drawn: not written out.
                                    destinations[c] =
                                        keptSlot[c].map { storedOut + $0 * draws + pilotCount + first }
                                        ?? (rows[c] == nil ? mine + c * blockSize : nil)
                                }
                            },
                            finished: { worker, first, count, drawn in
                                let mine = scratchOut + worker * cellCount * blockSize
                                for c in streamed {
                                    let values = rows[c].map { drawn! + $0 * count } ?? UnsafePointer(mine + c * blockSize)
                                    tally(values, count: count, firstDraw: pilotCount + first, cell: c, worker: worker)
                                }
                            })
                        return zip(pilotPasses, rest).map { $0 + $1 }
                    }
                }
            }
        }

        var summaries = [Summary?](repeating: nil, count: cells.count)
        let (finalTallies, sums) = (tallies, blockSums)
        // A cell's mean: x₀ + Σ (x − x₀) / n, the blocks' sums added in the blocks' order.
        @Sendable func mean(_ c: Int) -> Double {
            cellOrigins[c] + (0..<blockCount).reduce(0.0) { $0 + sums[c * blockCount + $1] } / Double(draws)
        }
        let streamedSummaries = concurrentMap(streamed.count, threads: threads) { slot -> (Summary, [Int: Double])? in
            let c = streamed[slot]
            guard let plan = cellPlans[c], derivedCells[c] == nil else { return nil }
            return Self.summary(
                (0..<workers).map { finalTallies[$0 * streamed.count + slot] }, plan: plan, draws: draws, mean: mean(c), levels: levels)
        }
        var statisticsByCell = [[Int: Double]?](repeating: nil, count: cells.count)
        for (slot, c) in streamed.enumerated() {
            summaries[c] = streamedSummaries[slot]?.0
            statisticsByCell[c] = streamedSummaries[slot]?.1
        }
        // The derived cells: their order statistics the function of their source's; nil (drawn
        // again and held) when a value was not finite or the source had none.
        for (slot, c) in streamed.enumerated() {
            guard let derivation = derivedCells[c], let source = statisticsByCell[derivation.source],
                (0..<workers).allSatisfy({ finalTallies[$0 * streamed.count + slot].range.finite })
            else { continue }
            var statistics: [Int: Double] = [:]
            for rank in ranks {
                guard let value = source[derivation.increasing ? rank : draws - 1 - rank] else { break }
                statistics[rank] = derivation.apply(value)
            }
            guard statistics.count == ranks.count else { continue }
            summaries[c] = Summary(mean: mean(c), count: draws, levels: levels, statistics: statistics)
        }
        var samples: [Figure: [Int: [Double]]] = [:]
        for c in kept {
            let slot = keptSlot[c]!
            var column = Array(stored[(slot * draws)..<((slot + 1) * draws)])
            samples[cells[c].figure, default: [:]][base.years[cells[c].yearIndex].year] = column
            summaries[c] = Summary(&column, levels: levels)
        }
        return (summaries, passes, samples)
    }

    /// The brackets of a cell from its m pilot draws: for rank r of `draws` values (quantile
    /// p = r / (draws − 1)), the pilot's order statistics `reach` standard deviations of its
    /// count, √(m p (1 − p)), and two more below and above p (m − 1); unbounded past the pilot's
    /// ends. Overlapping brackets are joined. Nil when the pilot's values are not all finite.
    /// The pilot's values are taken in place, their extent being `range`: the selection leaves
    /// them in another order (the same values).
    static func brackets(
        reordering values: UnsafeMutableBufferPointer<Double>, range: Summary.Extent, ranks: [Int], draws: Int, reach: Double
    ) -> CellBrackets? {
        let m = values.count
        var ends: [(rank: Int, low: Int, high: Int)] = []
        for rank in ranks {
            let p = Double(rank) / Double(draws - 1)
            let centre = p * Double(m - 1)
            let spread = reach * (Double(m) * p * (1 - p)).squareRoot() + 2
            ends.append((rank, Int((centre - spread).rounded(.down)), Int((centre + spread).rounded(.up))))
        }
        let wanted = Array(Set(ends.flatMap { [$0.low, $0.high] }.filter { (0..<m).contains($0) })).sorted()
        guard range.finite else { return nil }
        let statistics = wanted.isEmpty ? [:] : Summary.orderStatistics(values, ranks: wanted, range: range)
        var brackets: [Bracket] = []
        var bracketOfRank: [Int: Int] = [:]
        var spans: [(low: Int, high: Int)] = []
        for end in ends.sorted(by: { $0.rank < $1.rank }) {
            let bracket = Bracket(
                least: end.low < 0 ? -.infinity : statistics[end.low]!, greatest: end.high >= m ? .infinity : statistics[end.high]!)
            let span = (low: Swift.max(0, end.low), high: Swift.min(m - 1, end.high))
            if let last = brackets.last, bracket.least <= last.greatest {
                brackets[brackets.count - 1].greatest = Swift.max(last.greatest, bracket.greatest)
                spans[spans.count - 1].high = Swift.max(spans[spans.count - 1].high, span.high)
            } else {
                brackets.append(bracket)
                spans.append(span)
            }
            bracketOfRank[end.rank] = brackets.count - 1
        }
        let shares = spans.map { Double($0.high - $0.low + 1) / Double(m) }
        return CellBrackets(brackets: brackets, bracketOfRank: bracketOfRank, shares: shares)
    }

    /// A streamed cell's summary from its workers' tallies, with its order statistics at the
    /// plan's ranks (which a derived cell's summary takes), or nil when a rank fell outside its
    /// bracket, a bracket overflowed, or a value was not finite.
    static func summary(
        _ tallies: [CellTally], plan: CellBrackets, draws: Int, mean: Double, levels: [Double]
    ) -> (Summary, statistics: [Int: Double])? {
        guard tallies.allSatisfy({ $0.range.finite && !$0.overflowed }) else { return nil }
        var statistics: [Int: Double] = [:]
        let ranks = plan.bracketOfRank.keys.sorted()
        for (k, bracket) in plan.brackets.enumerated() {
            let below = tallies.reduce(0) { $0 + $1.below[k] }
            // A one-value bracket counts the draws equal to it; any other holds its values.
            let equal = tallies.reduce(0) { $0 + $1.atLeast[k] }
            let kept = tallies.reduce(0) { $0 + $1.members[k].count }
            let inBracket = ranks.filter { plan.bracketOfRank[$0] == k }
            for rank in inBracket {
                guard rank - below >= 0, rank - below < kept + equal else { return nil }
            }
            if bracket.least == bracket.greatest {
                for rank in inBracket { statistics[rank] = bracket.least }
                continue
            }
            // The bracket's ranks (usually two neighbours) in one selection among its members,
            // gathered after the first worker's (in its room when it has enough).
            let found = Members.gathered(tallies.map { $0.members[k] }) { buffer in
                Summary.orderStatistics(buffer, ranks: inBracket.map { $0 - below })
            }
            for rank in inBracket { statistics[rank] = found[rank - below] }
        }
        return (Summary(mean: mean, count: draws, levels: levels, statistics: statistics), statistics)
    }
}

/// What one worker's blocks gave for one cell: the least and greatest value (and whether all
/// were finite) and, by bracket, how many values fell below it and which fell inside it — or,
/// for a bracket of one value (a figure the same in many draws), how many equal it, so that
/// such a cell takes no memory.
struct CellTally {
    var range = Summary.Extent(least: .infinity, greatest: -.infinity, finite: true)
    var below: [Int]
    var atLeast: [Int]
    var members: [Members]
    /// Set when a bracket holds more values than its cap: the cell is then summarized again.
    var overflowed = false

    /// A tally of `brackets` brackets.
    init(brackets: Int) {
        below = [Int](repeating: 0, count: brackets)
        atLeast = below
        members = (0..<brackets).map { _ in Members() }
    }

    /// A tally of `brackets` with `expected` (each bracket's share of the pilot): room is reserved
    /// for that share of `draws` draws and a third more, at most the cap past which the cell is
    /// summarized again, so that the values kept are seldom copied as they grow (only the pages
    /// written to are ever mapped). A bracket of one value only counts: it keeps nothing.
    init(brackets: [DrawPlan.Bracket], expected: [Double], of draws: Int, cap: Int) {
        self.init(brackets: brackets.count)
        for (k, share) in expected.enumerated() where k < brackets.count && brackets[k].least != brackets[k].greatest {
            members[k].reserve(Swift.min(Int((share * 1.33 * Double(draws)).rounded(.up)) + 4096, cap + MonteCarlo.blockSize))
        }
    }

    /// Takes in `count` values whose extent is `range`.
    @inline(__always)
    mutating func take(_ values: UnsafePointer<Double>, count: Int, range: Summary.Extent, brackets: [DrawPlan.Bracket], cap: Int) {
        self.range.include(range)
        guard !overflowed, range.finite else { return }
        for (k, bracket) in brackets.enumerated() {
            let (least, greatest) = (bracket.least, bracket.greatest)
            // A block wholly below or above the bracket adds no member.
            guard range.greatest >= least else {
                below[k] += count
                continue
            }
            guard range.least <= greatest else { continue }
            if least == greatest {
                // One value: how many lie below it and how many equal it is all a rank needs.
                var under = 0
                var equal = 0
                for i in 0..<count {
                    under &+= values[i] < least ? 1 : 0
                    equal &+= values[i] == least ? 1 : 0
                }
                below[k] += under
                atLeast[k] += equal
                continue
            }
            members[k].reserve(count)
            let out = members[k].base!
            var n = members[k].count
            // AVX-512 or AVX2 where the CPU has it, then four lanes in Swift, then one by one.
            var (appended, kernelBelow) = (0, 0)
            var i = dibao_bracket_kernel(values, count, least, greatest, out + n, &appended, &kernelBelow, 1)
            n += appended
            let (low, high) = (SIMD4<Double>(repeating: least), SIMD4<Double>(repeating: greatest))
            // Lanes of a mask are −1 where true: subtracting them counts.
            var under = SIMD4<Int64>.zero
            while i + 4 <= count {
                let x = UnsafeRawPointer(values + i).loadUnaligned(as: SIMD4<Double>.self)
                let isBelow = x .< low
                under &-= unsafeBitCast(isBelow, to: SIMD4<Int64>.self)
                let inside = .!isBelow .& (x .<= high)
                if any(inside) {
                    for j in 0..<4 where inside[j] {
                        out[n] = x[j]
                        n += 1
                    }
                }
                i += 4
            }
            var total = kernelBelow + Int(under.wrappedSum())
            while i < count {
                let x = values[i]
                if x < least {
                    total += 1
                } else if x <= greatest {
                    out[n] = x
                    n += 1
                }
                i += 1
            }
            below[k] += total
            members[k].count = n
            if n > cap { overflowed = true }
        }
    }

    func deallocate() { for m in members { m.base?.deallocate() } }
}

/// A growing list of values in memory of its own (appended to without copying on write). One
/// worker appends; others read it only once that worker is done.
struct Members: @unchecked Sendable {
    var base: UnsafeMutablePointer<Double>?
    var count = 0
    var capacity = 0

    var buffer: UnsafeBufferPointer<Double> { UnsafeBufferPointer(start: base, count: count) }

    /// `body` with the values of all of `lists` in one buffer: after the first list's values, in
    /// its room when it has enough for the others (whose values are copied there; its own list
    /// keeps its count), else in new memory.
    static func gathered<R>(_ lists: [Members], _ body: (UnsafeMutableBufferPointer<Double>) -> R) -> R {
        let total = lists.reduce(0) { $0 + $1.count }
        guard let first = lists.first, let base = first.base, first.capacity >= total else {
            var values: [Double] = []
            values.reserveCapacity(total)
            for list in lists { values += list.buffer }
            return values.withUnsafeMutableBufferPointer { body($0) }
        }
        var filled = first.count
        for list in lists.dropFirst() where list.count > 0 {
            (base + filled).update(from: list.base!, count: list.count)
            filled += list.count
        }
        return body(UnsafeMutableBufferPointer(start: base, count: total))
    }

    /// Room for `more` values after the last.
    @inline(__always)
    mutating func reserve(_ more: Int) {
        guard count + more > capacity else { return }
        let grown = Swift.max(2 * capacity, count + more, 4096)
        let new = UnsafeMutablePointer<Double>.allocate(capacity: grown)
        if let base {
            new.moveInitialize(from: base, count: count)
            base.deallocate()
        }
        base = new
        capacity = grown
    }
}
