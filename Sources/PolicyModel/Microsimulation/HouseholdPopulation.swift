/// Households as columns (one array per field), the layout the microsimulation kernels stream
/// through: 1 + 8 + 8 + 2 bytes per household, plus optional weights, registered-poor flags and
/// categories.
public struct HouseholdPopulation: Sendable {
    /// Persons per household (1 … 100), one byte each: the kernels convert each to a Double
    /// exactly (as a whole number below 2^53) before they multiply.
    public var size: [UInt8]
    /// Per-capita income in the base year, in `incomeUnit`.
    public var incomePerCapita: [Double]
    /// A stable key per household (its numeric id, or a hash of its id), for reproducible take-up.
    public var householdKey: [UInt64]
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
        size: [UInt8], incomePerCapita: [Double], householdKey: [UInt64], township: [UInt16], townships: [String],
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
