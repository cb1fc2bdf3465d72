#!/usr/bin/env python3
"""Image benchmark: N phone-sized photos (default 100 at 6000 x 4000, with EXIF and GPS) in the
sample site, built from a clean cache, then again with nothing changed and after one page edit.
Prints wall time and peak memory of each build, the largest file a phone fetches for a 960-pixel
slot, and whether any published file still carries EXIF or GPS.

Usage: python3 Tests/Benchmarks/images.py [--photos 100] [--width 6000] [--height 4000] [--tend .build/release/tend]
Needs Pillow and piexif (pip install Pillow piexif).
"""
import argparse, os, random, re, resource, shutil, subprocess, sys, tempfile, time
from concurrent.futures import ProcessPoolExecutor

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def photo(args):
    path, seed, width, height = args
    from PIL import Image, ImageDraw, ImageFilter
    import piexif
    rnd = random.Random(seed)
    small = Image.new("RGB", (width // 4, height // 4))
    draw = ImageDraw.Draw(small)
    for y in range(0, height // 4, 4):
        draw.rectangle([0, y, width, y + 4], fill=(120 + rnd.randrange(40), 140 + rnd.randrange(40), 150 + rnd.randrange(40)))
    for _ in range(30):
        x, y, r = rnd.randrange(width // 4), rnd.randrange(height // 4), rnd.randrange(10, width // 16)
        draw.ellipse([x - r, y - r, x + r, y + r], fill=(rnd.randrange(256), rnd.randrange(256), rnd.randrange(256)))
    image = small.resize((width, height)).filter(ImageFilter.GaussianBlur(1))
    image = Image.blend(image, Image.effect_noise((width, height), 30).convert("RGB"), 0.15)  # sensor-like noise: real file sizes
    exif = {"0th": {piexif.ImageIFD.Make: b"ExamplePhone", piexif.ImageIFD.Orientation: 1},
            "GPS": {piexif.GPSIFD.GPSLatitudeRef: b"N", piexif.GPSIFD.GPSLatitude: ((34, 1), (3, 1), (0, 1)),
                    piexif.GPSIFD.GPSLongitudeRef: b"W", piexif.GPSIFD.GPSLongitude: ((118, 1), (14, 1), (0, 1))}}
    image.save(path, quality=92, exif=piexif.dump(exif))


def timed(command, cwd):
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    _, status, usage = os.wait4(process.pid, 0)
    output = process.stdout.read()
    if status != 0:
        sys.exit("build failed:\n" + output)
    return time.perf_counter() - start, usage.ru_maxrss / 1024


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--photos", type=int, default=100)
    parser.add_argument("--width", type=int, default=6000)
    parser.add_argument("--height", type=int, default=4000)
    parser.add_argument("--tend", default=os.path.join(REPO, ".build", "release", "tend"))
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="tend-images-")
    site = os.path.join(work, "site")
    shutil.copytree(os.path.join(REPO, "content"), os.path.join(site, "content"))
    media = os.path.join(site, "content", "media")
    with ProcessPoolExecutor() as pool:
        list(pool.map(photo, [(os.path.join(media, f"photo-{i:03d}.jpg"), i, args.width, args.height) for i in range(args.photos)]))
    total = sum(os.path.getsize(os.path.join(media, name)) for name in os.listdir(media))
    body = "\n\n".join(f"![Photo {i}](/media/photo-{i:03d}.jpg)" for i in range(args.photos))
    with open(os.path.join(site, "content", "articles", "gallery.md"), "w") as handle:
        handle.write(f"---\ntitle: Gallery\nsummary: Photos.\ndate: 2026-01-01\nauthor: maya-okafor\n---\n{body}\n")
    print(f"{args.photos} photos of {args.width} x {args.height} ({total / 1e6:.0f} MB), {os.cpu_count()} cores")
    clean, clean_memory = timed([args.tend, "build", "--quiet"], site)
    print(f"clean build (every image processed): {clean:.2f} s, peak {clean_memory:.0f} MB")
    unchanged, _ = timed([args.tend, "build", "--quiet"], site)
    print(f"nothing changed: {unchanged:.2f} s")
    with open(os.path.join(site, "content", "articles", "gallery.md"), "a") as handle:
        handle.write("\nOne more line.\n")
    edited, edited_memory = timed([args.tend, "build", "--quiet"], site)
    print(f"one page edited (no image work): {edited:.2f} s, peak {edited_memory:.0f} MB")
    public = os.path.join(site, "public", "media")
    slot = [os.path.getsize(os.path.join(public, name)) for name in os.listdir(public) if re.search(r"-960\.(jpg|webp)$", name)]
    webp = [os.path.getsize(os.path.join(public, name)) for name in os.listdir(public) if name.endswith("-960.webp")]
    print(f"largest 960-pixel file: {max(slot) / 1024:.0f} KB (JPEG fallback), {max(webp) / 1024:.0f} KB (WebP, what phones fetch)")
    from PIL import Image

    def carries(name):
        # Read as an image (a byte search for "GPS" finds it by chance in compressed data).
        with Image.open(os.path.join(public, name)) as image:
            return bool(image.getexif()) or any(key in image.info for key in ("exif", "xmp", "XML:com.adobe.xmp", "icc_profile"))

    carrying = [name for name in os.listdir(public) if carries(name)]
    print(f"published files with EXIF or GPS: {len(carrying)} of {len(os.listdir(public))} {carrying[:5]}")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
