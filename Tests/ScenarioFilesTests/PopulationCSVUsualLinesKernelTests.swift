import Foundation
import MicrosimKernels
import PolicyModel
import Testing

@testable import ScenarioFiles

/// The AVX2 kernel for runs of usual lines (`dibao_usual_lines_avx2`, where the CPU has AVX2):
/// the same values as the general path, the same errors, and it steps aside (storing nothing)
/// at every line it does not read exactly as `usualLine` does.
@Suite("Population CSV, the usual lines' AVX2 kernel")
struct PopulationCSVUsualLinesKernelTests {
    static let header = PopulationCSVFastPathTests.header

    /// A random number of `count` digits (the first not 0 unless `leadingZero`).
    static func digits(_ count: Int, leadingZero: Bool = false, _ random: inout PopulationCSVFastPathTests.SplitMix) -> String {
        String(
            (0..<count).map { index -> Character in
                Character(String(Int.random(in: (index == 0 && !leadingZero && count > 1 ? 1 : 0)...9, using: &random)))
            })
    }

    /// Line `index`'s fields (index < 10,000), around every limit of the kernel: ids of 1 to 18
    /// digits (some with leading zeros; each its own number), townships of 1 to 4 digits (some
    /// with a leading zero), sizes of 1 to 100 (some with a leading zero), incomes of 0 to 8
    /// digits on either side of a point (or none).
    static func fields(_ index: Int, _ random: inout PopulationCSVFastPathTests.SplitMix) -> [String] {
        let scale = [1, 1, 100, 10_000, 100_000_000_000, 10_000_000_000_000, 100_000_000_000_000][Int.random(in: 0..<7, using: &random)]
        let number = String(index + 10_000 * Int.random(in: 0..<scale, using: &random))
        let id =
            String(repeating: "0", count: Int.random(in: 0..<8, using: &random) == 0 ? Int.random(in: 1...3, using: &random) : 0) + number
        let townships = ["0", "1", "7", "20", "99", "123", "999", "01", "007", "1000", "0999"]
        let sizes = ["1", "2", "9", "10", "42", "99", "100", "01", "010", "0100"]
        var income = digits(Int.random(in: 0...8, using: &random), leadingZero: true, &random)
        if Int.random(in: 0..<5, using: &random) > 0 {
            income += "." + digits(Int.random(in: 0...8, using: &random), leadingZero: true, &random)
        }
        if income == "." || income.isEmpty { income = "0" }
        return [
            id, townships[Int.random(in: 0..<townships.count, using: &random)], sizes[Int.random(in: 0..<sizes.count, using: &random)],
            income,
        ]
    }

    /// `records` as the usual file, with random LF and CRLF line ends.
    static func usualText(_ records: [[String]], _ random: inout PopulationCSVFastPathTests.SplitMix) -> String {
        header + records.map { $0.joined(separator: ",") + (Int.random(in: 0..<4, using: &random) == 0 ? "\r\n" : "\n") }.joined()
    }

    @Test("Random usual files, at every limit of the kernel, read as the same files in another column order")
    func againstOtherOrder() throws {
        var random = PopulationCSVFastPathTests.SplitMix(state: 4242)
        // 4000 lines, so that the kernel's 64-byte blocks and its line-by-line rest both run, on
        // every thread.
        let records = (1...4000).map { Self.fields($0, &random) }
        let usual = Self.usualText(records, &random)
        let other =
            "income_per_capita,size,township,household_id\n"
            + records.map { [$0[3], $0[2], $0[1], $0[0]].joined(separator: ",") + "\n" }.joined()
        let reference = try PopulationCSVFastPathTests().parse(other, threads: 1).get()
        #expect(reference.count == records.count)
        for threads in [1, 2, 3, 8] {
            let population = try PopulationCSVFastPathTests().parse(usual, threads: threads).get()
            #expect(population.incomePerCapita.map(\.bitPattern) == reference.incomePerCapita.map(\.bitPattern), "\(threads)")
            #expect(population.householdKey == reference.householdKey && population.size == reference.size, "\(threads)")
            #expect(population.township == reference.township && population.townships == reference.townships, "\(threads)")
        }
        // Incomes as `Double(String)` reads them, sizes and ids as numbers.
        #expect(reference.incomePerCapita.map(\.bitPattern) == records.map { Double($0[3])!.bitPattern })
        #expect(reference.size == records.map { UInt8($0[2])! })
    }

    @Test("Random usual files in pieces, on 1 to 8 threads, as whole")
    func inPieces() throws {
        var random = PopulationCSVFastPathTests.SplitMix(state: 77)
        let records = (1...1500).map { Self.fields($0, &random) }
        try PopulationCSVStreamingTests().expectSame(Self.usualText(records, &random), "usual lines in pieces")
    }

    /// What the kernel stores for the one line `line` (nil when it steps aside), with 16 bytes
    /// before it and 48 after it in the buffer, townships 0 … 999 known as themselves.
    static func kernel(_ line: String) -> (key: UInt64, township: UInt16, size: UInt8, income: Double, next: Int)? {
        let bytes = [UInt8](repeating: 0x2C, count: 16) + Array(line.utf8) + [UInt8](repeating: 0x0A, count: 48)
        let townships = (0..<1024).map { Int32($0 < 1000 ? $0 : -1) }
        let key = UnsafeMutablePointer<UInt64>.allocate(capacity: 1)
        let township = UnsafeMutablePointer<UInt16>.allocate(capacity: 1)
        let size = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
        let income = UnsafeMutablePointer<Double>.allocate(capacity: 1)
        defer {
            key.deallocate()
            township.deallocate()
            size.deallocate()
            income.deallocate()
        }
        var cursor = DibaoUsualCursor(position: 16, record: 0, last_key: 0, keys_increase: 1)
        let stored = bytes.withUnsafeBufferPointer { text in
            townships.withUnsafeBufferPointer { townships in
                PopulationCSV.powersOfTen.withUnsafeBufferPointer { powers in
                    dibao_usual_lines_avx2(
                        text.baseAddress, text.count, 16 + line.utf8.count, 1, townships.baseAddress, powers.baseAddress,
                        DibaoUsualColumns(key: key, township: township, size: size, income: income, key_origin: 0), &cursor)
                }
            }
        }
        return stored == 1 ? (key.pointee, township.pointee, size.pointee, income.pointee, cursor.position - 16) : nil
    }

    @Test("The kernel reads each usual line as Double(String) and the whole numbers do, and steps aside at every other")
    func lineByLine() throws {
        guard dibao_usual_lines_available() != 0 else { return }
        // Lines it reads.
        let taken = [
            "1,0,1,0", "12345678,12,4,5198.12\n", "1234567890123456,9,1,1.5", "1,999,100,1234567.1234567",
            "0000000000000007,7,99,.5", "5,20,3,5.\r\n", "6,1,2,0000000.0000001", "7,10,10,12.", "9,3,2,1234567",
            // At the edges of the shape read in one vector: ids and incomes of 8 digits, the
            // point first or last, CRLF; and a 9-digit id, just past it.
            "12345678,1,100,1234.5678\n", "1,1,1,1234567.1\n", "1,1,1,1.1234567\r\n", "99999999,999,1,.1234567\n",
            "00000001,0,10,1234567.\n", "123456789,1,1,1.5\n",
        ]
        for line in taken {
            let text = line.utf8.last == 0x0A ? line : line + "\n"
            let fields = text.trimmingCharacters(in: .newlines).split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard let stored = Self.kernel(text) else {
                Issue.record("the kernel stepped aside at \(line)")
                continue
            }
            #expect(stored.key == UInt64(fields[0])! && stored.township == UInt16(fields[1])!, "\(line)")
            #expect(stored.size == UInt8(fields[2])! && stored.income.bitPattern == Double(fields[3])!.bitPattern, "\(line)")
            #expect(stored.next == text.utf8.count, "\(line)")
        }
        // Lines it leaves to `usualLine` and the general path: long ids and incomes, leading
        // zeros, sizes out of range, townships not seen, anything but digits, a lone CR, more or
        // fewer fields, an empty line, a line of 31 bytes or more.
        let left = [
            "12345678901234567,1,1,1\n", "1,1,1,12345678\n", "1,1,1,1.12345678\n", "1,01,1,1\n", "1,1,01,1\n", "1,1,0,1\n",
            "1,1,101,1\n", "1,1000,1,1\n", "1,1,1,.\n", "1,1,1,\n", "1,1,1,1.2.3\n", "1,1,1,-1\n", "1,1,1,1e5\n", "1, 1,1,1\n",
            "1,1,1,1\r\r\n", "1,1,1,1\r2\n", "1,1,1\n", "1,1,1,1,1\n", "\n", ",1,1,1\n", "h1,1,1,1\n", "1,\"1\",1,1\n",
            "1234567890123456,999,100,1234567.123456\n",
        ]
        for line in left { #expect(Self.kernel(line) == nil, "\(line)") }
        // And a township it has not seen.
        #expect(Self.kernel("1,1000,1,1\n") == nil)
    }

    @Test("Newlines are counted as one by one at every start and length, whole blocks of 64 bytes by the kernel")
    func newlines() {
        var random = PopulationCSVFastPathTests.SplitMix(state: 11)
        // Bytes 0 … 15, of which 10 is a newline: about one in sixteen, and runs of them.
        let bytes = (0..<600).map { index in UInt8(index % 97 < 40 ? random.next() % 16 : 10) }
        bytes.withUnsafeBufferPointer { buffer in
            for start in 0..<70 {
                for end in start...(start + 300) {
                    let expected = bytes[start..<end].lazy.filter { $0 == 10 }.count
                    #expect(PopulationCSV.countNewlines(buffer, start..<end) == expected, "\(start)..<\(end)")
                }
            }
            guard dibao_usual_lines_available() != 0 else { return }
            var found = 0
            #expect(dibao_newlines_avx2(buffer.baseAddress! + 3, 200, &found) == 192)
            #expect(found == bytes[3..<195].lazy.filter { $0 == 10 }.count)
            #expect(dibao_newlines_avx2(buffer.baseAddress!, 63, &found) == 0 && found == 0)
        }
    }

    @Test("Errors in long usual files name the same line and text as the general path")
    func errors() throws {
        let body = (1...3000).map { "\($0),\($0 % 20 + 1),\($0 % 6 + 1),\($0 * 37).\($0 % 100)\n" }
        for (bad, replacement) in [(5, "6,2,3,4x"), (1234, "1235,1,0,5"), (2047, "2048,1,2,1.2.3"), (2999, "3000,1,2,\r")] {
            var lines = body
            lines[bad] = replacement + "\n"
            let error = try PopulationCSVUsualColumnsTests().error(Self.header + lines.joined())
            #expect(error.location.line == bad + 2, "\(replacement)")
        }
    }
}
