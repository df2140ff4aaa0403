"""PNG, SVG and PDF images of a design, drawn exactly as the canvas draws it.

Works headless: with no display the offscreen platform is used and a QApplication is made
when none exists. The design is rendered from a copy, so the caller's design gets no new
listeners. PNGs carry the design file (see app/png_embed.py) and reopen as the design.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from model.design import Design
from model.serialization import dumps, loads, write_atomic

FORMATS = ("png", "svg", "pdf")
SCALES = (1, 2, 4)
MARGIN = 40.0


class ImageExportError(ValueError):
    """An image could not be made; the message says why."""


def ensure_application() -> Any:
    """The running QApplication, or a new one (offscreen when there is no display)."""
    if not os.environ.get("QT_QPA_PLATFORM") and not (
        os.environ.get("DISPLAY")
        or os.environ.get("WAYLAND_DISPLAY")
        or sys.platform in ("darwin", "win32")
    ):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        app = QApplication(["archcanvas-export"])
    return app


def _scene(design: Design, badges: bool, transparent: bool) -> Any:
    from PySide6.QtGui import QPainter

    from app.canvas.scene import DesignScene
    from app.document import Document

    class ExportScene(DesignScene):
        """The canvas scene with an optional transparent background."""

        clear_background = False

        def drawBackground(self, painter: QPainter, rect: Any) -> None:  # noqa: N802
            if not self.clear_background:
                super().drawBackground(painter, rect)

    document = Document(loads(dumps(design), "<export>"))
    scene = ExportScene(document)
    scene.clear_background = transparent
    scene.set_show_badges(badges)
    return scene, document


def _source_rect(scene: Any) -> Any:
    from PySide6.QtCore import QRectF

    rect = scene.items_rect()
    if rect.isNull() or rect.isEmpty():
        rect = QRectF(0, 0, 320, 200)
    return rect.adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)


def render_png(
    design: Design, scale: int = 1, transparent: bool = False, badges: bool = False
) -> bytes:
    """PNG bytes of the design, with the design embedded."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
    from PySide6.QtGui import QImage, QPainter

    from app.png_embed import embed

    if scale not in SCALES:
        raise ImageExportError(f"scale must be one of {', '.join(map(str, SCALES))} (got {scale})")
    ensure_application()
    scene, _document = _scene(design, badges, transparent)
    source = _source_rect(scene)
    width = max(1, round(source.width() * scale))
    height = max(1, round(source.height() * scale))
    image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent if transparent else Qt.GlobalColor.white)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    scene.render_to(painter, QRectF(0, 0, width, height), source)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise ImageExportError("Qt could not encode the PNG image")
    buffer.close()
    return embed(bytes(data.data()), dumps(design))


def render_svg(design: Design, badges: bool = False, transparent: bool = False) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, QRectF, QSize
    from PySide6.QtGui import QPainter
    from PySide6.QtSvg import QSvgGenerator

    ensure_application()
    scene, _document = _scene(design, badges, transparent)
    source = _source_rect(scene)
    width, height = max(1, round(source.width())), max(1, round(source.height()))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setSize(QSize(width, height))
    generator.setViewBox(QRect(0, 0, width, height))
    generator.setTitle(design.name)
    generator.setDescription("Exported by ArchCanvas")
    painter = QPainter(generator)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    scene.render_to(painter, QRectF(0, 0, width, height), source)
    painter.end()
    buffer.close()
    return bytes(data.data())


def render_pdf(design: Design, badges: bool = False, transparent: bool = False) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSizeF
    from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QPdfWriter

    ensure_application()
    scene, _document = _scene(design, badges, transparent)
    source = _source_rect(scene)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(design.name)
    writer.setCreator("ArchCanvas")
    writer.setResolution(144)
    size = QPageSize(QSizeF(source.width(), source.height()), QPageSize.Unit.Point, "design")
    writer.setPageLayout(QPageLayout(size, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)))
    painter = QPainter(writer)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    viewport = painter.viewport()
    scene.render_to(painter, QRectF(0, 0, viewport.width(), viewport.height()), source)
    painter.end()
    buffer.close()
    return bytes(data.data())


def render_image(
    design: Design, fmt: str, scale: int = 1, transparent: bool = False, badges: bool = False
) -> bytes:
    if fmt == "png":
        return render_png(design, scale, transparent, badges)
    if fmt == "svg":
        return render_svg(design, badges, transparent)
    if fmt == "pdf":
        return render_pdf(design, badges, transparent)
    raise ImageExportError(f"unknown image format '{fmt}' (known: {', '.join(FORMATS)})")


def export_image(
    design: Design,
    fmt: str,
    out: str | os.PathLike[str],
    scale: int = 1,
    transparent: bool = False,
    badges: bool = False,
) -> Path:
    """Write the image atomically; returns its path."""
    data = render_image(design, fmt, scale, transparent, badges)
    target = Path(out)
    write_atomic(target, data)
    return target
