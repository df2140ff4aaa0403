"""PNG, SVG and PDF images of a design, drawn exactly as the canvas draws it.

Works headless: with no display the offscreen platform is used and a QApplication is made
when none exists. The design is rendered from a copy, so the caller's design gets no new
listeners; the copy's texts lose the characters no image or XML file can hold. PNGs carry the
design file (see app/png_embed.py) and reopen as the design. A PNG is drawn in bands, with a
progress callback between them that can cancel; every format is byte-identical run to run.
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from model.design import Design
from model.exporters.escaping import drawable_text
from model.serialization import dumps, write_atomic

FORMATS = ("png", "svg", "pdf")
SCALES = (1, 2, 4)
MARGIN = 40.0
BAND_ROWS = 256
BAND_PAD = 8
PNG_LEVEL = 6
LARGE_PNG_LEVEL = 1  # about 2.3x the bytes of level 6 for a third of the time
LARGE_PNG_PIXELS = 50_000_000
PDF_DATE = b"20000101000000"
XMP_DATE = b"2000-01-01T00:00:00"
PDF_ID_NAMESPACE = uuid.UUID("6f1c2a52-7d0e-4c8e-9a43-0b7f3d6e5a11")

Progress = Callable[[int, int], bool]
"""Told (bands done, bands in all); returns False to cancel."""


class ImageExportError(ValueError):
    """An image could not be made; the message says why."""


class ExportCancelled(Exception):
    """The progress callback asked to stop; no image was made."""


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


def drawable_copy(design: Design) -> Design:
    """A copy of the design whose name, description, labels and text settings hold only
    characters an image can draw and an SVG can hold (see escaping.drawable_text)."""
    copy = design.copy()
    copy.set_properties(drawable_text(copy.name), drawable_text(copy.description))
    for node in list(copy.iter_nodes()):
        if drawable_text(node.label) != node.label:
            copy.rename(node.id, drawable_text(node.label))
        config = node.config
        updates = {
            name: drawable_text(value)
            for name in type(config).model_fields
            if isinstance(value := getattr(config, name), str) and drawable_text(value) != value
        }
        if updates:
            copy.set_config(node.id, config.model_copy(update=updates))
    for edge in list(copy.iter_edges()):
        if drawable_text(edge.label) != edge.label:
            copy.set_edge_config(edge.id, edge.config, drawable_text(edge.label))
    return copy


Decorate = Callable[[Any], Any]
"""Adds items to the export scene (the visual diff's overlay) and returns the scene
rectangle to draw, or None for the design's own."""


def _scene(design: Design, badges: bool, transparent: bool) -> Any:
    from PySide6.QtGui import QPainter

    from app.canvas.scene import DesignScene
    from app.document import Document

    class ExportScene(DesignScene):
        """The canvas scene with an optional transparent background."""

        clear_background = False
        route_at_once = None
        static_picture = True

        def drawBackground(self, painter: QPainter, rect: Any) -> None:  # noqa: N802
            if not self.clear_background:
                super().drawBackground(painter, rect)

    document = Document(drawable_copy(design), validate=badges)
    scene = ExportScene(document)
    scene.clear_background = transparent
    scene.set_show_badges(badges)
    scene.finish_routing()
    return scene, document


def _source_rect(scene: Any, decorate: Decorate | None = None) -> Any:
    from PySide6.QtCore import QRectF

    rect = (decorate(scene) if decorate is not None else None) or scene.items_rect()
    if rect.isNull() or rect.isEmpty():
        rect = QRectF(0, 0, 320, 200)
    return rect.adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)


def render_png(
    design: Design,
    scale: int = 1,
    transparent: bool = False,
    badges: bool = False,
    progress: Progress | None = None,
    band_rows: int = BAND_ROWS,
    decorate: Decorate | None = None,
) -> bytes:
    """PNG bytes of the design, with the design embedded. Drawn in bands of band_rows pixel
    rows, each into an image of its own under the one scene-to-image transform and streamed
    into the PNG (see _PngWriter), so memory stays that of one band and the bytes do not
    depend on band_rows; progress is told before each band and at the end (one more step),
    and may cancel."""
    from PySide6.QtCore import QRect, QRectF, Qt
    from PySide6.QtGui import QImage, QPainter, QTransform

    from app.png_embed import embed

    if scale not in SCALES:
        raise ImageExportError(f"scale must be one of {', '.join(map(str, SCALES))} (got {scale})")
    ensure_application()
    scene, _document = _scene(design, badges, transparent)
    source = _source_rect(scene, decorate)
    width = max(1, round(source.width() * scale))
    height = max(1, round(source.height() * scale))
    to_image = QTransform().scale(scale, scale).translate(-source.left(), -source.top())
    slack = 2.0  # scene units: a band's background fill ends outside its clip
    step = max(1, min(band_rows, height))
    pad = BAND_PAD  # rows drawn beyond the band and dropped, so its edges are interior
    tops = range(0, height, step)
    total = len(tops) + 1  # the bands, then the end of the file
    writer = _PngWriter(width, height, alpha=transparent)
    # Two band images, drawn into in turn while the writer compresses the other: reusing them
    # spares a fresh allocation (and its page faults) per band. An opaque PNG is drawn straight
    # into its own pixel format, so its rows go to zlib with no conversion or copy.
    fmt = QImage.Format.Format_ARGB32_Premultiplied if transparent else QImage.Format.Format_RGB888
    images = [QImage(width, step + 2 * pad, fmt) for _ in range(min(2, len(tops)))]
    try:
        for index, top in enumerate(tops):
            if progress is not None and not progress(index, total):
                raise ExportCancelled()
            rows = min(step, height - top)
            image = images[index % len(images)]
            writer.wait()
            image.fill(Qt.GlobalColor.transparent if transparent else Qt.GlobalColor.white)
            painter = QPainter(image)
            try:
                painter.setRenderHint(QPainter.RenderHint.Antialiasing)
                painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
                painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
                painter.setClipRect(QRect(0, 0, width, rows + 2 * pad))
                painter.setWorldTransform(to_image * QTransform.fromTranslate(0, pad - top))
                band = QRectF(
                    source.left(), source.top() + (top - pad) / scale, width / scale,
                    (rows + 2 * pad) / scale,
                ).adjusted(-slack, -slack, slack, slack)  # fmt: skip
                scene.render_to(painter, band, band)
            finally:
                painter.end()
            writer.add_rows(image, pad, rows)
        if progress is not None and not progress(len(tops), total):
            raise ExportCancelled()
        png = writer.finish()
        if progress is not None and not progress(total, total):
            raise ExportCancelled()
    finally:
        writer.close()
    return embed(png, _design_json(design))


class _PngWriter:
    """A PNG written band by band, so a large image never exists whole in memory: each band's
    rows go through one zlib stream, cut into IDAT chunks of a fixed size (so the bytes do not
    depend on the band height). A worker thread compresses one band while the next is drawn
    (zlib lets go of the interpreter lock). Images beyond LARGE_PNG_PIXELS are compressed at
    a faster zlib level, where compression would otherwise take most of the export's time."""

    CHUNK = 1 << 20

    def __init__(self, width: int, height: int, alpha: bool) -> None:
        import struct
        import zlib
        from concurrent.futures import ThreadPoolExecutor

        self.alpha = alpha
        self._zlib = zlib
        level = LARGE_PNG_LEVEL if width * height > LARGE_PNG_PIXELS else PNG_LEVEL
        self._compress = zlib.compressobj(level)
        self._pending = bytearray()
        self._out = bytearray(b"\x89PNG\r\n\x1a\n")
        header = struct.pack(">IIBBBBB", width, height, 8, 6 if alpha else 2, 0, 0, 0)
        self._chunk(b"IHDR", header)
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="png-band")
        self._band: Any = None  # the band being compressed

    def _chunk(self, kind: bytes, data: bytes) -> None:
        import struct

        self._out += struct.pack(">I", len(data)) + kind + data
        self._out += struct.pack(">I", self._zlib.crc32(kind + data) & 0xFFFFFFFF)

    def _take(self, data: bytes) -> None:
        self._pending += data
        while len(self._pending) >= self.CHUNK:
            self._chunk(b"IDAT", bytes(self._pending[: self.CHUNK]))
            del self._pending[: self.CHUNK]

    def wait(self) -> None:
        """Until the band handed over last is compressed (its image may then be drawn on)."""
        if self._band is not None:
            self._band.result()
            self._band = None

    def add_rows(self, image: Any, first: int = 0, count: int | None = None) -> None:
        """Rows first..first+count of image (all by default), each behind its filter byte,
        compressed on the worker; image must not change until wait() returns. An image not
        in the PNG's pixel format is converted first."""
        from PySide6.QtGui import QImage

        fmt = QImage.Format.Format_RGBA8888 if self.alpha else QImage.Format.Format_RGB888
        rows = image if image.format() == fmt else image.convertToFormat(fmt)
        count = rows.height() - first if count is None else count
        self.wait()
        self._band = self._worker.submit(self._rows, rows, first, count)

    def _rows(self, rows: Any, first: int, count: int) -> None:
        stride = rows.bytesPerLine()
        used = rows.width() * (4 if self.alpha else 3)
        compress = self._compress.compress
        filter_byte = b"\x00"
        parts: list[bytes] = []
        with memoryview(rows.constBits()) as data:
            for y in range(first, first + count):
                parts.append(compress(filter_byte))
                parts.append(compress(data[y * stride : y * stride + used]))
        self._take(b"".join(parts))

    def close(self) -> None:
        """Let the worker go (after finish, or when the export stops early)."""
        self._worker.shutdown(wait=True, cancel_futures=True)

    def finish(self) -> bytes:
        self.wait()
        self._take(self._compress.flush())
        if self._pending:
            self._chunk(b"IDAT", bytes(self._pending))
            self._pending.clear()
        self._chunk(b"IEND", b"")
        return bytes(self._out)


def _design_json(design: Design) -> str:
    """The design file's text, encodable as UTF-8: a lone surrogate in a string (which JSON
    input can hold) is written as its \\u escape, which reads back as the same string."""
    return re.sub("[\ud800-\udfff]", lambda m: f"\\u{ord(m.group()):04x}", dumps(design))


_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_CHARACTER_REFERENCE = re.compile(r"&#(x[0-9a-fA-F]+|[0-9]+);")


def _xml_character(code: int) -> bool:
    return (
        code in (0x9, 0xA, 0xD)
        or 0x20 <= code <= 0xD7FF
        or 0xE000 <= code <= 0xFFFD
        or 0x10000 <= code <= 0x10FFFF
    )


def xml_safe(svg: bytes) -> bytes:
    """The SVG without characters XML 1.0 forbids, raw or as character references, whatever
    text reached the painter."""

    def reference(match: re.Match[str]) -> str:
        digits = match.group(1)
        code = int(digits[1:], 16) if digits[0] in "xX" else int(digits)
        return match.group(0) if _xml_character(code) else ""

    text = _XML_INVALID.sub("", svg.decode("utf-8", errors="replace"))
    return _CHARACTER_REFERENCE.sub(reference, text).encode("utf-8")


def render_svg(
    design: Design,
    badges: bool = False,
    transparent: bool = False,
    decorate: Decorate | None = None,
) -> bytes:
    """A semantic SVG written by model.svg_writer (see app/svg_export.py), not Qt's
    generator: icons as symbols, one group per node, connection and label, text as text."""
    from app.svg_export import scene_svg

    ensure_application()
    scene, _document = _scene(design, badges, transparent)
    source = _source_rect(scene, decorate)
    if decorate is not None:
        return xml_safe(_painted_svg(scene, source, drawable_text(design.name)))
    return xml_safe(scene_svg(scene, source, drawable_text(design.name), transparent))


def _painted_svg(scene: Any, source: Any, title: str) -> bytes:
    """Qt's painted SVG of the scene, for drawings with decorations (the visual diff's
    overlay) that the semantic writer does not describe."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, QRectF, QSize
    from PySide6.QtGui import QPainter
    from PySide6.QtSvg import QSvgGenerator

    width, height = max(1, round(source.width())), max(1, round(source.height()))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setSize(QSize(width, height))
    generator.setViewBox(QRect(0, 0, width, height))
    generator.setTitle(title)
    generator.setDescription("Exported by ArchCanvas")
    painter = QPainter(generator)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    scene.render_to(painter, QRectF(0, 0, width, height), source)
    painter.end()
    buffer.close()
    return bytes(data.data())


def _fixed_dates(pdf: bytes) -> bytes:
    """The PDF with every creation, modification and metadata date set to PDF_DATE, each
    replaced by text of the same length so the cross-reference offsets stay right."""

    def same_length(stamp: bytes, rest: bytes) -> bytes:
        return stamp + re.sub(rb"\d", b"0", rest.replace(b"-", b"+"))

    fixed = re.sub(
        rb"(/(?:CreationDate|ModDate) \(D:)\d{14}([^)]*)",
        lambda m: m.group(1) + same_length(PDF_DATE, m.group(2)),
        pdf,
    )
    fixed = re.sub(
        rb'(xmp:(?:CreateDate|ModifyDate|MetadataDate)=")'
        rb'\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d([^"]*)',
        lambda m: m.group(1) + same_length(XMP_DATE, m.group(2)),
        fixed,
    )
    if len(fixed) != len(pdf):
        raise ImageExportError("could not make the PDF reproducible")
    return fixed


def render_pdf(design: Design, badges: bool = False, transparent: bool = False) -> bytes:
    """PDF bytes, identical run to run: fixed dates and a document /ID that is a hash of the
    design and the options."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSizeF, QUuid
    from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QPdfWriter

    ensure_application()
    scene, _document = _scene(design, badges, transparent)
    source = _source_rect(scene)
    options = f"{_design_json(design)}\0{badges}\0{transparent}"
    digest = hashlib.sha256(options.encode()).hexdigest()
    document_id = uuid.uuid5(PDF_ID_NAMESPACE, digest)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(drawable_text(design.name))
    writer.setCreator("ArchCanvas")
    writer.setDocumentId(QUuid(str(document_id)))
    writer.setResolution(144)
    size = QPageSize(QSizeF(source.width(), source.height()), QPageSize.Unit.Point, "design")
    writer.setPageLayout(QPageLayout(size, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)))
    painter = QPainter(writer)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    viewport = painter.viewport()
    scene.render_to(painter, QRectF(0, 0, viewport.width(), viewport.height()), source)
    painter.end()
    buffer.close()
    return _fixed_dates(bytes(data.data()))


def render_image(
    design: Design,
    fmt: str,
    scale: int = 1,
    transparent: bool = False,
    badges: bool = False,
    progress: Progress | None = None,
) -> bytes:
    """The image in fmt; progress (see Progress) may cancel with ExportCancelled."""
    if fmt == "png":
        return render_png(design, scale, transparent, badges, progress=progress)
    if fmt not in FORMATS:
        raise ImageExportError(f"unknown image format '{fmt}' (known: {', '.join(FORMATS)})")
    if progress is not None and not progress(0, 1):
        raise ExportCancelled()
    data = (
        render_svg(design, badges, transparent)
        if fmt == "svg"
        else render_pdf(design, badges, transparent)
    )
    if progress is not None and not progress(1, 1):
        raise ExportCancelled()
    return data


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
