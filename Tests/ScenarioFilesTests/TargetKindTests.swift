import Foundation
import PolicyModel
import RunLayer
import ScenarioFiles
import Testing

/// Every kind in the registry is complete: it decodes from a scenario file with its declared
/// keys, is checked, is worded in both languages, and is documented.
@Suite("Target kinds")
struct TargetKindTests {
    /// A scenario line for `kind` with a value for each of its keys (an amount of 1, a rate of 0.01).
    func line(_ kind: TargetKind) -> String {
        var fields = ["kind: \(kind.name)"]
        fields += kind.years == .single ? ["year: 2018"] : ["from: 2017", "to: 2018"]
        for parameter in kind.parameters {
            switch parameter.type {
            case .series: fields.append("\(parameter.key): standard")
            case .rate, .nonNegative: fields.append("\(parameter.key): 0.01")
            case .yuan, .moneyPerPerson: fields.append("\(parameter.key): 1")
            }
        }
        return "  - {" + fields.joined(separator: ", ") + "}"
    }

    @Test("Each kind decodes from its declared keys and is checked against the minimal scenario")
    func everyKindDecodes() throws {
        #expect(Set(TargetKind.all.map(\.name)).count == TargetKind.all.count)
        let targets = TargetKind.all.map(line).joined(separator: "\n")
        let text =
            minimalScenario
            .replacingOccurrences(
                of: "  poverty_line:",
                with: "  rural_income: {unit: yuan/person/year, values: {2016: 12000}, growth: 0.09}\n  poverty_line:"
            )
            .replacingOccurrences(of: "  - {kind: margin_above_poverty_line, year: 2018, at_least: 0.20}\n", with: targets + "\n")
            + "actuals: {townships: {2018: {城关镇: {persons: 100, population: 5000}}}}\n"
        let folder = try ScenarioFolder(["all.yaml": text])
        let projection = try ScenarioRun(loading: folder.file("all.yaml")).project()
        #expect(projection.checks.map(\.target.kind) == TargetKind.all)
        for check in projection.checks {
            #expect(check.actual.isFinite && check.required.isFinite, "\(check.target.kind)")
        }
    }

    @Test("Each kind is named and worded in Chinese and English, with no placeholder left unfilled")
    func wording() {
        for kind in TargetKind.all {
            #expect(!kind.label.zh.isEmpty && !kind.label.en.isEmpty && kind.label.zh != kind.label.en, "\(kind)")
            for sentence in [kind.sentence.met, kind.sentence.failed] {
                for text in [sentence.zh, sentence.en] {
                    let placeholders = text.split(separator: "{").dropFirst().map { $0.prefix { $0 != "}" } }
                    #expect(Set(placeholders).isSubset(of: ["actual", "required", "tolerance", "year", "series"]), "\(kind): \(text)")
                }
            }
        }
    }

    @Test("Each kind has its row in docs/model.md §5")
    func documented() throws {
        let model = try String(contentsOfFile: bundledScenarios + "/../docs/model.md", encoding: .utf8)
        for kind in TargetKind.all {
            #expect(model.contains("| `\(kind.name)`"), "\(kind)")
        }
    }
}
