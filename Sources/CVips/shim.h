// Non-variadic wrappers over the libvips calls Tend makes (Swift cannot call C's `...`).
//
// libvips is loaded when the first image is processed, not when Tend starts: linking it (and
// the hundred libraries it brings: GLib, Cairo, Pango, codecs) costs every run of `tend` about
// 18 ms before main, which is a third of a no-change build. Its header gives the types; each
// function is looked up once, by name, through `dlsym`.
#include <dlfcn.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>

// The part of libvips 8's interface Tend uses, declared here rather than taken from
// <vips/vips.h>: building Tend needs no libvips headers, and its binary links no libvips. The
// values are libvips 8's (its enums have kept their values since 8.0).
typedef struct _VipsImage VipsImage;
enum {
    TEND_VIPS_ACCESS_SEQUENTIAL = 1,   // VipsAccess
    TEND_VIPS_SIZE_DOWN = 2,           // VipsSize
    TEND_VIPS_INTERESTING_CENTRE = 1,  // VipsInteresting
    TEND_VIPS_INTERESTING_LOW = 4,
    TEND_VIPS_INTERESTING_HIGH = 5,
    TEND_VIPS_INTERPRETATION_SRGB = 22,  // VipsInterpretation
    TEND_VIPS_MAX_COORD = 10000000,
};

/// The libvips and GObject functions Tend calls.
typedef struct {
    int (*init)(const char *argv0);
    void (*cache_set_max)(int max);
    void (*concurrency_set)(int concurrency);
    void (*block_untrusted_set)(int state);
    void (*operation_block_set)(const char *name, int state);
    const char *(*error_buffer)(void);
    void (*error_clear)(void);
    const char *(*foreign_find_load_buffer)(const void *data, size_t size);
    VipsImage *(*image_new_from_buffer)(const void *buffer, size_t length, const char *options, ...);
    int (*image_get_width)(const VipsImage *image);
    int (*image_get_height)(const VipsImage *image);
    int (*image_get_bands)(const VipsImage *image);
    int (*image_get_format)(const VipsImage *image);
    unsigned long (*image_get_typeof)(const VipsImage *image, const char *name);
    int (*image_get_int)(VipsImage *image, const char *name, int *out);
    int (*image_hasalpha)(VipsImage *image);
    int (*thumbnail_buffer)(void *buffer, size_t length, VipsImage **out, int width, ...);
    int (*thumbnail_image)(VipsImage *in, VipsImage **out, int width, ...);
    int (*colourspace)(VipsImage *in, VipsImage **out, int space, ...);
    VipsImage *(*image_copy_memory)(VipsImage *image);
    void *(*image_write_to_memory)(VipsImage *in, size_t *size);
    VipsImage *(*image_new_from_memory_copy)(const void *data, size_t size, int width, int height, int bands, int format);
    int (*copy)(VipsImage *in, VipsImage **out, ...);
    int (*jpegsave_buffer)(VipsImage *in, void **buffer, size_t *length, ...);
    int (*pngsave_buffer)(VipsImage *in, void **buffer, size_t *length, ...);
    int (*webpsave_buffer)(VipsImage *in, void **buffer, size_t *length, ...);
    void (*object_unref)(void *object);
    void (*free)(void *memory);
    /// 1 once every function above was found.
    int loaded;
} TendVipsFunctions;

/// The functions (all null until libvips is loaded). Storage inside a function, so that Swift's
/// importer emits it with the code that uses it.
static inline TendVipsFunctions *tend_vips_table(void) {
    static TendVipsFunctions table;
    return &table;
}

/// Opens libvips and finds every function; `loaded` stays 0 if any is missing.
__attribute__((unused)) static void tend_vips_load(void) {
#if defined(__APPLE__)
    void *library = dlopen("libvips.42.dylib", RTLD_NOW | RTLD_GLOBAL);
#else
    void *library = dlopen("libvips.so.42", RTLD_NOW | RTLD_GLOBAL);
#endif
    if (!library) return;
    TendVipsFunctions *f = tend_vips_table();
#define TEND_FIND(field, name) if (!(*(void **)&f->field = dlsym(library, name))) return;
    TEND_FIND(init, "vips_init") TEND_FIND(cache_set_max, "vips_cache_set_max") TEND_FIND(concurrency_set, "vips_concurrency_set")
    TEND_FIND(block_untrusted_set, "vips_block_untrusted_set") TEND_FIND(operation_block_set, "vips_operation_block_set")
    TEND_FIND(error_buffer, "vips_error_buffer") TEND_FIND(error_clear, "vips_error_clear")
    TEND_FIND(foreign_find_load_buffer, "vips_foreign_find_load_buffer") TEND_FIND(image_new_from_buffer, "vips_image_new_from_buffer")
    TEND_FIND(image_get_width, "vips_image_get_width") TEND_FIND(image_get_height, "vips_image_get_height")
    TEND_FIND(image_get_bands, "vips_image_get_bands") TEND_FIND(image_get_format, "vips_image_get_format")
    TEND_FIND(image_get_typeof, "vips_image_get_typeof") TEND_FIND(image_get_int, "vips_image_get_int")
    TEND_FIND(image_hasalpha, "vips_image_hasalpha") TEND_FIND(thumbnail_buffer, "vips_thumbnail_buffer")
    TEND_FIND(thumbnail_image, "vips_thumbnail_image") TEND_FIND(colourspace, "vips_colourspace")
    TEND_FIND(image_copy_memory, "vips_image_copy_memory") TEND_FIND(image_write_to_memory, "vips_image_write_to_memory")
    TEND_FIND(image_new_from_memory_copy, "vips_image_new_from_memory_copy") TEND_FIND(copy, "vips_copy")
    TEND_FIND(jpegsave_buffer, "vips_jpegsave_buffer") TEND_FIND(pngsave_buffer, "vips_pngsave_buffer")
    TEND_FIND(webpsave_buffer, "vips_webpsave_buffer") TEND_FIND(object_unref, "g_object_unref") TEND_FIND(free, "g_free")
#undef TEND_FIND
    f->loaded = 1;
}

/// The functions, once libvips is loaded (0 when it cannot be).
#define TEND_VIPS (tend_vips_table())

/// Loads libvips and starts it once: no operation cache (each image is seen once), one thread per image
/// (Tend runs one image per core itself), and only the loaders Tend uses. -2: libvips is not
/// installed (or is not version 8); -1: it did not start.
static inline int tend_vips_start(void) {
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, tend_vips_load);
    if (!TEND_VIPS->loaded) return -2;
    const TendVipsFunctions *f = TEND_VIPS;
    if (f->init("tend") != 0) return -1;
    f->cache_set_max(0);
    f->concurrency_set(1);
    f->block_untrusted_set(1);
    f->operation_block_set("VipsForeignLoad", 1);
    f->operation_block_set("VipsForeignLoadJpeg", 0);
    f->operation_block_set("VipsForeignLoadPng", 0);
    f->operation_block_set("VipsForeignLoadWebp", 0);
    f->operation_block_set("VipsForeignLoadHeif", 0);
    f->operation_block_set("VipsForeignLoadGif", 0);
    return 0;
}

/// The last error libvips reported, cleared.
static inline void tend_vips_error(char *out, size_t size) {
    const char *text = TEND_VIPS->error_buffer();
    snprintf(out, size, "%s", text ? text : "");
    TEND_VIPS->error_clear();
}

/// Reads the header only: size, EXIF orientation (1 when none), and the loader's name.
static inline int tend_vips_header(const void *buffer, size_t length, int *width, int *height, int *orientation, char *loader, size_t loader_size) {
    const char *name = TEND_VIPS->foreign_find_load_buffer(buffer, length);
    if (!name) return -1;
    snprintf(loader, loader_size, "%s", name);
    VipsImage *image = TEND_VIPS->image_new_from_buffer(buffer, length, "", "access", TEND_VIPS_ACCESS_SEQUENTIAL, NULL);
    if (!image) return -1;
    *width = TEND_VIPS->image_get_width(image);
    *height = TEND_VIPS->image_get_height(image);
    int value = 1;
    if (TEND_VIPS->image_get_typeof(image, "orientation") != 0 && TEND_VIPS->image_get_int(image, "orientation", &value) != 0) value = 1;
    *orientation = value;
    TEND_VIPS->object_unref(image);
    return 0;
}

static inline VipsImage *tend_vips_bare(VipsImage *image);

/// Decodes once, upright and in sRGB, shrunk to `width` (never enlarged), into memory. A
/// truncated or damaged file is an error.
static inline VipsImage *tend_vips_decode(const void *buffer, size_t length, int width) {
    VipsImage *thumbnail = NULL;
    if (TEND_VIPS->thumbnail_buffer((void *)buffer, length, &thumbnail, width, "height", TEND_VIPS_MAX_COORD, "size", TEND_VIPS_SIZE_DOWN,
                              "option_string", "fail_on=truncated", NULL) != 0) return NULL;
    VipsImage *srgb = NULL;
    int failed = TEND_VIPS->colourspace(thumbnail, &srgb, TEND_VIPS_INTERPRETATION_SRGB, NULL);
    TEND_VIPS->object_unref(thumbnail);
    if (failed) return NULL;
    VipsImage *memory = TEND_VIPS->image_copy_memory(srgb);
    TEND_VIPS->object_unref(srgb);
    return memory;
}

/// `image` shrunk to `width` (never enlarged), or cropped to `width` × `height` around
/// `interesting` (TEND_VIPS_INTERESTING_CENTRE, _LOW for the top or left, _HIGH for the bottom or right).
static inline VipsImage *tend_vips_resize(VipsImage *image, int width, int height, int interesting) {
    VipsImage *out = NULL;
    int failed = height > 0
        ? TEND_VIPS->thumbnail_image(image, &out, width, "height", height, "crop", interesting, NULL)
        : TEND_VIPS->thumbnail_image(image, &out, width, "height", TEND_VIPS_MAX_COORD, "size", TEND_VIPS_SIZE_DOWN, NULL);
    if (failed) return NULL;
    VipsImage *bare = tend_vips_bare(out);
    TEND_VIPS->object_unref(out);
    return bare;
}

/// The pixels of `image` alone, in a new image that carries no metadata at all (no EXIF, GPS,
/// XMP, IPTC or ICC field is left for any saver to write).
static inline VipsImage *tend_vips_bare(VipsImage *image) {
    size_t size = 0;
    void *pixels = TEND_VIPS->image_write_to_memory(image, &size);
    if (!pixels) return NULL;
    VipsImage *bare = TEND_VIPS->image_new_from_memory_copy(pixels, size, TEND_VIPS->image_get_width(image), TEND_VIPS->image_get_height(image),
                                                      TEND_VIPS->image_get_bands(image), TEND_VIPS->image_get_format(image));
    TEND_VIPS->free(pixels);
    if (!bare) return NULL;
    VipsImage *tagged = NULL;
    int failed = TEND_VIPS->copy(bare, &tagged, "interpretation", TEND_VIPS_INTERPRETATION_SRGB, NULL);
    TEND_VIPS->object_unref(bare);
    return failed ? NULL : tagged;
}

static inline int tend_vips_width(VipsImage *image) { return TEND_VIPS->image_get_width(image); }
static inline int tend_vips_height(VipsImage *image) { return TEND_VIPS->image_get_height(image); }
static inline int tend_vips_has_alpha(VipsImage *image) { return TEND_VIPS->image_hasalpha(image); }

/// Encodes `image` without any metadata (no EXIF, XMP, IPTC or ICC): 0 JPEG, 1 PNG, 2 WebP.
static inline int tend_vips_save(VipsImage *image, int format, int quality, void **out, size_t *length) {
    switch (format) {
    case 0: return TEND_VIPS->jpegsave_buffer(image, out, length, "Q", quality, "strip", 1, "optimize_coding", 1, "interlace", 1, NULL);
    case 1: return TEND_VIPS->pngsave_buffer(image, out, length, "strip", 1, "compression", 7, NULL);
    default: return TEND_VIPS->webpsave_buffer(image, out, length, "Q", quality, "strip", 1, "effort", 4, NULL);
    }
}

static inline void tend_vips_unref(VipsImage *image) { TEND_VIPS->object_unref(image); }
static inline void tend_vips_free(void *buffer) { TEND_VIPS->free(buffer); }
