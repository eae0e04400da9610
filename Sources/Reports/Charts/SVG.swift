/// Small helpers for writing SVG text deterministically.
enum SVG {
    /// A coordinate with one decimal, so output is stable and compact.
    static func number(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    /// Text safe inside SVG elements and attributes.
    static func escaped(_ text: String) -> String { JUnitReport.escaped(text) }

    /// The Okabe–Ito palette, distinguishable for colour-blind readers and in greyscale print.
    static let palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"]

    static let fontFamily = "'Noto Sans CJK SC','Source Han Sans SC','PingFang SC','Microsoft YaHei',sans-serif"

    /// The opening tag of a chart: a fixed drawing size that scales to the page width.
    static func open(width: Double, height: Double, title: String, id: String) -> String {
        """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(number(width)) \(number(height))" width="\(number(width))" height="\(number(height))" role="img" aria-labelledby="\(escaped(id))-title" class="chart" id="\(escaped(id))" font-family="\(fontFamily)" font-size="12">
        <title id="\(escaped(id))-title">\(escaped(title))</title>
        <rect x="0" y="0" width="\(number(width))" height="\(number(height))" fill="#ffffff"/>
        <text class="chart-title" x="\(number(width / 2))" y="22" text-anchor="middle" font-size="15" font-weight="bold">\(escaped(title))</text>

        """
    }
}
