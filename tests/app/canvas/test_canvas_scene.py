"""The scene as an observer of the model: items follow every event, badges follow findings;
auto layout; export rendering; view zoom and the overview."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from app.canvas.items.container_item import ContainerItem
from app.canvas.items.node_item import NodeItem
from app.canvas.layout import auto_layout
from app.canvas.overview import Overview
from app.canvas.scene import DesignScene
from app.document import Document
from model.commands import Connect, Macro, Rename, Reparent, SetConfig, SetPinned
from model.design import Design
from model.elements import Edge, Point

from .conftest import add


def test_items_follow_add_undo_redo_and_rename(canvas, document):
    scene, _ = canvas
    fn = add(document, "aws.lambda", 10, 20)
    assert isinstance(scene.nodes[fn], NodeItem)
    document.undo()
    assert fn not in scene.nodes
    assert not [i for i in scene.items() if isinstance(i, NodeItem)]
    document.redo()
    assert scene.nodes[fn].pos() == QPointF(10, 20)
    document.push(Rename(fn, "Resize images"))
    assert scene.nodes[fn].node.label == "Resize images"
    vpc = add(document, "aws.vpc", 0, 0)
    assert isinstance(scene.nodes[vpc], ContainerItem)
    assert scene.nodes[vpc].zValue() < scene.nodes[fn].zValue()


def test_reparent_updates_container_depth(canvas, document):
    scene, _ = canvas
    region = add(document, "aws.region", 0, 0)
    vpc = add(document, "aws.vpc", 40, 40)
    depth = scene.nodes[vpc].zValue()
    document.push(Reparent(vpc, region))
    assert scene.nodes[vpc].zValue() > depth
    assert scene.nodes[vpc].zValue() > scene.nodes[region].zValue()


def test_set_document_rebuilds_items(canvas, document):
    scene, _ = canvas
    add(document, "aws.lambda", 0, 0)
    other = Document(Design("Other"))
    add(other, "aws.sqs.queue", 0, 0)
    add(other, "aws.sqs.queue", 200, 0)
    scene.set_document(other)
    assert sorted(scene.nodes) == sorted(n.id for n in other.design.nodes)
    add(document, "aws.lambda", 300, 0)  # the old document is no longer observed
    assert len(scene.nodes) == 2


def test_badge_follows_findings_of_a_config_edit(canvas, document):
    scene, _ = canvas
    fn = add(document, "aws.lambda", 0, 0)
    item = scene.nodes[fn]
    assert item.badge is None or not item.badge.isVisible()
    document.push(SetConfig.field(document.design, fn, "timeout_s", 2000))
    assert item.badge is not None and item.badge.isVisible()
    assert item.badge.severity == "error"
    assert "timeout" in item.badge.tooltip_text()  # written when the pointer comes over it
    assert item.badge.findings and all(fn in f.elements for f in item.badge.findings)
    scene.set_show_badges(False)
    assert not item.badge.isVisible()
    scene.set_show_badges(True)
    assert item.badge.isVisible()
    document.undo()
    assert not item.badge.isVisible()


def test_select_ids_and_selected_ids(canvas, document, qtbot):
    scene, _ = canvas
    api = add(document, "aws.apigateway.api", 0, 0)
    fn = add(document, "aws.lambda", 300, 0)
    document.push(Connect(Edge("e-1", api, fn, "invokes")))
    with qtbot.waitSignal(scene.selection_ids_changed) as changed:
        scene.select_ids([fn, "e-1", "unknown"])
    assert changed.args[0] == [fn, "e-1"]
    assert scene.selected_ids() == [fn, "e-1"]


def test_auto_layout_keeps_pinned_nodes_and_is_one_step(document):
    design = document.design
    region = add(document, "aws.region", 0, 0)
    api = add(document, "aws.apigateway.api", 500, 500, parent=region)
    fn = add(document, "aws.lambda", 100, 900, parent=region)
    table = add(document, "aws.dynamodb.table", 0, 0, parent=region)
    pinned = add(document, "aws.sqs.queue", 1234, 567)
    document.push(SetPinned(pinned, True))
    document.push(Connect(Edge("e-1", api, fn, "invokes")))
    document.push(Connect(Edge("e-2", fn, table, "uses")))
    before = {n.id: n.position for n in design.nodes}
    depth = document.stack.depth
    command = auto_layout(design)
    assert isinstance(command, Macro)
    assert document.push(command)
    assert document.stack.depth == depth + 1
    after = {n.id: n.position for n in design.nodes}
    assert after[pinned] == Point(1234, 567)
    assert after[api].x < after[fn].x < after[table].x  # layered left to right
    region_node = design.node(region)
    size = region_node.placement.size
    for child in (api, fn, table):
        position = design.node(child).position
        assert region_node.position.x < position.x < region_node.position.x + size.w
        assert region_node.position.y < position.y < region_node.position.y + size.h
    document.undo()
    assert {n.id: n.position for n in design.nodes} == before


def test_auto_layout_of_a_pinned_container_keeps_children_inside_it(document):
    design = document.design
    vpc = add(document, "aws.vpc", 700, 300)
    fn = add(document, "aws.lambda", 0, 0, parent=vpc)
    document.push(SetPinned(vpc, True))
    document.push(auto_layout(design))
    assert design.node(vpc).position == Point(700, 300)
    position = design.node(fn).position
    assert 700 < position.x < 700 + design.node(vpc).placement.size.w
    assert position.y > 300


def test_render_to_draws_no_grid_or_selection(canvas, document):
    scene, _ = canvas
    fn = add(document, "aws.lambda", 0, 0)
    scene.select_ids([fn])
    source = QRectF(-200, -200, 400, 400)

    def render(exporting: bool) -> QImage:
        image = QImage(400, 400, QImage.Format.Format_ARGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        if exporting:
            scene.render_to(painter, QRectF(0, 0, 400, 400), source)
        else:
            scene.render(painter, QRectF(0, 0, 400, 400), source)
        painter.end()
        return image

    def non_white_in(image: QImage, rect: QRectF) -> int:
        return sum(
            image.pixelColor(x, y) != QColor("white")
            for x in range(int(rect.left()), int(rect.right()))
            for y in range(int(rect.top()), int(rect.bottom()))
        )

    empty_area = QRectF(0, 0, 150, 150)  # scene (-200,-200)..(-50,-50): only grid there
    assert non_white_in(render(False), empty_area) > 0
    assert non_white_in(render(True), empty_area) == 0
    node_area = QRectF(200, 200, 120, 100)
    assert non_white_in(render(True), node_area) > 100  # the icon and label are drawn
    assert scene.selected_ids() == [fn]


def test_zoom_and_fit(canvas, document, qtbot):
    scene, view = canvas
    add(document, "aws.lambda", 0, 0)
    add(document, "aws.lambda", 3000, 2000)
    with qtbot.waitSignal(view.zoom_changed):
        view.zoom_in()
    assert view.zoom() > 1.0
    view.zoom_out()
    view.zoom_out()
    assert view.zoom() < 1.0
    view.zoom_reset()
    assert view.zoom() == 1.0
    view.fit_to_design()
    assert view.zoom() < 0.5
    visible = view.visible_scene_rect()
    assert visible.contains(scene.items_rect())
    view.zoom_reset()
    view.center_on_ids([document.design.nodes[1].id])
    assert view.visible_scene_rect().contains(QPointF(3060, 2030))


def test_overview_click_moves_main_view(canvas, document, qtbot):
    scene, view = canvas
    add(document, "aws.lambda", 0, 0)
    add(document, "aws.lambda", 4000, 3000)
    overview = Overview(view)
    qtbot.addWidget(overview)
    overview.resize(240, 180)
    overview.show()
    qtbot.waitExposed(overview)
    target = overview.mapFromScene(QPointF(4000, 3000))
    qtbot.mouseClick(
        overview.viewport(),
        __import__("PySide6.QtCore").QtCore.Qt.MouseButton.LeftButton,
        pos=target,
    )
    assert view.visible_scene_rect().contains(QPointF(4000, 3000))


def test_scene_without_view_builds_large_design():
    document = Document(Design("Big"))
    for index in range(50):
        add(document, "aws.lambda", (index % 10) * 150, (index // 10) * 130)
    scene = DesignScene(document)
    assert len(scene.nodes) == 50
    assert scene.items_rect().width() >= 9 * 150 + 120
