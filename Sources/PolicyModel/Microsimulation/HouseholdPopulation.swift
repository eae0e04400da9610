/// Households as columns (one array per field), the layout the microsimulation kernels stream
/// through: 1 + 8 + 2 bytes per household and 8 for its key, which a population read in chunks
/// (a file of 4 MiB or more) does not hold when the ids are numbered one after another
/// (`HouseholdKeys`); plus optional weights, registered-poor flags and categories.
public struct HouseholdPopulation: Sendable {
    /// Persons per household (1 … 100), one byte each: the kernels convert each to a Double
    /// exactly (as a whole number below 2^53) before they multiply.
    public var size: [UInt8]
    /// Per-capita income in the base year, in `incomeUnit`.
    public var incomePerCapita: [Double]
    /// A stable key per household (its numeric id, or a hash of its id), for reproducible take-up.
    public var householdKey: HouseholdKeys
    /// Index into `townships`.
    public var township: [UInt16]
    public var townships: [String]
    /// Survey weights, if the population has them.
    public var weight: [Double]?
    /// 1 for a registered-poor (建档立卡) household, if the population says.
    public var registeredPoor: [UInt8]?
    /// Index into `categories`, for tiered payment, if the population has categories.
    public var category: [UInt16]?
    public var categories: [String]

    public init(
        size: [UInt8], incomePerCapita: [Double], householdKey: HouseholdKeys, township: [UInt16], townships: [String],
        weight: [Double]? = nil, registeredPoor: [UInt8]? = nil, category: [UInt16]? = nil, categories: [String] = []
    ) {
        self.size = size
        self.incomePerCapita = incomePerCapita
        self.householdKey = householdKey
        self.township = township
        self.townships = townships
        self.weight = weight
        self.registeredPoor = registeredPoor
        self.category = category
        self.categories = categories
    }

    public var count: Int { size.count }
}

/// The households' keys in household order: each household's id when the ids are whole numbers
/// (else a hash of the id). Ids numbered one after another (1, 2, 3 …, the usual file) are held as
/// the first and the count, not one by one: 8 bytes less per household to write and to hold.
/// Two lists of the same keys are equal however they are held.
public struct HouseholdKeys: RandomAccessCollection, Sendable, Equatable, ExpressibleByArrayLiteral {
    enum Storage: Sendable {
        case consecutive(first: UInt64, count: Int)
        case listed([UInt64])
    }

    let storage: Storage

    /// The keys `first`, `first + 1`, … of `count` households.
    public init(consecutiveFrom first: UInt64, count: Int) {
        precondition(count >= 0 && (count == 0 || UInt64(count - 1) <= UInt64.max - first), "keys past UInt64.max")
        storage = .consecutive(first: first, count: count)
    }

    /// The keys as listed.
    public init(_ keys: [UInt64]) { storage = .listed(keys) }

    public init(arrayLiteral keys: UInt64...) { self.init(keys) }

    /// Whether the keys are held as a first key and a count.
    public var isConsecutive: Bool {
        if case .consecutive = storage { return true }
        return false
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int {
        switch storage {
        case .consecutive(_, let count): count
        case .listed(let keys): keys.count
        }
    }

    @inline(__always)
    public subscript(household: Int) -> UInt64 {
        switch storage {
        case .consecutive(let first, let count):
            precondition(household >= 0 && household < count, "household index out of range")
            return first &+ UInt64(household)
        case .listed(let keys): return keys[household]
        }
    }

    public static func == (lhs: HouseholdKeys, rhs: HouseholdKeys) -> Bool { lhs.elementsEqual(rhs) }
}
