#!/usr/bin/env python3
"""Draws the two Teams app icons (a geometric scales-of-justice emblem) with the Python standard library only.

    python3 manifest/tools/make-icons.py          # writes manifest/color.png and manifest/outline.png

color.png   192x192, opaque, blue background with a gold emblem (full colour icon)
outline.png  32x32, white emblem on a fully transparent background (outline icon)

Shapes are described in unit coordinates (0..1) and rasterised with 4x4 supersampling, so the output is
deterministic. The committed PNGs were produced by this script; re-run it only if the emblem changes.
"""
import math
import os
import struct
import zlib

SS = 4  # supersampling factor per axis


def seg_dist(px, py, ax, ay, bx, by):
    dx, dy = bx - ax, by - ay
    t = ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)
    t = max(0.0, min(1.0, t))
    cx, cy = ax + t * dx, ay + t * dy
    return math.hypot(px - cx, py - cy)


def emblem(x, y, w):
    """True when unit point (x, y) lies on the emblem. w scales stroke widths (thicker for the tiny icon)."""
    # central pillar
    if abs(x - 0.5) <= 0.028 * w and 0.20 <= y <= 0.80:
        return True
    # finial
    if math.hypot(x - 0.5, y - 0.18) <= 0.05 * w:
        return True
    # beam
    if 0.17 <= x <= 0.83 and abs(y - 0.29) <= 0.022 * w:
        return True
    # hanging cords: from each beam end down to both rims of its pan
    for cx in (0.24, 0.76):
        for rim in (-0.13, 0.13):
            if seg_dist(x, y, cx, 0.29, cx + rim, 0.57) <= 0.011 * w:
                return True
        # pan: lower half-disc
        if y >= 0.57 and math.hypot(x - cx, y - 0.57) <= 0.14:
            return True
    # base: plinth and step
    if 0.34 <= x <= 0.66 and 0.78 <= y <= 0.83:
        return True
    if 0.27 <= x <= 0.73 and 0.83 <= y <= 0.87:
        return True
    return False


def coverage(size, fn):
    """Fraction of each pixel's supersamples for which fn(x, y) is true."""
    rows = []
    n = SS * SS
    for j in range(size):
        row = []
        for i in range(size):
            hits = 0
            for sj in range(SS):
                for si in range(SS):
                    x = (i + (si + 0.5) / SS) / size
                    y = (j + (sj + 0.5) / SS) / size
                    if fn(x, y):
                        hits += 1
            row.append(hits / n)
        rows.append(row)
    return rows


def write_png(path, size, pixels):
    """pixels: rows of (r, g, b, a) tuples; written as 8-bit RGBA (colour type 6), filter 0 on every row."""
    raw = bytearray()
    for row in pixels:
        raw.append(0)
        for r, g, b, a in row:
            raw += bytes((r, g, b, a))

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    png = b"\x89PNG\r\n\x1a\n"
    png += chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0))
    png += chunk(b"IDAT", zlib.compress(bytes(raw), 9))
    png += chunk(b"IEND", b"")
    with open(path, "wb") as f:
        f.write(png)


def blend(fg, bg, t):
    return tuple(round(f * t + b * (1 - t)) for f, b in zip(fg, bg))


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    out_dir = os.path.dirname(here)

    # colour icon: full-bleed blue background (#1F5AA6, the manifest accentColor; Teams rounds the corners itself)
    # with a gold emblem (#F2C14E) kept inside the central safe area
    size = 192
    mark = coverage(size, lambda x, y: emblem((x - 0.5) / 0.75 + 0.5, (y - 0.5) / 0.75 + 0.5, 1.0))
    blue, gold = (0x1F, 0x5A, 0xA6), (0xF2, 0xC1, 0x4E)
    pixels = []
    for j in range(size):
        row = []
        for i in range(size):
            r, g, b = blend(gold, blue, mark[j][i])
            row.append((r, g, b, 255))
        pixels.append(row)
    write_png(os.path.join(out_dir, "color.png"), size, pixels)

    # outline icon: pure white, coverage only in alpha, everything else alpha 0
    size = 32
    mark = coverage(size, lambda x, y: emblem(x, y, 1.9))
    pixels = []
    for j in range(size):
        row = []
        for i in range(size):
            a = round(255 * mark[j][i])
            row.append((255, 255, 255, a) if a > 0 else (0, 0, 0, 0))
        pixels.append(row)
    write_png(os.path.join(out_dir, "outline.png"), size, pixels)


if __name__ == "__main__":
    main()
