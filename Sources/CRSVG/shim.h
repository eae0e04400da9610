// The few librsvg, cairo and GLib types and functions Rasterizer uses, declared by hand (their
// headers need the include paths of glib, cairo, gdk-pixbuf, …), the functions as function-pointer
// types: the libraries are opened at run time (librsvg-2.so.2, libcairo.so.2, libgobject-2.0.so.0,
// libglib-2.0.so.0) by Rasterizer's LibRSVG, not linked. Layouts and values as in librsvg 2.48+
// (rsvg.h, rsvg-cairo.h), cairo 1.16 (cairo.h) and GLib 2 (gerror.h, gtypes.h).
#ifndef DIBAO_CRSVG_SHIM_H
#define DIBAO_CRSVG_SHIM_H

#include <stddef.h>
#include <stdint.h>

// GLib
typedef int gboolean;
typedef size_t gsize;
typedef uint32_t GQuark;
typedef struct _GError {
    GQuark domain;
    int code;
    char *message;
} GError;
typedef void (*g_object_unref_fn)(void *object);
typedef void (*g_error_free_fn)(GError *error);

// cairo
typedef struct _cairo cairo_t;
typedef struct _cairo_surface cairo_surface_t;
typedef enum _cairo_format { CAIRO_FORMAT_INVALID = -1, CAIRO_FORMAT_ARGB32 = 0, CAIRO_FORMAT_RGB24 = 1 } cairo_format_t;
typedef enum _cairo_status { CAIRO_STATUS_SUCCESS = 0, CAIRO_STATUS_NO_MEMORY = 1, CAIRO_STATUS_WRITE_ERROR = 11 } cairo_status_t;
typedef cairo_status_t (*cairo_write_func_t)(void *closure, const unsigned char *data, unsigned int length);
typedef cairo_surface_t *(*cairo_image_surface_create_fn)(cairo_format_t format, int width, int height);
typedef void (*cairo_surface_flush_fn)(cairo_surface_t *surface);
typedef void (*cairo_surface_destroy_fn)(cairo_surface_t *surface);
typedef cairo_status_t (*cairo_surface_write_to_png_stream_fn)(cairo_surface_t *surface, cairo_write_func_t write, void *closure);
typedef cairo_t *(*cairo_create_fn)(cairo_surface_t *target);
typedef void (*cairo_destroy_fn)(cairo_t *cr);
typedef void (*cairo_set_source_rgb_fn)(cairo_t *cr, double red, double green, double blue);
typedef void (*cairo_paint_fn)(cairo_t *cr);

// librsvg
typedef struct _RsvgHandle RsvgHandle;
typedef enum {
    RSVG_UNIT_PERCENT, RSVG_UNIT_PX, RSVG_UNIT_EM, RSVG_UNIT_EX, RSVG_UNIT_IN, RSVG_UNIT_CM, RSVG_UNIT_MM, RSVG_UNIT_PT, RSVG_UNIT_PC
} RsvgUnit;
typedef struct _RsvgLength {
    double length;
    RsvgUnit unit;
} RsvgLength;
typedef struct _RsvgRectangle {
    double x;
    double y;
    double width;
    double height;
} RsvgRectangle;
typedef RsvgHandle *(*rsvg_handle_new_from_data_fn)(const uint8_t *data, gsize data_len, GError **error);
typedef void (*rsvg_handle_get_intrinsic_dimensions_fn)(RsvgHandle *handle, gboolean *out_has_width, RsvgLength *out_width,
                                                        gboolean *out_has_height, RsvgLength *out_height,
                                                        gboolean *out_has_viewbox, RsvgRectangle *out_viewbox);
typedef gboolean (*rsvg_handle_render_document_fn)(RsvgHandle *handle, cairo_t *cr, const RsvgRectangle *viewport,
                                                   GError **error);

#endif
