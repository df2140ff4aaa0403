"""export --to report --pdf: text drawn as text, the diagrams as images; --base adds the diff."""

from __future__ import annotations

import re
import zlib
from pathlib import Path

from app.cli import main
from model.serialization import load_design, save_design

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "image-pipeline.archcanvas"


def _streams(pdf: bytes) -> list[bytes]:
    found = []
    for match in re.finditer(rb"stream\r?\n(.*?)endstream", pdf, re.S):
        try:
            found.append(zlib.decompress(match.group(1)))
        except zlib.error:
            found.append(match.group(1))
    return found


def test_pdf_report_has_text_and_images(tmp_path: Path) -> None:
    revised = load_design(EXAMPLE)
    revised.rename("resize", "Resize uploads")
    new = tmp_path / "new.archcanvas"
    save_design(revised, new)
    out = tmp_path / "review.pdf"
    assert (
        main(
            ["export", str(new), "--to", "report", "--pdf", "--base", str(EXAMPLE), "-o", str(out)]
        )
        == 0
    )
    pdf = out.read_bytes()
    assert pdf.startswith(b"%PDF-")
    streams = _streams(pdf)
    text_operations = sum(len(re.findall(rb"\bT[Jj]\b", s)) for s in streams)
    assert text_operations > 200  # the report's words, as text
    assert b"/ToUnicode" in pdf  # so the text can be selected and searched
    assert pdf.count(b"/Subtype /Image") >= 2  # the diagram and the changes picture


def test_markdown_report_with_base_writes_both_pictures(tmp_path: Path) -> None:
    out = tmp_path / "review.md"
    assert (
        main(["export", str(EXAMPLE), "--to", "report", "--base", str(EXAMPLE), "-o", str(out)])
        == 0
    )
    text = out.read_text(encoding="utf-8")
    assert "No semantic changes." in text
    assert (tmp_path / "review.png").is_file() and (tmp_path / "review-changes.png").is_file()
