#!/usr/bin/env python3
"""Checks that a PNG screenshot is a real picture: its size, and that it is not blank.

Usage: check_png.py FILE [--min-width W] [--min-height H]

Decodes the PNG with the standard library only (zlib; 8-bit RGB/RGBA, no interlace, as
Chromium writes them) and requires at least 3% of pixels that are not near-white, ink in the
top, middle and bottom thirds, and at least 32 distinct colours (text, lines and fills).
Prints one line with the figures; exit 1 when a check fails.
"""
import argparse
import struct
import sys
import zlib


def decode(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG file")
    pos, idat, header = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = header
    if depth != 8 or colour not in (2, 6) or interlace:
        raise ValueError(f"unsupported PNG (depth {depth}, colour type {colour}, interlace {interlace})")
    channels = 3 if colour == 2 else 4
    stride = width * channels
    raw = zlib.decompress(idat)
    rows, previous = [], bytearray(stride)
    for y in range(height):
        kind = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b = previous[i]
            c = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + a) & 255
            elif kind == 2:
                line[i] = (line[i] + b) & 255
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(line)
        previous = line
    return width, height, channels, rows


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("png")
    ap.add_argument("--min-width", type=int, default=600)
    ap.add_argument("--min-height", type=int, default=600)
    args = ap.parse_args()
    width, height, channels, rows = decode(args.png)
    ink, colours, thirds = 0, set(), [0, 0, 0]
    for y, line in enumerate(rows):
        for x in range(0, width * channels, channels * 2):  # every other pixel is plenty
            r, g, b = line[x], line[x + 1], line[x + 2]
            colours.add((r >> 3, g >> 3, b >> 3))
            if min(r, g, b) < 230:
                ink += 1
                thirds[min(2, 3 * y // height)] += 1
    sampled = height * ((width + 1) // 2)
    share = ink / sampled
    problems = []
    if width < args.min_width or height < args.min_height:
        problems.append(f"size {width}x{height} is below {args.min_width}x{args.min_height}")
    if share < 0.03:
        problems.append(f"only {share:.1%} of pixels carry ink: blank page?")
    if min(thirds) == 0:
        problems.append(f"a third of the page is empty (ink by thirds {thirds})")
    if len(colours) < 32:
        problems.append(f"only {len(colours)} colours: no charts?")
    print(f"{args.png}: {width}x{height}, {share:.1%} ink, {len(colours)} colours"
          + ("" if not problems else " — " + "; ".join(problems)))
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
