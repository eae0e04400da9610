import Foundation
import PolicyModel
import ScenarioFiles

/// Household populations already read, by path, kept while the file's size and modification
/// time stay the same: a what-if on the household scenario reruns its households without
/// reading them again.
final class PopulationCache: @unchecked Sendable {
    private struct Key: Hashable {
        var path: String
        var size: Int
        var modified: Date
    }

    private let lock = NSLock()
    private var kept: [String: (key: Key, population: HouseholdPopulation)] = [:]
    /// Populations kept at most (the oldest read is dropped).
    private let capacity = 4

    /// The population in `path`, read with `threads` threads the first time.
    func population(_ path: String, threads: Int) throws(ScenarioFileError) -> HouseholdPopulation {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        let key = Key(
            path: path, size: (attributes?[.size] as? Int) ?? -1, modified: (attributes?[.modificationDate] as? Date) ?? .distantPast)
        lock.lock()
        let found = kept[path].flatMap { $0.key == key ? $0.population : nil }
        lock.unlock()
        if let found { return found }
        let population = try PopulationCSV.load(path, threads: threads)
        lock.lock()
        if kept.count >= capacity, let oldest = kept.keys.first { kept[oldest] = nil }
        kept[path] = (key, population)
        lock.unlock()
        return population
    }
}
