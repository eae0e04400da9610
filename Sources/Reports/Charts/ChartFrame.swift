/// The parts every chart shares: gridlines, axes with tick labels and units, and the legend.
enum ChartFrame {
    static let plot = LineChart.plot

    /// Horizontal gridlines with value labels, the x-axis ticks, both axis lines and the unit
    /// label of the value axis.
    static func axes(
        axis: ChartAxis, y: (Double) -> Double, xTicks: [(x: Double, label: String)], valueLabel: String, divisor: Double,
        percent: Bool = false
    ) -> String {
        var out = "<g class=\"axis y-axis\">\n"
        for tick in axis.ticks {
            let ty = SVG.number(y(tick))
            out += "<line x1=\"\(SVG.number(plot.left))\" x2=\"\(SVG.number(plot.right))\" y1=\"\(ty)\" y2=\"\(ty)\" stroke=\"#dddddd\"/>\n"
            let decimals = (axis.step / divisor).rounded() == axis.step / divisor ? 0 : 1
            let label =
                percent
                ? Formatting.percent(tick, decimals: (axis.step * 100).rounded() == axis.step * 100 ? 0 : 1)
                : Formatting.grouped(tick / divisor, decimals: decimals)
            out += "<text x=\"\(SVG.number(plot.left - 6))\" y=\"\(ty)\" dy=\"4\" text-anchor=\"end\">\(label)</text>\n"
        }
        out +=
            "<line x1=\"\(SVG.number(plot.left))\" x2=\"\(SVG.number(plot.left))\" y1=\"\(SVG.number(plot.top))\" y2=\"\(SVG.number(plot.bottom))\" stroke=\"#333333\"/>\n"
        out +=
            "<text class=\"axis-label\" transform=\"translate(16 \(SVG.number((plot.top + plot.bottom) / 2))) rotate(-90)\" text-anchor=\"middle\">\(SVG.escaped(valueLabel))</text>\n"
        out += "</g>\n<g class=\"axis x-axis\">\n"
        out +=
            "<line x1=\"\(SVG.number(plot.left))\" x2=\"\(SVG.number(plot.right))\" y1=\"\(SVG.number(plot.bottom))\" y2=\"\(SVG.number(plot.bottom))\" stroke=\"#333333\"/>\n"
        for tick in xTicks {
            out +=
                "<line x1=\"\(SVG.number(tick.x))\" x2=\"\(SVG.number(tick.x))\" y1=\"\(SVG.number(plot.bottom))\" y2=\"\(SVG.number(plot.bottom + 5))\" stroke=\"#333333\"/>\n"
            out +=
                "<text x=\"\(SVG.number(tick.x))\" y=\"\(SVG.number(plot.bottom + 19))\" text-anchor=\"middle\">\(SVG.escaped(tick.label))</text>\n"
        }
        return out + "</g>\n"
    }

    /// Legend entries laid out left to right, wrapping, below the plot; returns the SVG and the
    /// height the chart needs to show all of it.
    static func legend(_ entries: [(name: String, color: String, dashed: Bool)]) -> (svg: String, height: Double) {
        let columnWidth = 6.6
        let usable = plot.right + 10 - plot.left - 34
        var out = "<g class=\"legend\">\n"
        var x = plot.left
        var y = plot.bottom + 46
        for entry in entries {
            let lines = wrapped(entry.name, columns: Int(usable / columnWidth))
            let width = 34 + Double(lines.map(TextTable.displayWidth).max() ?? 0) * columnWidth
            if x + width > plot.right + 10 && x > plot.left {
                x = plot.left
                y += 20
            }
            out +=
                "<line x1=\"\(SVG.number(x))\" x2=\"\(SVG.number(x + 24))\" y1=\"\(SVG.number(y - 4))\" y2=\"\(SVG.number(y - 4))\" stroke=\"\(entry.color)\" stroke-width=\"\(entry.dashed ? 2.5 : 4)\"\(entry.dashed ? " stroke-dasharray=\"6 4\"" : "")/>\n"
            for (index, line) in lines.enumerated() {
                out += "<text x=\"\(SVG.number(x + 30))\" y=\"\(SVG.number(y + Double(index) * 16))\">\(SVG.escaped(line))</text>\n"
            }
            if lines.count > 1 {
                // A wrapped entry takes its own rows.
                y += Double(lines.count - 1) * 16 + 20
                x = plot.left
            } else {
                x += width + 12
            }
        }
        return (out + "</g>\n", y + 14)
    }

    /// Splits a legend entry at its list separators (、 and ", ") into lines of at most `columns`
    /// display columns.
    static func wrapped(_ text: String, columns: Int) -> [String] {
        guard TextTable.displayWidth(text) > columns else { return [text] }
        var lines: [String] = []
        var current = ""
        var piece = ""
        func flush() {
            if !current.isEmpty && TextTable.displayWidth(current + piece) > columns {
                lines.append(current)
                current = ""
            }
            current += piece
            piece = ""
        }
        for character in text {
            piece.append(character)
            if character == "、" || character == "," { flush() }
        }
        flush()
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    /// Puts a chart's parts into an `<svg>` tall enough for its legend.
    static func document(id: String, title: String, body: String, legend: (svg: String, height: Double)) -> String {
        SVG.open(width: LineChart.width, height: max(LineChart.height, legend.height), title: title, id: id) + body + legend.svg
            + "</svg>\n"
    }
}
