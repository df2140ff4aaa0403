"""Gestures on the canvas, driven by mouse events on the view, checked by the model change."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from app.canvas import geometry as geo
from app.canvas.interactions import MIME_KIND
from app.canvas.items.node_item import HANDLE_CENTRE
from model.catalog import CATALOG
from model.commands import Move
from model.elements import Point

from .conftest import add, click, drag, steps


def icon_centre(document, node_id: str) -> QPointF:
    position = document.design.node(node_id).position
    return QPointF(position.x + geo.NODE_W / 2, position.y + geo.ICON_TOP + geo.ICON / 2)


def handle(document, node_id: str) -> QPointF:
    position = document.design.node(node_id).position
    return QPointF(position.x, position.y) + HANDLE_CENTRE


def send_drop(view, payload: bytes, scene_pos: QPointF) -> bool:
    mime = QMimeData()
    mime.setData(MIME_KIND, payload)
    local = QPointF(view.mapFromScene(scene_pos))
    actions = Qt.DropAction.CopyAction
    buttons = Qt.MouseButton.LeftButton
    mods = Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(local.toPoint(), actions, mime, buttons, mods)
    QApplication.sendEvent(view.viewport(), enter)
    move = QDragMoveEvent(local.toPoint(), actions, mime, buttons, mods)
    QApplication.sendEvent(view.viewport(), move)
    drop = QDropEvent(local, actions, mime, buttons, mods)
    QApplication.sendEvent(view.viewport(), drop)
    return drop.isAccepted()


def test_palette_drop_creates_node_on_canvas_and_inside_container(canvas, document):
    scene, view = canvas
    assert send_drop(view, b"aws.lambda", QPointF(200, 200))
    [fn] = document.design.nodes
    assert fn.kind == "aws.lambda" and fn.parent is None
    assert abs(fn.position.x + geo.NODE_W / 2 - 200) <= scene.grid_size

    region = add(document, "aws.region", 400, 100)
    assert send_drop(view, b"preset:fargate", QPointF(700, 400))
    service = document.design.nodes[-1]
    assert service.kind == "aws.ecs.service"
    assert service.parent == region
    assert service.config.launch_type == "FARGATE"
    assert scene.selected_ids() == [service.id]


def test_drop_refused_where_the_container_may_not_hold_it(canvas, document, qtbot):
    scene, view = canvas
    cluster = add(document, "aws.ecs.cluster", 100, 100)
    count = len(document.design.nodes)
    with qtbot.waitSignal(document.error) as refused:
        send_drop(view, b"aws.s3.bucket", QPointF(250, 250))
    assert len(document.design.nodes) == count
    assert "cannot contain" in refused.args[0]
    assert document.design.children(cluster) == []


def test_connect_creates_edge_with_the_only_allowed_relation(canvas, document):
    scene, view = canvas
    api = add(document, "aws.apigateway.api", 100, 100)
    fn = add(document, "aws.lambda", 400, 100)
    drag(view, steps(handle(document, api), icon_centre(document, fn)))
    [edge] = document.design.edges
    assert (edge.source, edge.target, edge.relation) == (api, fn, "invokes")
    assert edge.id in scene.edges
    document.undo()
    assert document.design.edges == [] and scene.edges == {}


def test_connect_asks_when_several_relations_are_allowed(canvas, document):
    scene, view = canvas
    pairs = [
        (a.id, b.id)
        for a in CATALOG
        for b in CATALOG
        if not a.is_container and len(CATALOG.allowed_relations(a.id, b.id)) > 1
    ]
    assert pairs, "the catalog has a pair of kinds with several relations"
    source_kind, target_kind = pairs[0]
    offered = []

    def choose(relations, where):
        offered.append(list(relations))
        return relations[-1]

    scene.relation_chooser = choose
    source = add(document, source_kind, 100, 100)
    target = add(document, target_kind, 400, 100)
    drag(view, steps(handle(document, source), icon_centre(document, target)))
    [edge] = document.design.edges
    assert offered == [CATALOG.allowed_relations(source_kind, target_kind)]
    assert edge.relation == offered[0][-1]


def test_forbidden_connection_is_refused_with_reason(canvas, document, qtbot):
    scene, view = canvas
    table = add(document, "aws.dynamodb.table", 100, 100)
    api = add(document, "aws.apigateway.api", 400, 100)
    with qtbot.waitSignal(document.error) as refused:
        drag(view, steps(handle(document, table), icon_centre(document, api)))
    assert document.design.edges == []
    assert "cannot connect" in refused.args[0]
    assert scene.items_rect().isValid()


def test_move_pushes_one_move_and_undo_restores(canvas, document):
    scene, view = canvas
    fn = add(document, "aws.lambda", 100, 100)
    table = add(document, "aws.dynamodb.table", 400, 100)
    depth = document.stack.depth
    start = icon_centre(document, fn)
    drag(view, steps(start, start + QPointF(93, 47), 10))
    assert document.stack.depth == depth + 1
    assert isinstance(document.stack._done[-1], Move)
    assert document.design.node(fn).position == Point(200, 140)  # snapped to the 20 px grid
    assert document.design.node(table).position == Point(400, 100)
    assert scene.nodes[fn].pos() == QPointF(200, 140)
    document.undo()
    assert document.design.node(fn).position == Point(100, 100)
    assert scene.nodes[fn].pos() == QPointF(100, 100)


def test_move_without_snap_keeps_exact_offset(canvas, document):
    scene, view = canvas
    scene.snap_to_grid = False
    fn = add(document, "aws.lambda", 100, 100)
    start = icon_centre(document, fn)
    drag(view, steps(start, start + QPointF(33, 17)))
    assert document.design.node(fn).position == Point(133, 117)


def test_edge_follows_moving_node_during_drag(canvas, document):
    scene, view = canvas
    api = add(document, "aws.apigateway.api", 100, 100)
    fn = add(document, "aws.lambda", 400, 100)
    document.push(
        __import__("model.commands", fromlist=["Connect"]).Connect(
            __import__("model.elements", fromlist=["Edge"]).Edge("e-1", api, fn, "invokes")
        )
    )
    edge_item = scene.edges["e-1"]
    before = edge_item.boundingRect()
    drag(view, steps(icon_centre(document, fn), icon_centre(document, fn) + QPointF(0, 200)))
    assert edge_item.boundingRect().bottom() > before.bottom() + 150


def test_drag_into_container_reparents_in_one_undo_step(canvas, document):
    scene, view = canvas
    vpc = add(document, "aws.vpc", 300, 60)
    fn = add(document, "aws.lambda", 40, 500)
    depth = document.stack.depth
    drag(view, steps(icon_centre(document, fn), QPointF(500, 250), 8))
    node = document.design.node(fn)
    assert node.parent == vpc
    assert 300 < node.position.x < 1000 and 60 < node.position.y < 480
    assert document.stack.depth == depth + 1
    document.undo()
    node = document.design.node(fn)
    assert node.parent is None and node.position == Point(40, 500)
    # and out again onto the canvas
    document.redo()
    drag(view, steps(icon_centre(document, fn), QPointF(150, 700), 8))
    assert document.design.node(fn).parent is None


def test_drag_into_container_that_may_not_hold_it_is_refused(canvas, document, qtbot):
    scene, view = canvas
    cluster = add(document, "aws.eks.cluster", 300, 60)
    bucket = add(document, "aws.s3.bucket", 40, 500)
    seen = []
    scene.status_message.connect(seen.append)
    with qtbot.waitSignal(document.error):
        drag(view, steps(icon_centre(document, bucket), QPointF(450, 200), 8))
    assert document.design.node(bucket).parent is None
    assert document.design.node(bucket).position == Point(40, 500)
    assert scene.nodes[bucket].pos() == QPointF(40, 500)
    assert any("cannot contain" in message for message in seen)
    assert scene.nodes[cluster].highlight is None


def test_container_move_moves_children(canvas, document):
    scene, view = canvas
    vpc = add(document, "aws.vpc", 100, 100)
    subnet = add(document, "aws.subnet", 140, 160, parent=vpc)
    fn = add(document, "aws.lambda", 180, 220, parent=subnet)
    header = QPointF(300, 110)
    depth = document.stack.depth
    drag(view, steps(header, header + QPointF(200, 100)))
    assert document.stack.depth == depth + 1
    design = document.design
    assert design.node(vpc).position == Point(300, 200)
    assert design.node(subnet).position == Point(340, 260)
    assert design.node(fn).position == Point(380, 320)
    assert design.node(fn).parent == subnet
    document.undo()
    assert design.node(fn).position == Point(180, 220)


def test_resize_container_by_handle(canvas, document):
    scene, view = canvas
    vpc = add(document, "aws.vpc", 100, 100)
    scene.select_ids([vpc])
    width, height = geo.node_size(document.design, document.design.node(vpc))
    corner = QPointF(100 + width, 100 + height)
    drag(view, steps(corner, corner + QPointF(120, 60)))
    size = document.design.node(vpc).placement.size
    assert (size.w, size.h) == (width + 120, height + 60)
    assert scene.nodes[vpc].size() == (width + 120, height + 60)
    document.undo()
    assert scene.nodes[vpc].size() == (width, height)


def test_click_shift_click_and_rubber_band_select(canvas, document, qtbot):
    scene, view = canvas
    a = add(document, "aws.lambda", 100, 100)
    b = add(document, "aws.lambda", 300, 100)
    c = add(document, "aws.lambda", 100, 400)
    click(view, icon_centre(document, a))
    assert scene.selected_ids() == [a]
    with qtbot.waitSignal(scene.selection_ids_changed) as changed:
        click(view, icon_centre(document, b), Qt.KeyboardModifier.ShiftModifier)
    assert set(changed.args[0]) == {a, b}
    click(view, QPointF(700, 650))
    assert scene.selected_ids() == []
    drag(view, steps(QPointF(60, 60), QPointF(460, 230)))
    assert set(scene.selected_ids()) == {a, b}
    assert c not in scene.selected_ids()


def test_delete_selection_removes_node_and_edges_and_undo_restores(canvas, document):
    from model.commands import Connect
    from model.elements import Edge

    scene, view = canvas
    api = add(document, "aws.apigateway.api", 100, 100)
    fn = add(document, "aws.lambda", 400, 100)
    table = add(document, "aws.dynamodb.table", 700, 100)
    document.push(Connect(Edge("e-1", api, fn, "invokes")))
    document.push(Connect(Edge("e-2", fn, table, "uses")))
    click(view, icon_centre(document, fn))
    depth = document.stack.depth
    assert scene.delete_selection()
    assert document.stack.depth == depth + 1
    assert not document.design.has_node(fn) and document.design.edges == []
    assert set(scene.nodes) == {api, table} and scene.edges == {}
    document.undo()
    assert {e.id for e in document.design.edges} == {"e-1", "e-2"}
    assert set(scene.edges) == {"e-1", "e-2"} and fn in scene.nodes


def test_delete_selected_edge_only(canvas, document):
    from model.commands import Connect
    from model.elements import Edge

    scene, view = canvas
    api = add(document, "aws.apigateway.api", 100, 100)
    fn = add(document, "aws.lambda", 400, 100)
    document.push(Connect(Edge("e-1", api, fn, "invokes")))
    label = scene.edges["e-1"].label_rect().center()
    click(view, label)
    assert scene.selected_ids() == ["e-1"]
    scene.delete_selection()
    assert document.design.edges == [] and len(document.design.nodes) == 2


def test_arrow_keys_nudge_and_merge_into_one_step(canvas, document, qtbot):
    scene, view = canvas
    fn = add(document, "aws.lambda", 100, 100)
    scene.select_ids([fn])
    view.setFocus()
    depth = document.stack.depth
    qtbot.keyClick(view.viewport(), Qt.Key.Key_Right)
    qtbot.keyClick(view.viewport(), Qt.Key.Key_Right)
    qtbot.keyClick(view.viewport(), Qt.Key.Key_Down)
    assert document.design.node(fn).position == Point(140, 120)
    assert document.stack.depth == depth + 1
    document.undo()
    assert document.design.node(fn).position == Point(100, 100)


def _press_and_move(view, points):
    from PySide6.QtCore import QEvent

    from .conftest import _send

    left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
    mods = Qt.KeyboardModifier.NoModifier
    _send(view, QEvent.Type.MouseMove, points[0], none, none, mods)
    _send(view, QEvent.Type.MouseButtonPress, points[0], left, left, mods)
    for point in points[1:]:
        _send(view, QEvent.Type.MouseMove, point, none, left, mods)
    return lambda: _send(view, QEvent.Type.MouseButtonRelease, points[-1], left, none, mods)


def test_escape_cancels_a_connection_or_a_move_mid_drag(canvas, document, qtbot):
    scene, view = canvas
    api = add(document, "aws.apigateway.api", 100, 100)
    fn = add(document, "aws.lambda", 400, 100)
    depth = document.stack.depth
    release = _press_and_move(view, steps(handle(document, api), icon_centre(document, fn)))
    assert scene.interaction is not None
    qtbot.keyClick(view.viewport(), Qt.Key.Key_Escape)
    assert scene.interaction is None
    release()
    assert document.design.edges == [] and document.stack.depth == depth
    start = icon_centre(document, fn)
    release = _press_and_move(view, steps(start, start + QPointF(120, 80), 6))
    qtbot.keyClick(view.viewport(), Qt.Key.Key_Escape)
    release()
    assert document.design.node(fn).position == Point(400, 100)
    assert scene.nodes[fn].pos() == QPointF(400, 100), "the item goes back where it was"
    assert document.stack.depth == depth
