"""Image export: PNG/SVG/PDF of the canvas drawing, headless; PNGs reopen as the design."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import re

import pytest
from PySide6.QtGui import QImage

from app.image_export import ImageExportError, export_image, render_png
from app.png_embed import design_text, embed, read_design_from_png
from model.design import Design, new_node
from model.elements import Edge, Point
from model.serialization import LoadError, dumps
from model.text import visible


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
    assert design_text(again) == "{}"
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


def _exporter_designs():  # type: ignore[no-untyped-def]
    """The exporter tests' designs module (hostile labels, kitchen sink)."""
    import importlib.util
    import sys
    from pathlib import Path

    name = "exporter_test_designs"
    if name not in sys.modules:
        path = Path(__file__).resolve().parents[1] / "model" / "exporters" / "designs.py"
        spec = importlib.util.spec_from_file_location(name, path)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


CONTROL = "bell\x07 nul\x00 esc\x1b del\x7f cr\r\n"


def _hostile_with_control_characters() -> Design:
    design = _exporter_designs().hostile()
    design.set_properties(design.name + CONTROL, design.description + "\x01")
    design.add_node(new_node(design, "aws.lambda", Point(600, 0), CONTROL, node_id="ctl"))
    design.add_node(new_node(design, "aws.vpc", Point(600, 300), "vpc\x02", node_id="ctl-vpc"))
    design.add_edge(Edge("e-ctl", "q${AWS::Region}", "ctl", "triggers", label="edge\x03\x1f"))
    return design


def test_hostile_design_exports_to_every_image_format(tmp_path) -> None:
    from xml.etree import ElementTree

    design = _hostile_with_control_characters()
    png = export_image(design, "png", tmp_path / "h.png").read_bytes()
    assert not QImage.fromData(png).isNull()
    assert dumps(read_design_from_png(tmp_path / "h.png")) == dumps(design)
    svg = export_image(design, "svg", tmp_path / "h.svg").read_bytes()
    root = ElementTree.fromstring(svg)
    texts = " ".join("".join(element.itertext()) for element in root.iter())
    assert "bell\\u0007 nul\\u0000 esc\\u001b del\\u007f" in texts
    assert export_image(design, "pdf", tmp_path / "h.pdf").read_bytes().startswith(b"%PDF")


def test_control_characters_are_drawn_as_visible_escapes() -> None:
    """The text policy (model.text): the model holds them as visible escapes, and the drawn
    copy only drops carriage returns."""
    from app.image_export import drawable_copy

    design = _hostile_with_control_characters()
    copy = drawable_copy(design)
    assert design.node("ctl").label == visible(CONTROL)
    assert copy.node("ctl").label == visible(CONTROL.replace("\r", ""))
    assert copy.node("ctl-vpc").label == "vpc\\u0002"
    assert copy.edge("e-ctl").label == "edge\\u0003\\u001f"
    assert copy.node("i").label == design.node("i").label  # tabs, quotes and newlines stay
    assert [n.id for n in copy.iter_nodes()] == [n.id for n in design.iter_nodes()]


def test_svg_output_is_cleaned_whatever_reaches_the_painter() -> None:
    from xml.etree import ElementTree

    from app.image_export import xml_safe

    dirty = b'<?xml version="1.0"?><svg><text>a\x07b&#7;c&#x1b;d&#x9;e&#233;</text></svg>'
    clean = xml_safe(dirty)
    assert ElementTree.fromstring(clean).findtext("text") == "abcd\te\u00e9"


def _xref_offsets_are_right(pdf: bytes) -> bool:
    import re

    start = int(re.findall(rb"startxref\s+(\d+)", pdf)[-1])
    assert pdf[start:].startswith(b"xref")
    lines = pdf[start:].split(b"\n")
    first, count = map(int, lines[1].split())
    for number, line in enumerate(lines[2 : 2 + count], start=first):
        offset, _generation, kind = line.split()[:3]
        if kind == b"n" and not pdf[int(offset) :].startswith(b"%d 0 obj" % number):
            return False
    return True


def test_pdf_is_byte_identical_across_runs(tmp_path) -> None:
    import time

    design = _design()
    first = export_image(design, "pdf", tmp_path / "a.pdf").read_bytes()
    time.sleep(1.1)  # Qt stamps the current second into the PDF
    second = export_image(_design(), "pdf", tmp_path / "b.pdf").read_bytes()
    assert first == second
    assert _xref_offsets_are_right(first)
    assert b"/CreationDate (D:20000101000000" in first
    other = _design()
    other.rename("q", "Other queue")
    different = export_image(other, "pdf", tmp_path / "c.pdf").read_bytes()
    ids = [re.search(rb"/ID \[ <([0-9a-f]+)>", pdf).group(1) for pdf in (first, different)]
    assert ids[0] != ids[1]


@pytest.mark.parametrize("scale", [1, 2])
def test_png_drawn_in_bands_equals_one_render(scale) -> None:
    design = _exporter_designs().kitchen_sink()
    calls: list[tuple[int, int]] = []
    whole = render_png(design, scale, band_rows=1_000_000)
    banded = render_png(design, scale, band_rows=37, progress=lambda *a: calls.append(a) or True)
    assert banded == whole
    total = calls[0][1]
    assert total == -(-QImage.fromData(whole).height() // 37) + 1 > 3  # bands, then encoding
    assert {count for _done, count in calls} == {total}
    dones = [done for done, _count in calls]
    assert dones == sorted(dones) and sorted(set(dones)) == list(range(total + 1))


@pytest.mark.parametrize("transparent", [False, True])
def test_a_large_png_is_compressed_faster_with_the_same_pixels(monkeypatch, transparent) -> None:
    import zlib

    import app.image_export as image_export

    design = _exporter_designs().kitchen_sink()
    small = render_png(design, 2, transparent=transparent, band_rows=53)
    monkeypatch.setattr(image_export, "LARGE_PNG_PIXELS", 1000)
    large = render_png(design, 2, transparent=transparent, band_rows=53)
    assert large != small

    def level_and_pixels(png: bytes) -> tuple[int, bytes]:
        data = b"".join(_chunks(png, b"IDAT"))
        return data[1] >> 6, zlib.decompress(data)  # FLEVEL of the zlib header

    small_level, small_pixels = level_and_pixels(small)
    large_level, large_pixels = level_and_pixels(large)
    assert (small_level, large_level) == (2, 0)  # zlib levels 6 and 1
    assert large_pixels == small_pixels
    assert QImage.fromData(large) == QImage.fromData(small)


def _chunks(png: bytes, kind: bytes) -> list[bytes]:
    import struct

    found, offset = [], 8
    while offset < len(png):
        (length,) = struct.unpack(">I", png[offset : offset + 4])
        if png[offset + 4 : offset + 8] == kind:
            found.append(png[offset + 8 : offset + 8 + length])
        offset += 12 + length
    return found


def test_cancelled_png_export_writes_nothing(tmp_path, qapp) -> None:
    from PySide6.QtWidgets import QProgressDialog

    from app.document import Document
    from app.export_dialog import run_export

    class CancelAfterFirstBand(QProgressDialog):
        values: list[int] = []

        def setValue(self, value: int) -> None:  # noqa: N802
            super().setValue(value)
            self.values.append(value)
            if value >= 1:
                self.cancel()

    progress = CancelAfterFirstBand("Exporting…", "Cancel", 0, 0)
    document = Document(_exporter_designs().kitchen_sink())
    target = tmp_path / "big.png"
    assert run_export(None, document, "png", target, {"scale": 2}, progress=progress) is None
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []
    assert progress.maximum() > 2 and max(progress.values) == 1
