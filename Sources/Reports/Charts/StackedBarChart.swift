/// Bars stacked by part (central / provincial / county), one bar per group member (scenario)
/// in each year. Draws itself as SVG; its data is also a CSV table.
public struct StackedBarChart: Sendable {
    public var id: String
    public var title: String
    public var valueLabel: String
    public var unit: String
    public var displayDivisor: Double = 1
    /// The stacked parts, bottom first, with their colours.
    public var parts: [(name: String, color: String)]
    /// One bar per member and year: `values[i]` are the parts' values, bottom first.
    public var bars: [Bar]
    /// Caps drawn over a member's bar: a dashed red line at `value` (budget caps).
    public var caps: [Cap] = []
    /// The legend entry of the caps.
    public var capLegend = ""

    public struct Cap: Sendable {
        public var member: String
        public var year: Int
        public var value: Double
        public var label: String

        public init(member: String, year: Int, value: Double, label: String) {
            self.member = member
            self.year = year
            self.value = value
            self.label = label
        }
    }

    public struct Bar: Sendable {
        public var member: String
        public var year: Int
        public var values: [Double]
    }

    public func svg() -> String {
        let plot = LineChart.plot
        let axis = ChartAxis(covering: bars.map { $0.values.reduce(0, +) } + caps.map(\.value))
        let years = Array(Set(bars.map(\.year))).sorted()
        let members = bars.reduce(into: [String]()) { if !$0.contains($1.member) { $0.append($1.member) } }
        let groupWidth = (plot.right - plot.left) / Double(max(years.count, 1))
        let barWidth = min(40, groupWidth * 0.8 / Double(max(members.count, 1)))
        func y(_ value: Double) -> Double { axis.position(value, from: plot.bottom, to: plot.top) }
        func groupCenter(_ year: Int) -> Double { plot.left + (Double(years.firstIndex(of: year)!) + 0.5) * groupWidth }

        var out = ChartFrame.axes(
            axis: axis, y: y, xTicks: years.map { (groupCenter($0), String($0)) }, valueLabel: valueLabel, divisor: displayDivisor)
        for bar in bars {
            let index = Double(members.firstIndex(of: bar.member)!)
            let left = groupCenter(bar.year) - barWidth * Double(members.count) / 2 + index * barWidth
            var base = 0.0
            for (part, value) in zip(parts, bar.values) {
                let top = y(base + value)
                let bottom = y(base)
                out +=
                    "<rect class=\"bar\" x=\"\(SVG.number(left + 1))\" y=\"\(SVG.number(top))\" width=\"\(SVG.number(barWidth - 2))\" height=\"\(SVG.number(bottom - top))\" fill=\"\(part.color)\">"
                out +=
                    "<title>\(SVG.escaped("\(bar.member) \(bar.year) \(part.name): \(Formatting.grouped(value / displayDivisor))"))</title></rect>\n"
                base += value
            }
            if members.count > 1 {
                out +=
                    "<text x=\"\(SVG.number(left + barWidth / 2))\" y=\"\(SVG.number(y(base) - 4))\" text-anchor=\"middle\" font-size=\"9\">\(Int(index) + 1)</text>\n"
            }
        }
        for cap in caps {
            guard years.contains(cap.year), let member = members.firstIndex(of: cap.member) else { continue }
            let left = groupCenter(cap.year) - barWidth * Double(members.count) / 2 + Double(member) * barWidth - 3
            out +=
                "<line class=\"cap\" x1=\"\(SVG.number(left))\" x2=\"\(SVG.number(left + barWidth + 6))\" y1=\"\(SVG.number(y(cap.value)))\" y2=\"\(SVG.number(y(cap.value)))\" stroke=\"#D55E00\" stroke-width=\"2.5\" stroke-dasharray=\"5 3\"><title>\(SVG.escaped(cap.label))</title></line>\n"
        }
        var legend = parts.map { ($0.name, $0.color, false) }
        if !caps.isEmpty { legend.append((capLegend, "#D55E00", true)) }
        if members.count > 1 {
            legend += members.enumerated().map { ("\($0.offset + 1) = \($0.element)", "#ffffff", false) }
        }
        return ChartFrame.document(id: id, title: title, body: out, legend: ChartFrame.legend(legend))
    }

    /// The data behind the chart: one row per bar and part, values in `unit`.
    public func csv(memberHeader: String, partHeader: String) -> CSVTable {
        var table = CSVTable(header: [memberHeader, "year", partHeader, "value", "unit"])
        for bar in bars {
            for (part, value) in zip(parts, bar.values) {
                table.rows.append([bar.member, String(bar.year), part.name, Formatting.plain(value), unit])
            }
        }
        return table
    }
}
