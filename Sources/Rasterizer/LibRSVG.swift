import CRSVG
import LazyLibraries

/// The librsvg, cairo and GLib functions `SVGRaster` calls, from librsvg-2.so.2 (which loads
/// cairo and GLib) opened on the first picture drawn (`@unchecked Sendable`: C function
/// pointers, never changed).
struct LibRSVG: @unchecked Sendable {
    let handleNewFromData: rsvg_handle_new_from_data_fn
    let handleGetIntrinsicDimensions: rsvg_handle_get_intrinsic_dimensions_fn
    let handleRenderDocument: rsvg_handle_render_document_fn
    let imageSurfaceCreate: cairo_image_surface_create_fn
    let surfaceFlush: cairo_surface_flush_fn
    let surfaceDestroy: cairo_surface_destroy_fn
    let surfaceWriteToPNGStream: cairo_surface_write_to_png_stream_fn
    let create: cairo_create_fn
    let destroy: cairo_destroy_fn
    let setSourceRGB: cairo_set_source_rgb_fn
    let paint: cairo_paint_fn
    let objectUnref: g_object_unref_fn
    let errorFree: g_error_free_fn

    private static let opened = Result { () throws(SharedLibrary.Unavailable) in
        let purpose = "drawing the charts as PNG pictures"
        return try LibRSVG(
            rsvg: SharedLibrary(["librsvg-2.so.2"], package: "librsvg2-2", purpose: purpose),
            cairo: SharedLibrary(["libcairo.so.2"], package: "libcairo2", purpose: purpose),
            gobject: SharedLibrary(["libgobject-2.0.so.0"], package: "libglib2.0-0", purpose: purpose),
            glib: SharedLibrary(["libglib-2.0.so.0"], package: "libglib2.0-0", purpose: purpose))
    }

    init(rsvg: SharedLibrary, cairo: SharedLibrary, gobject: SharedLibrary, glib: SharedLibrary) throws(SharedLibrary.Unavailable) {
        handleNewFromData = try rsvg.function("rsvg_handle_new_from_data")
        handleGetIntrinsicDimensions = try rsvg.function("rsvg_handle_get_intrinsic_dimensions")
        handleRenderDocument = try rsvg.function("rsvg_handle_render_document")
        imageSurfaceCreate = try cairo.function("cairo_image_surface_create")
        surfaceFlush = try cairo.function("cairo_surface_flush")
        surfaceDestroy = try cairo.function("cairo_surface_destroy")
        surfaceWriteToPNGStream = try cairo.function("cairo_surface_write_to_png_stream")
        create = try cairo.function("cairo_create")
        destroy = try cairo.function("cairo_destroy")
        setSourceRGB = try cairo.function("cairo_set_source_rgb")
        paint = try cairo.function("cairo_paint")
        objectUnref = try gobject.function("g_object_unref")
        errorFree = try glib.function("g_error_free")
    }

    /// The functions, the libraries opened the first time.
    static func functions() throws(SharedLibrary.Unavailable) -> LibRSVG { try opened.get() }
}
