"""Review report: sections, findings by severity, limits with verification dates."""

from __future__ import annotations

from html.parser import HTMLParser

from model.exporters import report
from model.rules import Finding


def _finding(severity: str) -> Finding:
    return Finding(
        rule="LAMBDA_TIMEOUT_MAX",
        severity=severity,  # type: ignore[arg-type]
        message=f"a {severity} finding",
        elements=("resize",),
        source="https://docs.aws.amazon.com/lambda/latest/dg/configuration-timeout.html",
        hint="split the work",
    )


def test_markdown_sections(small_pipeline) -> None:
    text = report.render_markdown(small_pipeline, [_finding("error"), _finding("warning")], "x.png")
    for heading in (
        "# Design review: Image pipeline",
        "## Diagram",
        "## Account profile",
        "## Services",
        "## Findings",
        "### Errors (1)",
        "### Warnings (1)",
        "## Limits used",
    ):
        assert heading in text
    assert "![Diagram of Image pipeline](<x.png>)" in text
    assert "| lambda\\_concurrent\\_executions | 2000 |" in text
    assert "memory\\_mb=1024" in text
    assert "Resize images \\(resize\\)" in text
    limits_part = text.split("## Limits used")[1]
    assert "LAMBDA\\_TIMEOUT\\_MAX" in limits_part and "2026-" in limits_part
    assert (
        "LAMBDA\\_ACCOUNT\\_CONCURRENCY" in limits_part
        and "2000 concurrent executions" in limits_part
    )


def test_findings_default_to_validation(small_pipeline) -> None:
    assert "## Findings" in report.render_markdown(small_pipeline)


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.images: list[str] = []

    def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
        self.tags.append(tag)
        if tag == "img":
            self.images.append(dict(attrs)["src"] or "")


def test_html_is_self_contained(small_pipeline) -> None:
    text = report.render_html(small_pipeline, [_finding("info")], image_png=b"\x89PNG fake")
    parser = _Collector()
    parser.feed(text)
    assert parser.images and parser.images[0].startswith("data:image/png;base64,")
    assert "script" not in parser.tags and "link" not in parser.tags
