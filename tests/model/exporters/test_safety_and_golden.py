"""Hostile text exports safely to every format; exports are byte-stable and pinned by golden
files (regenerate with ARCHCANVAS_UPDATE_GOLDEN=1)."""

from __future__ import annotations

import ast
import json
import os
from html.parser import HTMLParser
from pathlib import Path

import hcl2
import pytest

from model.exporters import EXPORTERS, export, render
from model.serialization import load_design, save_design

GOLDEN = Path(__file__).resolve().parents[2] / "golden"
UPDATE = os.environ.get("ARCHCANVAS_UPDATE_GOLDEN") == "1"
HOSTILE_BITS = ("import os", "<script>", "${AWS::Region}", "%{ for }", "PWNED_MARKER")


class _Strict(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.scripts = 0

    def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
        if tag == "script":
            self.scripts += 1


def test_hostile_design_exports_to_parsable_output_everywhere(tmp_path, hostile, cfn_load) -> None:
    cfn = render(hostile, "cloudformation")[""]
    assert isinstance(cfn, str)
    template = cfn_load(cfn)
    env = next(r for r in template["Resources"].values() if r["Type"] == "AWS::Lambda::Function")
    assert "Environment" in env["Properties"]
    assert json.loads(render(hostile, "cloudformation", json=True)[""])
    assert cfn_load(render(hostile, "cloudformation", sam=True)[""])["Transform"]
    for name, text in render(hostile, "asl").items():
        assert json.loads(text)
        assert "/" not in name
    tf = render(hostile, "terraform")
    hcl2.loads(str(tf["main.tf"]))
    hcl2.loads(str(tf["variables.tf"]))
    script = str(render(hostile, "diagrams")[""])
    tree = ast.parse(script)
    calls = {
        n.func.id
        for n in ast.walk(tree)
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
    }
    assert calls <= {"Cluster", "Diagram", "Edge", "nohtml", "len"}
    assert "os.system" not in {
        ast.unparse(n.func) for n in ast.walk(tree) if isinstance(n, ast.Call)
    }
    html = str(render(hostile, "report", html=True)[""])
    parser = _Strict()
    parser.feed(html)
    assert parser.scripts == 0
    markdown = str(render(hostile, "report")[""])
    assert "<script>" not in markdown


def test_hostile_text_survives_round_trip_in_cloudformation(hostile, cfn_load) -> None:
    template = cfn_load(render(hostile, "cloudformation")[""])
    assert template["Metadata"]["ArchCanvas"]["Design"].startswith('Design Evil "quote"')
    tags = [r for r in template["Resources"].values() if r["Type"] == "AWS::EC2::Instance"]
    value = tags[0]["Properties"]["Tags"][0]["Value"]
    original = hostile.node("i").label
    assert value == original or value == {"Fn::Sub": original.replace("${", "${!")}


@pytest.mark.parametrize("fmt", sorted(EXPORTERS))
def test_exports_are_deterministic(fmt, kitchen_sink, load_design_named) -> None:
    again = load_design_named("kitchen_sink")
    assert render(kitchen_sink, fmt) == render(again, fmt)


GOLDEN_CASES = {
    "cloudformation.yaml": ("cloudformation", {}),
    "cloudformation.json": ("cloudformation", {"json": True}),
    "sam.yaml": ("cloudformation", {"sam": True}),
    "asl": ("asl", {}),
    "terraform": ("terraform", {}),
    "diagram.py": ("diagrams", {"output": "image-pipeline"}),
    "report.md": ("report", {"findings": [], "image_name": "image-pipeline.png"}),
    "report.html": ("report", {"findings": [], "html": True}),
}


def _golden_design(small_pipeline):  # type: ignore[no-untyped-def]
    source = GOLDEN / "image-pipeline.archcanvas"
    if UPDATE or not source.exists():
        GOLDEN.mkdir(parents=True, exist_ok=True)
        save_design(small_pipeline, source)
    return load_design(source)


@pytest.mark.parametrize("case", sorted(GOLDEN_CASES))
def test_golden_files(case, small_pipeline, tmp_path) -> None:
    fmt, options = GOLDEN_CASES[case]
    design = _golden_design(small_pipeline)
    target = GOLDEN / "image-pipeline" / case
    if UPDATE:
        export(design, fmt, target, **options)
    written = export(design, fmt, tmp_path / case, **options)
    for path in written:
        relative = path.relative_to(tmp_path / case) if path != tmp_path / case else Path()
        expected = target / relative if relative != Path() else target
        assert expected.exists(), (
            f"missing golden file {expected}; run with ARCHCANVAS_UPDATE_GOLDEN=1"
        )
        assert path.read_bytes() == expected.read_bytes(), f"{expected} differs"
