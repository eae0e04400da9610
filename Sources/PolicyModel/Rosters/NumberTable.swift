/// A set of identity-number keys with a position each: open addressing with linear probing and
/// a multiplicative (Fibonacci) hash, at most half full. Faster than a Dictionary for a million
/// UInt64 keys (no per-lookup hashing of a seed, no generic code). Key 0 marks an empty slot; a
/// `ResidentID` key is never 0 (its province code is at least 11).
struct NumberTable {
    private var keys: [UInt64]
    private var positions: [Int32]
    private let shift: UInt64

    init(capacity: Int) {
        var bits: UInt64 = 4
        while (1 << bits) < 2 * max(capacity, 1) { bits += 1 }
        keys = [UInt64](repeating: 0, count: 1 << bits)
        positions = [Int32](repeating: -1, count: 1 << bits)
        shift = 64 - bits
    }

    @inline(__always) private func slot(_ key: UInt64) -> Int { Int((key &* 0x9E37_79B9_7F4A_7C15) >> shift) }

    /// Stores `position` for `key` unless the key is there already; returns the position stored
    /// before, or nil when this one was stored.
    mutating func insert(_ key: UInt64, position: Int) -> Int? {
        let mask = keys.count - 1
        var index = slot(key)
        while true {
            let present = keys[index]
            if present == 0 {
                keys[index] = key
                positions[index] = Int32(position)
                return nil
            }
            if present == key { return Int(positions[index]) }
            index = (index + 1) & mask
        }
    }

    /// The position stored for `key`, if any.
    func position(of key: UInt64) -> Int? {
        let mask = keys.count - 1
        var index = slot(key)
        while true {
            let present = keys[index]
            if present == key { return Int(positions[index]) }
            if present == 0 { return nil }
            index = (index + 1) & mask
        }
    }
}
