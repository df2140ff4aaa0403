"""Workflow pictures: every fixture opens headless in the workflow scene with every state and
arrow drawn, and the export writes an SVG (a group per state) and a PNG per state machine."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from app.cli import main
from app.document import Document
from app.workflow.export import export_workflows, render_workflow_svg
from app.workflow.scene import WorkflowScene
from model.design import Design, new_node
from model.elements import Point
from model.serialization import save_design

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = sorted((ROOT / "tests" / "fixtures" / "asl" / "workflows").glob("*.asl.json"))


def fixture_design(files: list[Path] = FIXTURES) -> Design:
    design = Design("Workflows")
    for index, path in enumerate(files):
        node = new_node(
            design,
            "aws.stepfunctions.state_machine",
            Point(index * 160.0, 0),
            label=path.name.removesuffix(".asl.json"),
            config={"definition": json.loads(path.read_text())},
        )
        design.add_node(node)
    return design


def test_every_fixture_is_drawn_in_the_scene(qapp):
    design = fixture_design()
    document = Document(design)
    for node in design.nodes:
        scene = WorkflowScene(document, node.id)
        assert set(scene.states) == set(scene.graph.states)
        assert len(scene.arrows) == len(scene.graph.transitions)
        assert len(scene.markers) == 2
        assert not scene.items_rect().isEmpty()
        scene.detach()


def test_export_writes_svg_and_png_per_machine(tmp_path: Path, qapp):
    design = fixture_design()
    written = export_workflows(design, tmp_path / "pictures", scale=1)
    names = {p.name for p in written}
    for node in design.nodes:
        assert f"{node.id}.svg" in names and f"{node.id}.png" in names
        assert (tmp_path / "pictures" / f"{node.id}.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_svg_has_a_group_per_state_named_for_docs(qapp):
    design = Design("One")
    definition = {
        "StartAt": "Check order?",
        "States": {
            "Check order?": {
                "Type": "Choice",
                "Choices": [{"Variable": "$.ok", "BooleanEquals": True, "Next": "Ship it"}],
                "Default": "Stop",
            },
            "Ship it": {"Type": "Pass", "End": True},
            "Stop": {"Type": "Fail"},
        },
    }
    node = new_node(
        design, "aws.stepfunctions.state_machine", Point(0, 0), config={"definition": definition}
    )
    design.add_node(node)
    svg = render_workflow_svg(design, node.id)
    root = ET.fromstring(svg)
    ids = {g.get("id") for g in root.iter("{http://www.w3.org/2000/svg}g") if g.get("id")}
    assert {"state-Check_order_", "state-Ship_it", "state-Stop"} <= ids
    assert re.search(rb"Ship it", svg)


def test_cli_exports_workflows(tmp_path: Path, capsys):
    design = fixture_design(FIXTURES[:2])
    path = tmp_path / "flows.archcanvas"
    save_design(design, path)
    out = tmp_path / "out"
    assert main(["export", str(path), "--to", "workflow", "-o", str(out), "--badges"]) == 0
    assert len(list(out.glob("*.svg"))) == 2
    empty = tmp_path / "empty.archcanvas"
    save_design(Design("Empty"), empty)
    assert main(["export", str(empty), "--to", "workflow", "-o", str(out)]) == 2
    assert "no state machine" in capsys.readouterr().err


def test_report_includes_each_workflow_picture(tmp_path: Path):
    design = fixture_design(FIXTURES[:2])
    path = tmp_path / "flows.archcanvas"
    save_design(design, path)
    report = tmp_path / "review.md"
    assert main(["export", str(path), "--to", "report", "-o", str(report)]) == 0
    text = report.read_text()
    assert "## Workflows" in text
    for node in design.nodes:
        picture = tmp_path / f"review-{node.id}.png"
        assert picture.read_bytes()[:4] == b"\x89PNG"
        assert f"(<{picture.name}>)" in text
    html = tmp_path / "review.html"
    assert main(["export", str(path), "--to", "report", "--html", "-o", str(html)]) == 0
    assert html.read_text().count('alt="Workflow of') == 2


def test_file_export_offers_workflow_pictures_and_report_pictures(tmp_path: Path, qapp):
    from app.export_dialog import CHOICES, run_export

    assert "workflow" in [choice[0] for choice in CHOICES]
    document = Document(fixture_design(FIXTURES[:1]))
    (node,) = document.design.nodes
    written = run_export(None, document, "workflow", tmp_path / "flows", {})
    assert written is not None
    assert {p.name for p in written} == {f"{node.id}.svg", f"{node.id}.png"}
    report = run_export(None, document, "report", tmp_path / "review.md", {"html": False})
    assert report is not None and tmp_path / f"review-{node.id}.png" in report
    assert f"(<review-{node.id}.png>)" in (tmp_path / "review.md").read_text()


SVG = "{http://www.w3.org/2000/svg}"


def test_the_svg_is_the_semantic_one_with_the_routes_drawn(qapp):
    """Written by model.svg_writer like the architecture export: every state one group with
    its name as text, every transition one edge group whose path is the routed arrow, Catch
    dashed in its own colour with its arrowhead, each icon one symbol."""
    design = fixture_design([p for p in FIXTURES if p.name == "booking-saga.asl.json"])
    (node,) = design.nodes
    svg = render_workflow_svg(design, node.id)
    root = ET.fromstring(svg)
    assert root.find(f"{SVG}desc").text == "Exported by ArchCanvas"
    groups = {g.get("id"): g for g in root.iter(f"{SVG}g") if g.get("id")}
    scene = WorkflowScene(Document(design), node.id)
    for state_id, item in scene.states.items():
        group = groups[f"state-{state_id[-1].replace(' ', '_')}"]
        assert group.get("class") == f"state {item.view.type.lower()}"
        assert state_id[-1] in [t.text for t in group.iter(f"{SVG}text")]
        if item.view.type == "Task":
            (use,) = group.findall(f"{SVG}use")
            assert root.find(f"{SVG}defs/{SVG}symbol[@id='{use.get('href')[1:]}']") is not None
    edges = [g for g in groups.values() if "edge" in (g.get("class") or "").split()]
    assert len(edges) == len(scene.arrows)
    drawn = {
        tuple(
            tuple(float(v) for v in point.strip().split()) for point in path.get("d")[1:].split("L")
        )
        for edge in edges
        for path in edge.findall(f"{SVG}path")
    }
    for arrow in scene.arrows:
        points = tuple((round(x, 2), round(y, 2)) for x, y in arrow.route.points)
        assert points in drawn
    catches = [g for g in edges if "catch" in g.get("class").split()]
    assert catches and all(g.find(f"{SVG}path").get("stroke-dasharray") for g in catches)
    marker = catches[0].find(f"{SVG}path").get("marker-end")
    assert marker != "url(#arrow)" and root.find(f"{SVG}defs/{SVG}marker[@id='{marker[5:-1]}']")
    scene.detach()
