"""Draw the program's icon files from packaging/icons/reportdesk.svg into resources/.

    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/icons/make_icons.py

Writes resources/reportdesk.svg (the desktop entry's scalable icon), resources/reportdesk.png (256 px, for the
window and the .deb) and resources/reportdesk.ico (the Windows .exe and its shortcuts: 16–256 px, PNG-compressed
entries, which Windows reads since Vista). A build tool: the program itself only reads the files it writes.
"""

from __future__ import annotations

import shutil
import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

HERE = Path(__file__).resolve().parent
RESOURCES = HERE.parent.parent / "resources"
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def draw(renderer: QSvgRenderer, size: int) -> bytes:
    """The icon at ``size`` pixels square, as PNG bytes."""
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise SystemExit(f"cannot encode a {size} px PNG")
    return bytes(data.data())


def ico(pngs: dict[int, bytes]) -> bytes:
    """An .ico file holding one PNG per size (ICONDIR, ICONDIRENTRY × n, then the images)."""
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = len(header) + 16 * len(pngs)
    entries, images = b"", b""
    for size, png in sorted(pngs.items()):
        side = 0 if size >= 256 else size  # 0 means 256 in an ICONDIRENTRY
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset + len(images))
        images += png
    return header + entries + images


def main() -> int:
    app = QGuiApplication(sys.argv[:1])
    source = HERE / "reportdesk.svg"
    renderer = QSvgRenderer(str(source))
    if not renderer.isValid():
        raise SystemExit(f"{source} is not a valid SVG")
    pngs = {size: draw(renderer, size) for size in ICO_SIZES}
    shutil.copyfile(source, RESOURCES / "reportdesk.svg")
    (RESOURCES / "reportdesk.png").write_bytes(pngs[256])
    (RESOURCES / "reportdesk.ico").write_bytes(ico(pngs))
    del app
    for name in ("reportdesk.svg", "reportdesk.png", "reportdesk.ico"):
        print(RESOURCES / name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
