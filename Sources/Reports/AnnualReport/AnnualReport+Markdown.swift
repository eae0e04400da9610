import Foundation

extension AnnualReport {
    /// The report as Markdown: the same tables, charts linked as the SVG files beside it.
    public func markdown() -> String {
        let l = language
        var out = "# \(Self.markdownText(title))\n\n"
        out += Self.markdownText(scenarioList) + "\n\n" + unitsNote + "\n\n"
        out +=
            "## \(l.pick("一、", "1. "))\(summary.title)\n\n" + markdownTable(summary)
            + [planVersusActual, townshipTable].compactMap { $0 }.map(markdownTable).joined()
        out += "## \(l.pick("二、", "2. "))\(targets.title)\n\n" + targetsByScenario.map(markdownTable).joined()
        out += [probabilities, confidenceBudgets].compactMap { $0 }.map(markdownTable).joined()
        out += "## \(l.pick("三、图表", "3. Charts"))\n\n"
        for chart in chartSVGs {
            out +=
                "![\(Self.markdownText(chart.title))](\(chart.id).svg)\n\n\(l.pick("数据", "Data")): [\(chart.id).csv](\(chart.id).csv)\n\n"
        }
        out += "## \(l.pick("四、逐年预测", "4. Year by year"))\n\n"
        for (entry, tables) in zip(scenarios, yearTablesByScenario) {
            out += "### \(Self.markdownText(entry.displayName(language)))\n\n"
            if let description = entry.say(entry.scenario.description, language) { out += Self.markdownText(description) + "\n\n" }
            for table in tables { out += markdownTable(table) }
        }
        out += "## \(l.pick("五、", "5. "))\(assumptions.title)\n\n" + markdownTable(assumptions)
        return out
    }

    /// Text from a scenario, safe in Markdown: HTML is shown, never run (`<`, `>`, `&` as
    /// entities), and `](` cannot complete a link or an image.
    static func markdownText(_ text: String) -> String {
        JUnitReport.escaped(text, quotes: false).replacingOccurrences(of: "](", with: "]\\(")
    }

    private func markdownTable(_ table: ReportTable) -> String {
        func cell(_ text: String) -> String {
            Self.markdownText(text).replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
        }
        var out = "**\(cell(table.title))**\n\n"
        out += "| " + table.columns.map { cell($0.label) }.joined(separator: " | ") + " |\n"
        out += "|" + table.columns.map { $0.isNumeric ? "---:|" : "---|" }.joined() + "\n"
        for row in table.rows {
            out += "| " + row.map { cell($0.display) }.joined(separator: " | ") + " |\n"
        }
        return out + "\n"
    }
}
