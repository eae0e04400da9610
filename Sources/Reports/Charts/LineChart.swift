/// A line chart over years: one line per series, optional reference lines and markers, axes
/// with units, and a legend. Draws itself as SVG; its data is also a CSV table.
public struct LineChart: Sendable {
    /// File-name stem and element id (`standard-vs-poverty-line`).
    public var id: String
    public var title: String
    /// The y-axis label, with its unit (`元/人·年`).
    public var valueLabel: String
    /// The unit of the values in the CSV (`yuan/person/year`).
    public var unit: String
    /// Values are divided by this for the axis labels (10000 to label 元 in 万元).
    public var displayDivisor: Double = 1
    /// Whether the value axis starts at zero (budgets, counts) or near the lowest value (levels).
    public var includesZero = true
    public var lines: [Line]
    public var markers: [Marker] = []
    /// Shaded ranges (a 5–95% band of Monte Carlo draws), drawn under the lines.
    public var bands: [Band] = []
    /// Whether values are ratios shown as percentages on the axis.
    public var percentAxis = false

    public struct Band: Sendable {
        public var name: String
        public var color: String
        public var points: [(year: Int, low: Double, high: Double)]
    }

    public struct Line: Sendable {
        public var name: String
        public var color: String
        public var dashed: Bool
        public var points: [(year: Int, value: Double)]
    }

    /// A single requirement drawn as a point with a label (a benefit floor in its year).
    public struct Marker: Sendable {
        public var label: String
        public var year: Int
        public var value: Double
    }

    static let width = 720.0
    static let height = 400.0
    static let plot = (left: 84.0, right: 700.0, top: 44.0, bottom: 300.0)

    public var years: [Int] {
        Array(Set(lines.flatMap { $0.points.map(\.year) } + markers.map(\.year) + bands.flatMap { $0.points.map(\.year) })).sorted()
    }

    public func svg() -> String {
        let plot = Self.plot
        let axis = ChartAxis(
            covering: lines.flatMap { $0.points.map(\.value) } + markers.map(\.value)
                + bands.flatMap { $0.points.flatMap { [$0.low, $0.high] } },
            includingZero: includesZero)
        let years = self.years
        let firstYear = Double(years.first ?? 0)
        let lastYear = Double(max(years.last ?? 1, (years.first ?? 0) + 1))
        func x(_ year: Int) -> Double {
            plot.left + 20 + (Double(year) - firstYear) / (lastYear - firstYear) * (plot.right - plot.left - 40)
        }
        func y(_ value: Double) -> Double { axis.position(value, from: plot.bottom, to: plot.top) }

        var out = ChartFrame.axes(
            axis: axis, y: y, xTicks: years.map { (x($0), String($0)) }, valueLabel: valueLabel, divisor: displayDivisor,
            percent: percentAxis)
        for band in bands where !band.points.isEmpty {
            let upper = band.points.map { "\(SVG.number(x($0.year))),\(SVG.number(y($0.high)))" }
            let lower = band.points.reversed().map { "\(SVG.number(x($0.year))),\(SVG.number(y($0.low)))" }
            out +=
                "<polygon class=\"band\" fill=\"\(band.color)\" fill-opacity=\"0.22\" stroke=\"none\" points=\"\((upper + lower).joined(separator: " "))\">"
            out += "<title>\(SVG.escaped(band.name))</title></polygon>\n"
        }
        // The first line (the primary scenario) is drawn last, on top of the others.
        for line in lines.reversed() where !line.points.isEmpty {
            let path = line.points.map { "\(SVG.number(x($0.year))),\(SVG.number(y($0.value)))" }.joined(separator: " ")
            out += "<polyline class=\"series\" fill=\"none\" stroke=\"\(line.color)\" stroke-width=\"2.5\""
            out += line.dashed ? " stroke-dasharray=\"6 4\"" : ""
            out += " points=\"\(path)\"><title>\(SVG.escaped(line.name))</title></polyline>\n"
            for point in line.points {
                out += "<circle cx=\"\(SVG.number(x(point.year)))\" cy=\"\(SVG.number(y(point.value)))\" r=\"3\" fill=\"\(line.color)\"/>\n"
            }
        }
        for marker in markers {
            let cx = x(marker.year)
            let cy = y(marker.value)
            out +=
                "<path class=\"marker\" d=\"M\(SVG.number(cx)) \(SVG.number(cy - 7))l7 7l-7 7l-7 -7z\" fill=\"none\" stroke=\"#B00020\" stroke-width=\"2\"/>\n"
            out +=
                "<text x=\"\(SVG.number(cx - 10))\" y=\"\(SVG.number(cy - 10))\" text-anchor=\"end\" fill=\"#B00020\">\(SVG.escaped(marker.label))</text>\n"
        }
        let legend = ChartFrame.legend(
            bands.map { ($0.name, $0.color + "66", false) } + lines.map { ($0.name, $0.color, $0.dashed) }
                + (markers.isEmpty ? [] : [("◇ " + markerLegend, "#B00020", false)]))
        return ChartFrame.document(id: id, title: title, body: out, legend: legend)
    }

    /// The legend text for markers (set by the report: 目标下限 / target floor).
    public var markerLegend = "target"

    /// The data behind the chart: one row per line and year, values in `unit`.
    public func csv(seriesHeader: String) -> CSVTable {
        var table = CSVTable(header: [seriesHeader, "year", "value", "unit"])
        for line in lines {
            for point in line.points {
                table.rows.append([line.name, String(point.year), Formatting.plain(point.value), unit])
            }
        }
        for marker in markers {
            table.rows.append([marker.label, String(marker.year), Formatting.plain(marker.value), unit])
        }
        for band in bands {
            for point in band.points {
                table.rows.append([band.name + " (low)", String(point.year), Formatting.plain(point.low), unit])
                table.rows.append([band.name + " (high)", String(point.year), Formatting.plain(point.high), unit])
            }
        }
        return table
    }
}
