"""Image export: PNG/SVG/PDF of the canvas drawing, headless; PNGs reopen as the design."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtGui import QImage

from app.image_export import ImageExportError, export_image, render_png
from app.png_embed import embed, read_design_from_png, text_chunks
from model.design import Design, new_node
from model.elements import Edge, Point
from model.serialization import LoadError, dumps


def _design() -> Design:
    design = Design("Tiny", "two services")
    design.add_node(new_node(design, "aws.sqs.queue", Point(0, 0), "Queue", node_id="q"))
    design.add_node(new_node(design, "aws.lambda", Point(240, 0), "Worker", node_id="fn"))
    design.add_edge(Edge("e1", "q", "fn", "triggers"))
    return design


def test_png_carries_the_design_and_reopens(tmp_path) -> None:
    design = _design()
    path = export_image(design, "png", tmp_path / "tiny.png")
    reopened = read_design_from_png(path)
    assert dumps(reopened) == dumps(design)
    assert not design._listeners  # the caller's design gets no listeners from the export


def test_png_scale_and_transparency(tmp_path) -> None:
    design = _design()
    one = QImage.fromData(render_png(design, scale=1))
    two = QImage.fromData(render_png(design, scale=2, transparent=True))
    assert abs(two.width() - 2 * one.width()) <= 1
    assert abs(two.height() - 2 * one.height()) <= 1
    assert one.pixelColor(0, 0).alpha() == 255
    assert two.pixelColor(0, 0).alpha() == 0
    assert one.width() > 240


def test_png_shows_the_drawing(tmp_path) -> None:
    image = QImage.fromData(render_png(_design()))
    colours = {
        image.pixel(x, y) for x in range(0, image.width(), 4) for y in range(0, image.height(), 4)
    }
    assert len(colours) > 10


def test_png_is_deterministic() -> None:
    assert render_png(_design()) == render_png(_design())


def test_svg_and_pdf(tmp_path) -> None:
    svg = export_image(_design(), "svg", tmp_path / "tiny.svg").read_text()
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg
    pdf = export_image(_design(), "pdf", tmp_path / "tiny.pdf", badges=True).read_bytes()
    assert pdf.startswith(b"%PDF")


def test_bad_options_are_refused(tmp_path) -> None:
    with pytest.raises(ImageExportError):
        export_image(_design(), "png", tmp_path / "x.png", scale=3)
    with pytest.raises(ImageExportError):
        export_image(_design(), "gif", tmp_path / "x.gif")
    assert not (tmp_path / "x.png").exists()


def test_plain_png_has_no_design(tmp_path) -> None:
    image = QImage(4, 4, QImage.Format.Format_ARGB32)
    image.fill(0)
    path = tmp_path / "plain.png"
    image.save(str(path), "PNG")
    with pytest.raises(LoadError, match="without an ArchCanvas design"):
        read_design_from_png(path)
    (tmp_path / "not.png").write_bytes(b"hello")
    with pytest.raises(LoadError, match="not a readable PNG"):
        read_design_from_png(tmp_path / "not.png")


def test_embed_replaces_older_chunk(tmp_path) -> None:
    png = render_png(_design())
    again = embed(png, "{}")
    assert text_chunks(again)["archcanvas"] == "{}"
    assert again.count(b"iTXt") == 1


def test_export_dialog_runs_without_dialogs(tmp_path, qapp) -> None:
    from app.document import Document
    from app.export_dialog import run_export

    document = Document(_design())
    written = run_export(None, document, "report", tmp_path / "review.md", {"html": False})
    assert written is not None
    assert {p.name for p in written} == {"review.md", "review.png"}
    assert "![Diagram of Tiny](<review.png>)" in (tmp_path / "review.md").read_text()
    folder = run_export(None, document, "terraform", tmp_path / "tf", {})
    assert folder and (tmp_path / "tf" / "main.tf").exists()
    image = run_export(None, document, "png", tmp_path / "d.png", {"scale": 2})
    assert image and read_design_from_png(tmp_path / "d.png").name == "Tiny"
