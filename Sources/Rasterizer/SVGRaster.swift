import CRSVG

/// SVG to PNG with librsvg and cairo (Debian's librsvg2-2, opened on the first picture; without
/// it drawing fails with the package to install), the renderer GNOME and many converters use: the
/// charts a report draws as SVG become pictures a Word document can embed, drawn from the same
/// SVG, with the system's fonts (CJK from fonts-noto-cjk).
public enum SVGRaster {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// The PNG of `svg` drawn `width` pixels wide on white, its height in the SVG's proportions.
    public static func png(_ svg: String, width: Int) throws(Failure) -> [UInt8] {
        guard width > 0, width <= 20_000 else { throw Failure(description: "a picture must be 1 to 20,000 pixels wide, not \(width)") }
        let rsvg: LibRSVG
        do { rsvg = try LibRSVG.functions() } catch { throw Failure(description: error.description) }
        var error: UnsafeMutablePointer<GError>?
        let bytes = Array(svg.utf8)
        guard
            let handle = bytes.withUnsafeBufferPointer({ buffer in
                rsvg.handleNewFromData(buffer.baseAddress, gsize(buffer.count), &error)
            })
        else {
            throw Failure(description: "the chart cannot be read as SVG: \(message(error, rsvg))")
        }
        defer { rsvg.objectUnref(UnsafeMutableRawPointer(handle)) }
        var hasWidth: gboolean = 0
        var hasHeight: gboolean = 0
        var hasViewBox: gboolean = 0
        var svgWidth = RsvgLength()
        var svgHeight = RsvgLength()
        var viewBox = RsvgRectangle()
        rsvg.handleGetIntrinsicDimensions(handle, &hasWidth, &svgWidth, &hasHeight, &svgHeight, &hasViewBox, &viewBox)
        let aspect: Double
        if hasViewBox != 0, viewBox.width > 0 {
            aspect = viewBox.height / viewBox.width
        } else if hasWidth != 0, hasHeight != 0, svgWidth.length > 0 {
            aspect = svgHeight.length / svgWidth.length
        } else {
            throw Failure(description: "the chart's SVG has neither a viewBox nor a width and height")
        }
        let height = max(1, Int((Double(width) * aspect).rounded()))
        guard let surface = rsvg.imageSurfaceCreate(CAIRO_FORMAT_RGB24, Int32(width), Int32(height)) else {
            throw Failure(description: "cannot make a \(width) × \(height) picture")
        }
        defer { rsvg.surfaceDestroy(surface) }
        guard let context = rsvg.create(surface) else { throw Failure(description: "cannot draw on the picture") }
        defer { rsvg.destroy(context) }
        rsvg.setSourceRGB(context, 1, 1, 1)
        rsvg.paint(context)
        var viewport = RsvgRectangle(x: 0, y: 0, width: Double(width), height: Double(height))
        guard rsvg.handleRenderDocument(handle, context, &viewport, &error) != 0 else {
            throw Failure(description: "the chart cannot be drawn: \(message(error, rsvg))")
        }
        rsvg.surfaceFlush(surface)
        let sink = PNGSink()
        let status = rsvg.surfaceWriteToPNGStream(
            surface,
            { closure, data, length in
                guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
                let sink = Unmanaged<PNGSink>.fromOpaque(closure).takeUnretainedValue()
                sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
                return CAIRO_STATUS_SUCCESS
            }, Unmanaged.passUnretained(sink).toOpaque())
        guard status == CAIRO_STATUS_SUCCESS else { throw Failure(description: "cannot encode the picture as PNG") }
        return sink.bytes
    }

    /// The message of a GLib error, freed.
    private static func message(_ error: UnsafeMutablePointer<GError>?, _ rsvg: LibRSVG) -> String {
        guard let error else { return "unknown error" }
        defer { rsvg.errorFree(error) }
        return error.pointee.message.map { String(cString: $0) } ?? "unknown error"
    }
}

/// Collects the bytes cairo writes.
private final class PNGSink {
    var bytes: [UInt8] = []
}
