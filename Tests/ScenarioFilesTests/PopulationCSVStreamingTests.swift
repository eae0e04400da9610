import Foundation
import PolicyModel
import Testing

@testable import ScenarioFiles

/// Large files are read in pieces, never whole (`PopulationCSV.stream`): the same population and
/// the same errors as the whole text in memory, whatever the pieces and threads.
@Suite("Population CSV, read in pieces")
struct PopulationCSVStreamingTests {
    static let header = PopulationCSVFastPathTests.header

    /// `text` read in pieces of `piece` bytes on `threads` threads (each at least 64 bytes).
    func streamed(_ text: String, threads: Int, piece: Int) throws -> Result<HouseholdPopulation, ScenarioFileError> {
        let folder = try ScenarioFolder(["households.csv": text])
        let path = folder.file("households.csv")
        return Result { () throws(ScenarioFileError) in
            let population = try PopulationCSV.stream(path, threads: threads, piece: piece, minimumBytes: 0, bytesPerChunk: 64)
            guard let population else { throw ScenarioFileError(SourceLocation(file: path), "not streamed") }
            return population
        }
    }

    /// Checks that `text` gives the same population or error in pieces as whole, on 1 to 8
    /// threads and with pieces from 16 bytes (every line longer than a piece) to 4 KiB.
    func expectSame(_ text: String, _ comment: String) throws {
        let whole = PopulationCSVFastPathTests().parse(text, threads: 1)
        for threads in [1, 2, 3, 8] {
            for piece in [16, 61, 4096] {
                let pieces = try streamed(text, threads: threads, piece: piece)
                switch (whole, pieces) {
                case (.success(let one), .success(let other)):
                    #expect(
                        other.incomePerCapita.map(\.bitPattern) == one.incomePerCapita.map(\.bitPattern), "\(comment) \(threads) \(piece)")
                    #expect(other.householdKey == one.householdKey && other.size == one.size && other.township == one.township)
                    #expect(other.townships == one.townships && other.weight == one.weight && other.category == one.category)
                case (.failure(let one), .failure(let other)):
                    #expect(
                        other.location.line == one.location.line && other.key == one.key && other.message == one.message,
                        "\(comment) \(threads) \(piece): \(other.message)")
                default:
                    let wholeText = (try? whole.get()).map { "\($0.count) households" } ?? "\(whole)"
                    let piecesText = (try? pieces.get()).map { "\($0.count) households" } ?? "\(pieces)"
                    Issue.record("\(comment), \(threads) threads, pieces of \(piece): \(wholeText) against \(piecesText)")
                }
            }
        }
    }

    @Test("Random files, in the usual column order and another, with CRLF, a byte-order mark, with and without a final newline")
    func randomFiles() throws {
        var random = PopulationCSVFastPathTests.SplitMix(state: 99)
        let incomes = PopulationCSVFastPathTests.tokens(count: 100).filter { !$0.hasPrefix("-") } + ["5198.12", "0.5"]
        let records = (1...400).map { PopulationCSVUsualColumnsTests.fields($0, &random, incomes: incomes) }
        let ends = records.map { _ in Bool.random(using: &random) ? "\r\n" : "\n" }
        let usual = Self.header + zip(records, ends).map { $0.joined(separator: ",") + $1 }.joined()
        let other =
            "size,weight,income_per_capita,household_id,category,township\n"
            + zip(records, ends).map { [$0[2], "1.5", $0[3], $0[0], "c\($0[2])", $0[1]].joined(separator: ",") + $1 }.joined()
        for text in [usual, other, "\u{FEFF}" + usual] {
            try expectSame(text, "final newline")
            try expectSame(String(text.dropLast()), "no final newline")
        }
    }

    @Test("Errors in pieces name the line they name in the whole file: at the end, at a split, in every column")
    func errors() throws {
        let body = (1...300).map { "\($0),\($0 % 20 + 1),\($0 % 6 + 1),\($0 * 37).\($0 % 100)\n" }
        for bad in [0, 1, 99, 100, 149, 150, 151, 298, 299] {
            for replacement in ["\(bad + 1),1,2,12x", "\(bad + 1),1,0,5", "\(bad + 1),,2,5", "\(bad + 1),1,2", "", "\(bad + 1),1,2,5,6"] {
                var lines = body
                lines[bad] = replacement + "\n"
                try expectSame(Self.header + lines.joined(), "line \(bad + 2): \(replacement)")
                try expectSame(Self.header + lines.joined().dropLast(), "line \(bad + 2), no final newline: \(replacement)")
            }
        }
        try expectSame(Self.header, "no households")
        try expectSame(Self.header + "\n", "an empty line")
    }

    @Test("Repeated ids in pieces are found with both lines; text ids that differ are not")
    func duplicates() throws {
        let numbers = (1...200).map { "\($0),1,2,\($0)\n" }.joined()
        try expectSame(Self.header + numbers + numbers, "each id twice")
        try expectSame(Self.header + numbers + "7,1,2,3\n", "id 7 again at the end")
        let names = (1...200).map { "h\($0),1,2,\($0)\n" }.joined()
        try expectSame(Self.header + names, "text ids")
        try expectSame(Self.header + names + "h5,1,2,3\n", "text id h5 again")
        let duplicate = try streamed(Self.header + numbers + "7,1,2,3\n", threads: 2, piece: 64)
        guard case .failure(let error) = duplicate else {
            Issue.record("no error")
            return
        }
        // Id 7 is on line 8; the repeat is record 201, on line 202.
        #expect(error.location.line == 202 && error.message == "household_id repeats the id on line 8; every household needs its own id")
    }

    @Test("Ids numbered one after another are held as the first and the count; any other ids one by one, the same keys")
    func consecutiveKeys() throws {
        func keys(_ ids: [String]) throws -> HouseholdKeys {
            let text = Self.header + ids.map { "\($0),1,2,5\n" }.joined()
            return try streamed(text, threads: 2, piece: 64).get().householdKey
        }
        let numbered = (1...300).map(String.init)
        #expect(try keys(numbered).isConsecutive && keys(numbered) == HouseholdKeys(consecutiveFrom: 1, count: 300))
        // From 1000; a gap; two out of order; ids that are not numbers (hashed): each listed.
        #expect(try keys((1000..<1300).map(String.init)) == HouseholdKeys(consecutiveFrom: 1000, count: 300))
        var gap = numbered
        gap[150] = "999"
        var swapped = numbered
        swapped.swapAt(10, 11)
        for ids in [gap, swapped, numbered.map { "h" + $0 }] {
            let found = try keys(ids)
            #expect(!found.isConsecutive && found.count == 300)
            let whole = try PopulationCSVFastPathTests().parse(Self.header + ids.map { "\($0),1,2,5\n" }.joined(), threads: 1).get()
            #expect(found == whole.householdKey)
        }
    }

    @Test("A header longer than a chunk: the chunks that begin inside it hold no lines")
    func longHeader() throws {
        let header = "household_id,township,size,income_per_capita,\(String(repeating: "n", count: 150))\n"
        let text = header + (1...120).map { "\($0),\($0 % 4 + 1),2,\($0).5,x\n" }.joined()
        // 64-byte chunks: the first three begin in the header.
        try expectSame(text, "header of 196 bytes")
        #expect(try streamed(text, threads: 3, piece: 64).get().count == 120)
    }

    @Test("More than 65,536 distinct townships is the same file-level error read whole or in chunks, on any thread")
    func tooManyTownships() throws {
        let many = Self.header + (1...65_537).map { "\($0),t\($0),1,5\n" }.joined()
        let whole = PopulationCSVFastPathTests().parse(many, threads: 1)
        guard case .failure(let error) = whole else {
            Issue.record("65,537 townships read")
            return
        }
        #expect(error.location.line == nil && error.key == "township")
        #expect(error.message == "more than 65536 distinct values in column 'township'; is it holding household ids?")
        for threads in [1, 2] {
            guard case .failure(let chunked) = try streamed(many, threads: threads, piece: 4096) else {
                Issue.record("65,537 townships read in chunks")
                continue
            }
            #expect(chunked.location.line == nil && chunked.key == error.key && chunked.message == error.message, "\(threads)")
        }
        // 65,536 fit: the numbers 0 … 65,535.
        let fitting = Self.header + (1...65_536).map { "\($0),t\($0),1,5\n" }.joined()
        let population = try PopulationCSVFastPathTests().parse(fitting, threads: 1).get()
        #expect(population.townships.count == 65_536 && population.township.max() == 65_535)
    }

    @Test("A line longer than a piece makes the piece larger")
    func longLine() throws {
        let note = String(repeating: "x", count: 5000)
        let text =
            "household_id,township,size,income_per_capita,note\n"
            + (1...50).map { "\($0),\($0 % 3),2,\($0).25,\($0 == 20 ? note : "n")\n" }.joined()
        try expectSame(text, "a 5000-byte field")
        let population = try streamed(text, threads: 2, piece: 64).get()
        #expect(population.count == 50 && population.incomePerCapita[19] == 20.25)
    }

    @Test("A file shorter than the size at which files are read in pieces is read whole")
    func smallFilesWhole() throws {
        let folder = try ScenarioFolder(["households.csv": Self.header + "1,1,2,5\n"])
        #expect(try PopulationCSV.stream(folder.file("households.csv"), threads: 2).map(\.count) == nil)
        #expect(try PopulationCSV.load(folder.file("households.csv")).incomePerCapita == [5])
    }

    @Test(
        "Files of several MiB, read whole by several threads at once (3.5 MB) or in pieces (4.5 MB), give what their bytes in memory give",
        arguments: [180_000, 230_000])
    func parallelRead(households: Int) throws {
        var random = PopulationCSVFastPathTests.SplitMix(state: 7)
        let lines = (1...households).map {
            "\($0),\($0 % 20 + 1),\($0 % 6 + 1),\(Int.random(in: 0...99_999, using: &random)).\($0 % 100)\n"
        }
        let text = Self.header + lines.joined()
        #expect(text.utf8.count > 3 << 20 && (text.utf8.count < PopulationCSV.streamingBytes) == (households == 180_000))
        let reference = try PopulationCSVFastPathTests().parse(text, threads: 1).get()
        let folder = try ScenarioFolder(["households.csv": text])
        for threads in [1, 2, 3, 8] {
            let population = try PopulationCSV.load(folder.file("households.csv"), threads: threads)
            #expect(population.incomePerCapita.map(\.bitPattern) == reference.incomePerCapita.map(\.bitPattern), "\(threads)")
            #expect(population.householdKey == reference.householdKey && population.township == reference.township)
            #expect(population.size == reference.size && population.count == households)
        }
    }
}
