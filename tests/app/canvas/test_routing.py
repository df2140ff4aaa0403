"""Routes on the canvas: the same design draws the same way whatever the edit history, and a
drag reroutes and repaints only what is near the dragged node."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtWidgets import QApplication

from app.canvas import geometry as geo
from app.canvas.scene import DesignScene
from app.document import Document
from model.commands import Move, RemoveNodes
from model.elements import Point
from model.routing.quality import measure
from model.serialization import dumps, load_design, loads

from .conftest import _send

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


def _dragged_view(qtbot, rows: int):  # type: ignore[no-untyped-def]
    from app.canvas.view import DesignView

    document = Document()
    scene = DesignScene(document)
    view = DesignView(scene)
    qtbot.addWidget(view)
    view.resize(900, 700)
    view.show()
    qtbot.waitExposed(view)
    node_id = _chain_design(document, rows)
    view.fit_to_design()
    QApplication.processEvents()
    return document, scene, view, node_id


def _painted_per_move(qtbot, monkeypatch, rows: int) -> tuple[float, int]:
    """Items painted per move while dragging a node with the whole design on show (each
    move's repaint delivered by the event loop, as on screen), and the items in all."""
    from app.canvas.items.container_item import ContainerItem
    from app.canvas.items.edge_item import EdgeItem
    from app.canvas.items.node_item import NodeItem

    painted = [0]
    for cls in (NodeItem, EdgeItem, ContainerItem):  # before the items exist (PySide caches)

        def counting(self, painter, option, widget=None, _original=cls.paint):  # type: ignore[no-untyped-def]
            painted[0] += 1
            return _original(self, painter, option, widget)

        monkeypatch.setattr(cls, "paint", counting)
    document, scene, view, node_id = _dragged_view(qtbot, rows)
    item = scene.nodes[node_id]
    start = item.pos() + QPointF(geo.NODE_W / 2, geo.ICON_TOP + geo.ICON / 2)
    left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
    plain = Qt.KeyboardModifier.NoModifier
    counts = []
    _send(view, QEvent.Type.MouseButtonPress, start, left, left, plain)
    for step in range(1, 9):
        painted[0] = 0
        _send(view, QEvent.Type.MouseMove, start + QPointF(20 * step, 10 * step), none, left, plain)
        QApplication.processEvents()
        counts.append(painted[0])
    _send(view, QEvent.Type.MouseButtonRelease, start + QPointF(160, 80), left, none, plain)
    monkeypatch.undo()
    return sum(counts) / len(counts), len(scene.nodes) + len(scene.edges)


def test_a_drag_repaints_only_what_is_near_the_node(qtbot, monkeypatch):
    small, _ = _painted_per_move(qtbot, monkeypatch, 2)
    large, items = _painted_per_move(qtbot, monkeypatch, 30)
    assert small > 0
    assert large <= small + 2
    assert large < items / 10


def test_a_drag_reroutes_only_the_dragged_nodes_connections_until_the_drop(qtbot):
    document, scene, view, node_id = _dragged_view(qtbot, 30)
    item = scene.nodes[node_id]
    own = {e.id for e in document.design.edges_of(node_id)}
    start = item.pos() + QPointF(geo.NODE_W / 2, geo.ICON_TOP + geo.ICON / 2)
    rerouted: list[set[str]] = []
    original = scene.routing.router.update

    def recording(limit=None, budget=None):  # type: ignore[no-untyped-def]
        changed = original(limit, budget)
        rerouted.append(changed)
        return changed

    scene.routing.router.update = recording  # type: ignore[method-assign]
    left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
    plain = Qt.KeyboardModifier.NoModifier
    _send(view, QEvent.Type.MouseButtonPress, start, left, left, plain)
    for step in range(1, 6):
        _send(view, QEvent.Type.MouseMove, start + QPointF(0, 30 * step), none, left, plain)
    assert rerouted and all(changed <= own for changed in rerouted)
    _send(view, QEvent.Type.MouseButtonRelease, start + QPointF(0, 150), left, none, plain)
    qtbot.waitUntil(lambda: not scene.routing.router.pending)  # refined from the event loop
    fresh = DesignScene(Document(loads(dumps(document.design))))
    assert picture(scene) == picture(fresh)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_auto_layout_of_every_example_has_no_overlap_of_any_kind(qtbot, path):
    from app.canvas.layout import auto_layout

    document = Document(load_design(path))
    scene = DesignScene(document)
    assert document.push(auto_layout(document.design))
    found = scene_quality(scene)
    assert found.faults() == 0, found.examples


def _cells_design(cells: int):
    """The benchmarks' generated design (bench/generate_cells.py): chains across a Region,
    two zones' subnets and back, each cell also linked to the cell before it."""
    import importlib.util

    path = Path(__file__).resolve().parents[3] / "bench" / "generate_cells.py"
    spec = importlib.util.spec_from_file_location("generate_cells", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.cells_design(cells)


def test_auto_layout_of_a_generated_design_has_no_overlap_of_any_kind(qtbot, monkeypatch):
    from app.canvas.layout import auto_layout

    document = Document(_cells_design(24))
    monkeypatch.setattr(DesignScene, "route_at_once", None)
    scene = DesignScene(document)
    assert document.push(auto_layout(document.design))
    scene.finish_routing()
    assert not scene.routing.router._unsearched  # every route was checked
    found = scene_quality(scene)
    assert found.faults() == 0, found.examples[:10]
    design = document.design
    rows = {n.id: n.position.y for n in design.nodes}
    for cell in range(24):  # each cell's services sit level with its functions
        assert abs(rows[f"api{cell}"] - rows[f"fn{cell}"]) < geo.NODE_H
        assert abs(rows[f"q{cell}"] - rows[f"fn{cell}"]) < 2 * geo.NODE_H
