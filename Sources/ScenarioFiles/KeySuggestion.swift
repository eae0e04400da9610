/// The valid key closest to a misspelt one, by edit distance, if any is close enough to be a
/// plausible typo (at most a third of the key's length, and at least 1, edits away).
/// The candidate closest to `key` by edit distance (within a third of its length), or the one
/// candidate `key` is the start of (`county` → `county_yuan`); nil when none is close.
public func closestKey(to key: String, among candidates: [String]) -> String? {
    let lowered = key.lowercased()
    let extending = candidates.filter { $0.hasPrefix(lowered + "_") }
    if !lowered.isEmpty, extending.count == 1 { return extending[0] }
    let limit = max(2, key.count / 3)
    let scored = candidates.map { ($0, editDistance(key.lowercased(), $0)) }
    guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= limit else { return nil }
    return best.0
}

/// Levenshtein distance between two strings, by Unicode characters.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a)
    let b = Array(b)
    if a.isEmpty { return b.count }
    var previous = Array(0...b.count)
    for i in 1...a.count {
        var current = [i] + Array(repeating: 0, count: b.count)
        for j in stride(from: 1, through: b.count, by: 1) {
            let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
            current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
        }
        previous = current
    }
    return previous[b.count]
}
