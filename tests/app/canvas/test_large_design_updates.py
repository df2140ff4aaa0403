"""What keeps a large design fluid, checked on small ones: an edit updates only the badges
and findings rows it changes, the design's extent is kept item by item, a drag draws its
connections on the drag layer, refinement waits while edits come in, and the overview
sketches a design it shrinks a lot."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtWidgets import QApplication

from app.canvas import geometry as geo
from app.canvas import overview as overview_module
from app.canvas import scene as scene_module
from app.canvas.items.base import ElementItem
from app.canvas.items.edge_item import EdgeItem
from app.canvas.overview import Overview
from app.canvas.scene import DesignScene
from app.canvas.view import DesignView
from app.document import Document
from app.findings_panel import FindingsPanel
from model.commands import AddNode, Connect, Move, RemoveNodes, Rename, SetConfig
from model.design import new_node
from model.elements import Edge, Point

from .conftest import _send


def test_extent_grows_at_once_and_shrinks_when_a_border_box_moves_in_or_goes():
    extent = geo.Extent()
    assert extent.bounds() is None
    extent.set("a", (0, 0, 10, 10))
    extent.set("b", (5, 5, 20, 20))
    assert extent.bounds() == (0, 0, 20, 20)
    extent.set("b", (5, 5, 8, 8))
    assert extent.bounds() == (0, 0, 10, 10)
    extent.set("c", (-5, 2, 1, 3))
    assert extent.bounds() == (-5, 0, 10, 10)
    extent.discard("a")
    assert extent.bounds() == (-5, 2, 8, 8)
    extent.clear()
    assert extent.bounds() is None


def _union(scene: DesignScene) -> tuple[float, float, float, float]:
    rects = [item.scene_rect() for item in scene.nodes.values()]
    rects += [edge.drawn_rect() for edge in scene.edges.values()]
    return (
        min(r.left() for r in rects),
        min(r.top() for r in rects),
        max(r.right() for r in rects),
        max(r.bottom() for r in rects),
    )


def test_items_rect_follows_moves_deletes_and_undo(qtbot):
    document = Document()
    ids = []
    for index in range(5):
        node = new_node(document.design, "aws.lambda", Point(index * 300.0, index * 40.0))
        assert document.push(AddNode(node))
        ids.append(node.id)
        if index:
            assert document.push(
                Connect(Edge(document.design.new_edge_id(), ids[-2], ids[-1], "invokes"))
            )
    scene = DesignScene(document)
    assert scene.items_rect().getCoords() == _union(scene)
    last = document.design.node(ids[-1])
    assert document.push(Move({last.id: Point(last.position.x + 500, last.position.y + 300)}))
    assert scene.items_rect().getCoords() == _union(scene)
    assert document.push(RemoveNodes([ids[-1], ids[0]]))
    assert scene.items_rect().getCoords() == _union(scene)
    document.undo()
    document.undo()
    assert scene.items_rect().getCoords() == _union(scene)


def _timeout_error(document: Document) -> None:
    assert document.push(SetConfig.field(document.design, "handler-1", "timeout_s", 1200))


def test_findings_rows_are_inserted_and_removed_in_the_order_a_fresh_list_shows(main_window):
    panel = main_window.findings
    resets: list[int] = []
    inserted: list[int] = []
    removed: list[int] = []
    panel.model.modelReset.connect(lambda: resets.append(1))
    panel.model.rowsInserted.connect(lambda _p, first, last: inserted.append(last - first + 1))
    panel.model.rowsRemoved.connect(lambda _p, first, last: removed.append(last - first + 1))
    for column in (0, 1, 3):
        panel.table.sortByColumn(column, Qt.SortOrder.AscendingOrder)
        before = len(panel.model.findings)
        _timeout_error(main_window.document)
        added = len(panel.model.findings) - before
        assert added > 0 and sum(inserted) == added
        fresh = FindingsPanel(main_window.document)
        fresh.table.sortByColumn(column, Qt.SortOrder.AscendingOrder)
        assert panel.visible_findings() == fresh.visible_findings()
        main_window.document.undo()
        assert sum(removed) == added
        assert panel.model.findings == main_window.document.findings
        inserted.clear()
        removed.clear()
    assert resets == []


def test_an_edit_updates_only_the_badges_whose_findings_change(main_window, monkeypatch):
    called: list[str] = []
    for cls in (ElementItem, EdgeItem):
        original = cls.set_findings

        def counting(self, findings, show=True, _original=original):  # type: ignore[no-untyped-def]
            called.append(getattr(self, "node_id", None) or self.edge_id)
            return _original(self, findings, show)

        monkeypatch.setattr(cls, "set_findings", counting)
    document = main_window.document
    other = new_node(document.design, "aws.lambda", Point(900, 600), config={"timeout_s": 1200})
    assert document.push(AddNode(other))
    assert any(other.id in f.elements for f in document.open_findings)
    called.clear()

    def by_element() -> dict[str, list]:
        found: dict[str, list] = {}
        for finding in document.open_findings:
            for element in finding.elements:
                found.setdefault(element, []).append(finding)
        return found

    before = by_element()
    _timeout_error(document)
    after = by_element()
    changed = {e for e in before.keys() | after.keys() if before.get(e) != after.get(e)}
    assert called and set(called) <= changed
    assert other.id not in called  # its findings did not change
    badge = main_window.scene.nodes["handler-1"].badge
    assert badge.isVisible()
    messages = [f.message for f in after["handler-1"]]
    assert all(escape(m) in badge.tooltip_text() for m in messages)  # written when hovered


def test_a_drag_draws_its_connections_on_the_drag_layer_until_the_drop(canvas, document):
    scene, view = canvas
    ids = []
    for index in range(3):
        node = new_node(document.design, "aws.lambda", Point(100 + index * 260.0, 200))
        assert document.push(AddNode(node))
        ids.append(node.id)
    for source, target in ((ids[0], ids[1]), (ids[1], ids[2])):
        assert document.push(
            Connect(Edge(document.design.new_edge_id(), source, target, "invokes"))
        )
    own = {e.id for e in document.design.edges_of(ids[1])}
    item = scene.nodes[ids[1]]
    start = item.pos() + QPointF(geo.NODE_W / 2, geo.ICON_TOP + geo.ICON / 2)
    left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
    plain = Qt.KeyboardModifier.NoModifier
    _send(view, QEvent.Type.MouseButtonPress, start, left, left, plain)
    for step in range(1, 4):
        _send(view, QEvent.Type.MouseMove, start + QPointF(0, 40 * step), none, left, plain)
    assert set(scene.drag_layer.edges) == own
    assert all(scene.edges[e].preview for e in own)
    _send(view, QEvent.Type.MouseButtonRelease, start + QPointF(0, 120), left, none, plain)
    assert not scene.drag_layer.edges
    moved = scene.edges[next(iter(own))]
    assert not moved.preview and moved.boundingRect() == moved.drawn_rect()


def test_refining_waits_while_edits_come_in(qtbot, monkeypatch):
    monkeypatch.setattr(DesignScene, "route_at_once", 0)  # open with rough routes
    # A pause long beside the wait below, so a busy machine's slow event loop cannot outrun it.
    monkeypatch.setattr(scene_module, "ROUTE_IDLE_MS", 1_000)
    document = Document()
    ids = []
    for index in range(4):
        node = new_node(document.design, "aws.lambda", Point(index * 240.0, 0))
        assert document.push(AddNode(node))
        ids.append(node.id)
        if index:
            assert document.push(
                Connect(Edge(document.design.new_edge_id(), ids[-2], ids[-1], "invokes"))
            )
    scene = DesignScene(document)
    assert scene.refining
    assert document.push(Rename(ids[0], "renamed"))
    qtbot.wait(100)
    assert scene.refining  # still waiting for the user to pause
    qtbot.waitUntil(lambda: not scene.refining, timeout=15_000)


def test_the_overview_sketches_a_design_it_shrinks_a_lot(qtbot, monkeypatch):
    document = Document()
    for index in range(3):
        node = new_node(document.design, "aws.lambda", Point(index * 9000.0, index * 3000.0))
        assert document.push(AddNode(node))
    scene = DesignScene(document)
    view = DesignView(scene)
    overview = Overview(view)
    qtbot.addWidget(view)
    qtbot.addWidget(overview)
    view.resize(600, 400)
    overview.resize(300, 150)
    view.show()
    overview.show()
    qtbot.waitExposed(overview)
    rendered: list[object] = []
    sketched: list[object] = []
    original = overview_module.sketch
    monkeypatch.setattr(scene, "render_to", lambda *args: rendered.append(args))
    monkeypatch.setattr(
        overview_module, "sketch", lambda *args: sketched.append(args) or original(*args)
    )
    overview._changed()
    overview.refresh()
    assert sketched and not rendered
    image, area = overview._image, overview._image_rect
    assert image is not None
    node = scene.nodes[next(iter(document.design.iter_nodes())).id]
    centre = node.anchor_rect().center()
    x = int((centre.x() - area.left()) * image.width() / area.width())
    y = int((centre.y() - area.top()) * image.height() / area.height())
    assert image.pixelColor(x, y) != image.pixelColor(image.width() - 1, 0)
    QApplication.processEvents()
