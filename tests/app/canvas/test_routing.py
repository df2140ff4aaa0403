"""Routes on the canvas: the same design draws the same way whatever the edit history, and a
drag reroutes only what is near the dragged node."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPointF

from app.canvas import geometry as geo
from app.canvas.scene import DesignScene
from app.document import Document
from model.commands import Move, RemoveNodes
from model.elements import Point
from model.routing.quality import measure
from model.serialization import dumps, load_design, loads

from .conftest import drag, steps

EXAMPLES = sorted((Path(__file__).resolve().parents[3] / "examples").glob("*.archcanvas"))


def picture(scene: DesignScene) -> dict[str, tuple]:
    return {
        edge_id: (tuple(item.route_points()), item.label_text(), item.label_rect().getCoords())
        for edge_id, item in scene.edges.items()
    }


def scene_quality(scene: DesignScene):
    router = scene.routing.router
    labels = {}
    for link_id in router.links:
        placed = scene.routing.labels.label(link_id)
        if placed is not None:
            labels[link_id] = placed[1]
    lanes = {link.id: f"{link.source}|{link.bundle}" for link in router.links.values()}
    return measure(router.shapes, router.routes(), lanes, labels)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_undo_of_a_delete_restores_the_same_picture(qtbot, path):
    document = Document(load_design(path))
    scene = DesignScene(document)
    before = picture(scene)
    busiest = max(document.design.iter_nodes(), key=lambda n: len(document.design.edges_of(n.id)))
    assert document.push(RemoveNodes([busiest.id]))
    assert picture(scene) != before
    document.undo()
    assert picture(scene) == before


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_a_reloaded_design_draws_the_same_routes(qtbot, path):
    design = load_design(path)
    first = picture(DesignScene(Document(design)))
    again = picture(DesignScene(Document(loads(dumps(design)))))
    assert first == again


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_examples_have_no_overlap_of_any_kind(qtbot, path):
    found = scene_quality(DesignScene(Document(load_design(path))))
    assert found.faults() == 0, found.examples


def test_moving_a_node_away_and_back_restores_the_picture(qtbot):
    path = next(p for p in EXAMPLES if p.stem == "image-pipeline")
    document = Document(load_design(path))
    scene = DesignScene(document)
    before = picture(scene)
    node = next(n for n in document.design.iter_nodes() if len(document.design.edges_of(n.id)) > 1)
    start = node.position
    assert document.push(Move({node.id: Point(start.x + 160, start.y + 120)}))
    assert document.push(Move({node.id: start}))
    assert picture(scene) == before


def _chain_design(document: Document, rows: int) -> str:
    from model.commands import AddNode, Connect
    from model.design import new_node
    from model.elements import Edge

    ids = []
    for row in range(rows):
        for column in range(4):
            node = new_node(
                document.design,
                "aws.lambda",
                Point(column * 220.0, row * 160.0),
                f"fn {row}.{column}",
            )
            assert document.push(AddNode(node))
            ids.append(node.id)
            if column:
                edge = Edge(document.design.new_edge_id(), ids[-2], ids[-1], "invokes")
                assert document.push(Connect(edge))
    return ids[1]


def _rerouted_per_move(qtbot, rows: int) -> float:
    document = Document()
    scene = DesignScene(document)
    from app.canvas.view import DesignView

    view = DesignView(scene)
    qtbot.addWidget(view)
    view.resize(900, 700)
    view.show()
    node_id = _chain_design(document, rows)
    item = scene.nodes[node_id]
    view.centerOn(item.scene_rect().center())
    counts = []
    original = scene.routing.flush

    def counting(limit: int | None = 0) -> set[str]:
        changed = original(limit)
        counts.append(len(changed))
        return changed

    scene.routing.flush = counting  # type: ignore[method-assign]
    start = item.pos() + QPointF(geo.NODE_W / 2, geo.ICON_TOP + geo.ICON / 2)
    drag(view, steps(start, start + QPointF(40, 60), 8))
    return sum(counts) / max(1, len(counts))


def test_a_drag_reroutes_only_what_is_near_the_node(qtbot):
    small = _rerouted_per_move(qtbot, 2)
    large = _rerouted_per_move(qtbot, 30)
    assert small > 0
    assert large <= small + 1


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_auto_layout_of_every_example_has_no_overlap_of_any_kind(qtbot, path):
    from app.canvas.layout import auto_layout

    document = Document(load_design(path))
    scene = DesignScene(document)
    assert document.push(auto_layout(document.design))
    found = scene_quality(scene)
    assert found.faults() == 0, found.examples
