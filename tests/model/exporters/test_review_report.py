"""The review report carries the review: status, summary, waivers, notes, limits with
status, and the changes since a base version; its HTML is well formed."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from model.design import new_node
from model.elements import Edge, Point
from model.exporters import report
from model.review.diff import diff_designs
from model.review.values import ReviewStatus, Waiver
from model.serialization import load_design

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "image-pipeline.archcanvas"
VOID = {"meta", "img", "br", "hr", "input", "link"}


def _reviewed():  # type: ignore[no-untyped-def]
    design = load_design(EXAMPLE)
    design.set_config("resize", design.node("resize").config.model_copy(update={"timeout_s": 1200}))
    design.add_waiver(
        Waiver(
            rule="LAMBDA_TIMEOUT_MAX",
            elements=("resize",),
            reason="Split into a Step Functions loop next quarter <b>",
            author="ana",
            created="2026-11-01",
            expires="2999-01-01",
        )
    )
    note = new_node(design, "note", Point(0, 0), config={"text": "Check the CDN cache policy"})
    design.add_node(note)
    design.add_edge(Edge("e-note", note.id, "cdn", "annotates"))
    design.set_review(ReviewStatus(state="approved", by="bo", on="2026-11-30"))
    return design


class _Balanced(HTMLParser):
    """Fails on any unclosed or mismatched element."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):  # type: ignore[no-untyped-def]
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
        else:
            self.stack.pop()


def test_markdown_has_the_review_sections() -> None:
    text = report.render_markdown(_reviewed())
    assert "Review status: approved by bo on 2026-11-30" in text
    summary = text.split("## Summary")[1].split("## Account profile")[0]
    assert "| Lambda function | 4 |" in summary and "Regions: eu-west-1, us-east-1" in summary
    waivers = text.split("## Waivers")[1].split("## Notes")[0]
    assert "LAMBDA\\_TIMEOUT\\_MAX" in waivers and "ana" in waivers and "2999-01-01" in waivers
    assert "active: " in waivers
    findings = text.split("## Findings")[1].split("## Waivers")[0]
    assert "LAMBDA\\_TIMEOUT\\_MAX" not in findings  # waived: listed with the waivers only
    notes = text.split("## Notes")[1].split("## Limits used")[0]
    assert "Check the CDN cache policy" in notes and "Image CDN" in notes
    services = text.split("## Services")[1].split("## Findings")[0]
    assert "note-" not in services and "annotates" not in services
    assert "| Limit | Value | Kind | Status | Verified | Source |" in text


def test_base_adds_the_semantic_diff() -> None:
    design = _reviewed()
    diff = diff_designs(load_design(EXAMPLE), design)
    text = report.render_markdown(
        design, base=diff, base_name="v1", diff_image_name="r-changes.png"
    )
    changes = text.split("## Changes from v1 to this version")[1]
    assert "timeout" in changes and "900" not in changes.split("###")[0]
    assert "![Changes since v1](<r-changes.png>)" in changes
    html = report.render_html(design, base=diff, base_name="v1", diff_png=b"\x89PNG")
    assert "<h2>Changes since v1</h2>" in html and "config.timeout_s" in html


def test_html_is_well_formed_and_escapes_user_text() -> None:
    design = _reviewed()
    html = report.render_html(design, base=diff_designs(load_design(EXAMPLE), design))
    parser = _Balanced()
    parser.feed(html)
    parser.close()
    assert not parser.errors and parser.stack == []
    assert "next quarter &lt;b&gt;" in html and "<b>" not in html
