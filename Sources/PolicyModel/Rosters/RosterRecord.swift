/// One person on a roster, as the comparison needs it. Holds no name and no whole identity
/// number: the name only masked (and hashed, to notice a change), the number as a `ResidentID`
/// key or, when invalid, masked.
public struct RosterRecord: Sendable, Equatable {
    /// The line of the roster file, for follow-up.
    public var line: Int
    public var id: ResidentID.Parsed
    public var township: String
    /// The name's first character and its length in characters: all that is kept of a name,
    /// enough to show it masked (张*).
    public var nameInitial: Unicode.Scalar?
    public var nameLength: Int = 0
    /// A hash of the whole name, to notice that it changed without keeping it.
    public var nameHash: UInt64?
    public var householdID: String?
    public var village: String?
    public var size: Int?

    public init(
        line: Int, id: ResidentID.Parsed, township: String, name: String? = nil, nameHash: UInt64? = nil,
        householdID: String? = nil, village: String? = nil, size: Int? = nil
    ) {
        self.line = line
        self.id = id
        self.township = township
        if let name { setName(name) }
        self.nameHash = nameHash
        self.householdID = householdID
        self.village = village
        self.size = size
    }

    /// Keeps what is needed to show `name` masked, and nothing more of it.
    public mutating func setName(_ name: String) {
        var trimmed = name.trimmingSpaces
        trimmed.withUTF8 { setName(utf8: $0) }
    }

    /// The same as `setName(_:)` from the name's UTF-8 bytes (already trimmed), without building
    /// a String: the first scalar is decoded, the others only counted.
    public mutating func setName(utf8 bytes: UnsafeBufferPointer<UInt8>) {
        guard !bytes.isEmpty else {
            nameInitial = nil
            nameLength = 0
            return
        }
        let lead = bytes[0]
        let length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
        var value = length == 1 ? UInt32(lead) : UInt32(lead) & (0x7F >> length)
        for index in 1..<min(length, bytes.count) { value = value << 6 | UInt32(bytes[index] & 0x3F) }
        nameInitial = Unicode.Scalar(value)
        nameLength = bytes.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
    }

    /// The name masked: its first character and one * for each other (张*, 欧***; a single
    /// character is *); nil when the roster has no name.
    public var maskedName: String? {
        guard let nameInitial else { return nil }
        return nameLength == 1 ? "*" : String(nameInitial) + String(repeating: "*", count: nameLength - 1)
    }

    public var validID: ResidentID? {
        if case .valid(let id) = id { return id }
        return nil
    }

    /// The number as it may be shown: masked.
    public var maskedID: String {
        switch id {
        case .valid(let id): id.masked
        case .invalid(let masked, _): masked
        }
    }
}
