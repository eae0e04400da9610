// dibao-bench: times the population CSV load and the microsimulation, side by side with
// ../shared/bench/ref_numpy.py (same JSON on stdout, timings on stderr); and, with `roster`,
// the roster comparison phase by phase.
//
// Usage: dibao-bench SCENARIO.yaml POPULATION.csv [--repeat R] [--threads T]
//        dibao-bench roster DIBAO.csv REGISTERED.csv [--repeat R]
//        dibao-bench parse POPULATION.csv [--repeat R] [--threads T]   (the parser alone, in memory)
import Dispatch
import Foundation
import PolicyModel
import Reports
import ScenarioFiles

func now() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
}

/// Peak resident memory so far, in bytes.
func peakMemory() -> Int {
    var usage = rusage()
    getrusage(Int32(RUSAGE_SELF.rawValue), &usage)
    return usage.ru_maxrss * 1024
}

/// The CPU time (user + system, every thread) the process has used so far, in seconds.
func cpuTime() -> Double {
    var usage = rusage()
    getrusage(Int32(RUSAGE_SELF.rawValue), &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) * 1e-6
}

/// Resident memory now, in bytes (from /proc/self/statm).
func currentMemory() -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
    let fields = text.split(separator: " ")
    return (Int(fields[1]) ?? 0) * Int(sysconf(Int32(_SC_PAGESIZE)))
}

/// The value of `--name N` in `arguments` (removing both), or `value`.
func option(_ name: String, in arguments: inout [String], default value: Int) -> Int {
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count, let parsed = Int(arguments[index + 1]) else {
        return value
    }
    arguments.removeSubrange(index...index + 1)
    return parsed
}

/// Reads, compares and renders two rosters `repeats` times; prints the median of each phase.
func rosterBenchmark(_ dibao: String, _ registered: String, repeats: Int) {
    var phases: [String: [Double]] = [:]
    var rows = (0, 0)
    for _ in 0..<repeats {
        do {
            var start = now()
            let rosters = try RosterCSV.load([dibao, registered])
            phases["read both (2 threads)", default: []].append(now() - start)
            start = now()
            let comparison = RosterComparison(dibao: rosters[0], registered: rosters[1])
            phases["compare", default: []].append(now() - start)
            start = now()
            let files = RosterReport(comparison, dibaoFile: dibao, registeredFile: registered).files(withFragment: true)
            phases["render lists and summary", default: []].append(now() - start)
            rows = (rosters[0].count, rosters[1].count)
            _ = files.count
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            exit(2)
        }
    }
    print("rosters of \(rows.0) and \(rows.1) rows, median of \(repeats) runs:")
    var total = 0.0
    for phase in ["read both (2 threads)", "compare", "render lists and summary"] {
        let median = phases[phase]!.sorted()[repeats / 2]
        total += median
        print("  \(phase.padding(toLength: 26, withPad: " ", startingAt: 0)) \(String(format: "%.3f", median)) s")
    }
    print("  \("total".padding(toLength: 26, withPad: " ", startingAt: 0)) \(String(format: "%.3f", total)) s")
}

/// Parses a population file already in memory `repeats` times on `threads` threads and prints
/// the fastest and the median: the parser's own speed, without reading or fresh memory (the
/// columns' memory is reused after the first run).
func parseBenchmark(_ path: String, repeats: Int, threads: Int) {
    guard let data = FileManager.default.contents(atPath: path) else {
        FileHandle.standardError.write(Data("error: cannot read \(path)\n".utf8))
        exit(2)
    }
    let bytes = [UInt8](data)
    var times: [Double] = []
    for _ in 0..<repeats {
        let start = now()
        let count = bytes.withUnsafeBufferPointer { (try? PopulationCSV.parse($0, file: path, threads: threads))?.count ?? 0 }
        times.append(now() - start)
        guard count > 0 else { exit(2) }
    }
    let sorted = times.sorted()
    let megabytes = Double(bytes.count) / 1e6
    print(
        "parse of \(path) in memory, \(threads) threads, \(repeats) runs: fastest \(String(format: "%.2f", sorted[0] * 1000)) ms "
            + "(\(Int(megabytes / sorted[0])) MB/s), median \(String(format: "%.2f", sorted[repeats / 2] * 1000)) ms "
            + "(\(Int(megabytes / sorted[repeats / 2])) MB/s)")
}

func benchmark() {
    var arguments = Array(CommandLine.arguments.dropFirst())
    if arguments.first == "parse" {
        let repeats = option("--repeat", in: &arguments, default: 20)
        let threads = option("--threads", in: &arguments, default: 1)
        guard arguments.count == 2 else {
            FileHandle.standardError.write(Data("usage: dibao-bench parse POPULATION.csv [--repeat R] [--threads T]\n".utf8))
            exit(2)
        }
        parseBenchmark(arguments[1], repeats: max(1, repeats), threads: threads)
        return
    }
    if arguments.first == "roster" {
        let repeats = option("--repeat", in: &arguments, default: 3)
        guard arguments.count == 3 else {
            FileHandle.standardError.write(Data("usage: dibao-bench roster DIBAO.csv REGISTERED.csv [--repeat R]\n".utf8))
            exit(2)
        }
        rosterBenchmark(arguments[1], arguments[2], repeats: repeats)
        return
    }
    let repeats = option("--repeat", in: &arguments, default: 10)
    let threads = option("--threads", in: &arguments, default: ProcessInfo.processInfo.activeProcessorCount)
    guard arguments.count == 2 else {
        FileHandle.standardError.write(Data("usage: dibao-bench SCENARIO.yaml POPULATION.csv [--repeat R] [--threads T]\n".utf8))
        exit(2)
    }

    do {
        let loaded = try ScenarioLoader.load(arguments[0])
        guard let rules = loaded.scenario.microsimulation else {
            FileHandle.standardError.write(Data("error: \(arguments[0]) has no microsimulation section\n".utf8))
            exit(2)
        }
        let fileBytes = (try FileManager.default.attributesOfItem(atPath: arguments[1])[.size] as? NSNumber)?.intValue ?? 0
        let memoryBefore = currentMemory()
        let (loadStart, cpuStart) = (now(), cpuTime())
        let population = try PopulationCSV.load(arguments[1], threads: threads)
        let (loadSeconds, loadCPU) = (now() - loadStart, cpuTime() - cpuStart)
        let series = try SeriesResolver(definitions: loaded.scenario.series)

        var times: [Double] = []
        var result: MicrosimulationResult?
        for _ in 0..<repeats {
            let start = now()
            result = try Microsimulation.run(population, rules: rules, series: series, span: loaded.scenario.span, threads: threads)
            times.append(now() - start)
        }
        let years = result!.years.map { year -> String in
            let persons = Int(year.eligiblePersons)
            return """
                 {"year": \(year.year), "eligible_households": \(Int(year.eligibleHouseholds)), "eligible_persons": \(persons), \
                "total_benefit_yuan": \(year.totalBenefit.yuan), "avg_monthly_benefit_per_person": \(year.averageMonthlyBenefit?.yuan ?? 0)}
                """
        }
        print("[\n" + years.joined(separator: ",\n") + "\n]")
        let median = times.sorted()[times.count / 2]
        let count = population.count
        let householdYears = Double(count * loaded.scenario.span.count)
        // A file under 4 MiB is read into memory once during the load (and freed after); a larger
        // one is read in pieces and never held whole. What stays per household is the columns.
        // Peak beyond the file = peak RSS − RSS before − file size; for a file read in pieces
        // (never resident) what the load and the runs add is all of peak RSS − RSS before:
        // "peak_bytes_per_household".
        let beyondFile = peakMemory() - memoryBefore - fileBytes
        let timing = """
            {"impl": "dibao", "n_households": \(count), "threads": \(threads), "load_s": \(loadSeconds), "load_cpu_s": \(loadCPU), \
            "compute_s": [\(times.map { String($0) }.joined(separator: ", "))], "compute_median_s": \(median), \
            "household_years_per_s": \(householdYears / median), "file_bytes": \(fileBytes), \
            "peak_rss_bytes": \(peakMemory()), "rss_before_load_bytes": \(memoryBefore), \
            "peak_bytes_per_household_beyond_file": \(Double(beyondFile) / Double(max(count, 1))), \
            "peak_bytes_per_household": \(Double(peakMemory() - memoryBefore) / Double(max(count, 1)))}
            """
        FileHandle.standardError.write(Data((timing + "\n").utf8))
    } catch let error as ScenarioFileError {
        FileHandle.standardError.write(Data("error: \(error)\n".utf8))
        exit(2)
    } catch {
        FileHandle.standardError.write(Data("error: \(error)\n".utf8))
        exit(2)
    }
}

benchmark()
