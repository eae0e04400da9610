import Documents
import PolicyModel

/// `dibao check --junit PATH`: one test suite per scenario, one test case per target. A target
/// that fails as expected is a skipped case; an unexpected outcome is a failure.
public enum JUnitReport {
    /// `files[i]` is the scenario file of `projections[i]`.
    public static func xml(_ projections: [Projection], files: [String]) -> String {
        let checks = projections.flatMap(\.checks)
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"dibao check\" tests=\"\(checks.count)\" failures=\"\(checks.filter { !$0.isAsExpected }.count)\">\n"
        for (projection, file) in zip(projections, files) {
            let failures = projection.checks.filter { !$0.isAsExpected }.count
            let skipped = projection.checks.count { $0.outcome == .failedAsExpected }
            out +=
                "  <testsuite name=\"\(escaped(projection.scenario.name))\" file=\"\(escaped(file))\" tests=\"\(projection.checks.count)\" failures=\"\(failures)\" skipped=\"\(skipped)\">\n"
            for check in projection.checks {
                let description = CheckDescription(check, language: .en)
                out +=
                    "    <testcase classname=\"\(escaped(projection.scenario.name))\" name=\"[\(check.index)] \(escaped(description.title))\""
                let body: String
                switch check.outcome {
                case .met:
                    out += "/>\n"
                    continue
                case .failedAsExpected: body = "<skipped message=\"expected failure: \(escaped(description.message))\"/>"
                case .passedUnexpectedly: body = "<failure message=\"\(escaped("expected to fail but passes (update 'expect')"))\"/>"
                case .failed: body = "<failure message=\"\(escaped(description.message))\"/>"
                }
                out += ">\n      \(body)\n    </testcase>\n"
            }
            out += "  </testsuite>\n"
        }
        return out + "</testsuites>\n"
    }

    /// Text safe inside an XML attribute or element (with `quotes: false`, inside an element or
    /// Markdown only): `XMLText.escaped`.
    public static func escaped(_ text: String, quotes: Bool = true) -> String { XMLText.escaped(text, quotes: quotes) }
}
