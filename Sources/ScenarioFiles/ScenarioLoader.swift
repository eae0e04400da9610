import Foundation
import PolicyModel

/// A scenario read from a file, with the files it was built from.
public struct LoadedScenario: Sendable {
    public var scenario: Scenario
    /// The file given, then each file it `extends`, nearest first.
    public var files: [String]
    /// Where each key was written, by dotted key path (`series.standard.values.2018`).
    public var locations: [String: SourceLocation]
    /// The household population the microsimulation reads, if the scenario has one.
    public var populationPath: String?
    /// What the user should look at although the scenario loads: a variant that changes a
    /// series but keeps its parent's description or the series' reference.
    public var warnings: [ScenarioFileError] = []
    /// Keys the decoder accepted but never read (dotted); always empty unless a key was
    /// added to the format without being used.
    public var unreadKeys: [String] = []
    /// The merged tree the scenario was decoded from (`--set` applied): what `variant(setting:)`
    /// changes.
    var tree: YAMLTree?
    /// The name the scenario takes when it has no `name:` (the file's stem).
    var defaultName = ""

    public init(scenario: Scenario, files: [String], locations: [String: SourceLocation] = [:], populationPath: String? = nil) {
        self.scenario = scenario
        self.files = files
        self.locations = locations
        self.populationPath = populationPath
    }

    /// Where `keyPath`, or its nearest ancestor that was written, stands in the files.
    public func location(of keyPath: [String]) -> SourceLocation {
        var path = keyPath
        while !path.isEmpty {
            if let location = locations[ScenarioProblem.dotted(path)] { return location }
            path.removeLast()
        }
        return SourceLocation(file: files[0])
    }
}

/// Reads scenario files: YAML, `extends` chains, strict keys, and every model check, all
/// reported as `ScenarioFileError`s that name the file, line, key and year.
public enum ScenarioLoader {
    /// Scenario files larger than this are refused before parsing.
    public static let maximumFileBytes = 4 << 20

    /// Loads and validates the scenario in `path`, reporting every problem of the file at once.
    /// `overrides` (`--set`) replace values of the merged file before it is decoded.
    public static func load(_ path: String, overrides: [ScenarioOverride] = []) throws(ScenarioFileErrors) -> LoadedScenario {
        var merged: (tree: YAMLTree, files: [String], warnings: [ScenarioFileError])
        do throws(ScenarioFileError) {
            merged = try mergedTree(path, chain: [])
            for override in overrides {
                if let factor = override.factor {
                    merged.tree = try scaled(merged.tree, series: override.keyPath, by: factor)
                    // Counts that move with a scaled count (households proportional to the
                    // caseload) are scaled with it: 10% more persons are 10% more households.
                    if let name = SeriesName(rawValue: override.keyPath[1]), name.quantity != .moneyPerPerson {
                        for entry in merged.tree.entries("series")
                        where entry.value.entries.first(where: { $0.key == "proportional_to" })?.value.text == name.rawValue
                            && SeriesName(rawValue: entry.key).map({ $0.quantity != .moneyPerPerson }) == true
                        {
                            merged.tree = try scaled(merged.tree, series: ["series", entry.key], by: factor)
                        }
                    }
                    continue
                }
                let location = SourceLocation(file: "--set")
                let value = (try YAMLTree.parse(override.value, file: location.file) ?? YAMLTree(value: .null, location: location))
                    .relocated(to: location)
                guard let tree = merged.tree.setting(override.keyPath[...], to: value, at: location) else {
                    throw ScenarioFileError(
                        location, key: ScenarioProblem.dotted(override.keyPath),
                        "the scenario has no place for this key (a list position past its end, or a key under a value)")
                }
                merged.tree = tree
            }
        } catch {
            throw ScenarioFileErrors(error)
        }
        let decoder = ScenarioDecoder()
        let stem = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        guard let (scenario, populationPath) = decoder.decode(merged.tree, defaultName: stem) else {
            throw ScenarioFileErrors(decoder.record.problems, files: merged.files)
        }
        var described = scenario
        described.whatIfs = overrides.map { $0.factor == nil ? "--set \($0)" : "--scale \($0.scaleText)" }
        var loaded = LoadedScenario(
            scenario: described, files: merged.files, locations: decoder.record.byKey, populationPath: populationPath)
        loaded.warnings = merged.warnings + decoder.record.warnings
        loaded.tree = merged.tree
        loaded.defaultName = stem
        loaded.unreadKeys = decoder.record.accepted.subtracting(decoder.record.read).sorted()
        let problems = scenario.problems()
        guard problems.isEmpty else { throw ScenarioFileErrors(problems.map(loaded.fileError), files: merged.files) }
        return loaded
    }

    /// The tree with every value written for a series (`series.NAME.values`) multiplied by
    /// `factor` (`--scale`).
    private static func scaled(_ tree: YAMLTree, series keyPath: [String], by factor: Double) throws(ScenarioFileError) -> YAMLTree {
        let location = SourceLocation(file: "--scale")
        let valuesPath = keyPath + ["values"]
        guard let values = tree.entries(keyPath[0]).first(where: { $0.key == keyPath[1] })?.value.entries("values").nilIfEmpty else {
            throw ScenarioFileError(
                location, key: ScenarioProblem.dotted(keyPath),
                "the scenario writes no values for this series (does it come from the microsimulation or the transitions?)")
        }
        var scaledEntries: [YAMLTree.Entry] = []
        for entry in values {
            guard let text = entry.value.text, let value = Double(text.replacingOccurrences(of: "_", with: "")) else {
                scaledEntries.append(entry)
                continue
            }
            var scaledEntry = entry
            scaledEntry.value = YAMLTree(value: .scalar(String(value * factor), isPlain: true), location: location)
            scaledEntries.append(scaledEntry)
        }
        return tree.setting(valuesPath[...], to: YAMLTree(value: .mapping(scaledEntries), location: location), at: location) ?? tree
    }

    /// The scenario files named by `paths`: files as given, directories by their `*.yaml` and
    /// `*.yml` files in name order; a file named twice is kept at its first place.
    public static func scenarioFiles(in paths: [String]) throws(ScenarioFileError) -> [String] {
        var files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw ScenarioFileError(SourceLocation(file: path), "no such file or directory")
            }
            guard isDirectory.boolValue else {
                files.append(path)
                continue
            }
            let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            let yaml = names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
            guard !yaml.isEmpty else {
                throw ScenarioFileError(SourceLocation(file: path), "the directory holds no .yaml scenario files")
            }
            files += yaml.map { (path as NSString).appendingPathComponent($0) }
        }
        return distinct(files)
    }

    /// `files` without repeats (a file named twice is kept at its first place).
    public static func distinct(_ files: [String]) -> [String] {
        var seen = Set<String>()
        return files.filter { seen.insert(($0 as NSString).standardizingPath).inserted }
    }

    private static func mergedTree(_ path: String, chain: [String]) throws(ScenarioFileError) -> (
        tree: YAMLTree, files: [String], warnings: [ScenarioFileError]
    ) {
        let text = try read(path)
        guard let tree = try YAMLTree.parse(text, file: path) else {
            throw ScenarioFileError(SourceLocation(file: path), "the file is empty; a scenario needs at least 'years'")
        }
        guard case .mapping(let entries) = tree.value else {
            throw ScenarioFileError(tree.location, "a scenario file must be a mapping of keys (name, years, series, …)")
        }
        guard let extends = entries.first(where: { $0.key == "extends" }) else { return (tree, [path], []) }
        guard case .scalar(let parentName, _) = extends.value.value else {
            throw ScenarioFileError(extends.value.location, key: "extends", "expected the path of another scenario file")
        }
        let directory = (path as NSString).deletingLastPathComponent
        let parentPath = (parentName.hasPrefix("/") ? parentName : (directory as NSString).appendingPathComponent(parentName))
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: parentPath, isDirectory: &isFolder) else {
            throw ScenarioFileError(extends.value.location, key: "extends", "the scenario it extends, \(parentPath), does not exist")
        }
        guard !isFolder.boolValue,
            (try? FileManager.default.attributesOfItem(atPath: parentPath)[.type] as? FileAttributeType) == .typeRegular
        else {
            throw ScenarioFileError(
                extends.value.location, key: "extends",
                "the scenario it extends, \(parentPath), is not a scenario file (a folder, pipe or device)")
        }
        // Cycles are found on canonical paths (symbolic links and `..` resolved).
        let seen = (chain + [path]).map(canonicalPath)
        guard !seen.contains(canonicalPath(parentPath)) else {
            let cycle = (chain + [path, parentPath]).joined(separator: " → ")
            throw ScenarioFileError(extends.value.location, key: "extends", "extends forms a cycle: \(cycle)")
        }
        let parent = try mergedTree(parentPath, chain: chain + [path])
        var child = tree
        if case .mapping(let childEntries) = child.value {
            child.value = .mapping(childEntries.filter { $0.key != "extends" })
        }
        var merged = YAMLTree.merge(parent: parent.tree, child: child)
        // A child that does not name itself must not inherit its parent's name.
        if case .mapping(let mergedEntries) = merged.value, !entries.contains(where: { $0.key == "name" }) {
            merged.value = .mapping(mergedEntries.filter { $0.key != "name" })
        }
        return (merged, [path] + parent.files, parent.warnings + staleProvenance(child: child, parent: parent.tree))
    }

    /// The absolute path of an existing file with symbolic links and `..` resolved.
    static func canonicalPath(_ path: String) -> String {
        URL(fileURLWithPath: path).resolvingSymlinksInPath().standardizedFileURL.path
    }

    /// Warnings for a variant that changes a series but keeps what its parent says of it: the
    /// series' `reference` (or `assumption`), or the scenario's `description`. Each names the
    /// child's line and the parent's.
    static func staleProvenance(child: YAMLTree, parent: YAMLTree) -> [ScenarioFileError] {
        let changing: Set<String> = ["values", "growth", "proportional_to", "unit"]
        let provenance: Set<String> = ["reference", "assumption"]
        var warnings: [ScenarioFileError] = []
        var firstChange: YAMLTree.Entry?
        for entry in child.entries("series") {
            let keys = Set(entry.value.entries.map(\.key))
            guard !keys.isDisjoint(with: changing) else { continue }
            firstChange = firstChange ?? entry
            let parentSeries = parent.entries("series").first { $0.key == entry.key }?.value.entries ?? []
            for inherited in parentSeries where provenance.contains(inherited.key) && !keys.contains(inherited.key) {
                warnings.append(
                    ScenarioFileError(
                        entry.keyLocation, key: "series.\(entry.key)",
                        "this variant changes the series but keeps the \(inherited.key) written at \(inherited.keyLocation) (\(inherited.value.text ?? "")); give it its own \(inherited.key) (or '\(inherited.key): null')"
                    ))
            }
        }
        if let change = firstChange, !child.entries.contains(where: { $0.key == "description" }),
            let description = parent.entries.first(where: { $0.key == "description" })
        {
            warnings.append(
                ScenarioFileError(
                    change.keyLocation, key: "description",
                    "this variant changes series '\(change.key)' but keeps the description written at \(description.keyLocation); give it its own description"
                ))
        }
        return warnings
    }

    private static func read(_ path: String) throws(ScenarioFileError) -> String {
        try InputFile.text(of: path, limit: maximumFileBytes, what: "scenario file")
    }
}

extension LoadedScenario {
    /// The scenario with numbers set at key paths (what `solve` and `sweep` vary beyond series):
    /// each written into the merged tree as if in the file, then decoded and checked as a file
    /// is. A problem names the key path and the value, with the message a file would get.
    public func variant(setting values: [(keyPath: [String], value: Double)]) throws(ScenarioProblem) -> Scenario {
        guard var tree else {
            throw ScenarioProblem(at: values.first?.keyPath ?? [], "this scenario was not read from a file; vary a series input")
        }
        let location = SourceLocation(file: "--vary")
        for (keyPath, value) in values {
            let scalar = YAMLTree(value: .scalar(String(value), isPlain: true), location: location)
            guard let changed = tree.setting(keyPath[...], to: scalar, at: location) else {
                throw ScenarioProblem(
                    at: keyPath, "the scenario has no place for this key (a list position past its end, or a key under a value)")
            }
            tree = changed
        }
        let decoder = ScenarioDecoder()
        let setting = values.map { "\(ScenarioProblem.dotted($0.keyPath)) = \($0.value)" }.joined(separator: ", ")
        guard let (scenario, _) = decoder.decode(tree, defaultName: defaultName) else {
            let problem = decoder.record.problems.first
            throw ScenarioProblem(
                at: problem.flatMap { $0.key.map { $0.split(separator: ".").map(String.init) } } ?? values[0].keyPath,
                "with \(setting): \(problem?.message ?? "the scenario cannot be read")")
        }
        if let problem = scenario.problems().first {
            throw ScenarioProblem(at: problem.keyPath, year: problem.year, "with \(setting): \(problem.message)")
        }
        return scenario
    }

    /// The number written at `keyPath` in the merged scenario (`8%` read as 0.08); nil when
    /// the key is not written; a problem when it holds something other than a number.
    public func number(at keyPath: [String]) throws(ScenarioProblem) -> Double? {
        guard let node = node(at: keyPath) else { return nil }
        guard node.text != nil, let value = try? ScalarValue.rate(node, keyPath) else {
            throw ScenarioProblem(at: keyPath, "holds \(node.text.map { "'\($0)'" } ?? "a mapping or list"), not a number to vary")
        }
        return value
    }

    /// A model problem, placed at the file and line of the key it concerns.
    public func fileError(_ problem: ScenarioProblem) -> ScenarioFileError {
        ScenarioFileError(location(of: problem.keyPath), key: problem.dottedKey, year: problem.year, problem.message)
    }
}

extension LoadedScenario {
    /// A fingerprint of every file the scenario was read from (the scenario, what it extends,
    /// its population): FNV-1a, 64 bits, over each file's path and bytes. Shards of one run carry
    /// it, so that a merge refuses parts made from files that have changed since.
    public func fingerprint() -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ bytes: some Sequence<UInt8>) {
            for byte in bytes {
                hash ^= UInt64(byte)
                hash = hash &* 0x100_0000_01b3
            }
        }
        for path in files + (populationPath.map { [$0] } ?? []) {
            mix(URL(fileURLWithPath: path).lastPathComponent.utf8)
            mix(FileManager.default.contents(atPath: path) ?? Data())
        }
        return String(hash, radix: 16)
    }

    /// The scalar text written at `keyPath` in the merged scenario (`yuan/person/year`); nil
    /// when the key is not written or holds a mapping or list.
    public func text(at keyPath: [String]) -> String? { node(at: keyPath)?.text }

    /// The node at `keyPath` (mapping keys, list positions as `[2]`) in the merged scenario.
    private func node(at keyPath: [String]) -> YAMLTree? {
        var node = tree
        for key in keyPath {
            guard let current = node else { return nil }
            if key.hasPrefix("["), let index = Int(key.dropFirst().dropLast()) {
                guard case .sequence(let items) = current.value, items.indices.contains(index) else { return nil }
                node = items[index]
            } else {
                node = current.entries.first { $0.key == key }?.value
            }
        }
        return node
    }
}
