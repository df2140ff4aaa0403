"""The semantic SVG: one symbol per icon, one group per node, connection and label, paths
in absolute coordinates equal to the drawn routes, text as text."""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree import ElementTree

import pytest

from app.canvas.scene import DesignScene
from app.document import Document
from app.image_export import drawable_copy, render_svg
from model.serialization import load_design

SVG = "{http://www.w3.org/2000/svg}"
EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "examples").glob("*.archcanvas"))


def parsed(design):
    return ElementTree.fromstring(render_svg(design))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_element_has_its_group_and_every_icon_one_symbol(qtbot, path):
    design = load_design(path)
    root = parsed(design)
    ids = {g.get("id"): g for g in root.iter(f"{SVG}g") if g.get("id")}
    for node in design.iter_nodes():
        group = ids[f"node-{node.id}"]
        if design.catalog.is_annotation(node.kind):  # a note: its card and its text
            assert "note" in group.get("class").split()
            assert len(group.findall(f"{SVG}rect")) == 1 and not group.findall(f"{SVG}use")
            words = " ".join(t.text or "" for t in group.iter(f"{SVG}text"))
            assert node.config.text.split()[0] in words
            continue
        role = "group" if design.catalog.get(node.kind).is_container else "node"
        assert role in group.get("class").split()
        uses = group.findall(f"{SVG}use")
        assert len(uses) == 1
        assert all(uses[0].get(a) for a in ("x", "y", "width", "height"))
    for edge in design.iter_edges():
        group = ids[f"edge-{edge.id}"]
        assert "edge" in group.get("class").split()
        assert len(group.findall(f"{SVG}path")) == 1
        if edge.relation == "annotates":  # dashed, unlabelled
            assert group.find(f"{SVG}path").get("stroke-dasharray")
            assert f"label-{edge.id}" not in ids
            continue
        label = ids[f"label-{edge.id}"]
        assert len(label.findall(f"{SVG}rect")) == 1
        assert label.find(f"{SVG}text").text
    symbols = root.findall(f"{SVG}defs/{SVG}symbol")
    referenced = {u.get("href") for u in root.iter(f"{SVG}use")}
    assert {f"#{s.get('id')}" for s in symbols} == referenced
    assert len(symbols) == len({s.get("id") for s in symbols})
    texts = [t.text for t in root.iter(f"{SVG}text")]
    labelled = [n for n in design.iter_nodes() if not design.catalog.is_annotation(n.kind)]
    assert all(node.label.split()[0] in " ".join(texts) for node in labelled)


def test_connection_paths_are_the_drawn_routes_in_absolute_coordinates(qtbot):
    design = load_design(next(p for p in EXAMPLES if p.stem == "image-pipeline"))
    root = parsed(design)
    scene = DesignScene(Document(drawable_copy(design)))
    for edge_id, item in scene.edges.items():
        group = next(g for g in root.iter(f"{SVG}g") if g.get("id") == f"edge-{edge_id}")
        d = group.find(f"{SVG}path").get("d")
        assert re.fullmatch(r"M[-\d. ]+( L[-\d. ]+)+", d), d
        points = [tuple(map(float, p.split())) for p in re.split(r" ?[ML]", d) if p.strip()]
        assert points == [(round(x, 2), round(y, 2)) for x, y in item.route_points()]


def test_svg_of_a_design_is_compact_and_the_same_every_time(qtbot):
    design = load_design(next(p for p in EXAMPLES if p.stem == "container-web-app"))
    first, second = render_svg(design), render_svg(design)
    assert first == second
    assert b"<image" not in first.split(b"</defs>")[1]  # icons only inside symbols
