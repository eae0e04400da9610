import Foundation
import Testing

/// `dibao run --shard K/M` and `dibao merge`: the parts of a run join into exactly its output.
@Suite("Sharded Monte Carlo runs")
struct ShardCommandTests {
    static let scenario = "scenarios/uncertain-poverty-line.yaml"

    /// The shards of one run, written to a new folder.
    static func shards(_ count: Int, draws: Int, extra: [String] = []) throws -> (folder: String, parts: [String]) {
        let folder = try DibaoProcess.temporaryFolder()
        var parts: [String] = []
        for k in 1...count {
            let part = folder + "/part-\(k).json"
            let result = try DibaoProcess.run(
                ["run", scenario, "--draws", String(draws), "--seed", "17", "--shard", "\(k)/\(count)", "--out", part] + extra)
            #expect(result.status == 0, "\(result.stderr)")
            parts.append(part)
        }
        return (folder, parts)
    }

    @Test("three shards of 4,001 draws merge into the single run's JSON and table, byte for byte, in any order")
    func mergeIsTheSingleRun() throws {
        let extra = ["--percentiles", "1,50,99", "--set", "series.caseload.growth=-2%"]
        let single = try DibaoProcess.run(["run", Self.scenario, "--draws", "4001", "--seed", "17", "--format", "json"] + extra)
        #expect(single.status == 0, "\(single.stderr)")
        let (_, parts) = try Self.shards(3, draws: 4001, extra: extra)
        let merged = try DibaoProcess.run(["merge", parts[2], parts[0], parts[1]])
        #expect(merged.status == 0, "\(merged.stderr)")
        #expect(merged.stdout == single.stdout)
        let table = try DibaoProcess.run(["run", Self.scenario, "--draws", "4001", "--seed", "17"] + extra)
        let mergedTable = try DibaoProcess.run(["merge"] + parts + ["--format", "table"])
        #expect(mergedTable.stdout == table.stdout)
    }

    @Test("a missing shard, a part of another run, a changed scenario and a file that is no part: exit 2 with the reason")
    func refusals() throws {
        let (folder, parts) = try Self.shards(2, draws: 600)
        let missing = try DibaoProcess.run(["merge", parts[0]])
        #expect(missing.status == 2 && missing.stderr.contains("missing 2"), "\(missing.stderr)")
        let other = folder + "/other.json"
        _ = try DibaoProcess.run(["run", Self.scenario, "--draws", "600", "--seed", "18", "--shard", "2/2", "--out", other])
        let mixed = try DibaoProcess.run(["merge", parts[0], other])
        #expect(mixed.status == 2 && mixed.stderr.contains("another run"), "\(mixed.stderr)")
        let junk = folder + "/junk.json"
        try "{\"format\": \"something else\"}".write(toFile: junk, atomically: true, encoding: .utf8)
        let notPart = try DibaoProcess.run(["merge", junk])
        #expect(notPart.status == 2 && notPart.stderr.contains("not a Monte Carlo part"), "\(notPart.stderr)")
        // A copy of the scenario, sharded, then edited: the merge refuses it.
        let copy = folder + "/variant.yaml"
        let text = try String(contentsOfFile: DibaoProcess.repository.appendingPathComponent(Self.scenario).path, encoding: .utf8)
        try text.replacingOccurrences(
            of: "extends: shangrao-2017-plan.yaml", with: "extends: \(DibaoProcess.repository.path)/scenarios/shangrao-2017-plan.yaml"
        )
        .write(toFile: copy, atomically: true, encoding: .utf8)
        let part = folder + "/variant-1.json"
        let made = try DibaoProcess.run(["run", copy, "--draws", "300", "--shard", "1/1", "--out", part])
        #expect(made.status == 0, "\(made.stderr)")
        try
            (text.replacingOccurrences(
                of: "extends: shangrao-2017-plan.yaml", with: "extends: \(DibaoProcess.repository.path)/scenarios/shangrao-2017-plan.yaml")
            + "\n# edited\n")
            .write(toFile: copy, atomically: true, encoding: .utf8)
        let changed = try DibaoProcess.run(["merge", part])
        #expect(changed.status == 2 && changed.stderr.contains("has changed since"), "\(changed.stderr)")
        // A part edited by hand: no shards, a shard beyond the count, a percentile of 200%.
        let original = try String(contentsOfFile: parts[0], encoding: .utf8)
        for bad in ["\"shard\":[1,0]", "\"shard\":[3,2]"] {
            let edited = folder + "/edited.json"
            try original.replacingOccurrences(of: "\"shard\":[1,2]", with: bad).write(toFile: edited, atomically: true, encoding: .utf8)
            let refused = try DibaoProcess.run(["merge", edited])
            #expect(refused.status == 2 && refused.stderr.contains("not a shard of a run"), "\(bad): \(refused.stderr)")
        }
        let twice = String((2.0).bitPattern, radix: 16)
        try original.replacingOccurrences(of: "\"percentiles\":[\"3fa999999999999a\"", with: "\"percentiles\":[\"\(twice)\"")
            .write(toFile: folder + "/percent.json", atomically: true, encoding: .utf8)
        let levels = try DibaoProcess.run(["merge", folder + "/percent.json"])
        #expect(levels.status == 2 && levels.stderr.contains("between 0 and 1"), "\(levels.stderr)")
        let noOut = try DibaoProcess.run(["run", Self.scenario, "--draws", "10", "--shard", "1/2"])
        #expect(noOut.status == 2 && noOut.stderr.contains("--out"), "\(noOut.stderr)")
    }
}
