import Foundation
import PolicyModel

extension PopulationCSV {
    /// What each column of the file holds.
    enum Role { case id, township, size, income, weight, registeredPoor, category, ignored }

    struct Layout: Sendable {
        var roles: [Role]
        var names: [String]
        var hasWeight: Bool { roles.contains(.weight) }
        var hasRegisteredPoor: Bool { roles.contains(.registeredPoor) }
        var hasCategory: Bool { roles.contains(.category) }
        /// Whether the columns are the usual four in the usual order, which `parseUsual` reads.
        var isUsual: Bool { roles == [.id, .township, .size, .income] }

        init(header: Slice<UnsafeBufferPointer<UInt8>>, file: String) throws(ScenarioFileError) {
            var text = String(decoding: header, as: UTF8.self)
            if text.hasSuffix("\r") { text.removeLast() }
            names = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            let location = SourceLocation(file: file, line: 1)
            for name in PopulationCSV.required where !names.contains(name) {
                let hint =
                    names.compactMap { closestKey(to: $0, among: [name]) != nil ? $0 : nil }.first.map { " ('\($0)' is close: a typo?)" }
                    ?? ""
                throw ScenarioFileError(
                    location, key: name,
                    CSVHeader.missing(name, in: names, example: "household_id,township,size,income_per_capita", hint: hint))
            }
            var seen = Set<String>()
            for name in names where !name.isEmpty && !seen.insert(name).inserted {
                throw ScenarioFileError(location, key: name, "column '\(name)' appears twice in the header")
            }
            roles = names.map { name in
                switch name {
                case "household_id": .id
                case "township": .township
                case "size": .size
                case "income_per_capita": .income
                case "weight": .weight
                case "registered_poor": .registeredPoor
                case "category": .category
                default: .ignored
                }
            }
        }
    }

    /// The most distinct townships or categories a population holds: as many as 16-bit numbers.
    static let mostNames = Int(UInt16.max) + 1

    /// The error of a file with more distinct values in `column` than `mostNames`: the same
    /// whichever part of the file (and so whichever thread) met one too many.
    static func tooManyNames(in column: String, file: String) -> ScenarioFileError {
        ScenarioFileError(
            SourceLocation(file: file), key: column,
            "more than \(mostNames) distinct values in column '\(column)'; is it holding household ids?")
    }

    /// The final arrays, filled in place by the parsing threads.
    struct Columns {
        var size: [UInt8]
        var income: [Double]
        var key: [UInt64]
        var township: [UInt16]
        var weight: [Double]?
        var registeredPoor: [UInt8]?
        var category: [UInt16]?

        /// Columns of `count` households, not filled in: the parsing threads write every element
        /// (each first prefaults the pages of its records, `Pointers.prefault`, in parallel), or
        /// the load fails and they are never read.
        init(count: Int, layout: Layout) {
            size = Self.unfilled(count)
            income = Self.unfilled(count)
            key = Self.unfilled(count)
            township = Self.unfilled(count)
            weight = layout.hasWeight ? Self.unfilled(count) : nil
            registeredPoor = layout.hasRegisteredPoor ? Self.unfilled(count) : nil
            category = layout.hasCategory ? Self.unfilled(count) : nil
        }

        private static func unfilled<T: BitwiseCopyable>(_ count: Int) -> [T] {
            // No large pages (MADV_HUGEPAGE): compacting memory for them stalled a load for
            // hundreds of milliseconds at times.
            [T](unsafeUninitializedCapacity: count) { _, initialized in initialized = count }
        }

        mutating func withPointers(_ body: (Pointers) -> Void) {
            // The optional columns are taken out while they are written, so that writing them
            // does not copy them.
            let hasWeight = weight != nil
            let hasRegistered = registeredPoor != nil
            let hasCategory = category != nil
            var weightColumn = weight.take() ?? []
            var registeredColumn = registeredPoor.take() ?? []
            var categoryColumn = category.take() ?? []
            size.withUnsafeMutableBufferPointer { size in
                income.withUnsafeMutableBufferPointer { income in
                    key.withUnsafeMutableBufferPointer { key in
                        township.withUnsafeMutableBufferPointer { township in
                            weightColumn.withUnsafeMutableBufferPointer { weight in
                                registeredColumn.withUnsafeMutableBufferPointer { registered in
                                    categoryColumn.withUnsafeMutableBufferPointer { category in
                                        body(
                                            Pointers(
                                                size: size.baseAddress!, income: income.baseAddress!, key: key.baseAddress!,
                                                township: township.baseAddress!, weight: weight.baseAddress,
                                                registeredPoor: registered.baseAddress, category: category.baseAddress))
                                    }
                                }
                            }
                        }
                    }
                }
            }
            if hasWeight { weight = weightColumn }
            if hasRegistered { registeredPoor = registeredColumn }
            if hasCategory { category = categoryColumn }
        }

        /// The population, with each part's township and category numbers mapped to one list
        /// in name order (numbers as numbers).
        /// More distinct townships or categories than 16-bit numbers hold are an error of `file`.
        mutating func population(
            merging interners: [Interners], firstRecord: [Int], file: String, keys: HouseholdKeys? = nil
        ) throws(ScenarioFileError) -> HouseholdPopulation {
            let townships = Set(interners.flatMap(\.townships.names)).sorted(by: naturalOrder)
            let categories = Set(interners.flatMap(\.categories.names)).sorted(by: naturalOrder)
            for (names, column) in [(townships, "township"), (categories, "category")] where names.count > PopulationCSV.mostNames {
                throw PopulationCSV.tooManyNames(in: column, file: file)
            }
            let townshipNumbers = Dictionary(uniqueKeysWithValues: townships.enumerated().map { ($1, UInt16($0)) })
            let categoryNumbers = Dictionary(uniqueKeysWithValues: categories.enumerated().map { ($1, UInt16($0)) })
            for (part, interner) in interners.enumerated() {
                let range = firstRecord[part]..<firstRecord[part + 1]
                Self.renumber(&township, range, interner.townships.names.map { townshipNumbers[$0]! })
                if category != nil {
                    var column = category.take()!
                    Self.renumber(&column, range, interner.categories.names.map { categoryNumbers[$0]! })
                    category = column
                }
            }
            return HouseholdPopulation(
                size: size, incomePerCapita: income, householdKey: keys ?? HouseholdKeys(key), township: township, townships: townships,
                weight: weight,
                registeredPoor: registeredPoor, category: category, categories: categories)
        }

        /// Replaces each number `n` in `range` of `column` by `numbers[n]`.
        private static func renumber(_ column: inout [UInt16], _ range: Range<Int>, _ numbers: [UInt16]) {
            numbers.withUnsafeBufferPointer { numbers in
                column.withUnsafeMutableBufferPointer { column in
                    for index in range { column[index] = numbers[Int(column[index])] }
                }
            }
        }
    }

    struct Pointers: @unchecked Sendable {
        var size: UnsafeMutablePointer<UInt8>
        var income: UnsafeMutablePointer<Double>
        /// The keys, element 0 being record `keyOrigin`'s: the key column (origin 0), or a
        /// worker's scratch for the chunk it reads (`stream`), so that keys numbered one after
        /// another never touch the column.
        var key: UnsafeMutablePointer<UInt64>
        var keyOrigin = 0
        var township: UnsafeMutablePointer<UInt16>
        var weight: UnsafeMutablePointer<Double>?
        var registeredPoor: UnsafeMutablePointer<UInt8>?
        var category: UnsafeMutablePointer<UInt16>?

        @inline(__always)
        func store(key value: UInt64, of record: Int) { key[record &- keyOrigin] = value }

        @inline(__always)
        func key(of record: Int) -> UInt64 { key[record &- keyOrigin] }

        /// Maps the fresh pages that hold `records` of every column at once (MADV_POPULATE_WRITE,
        /// Linux 5.14 on; a hint, ignored where unavailable), rather than one fault per 4 KiB page
        /// as they are first written: about a third less time per page on the machines measured.
        /// A page already mapped is left as it is, so parts that share a page may both ask. The
        /// keys' pages are left alone when `keys` is false (the keys go to a scratch first).
        func prefault(_ records: Range<Int>, keys: Bool = true) {
            Self.prefault(size, records)
            Self.prefault(income, records)
            if keys { Self.prefault(key, records) }
            Self.prefault(township, records)
            Self.prefault(weight, records)
            Self.prefault(registeredPoor, records)
            Self.prefault(category, records)
        }

        /// The key column's pages for `records` (a part's keys copied there from a scratch).
        func prefaultKeys(_ records: Range<Int>) { Self.prefault(key, records) }

        /// `column`'s pages that hold `records`, mapped at once.
        static func prefault<T>(_ column: UnsafeMutablePointer<T>?, _ records: Range<Int>) {
            #if os(Linux)
                guard let column, !records.isEmpty else { return }
                let page = 4096
                let start = Int(bitPattern: column + records.lowerBound) & ~(page - 1)
                let end = (Int(bitPattern: column + records.upperBound) + page - 1) & ~(page - 1)
                _ = madvise(UnsafeMutableRawPointer(bitPattern: start), end - start, MADV_POPULATE_WRITE)
            #endif
        }
    }

    /// Names seen by one parsing thread, numbered in order of first appearance.
    struct Interner: Sendable {
        var names: [String] = []
        var byName: [String: UInt16] = [:]
        /// Small whole-number names (township 1…20) skip the dictionary.
        var bySmallNumber = [Int32](repeating: -1, count: 1024)
        /// The bytes of each name, and their numbers by the FNV-1a hash of those bytes (open
        /// addressing, -1 for an empty slot, at most half full): the fast path finds a name it
        /// has seen without making a String.
        var bytes: [[UInt8]] = []
        var slots = [Int32](repeating: -1, count: 64)

        mutating func number(of field: UnsafeBufferPointer<UInt8>) -> UInt16? {
            if let value = PopulationCSV.parseWholeNumber(field), value < 1024 {
                if bySmallNumber[Int(value)] >= 0 { return UInt16(bySmallNumber[Int(value)]) }
                guard let index = add(String(value)) else { return nil }
                bySmallNumber[Int(value)] = Int32(index)
                return index
            }
            let name = String(decoding: field, as: UTF8.self)
            if let index = byName[name] { return index }
            return add(name)
        }

        /// The number of a name already seen whose bytes are exactly `field`'s, or nil.
        @inline(__always)
        func seen(_ field: UnsafeBufferPointer<UInt8>) -> UInt16? {
            let mask = slots.count - 1
            var slot = Int(truncatingIfNeeded: PopulationCSV.hashedID(field)) & mask
            while slots[slot] >= 0 {
                let index = Int(slots[slot])
                if bytes[index].elementsEqual(field) { return UInt16(truncatingIfNeeded: index) }
                slot = (slot + 1) & mask
            }
            return nil
        }

        private mutating func add(_ name: String) -> UInt16? {
            if let index = byName[name] { return index }
            guard names.count < PopulationCSV.mostNames else { return nil }
            byName[name] = UInt16(names.count)
            names.append(name)
            bytes.append(Array(name.utf8))
            if bytes.count * 2 > slots.count {
                slots = [Int32](repeating: -1, count: slots.count * 2)
                for index in bytes.indices { insert(index) }
            } else {
                insert(bytes.count - 1)
            }
            return UInt16(names.count - 1)
        }

        private mutating func insert(_ index: Int) {
            let mask = slots.count - 1
            var slot = bytes[index].withUnsafeBufferPointer { Int(truncatingIfNeeded: PopulationCSV.hashedID($0)) } & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(index)
        }
    }

    struct Interners: Sendable {
        var townships = Interner()
        var categories = Interner()
    }

    /// Numbers sort as numbers (2 before 10), names as text, numbers first.
    static func naturalOrder(_ a: String, _ b: String) -> Bool {
        switch (Int(a), Int(b)) {
        case (let x?, let y?): x < y
        case (.some, nil): true
        case (nil, .some): false
        case (nil, nil): a < b
        }
    }

    // MARK: Fields

    /// Digits only, at most 18 of them; nil otherwise.
    static func parseWholeNumber(_ field: UnsafeBufferPointer<UInt8>) -> UInt64? {
        guard !field.isEmpty, field.count <= 18 else { return nil }
        var value: UInt64 = 0
        for byte in field {
            let digit = byte &- 0x30
            guard digit < 10 else { return nil }
            value = value &* 10 &+ UInt64(digit)
        }
        return value
    }

    static let powersOfTen: [Double] = (0...22).map { pow(10, Double($0)) }

    /// A decimal number (`8765.43`, `-1`, `1e5`), correctly rounded: exact fast path when the
    /// digits fit in 2^53 and the decimal exponent is within ±22 (Clinger), `strtod` otherwise.
    /// NaN and infinities are not numbers here.
    static func parseDecimal(_ field: UnsafeBufferPointer<UInt8>) -> Double? {
        var i = 0
        let n = field.count
        guard n > 0 else { return nil }
        var negative = false
        if field[0] == 0x2D || field[0] == 0x2B {
            negative = field[0] == 0x2D
            i = 1
        }
        var mantissa: UInt64 = 0
        var digits = 0
        var fractionDigits = 0
        var seenDigit = false
        var seenPoint = false
        while i < n {
            let byte = field[i]
            let digit = byte &- 0x30
            if digit < 10 {
                seenDigit = true
                if mantissa != 0 || digit != 0 { digits += 1 }
                if digits > 19 { return slowDecimal(field) }
                mantissa = mantissa &* 10 &+ UInt64(digit)
                if seenPoint { fractionDigits += 1 }
            } else if byte == 0x2E && !seenPoint {
                seenPoint = true
            } else if byte == 0x65 || byte == 0x45 {
                return seenDigit ? slowDecimal(field) : nil
            } else {
                return nil
            }
            i += 1
        }
        guard seenDigit else { return nil }
        guard mantissa <= 1 << 53, fractionDigits <= 22 else { return slowDecimal(field) }
        let value = Double(mantissa) / powersOfTen[fractionDigits]
        return negative ? -value : value
    }

    static func slowDecimal(_ field: UnsafeBufferPointer<UInt8>) -> Double? {
        var text = Array(field)
        text.append(0)
        return text.withUnsafeBufferPointer { pointer -> Double? in
            pointer.withMemoryRebound(to: CChar.self) { chars in
                var end: UnsafeMutablePointer<CChar>?
                let value = strtod(chars.baseAddress!, &end)
                guard let end, end == UnsafeMutablePointer(mutating: chars.baseAddress! + field.count), value.isFinite else { return nil }
                return value
            }
        }
    }

    /// FNV-1a over the bytes of an id that is not a number, with the top bit set so that it
    /// does not meet a numeric id.
    static func hashedID(_ field: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in field { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash | (1 << 63)
    }
}
