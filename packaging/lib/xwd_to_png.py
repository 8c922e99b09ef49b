"""An X screen dump (XWD, as Xvfb -fbdir keeps it) as a PNG, with the standard library only.

    python3 packaging/lib/xwd_to_png.py /tmp/fb/Xvfb_screen0 screenshot.png

Reads 24/32-bit TrueColor ZPixmap dumps, which is what Xvfb -screen 0 WxHx24 writes.
"""

from __future__ import annotations

import struct
import sys
import zlib
from pathlib import Path


def xwd_rgb(data: bytes) -> tuple[int, int, bytes]:
    """Width, height and the RGB rows (each prefixed with PNG's filter byte 0) of an XWD dump."""
    fields = struct.unpack(">25I", data[:100])
    header_size, _version, pixmap_format, depth, width, height = fields[:6]
    byte_order, bits_per_pixel, bytes_per_line = fields[7], fields[11], fields[12]
    red_mask, green_mask, blue_mask, ncolors = fields[14], fields[15], fields[16], fields[19]
    if pixmap_format != 2 or bits_per_pixel != 32 or depth < 24:
        raise SystemExit(
            f"unsupported XWD: format {pixmap_format}, depth {depth}, {bits_per_pixel} bits per pixel"
        )
    start = header_size + 12 * ncolors
    order = "<" if byte_order == 0 else ">"
    shifts = [(m, (m & -m).bit_length() - 1) for m in (red_mask, green_mask, blue_mask)]
    rows = bytearray()
    for y in range(height):
        line = data[start + y * bytes_per_line : start + y * bytes_per_line + 4 * width]
        rows.append(0)
        for (pixel,) in struct.iter_unpack(order + "I", line):
            rows.extend((pixel & m) >> s for m, s in shifts)
    return width, height, bytes(rows)


def png(width: int, height: int, rows: bytes) -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">2I5B", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows, 6))
        + chunk(b"IEND", b"")
    )


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    width, height, rows = xwd_rgb(Path(argv[0]).read_bytes())
    Path(argv[1]).write_bytes(png(width, height, rows))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
