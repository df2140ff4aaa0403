"""The review report as PDF: the report's HTML laid out by Qt's rich-text engine and printed
to a PDF, so its text is text (selectable, searchable), with the diagrams as images."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.image_export import _fixed_dates, ensure_application
from model.serialization import write_atomic

PAGE_WIDTH_POINTS = 595  # A4


def render_report_pdf(
    design: Any,
    findings: Any,
    image_png: bytes | None,
    base: Any = None,
    base_name: str = "base",
    diff_png: bytes | None = None,
) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QSizeF, QUrl
    from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPdfWriter, QTextDocument

    from model.exporters.report import render_html

    ensure_application()
    html = render_html(
        design,
        findings,
        base=base,
        base_name=base_name,
        image_src="diagram.png" if image_png else None,
        diff_src="changes.png" if diff_png else None,
    )
    document = QTextDocument()
    for name, data in (("diagram.png", image_png), ("changes.png", diff_png)):
        if data:
            image = QImage.fromData(data)
            width = 1000
            if image.width() > width:
                image = image.scaledToWidth(width)
            document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), image)
    document.setHtml(html)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(f"Design review: {design.name}")
    writer.setCreator("ArchCanvas")
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(15, 15, 15, 15),
            QPageLayout.Unit.Millimeter,
        )
    )
    writer.setResolution(96)
    document.setPageSize(QSizeF(writer.width(), writer.height()))
    document.print_(writer)
    del writer
    buffer.close()
    return _fixed_dates(bytes(data.data()))


def write_report_pdf(path: Path, **arguments: Any) -> None:
    write_atomic(path, render_report_pdf(**arguments))
