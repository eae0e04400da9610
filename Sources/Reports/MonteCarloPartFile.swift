import Foundation
import PolicyModel
import Simulation

/// One shard of a sharded Monte Carlo run, as `dibao run --shard K/M --out part-K.json` writes it
/// and `dibao merge` reads it: the run it belongs to (scenario file, its fingerprint, what-ifs,
/// draws, seed, percentiles) and what an exact merge needs (every draw's value of every cell that
/// changes from draw to draw, as little-endian IEEE-754 doubles in base64, and each target's
/// count of draws met).
public struct MonteCarloPartFile: Sendable, Equatable {
    public static let format = "dibao-monte-carlo-part"
    public static let version = 1

    public var scenarioFile: String
    public var fingerprint: String
    /// The `--set` and `--scale` options of the run, as written.
    public var set: [String]
    public var scale: [String]
    public var draws: Int
    public var seed: UInt64
    /// Percentile levels, as fractions.
    public var levels: [Double]
    public var shardIndex: Int
    public var shardCount: Int
    /// The changing cells, as `figure year`, in the plan's order.
    public var cells: [String]
    public var part: MonteCarloPart

    public init(
        scenarioFile: String, fingerprint: String, set: [String], scale: [String], draws: Int, seed: UInt64, levels: [Double],
        shardIndex: Int, shardCount: Int, cells: [String], part: MonteCarloPart
    ) {
        self.scenarioFile = scenarioFile
        self.fingerprint = fingerprint
        self.set = set
        self.scale = scale
        self.draws = draws
        self.seed = seed
        self.levels = levels
        self.shardIndex = shardIndex
        self.shardCount = shardCount
        self.cells = cells
        self.part = part
    }

    /// The names of a plan's cells, as parts record them.
    public static func cellNames(_ plan: DrawPlan) -> [String] {
        plan.cells.map { "\($0.figure.rawValue) \(plan.base.years[$0.yearIndex].year)" }
    }

    /// The part as JSON text.
    public func rendered() -> String {
        var bytes = [UInt8]()
        bytes.reserveCapacity(part.values.count * 8)
        for value in part.values {
            withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
        }
        let document = JSONValue.object([
            ("format", .string(Self.format)), ("version", .int(Self.version)), ("scenario_file", .string(scenarioFile)),
            ("fingerprint", .string(fingerprint)), ("set", .array(set.map(JSONValue.string))),
            ("scale", .array(scale.map(JSONValue.string))), ("draws", .int(draws)), ("seed", .string(String(seed))),
            ("percentiles", .array(levels.map { .string(String($0.bitPattern, radix: 16)) })),
            ("shard", .array([.int(shardIndex), .int(shardCount)])),
            ("first_draw", .int(part.draws.lowerBound)), ("end_draw", .int(part.draws.upperBound)),
            ("cells", .array(cells.map(JSONValue.string))), ("passes", .array(part.passes.map(JSONValue.int))),
        ])
        // The values last, spliced in: base64 needs no escaping, and tens of megabytes of it would
        // take seconds through the character-by-character writer.
        var text = document.rendered(pretty: false)
        text.removeLast()
        return text + ",\"values\":\"" + Data(bytes).base64EncodedString() + "\"}\n"
    }

    /// Reads a part written by `rendered()`; a message saying what is wrong otherwise.
    public static func parse(_ data: Data) -> Result<MonteCarloPartFile, PartFileProblem> {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            return .failure(PartFileProblem("not a JSON object: is this a part written by dibao run --shard?"))
        }
        guard object["format"] as? String == format else {
            return .failure(PartFileProblem("not a Monte Carlo part (no \"format\": \"\(format)\")"))
        }
        guard object["version"] as? Int == version else {
            return .failure(PartFileProblem("a part of format version \(object["version"] ?? "?"); this dibao reads version \(version)"))
        }
        func string(_ key: String) -> String? { object[key] as? String }
        func int(_ key: String) -> Int? { object[key] as? Int }
        guard let scenarioFile = string("scenario_file"), let fingerprint = string("fingerprint"),
            let set = object["set"] as? [String], let scale = object["scale"] as? [String], let draws = int("draws"),
            let seed = string("seed").flatMap({ UInt64($0) }), let levelTexts = object["percentiles"] as? [String],
            let shard = object["shard"] as? [Int], shard.count == 2, let first = int("first_draw"), let end = int("end_draw"),
            first <= end, let cells = object["cells"] as? [String], let passes = object["passes"] as? [Int],
            let encoded = string("values"), let bytes = Data(base64Encoded: encoded)
        else {
            return .failure(PartFileProblem("a key is missing or has the wrong type"))
        }
        let levelBits = levelTexts.compactMap { UInt64($0, radix: 16) }
        let levels = levelBits.map(Double.init(bitPattern:))
        guard levelBits.count == levelTexts.count, levels.allSatisfy({ $0 > 0 && $0 < 1 }) else {
            return .failure(PartFileProblem("percentiles: not the bits of levels between 0 and 1"))
        }
        guard shard[1] >= 1, shard[0] >= 1, shard[0] <= shard[1], draws >= 1, first >= 0, end <= draws else {
            return .failure(
                PartFileProblem("shard \(shard[0])/\(shard[1]) of \(draws) draws, draws \(first)..<\(end): not a shard of a run"))
        }
        let count = (end - first) * cells.count
        guard bytes.count == count * 8 else {
            return .failure(PartFileProblem("values: \(bytes.count / 8) numbers for \(end - first) draws of \(cells.count) cells"))
        }
        var values = [Double](repeating: 0, count: count)
        bytes.withUnsafeBytes { raw in
            for i in 0..<count {
                values[i] = Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self)))
            }
        }
        return .success(
            MonteCarloPartFile(
                scenarioFile: scenarioFile, fingerprint: fingerprint, set: set, scale: scale, draws: draws, seed: seed,
                levels: levels, shardIndex: shard[0], shardCount: shard[1], cells: cells,
                part: MonteCarloPart(draws: first..<end, values: values, passes: passes)))
    }
}

/// What is wrong with a part file.
public struct PartFileProblem: Error, Sendable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) { self.description = description }
}
