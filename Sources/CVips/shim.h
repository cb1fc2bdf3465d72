// Non-variadic wrappers over the libvips calls Tend makes (Swift cannot call C's `...`).
#include <vips/vips.h>

/// Starts libvips once: no operation cache (each image is seen once), one thread per image
/// (Tend runs one image per core itself), and only the loaders Tend uses.
static inline int tend_vips_start(void) {
    if (vips_init("tend") != 0) return -1;
    vips_cache_set_max(0);
    vips_concurrency_set(1);
    vips_block_untrusted_set(TRUE);
    vips_operation_block_set("VipsForeignLoad", TRUE);
    vips_operation_block_set("VipsForeignLoadJpeg", FALSE);
    vips_operation_block_set("VipsForeignLoadPng", FALSE);
    vips_operation_block_set("VipsForeignLoadWebp", FALSE);
    vips_operation_block_set("VipsForeignLoadHeif", FALSE);
    vips_operation_block_set("VipsForeignLoadGif", FALSE);
    return 0;
}

/// The last error libvips reported, cleared.
static inline void tend_vips_error(char *out, size_t size) {
    const char *text = vips_error_buffer();
    snprintf(out, size, "%s", text ? text : "");
    vips_error_clear();
}

/// Reads the header only: size, EXIF orientation (1 when none), and the loader's name.
static inline int tend_vips_header(const void *buffer, size_t length, int *width, int *height, int *orientation, char *loader, size_t loader_size) {
    const char *name = vips_foreign_find_load_buffer(buffer, length);
    if (!name) return -1;
    snprintf(loader, loader_size, "%s", name);
    VipsImage *image = vips_image_new_from_buffer(buffer, length, "", "access", VIPS_ACCESS_SEQUENTIAL, NULL);
    if (!image) return -1;
    *width = vips_image_get_width(image);
    *height = vips_image_get_height(image);
    int value = 1;
    if (vips_image_get_typeof(image, VIPS_META_ORIENTATION) != 0 && vips_image_get_int(image, VIPS_META_ORIENTATION, &value) != 0) value = 1;
    *orientation = value;
    g_object_unref(image);
    return 0;
}

static inline VipsImage *tend_vips_bare(VipsImage *image);

/// Decodes once, upright and in sRGB, shrunk to `width` (never enlarged), into memory. A
/// truncated or damaged file is an error.
static inline VipsImage *tend_vips_decode(const void *buffer, size_t length, int width) {
    VipsImage *thumbnail = NULL;
    if (vips_thumbnail_buffer((void *)buffer, length, &thumbnail, width, "height", VIPS_MAX_COORD, "size", VIPS_SIZE_DOWN,
                              "option_string", "fail_on=truncated", NULL) != 0) return NULL;
    VipsImage *srgb = NULL;
    int failed = vips_colourspace(thumbnail, &srgb, VIPS_INTERPRETATION_sRGB, NULL);
    g_object_unref(thumbnail);
    if (failed) return NULL;
    VipsImage *memory = vips_image_copy_memory(srgb);
    g_object_unref(srgb);
    return memory;
}

/// `image` shrunk to `width` (never enlarged), or cropped to `width` × `height` around
/// `interesting` (VIPS_INTERESTING_CENTRE, _LOW for the top or left, _HIGH for the bottom or right).
static inline VipsImage *tend_vips_resize(VipsImage *image, int width, int height, int interesting) {
    VipsImage *out = NULL;
    int failed = height > 0
        ? vips_thumbnail_image(image, &out, width, "height", height, "crop", interesting, NULL)
        : vips_thumbnail_image(image, &out, width, "height", VIPS_MAX_COORD, "size", VIPS_SIZE_DOWN, NULL);
    if (failed) return NULL;
    VipsImage *bare = tend_vips_bare(out);
    g_object_unref(out);
    return bare;
}

/// The pixels of `image` alone, in a new image that carries no metadata at all (no EXIF, GPS,
/// XMP, IPTC or ICC field is left for any saver to write).
static inline VipsImage *tend_vips_bare(VipsImage *image) {
    size_t size = 0;
    void *pixels = vips_image_write_to_memory(image, &size);
    if (!pixels) return NULL;
    VipsImage *bare = vips_image_new_from_memory_copy(pixels, size, vips_image_get_width(image), vips_image_get_height(image),
                                                      vips_image_get_bands(image), vips_image_get_format(image));
    g_free(pixels);
    if (!bare) return NULL;
    VipsImage *tagged = NULL;
    int failed = vips_copy(bare, &tagged, "interpretation", VIPS_INTERPRETATION_sRGB, NULL);
    g_object_unref(bare);
    return failed ? NULL : tagged;
}

static inline int tend_vips_width(VipsImage *image) { return vips_image_get_width(image); }
static inline int tend_vips_height(VipsImage *image) { return vips_image_get_height(image); }
static inline int tend_vips_has_alpha(VipsImage *image) { return vips_image_hasalpha(image); }

/// Encodes `image` without any metadata (no EXIF, XMP, IPTC or ICC): 0 JPEG, 1 PNG, 2 WebP.
static inline int tend_vips_save(VipsImage *image, int format, int quality, void **out, size_t *length) {
    switch (format) {
    case 0: return vips_jpegsave_buffer(image, out, length, "Q", quality, "strip", TRUE, "optimize_coding", TRUE, "interlace", TRUE, NULL);
    case 1: return vips_pngsave_buffer(image, out, length, "strip", TRUE, "compression", 7, NULL);
    default: return vips_webpsave_buffer(image, out, length, "Q", quality, "strip", TRUE, "effort", 4, NULL);
    }
}

static inline void tend_vips_unref(VipsImage *image) { g_object_unref(image); }
static inline void tend_vips_free(void *buffer) { g_free(buffer); }
