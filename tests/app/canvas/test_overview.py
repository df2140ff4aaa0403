"""The overview's cached picture is drawn again only where the design changed, and not while
the scene is still refining its routes."""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QApplication

from app.canvas.overview import Overview
from app.canvas.scene import DesignScene
from app.canvas.view import DesignView
from app.document import Document
from model.commands import AddNode, Move
from model.design import new_node
from model.elements import Point


def _overview(qtbot):  # type: ignore[no-untyped-def]
    document = Document()
    for row in range(6):
        for column in range(8):
            node = new_node(document.design, "aws.lambda", Point(column * 200.0, row * 160.0))
            assert document.push(AddNode(node))
    scene = DesignScene(document)
    view = DesignView(scene)
    overview = Overview(view)
    qtbot.addWidget(view)
    qtbot.addWidget(overview)
    view.resize(600, 400)
    overview.resize(400, 300)
    view.show()
    overview.show()
    qtbot.waitExposed(overview)
    qtbot.wait(50)  # the first resize and show events, each of which asks for a full refresh
    overview.refresh()
    drawn: list[QRectF] = []
    original = scene.render_to

    def recording(painter, target, source):  # type: ignore[no-untyped-def]
        drawn.append(QRectF(source))
        original(painter, target, source)

    scene.render_to = recording  # type: ignore[method-assign]
    return document, scene, overview, drawn


def test_moving_a_node_redraws_only_around_it(qtbot):
    document, scene, overview, drawn = _overview(qtbot)
    node = next(iter(document.design.iter_nodes()))
    extent = scene.items_rect()
    assert document.push(Move({node.id: Point(node.position.x, node.position.y + 20)}))
    QApplication.processEvents()
    overview.refresh()
    assert drawn
    area = sum(r.width() * r.height() for r in drawn)
    assert area < extent.width() * extent.height() / 4


def test_no_redraw_while_routes_are_being_refined(qtbot, monkeypatch):
    document, scene, overview, drawn = _overview(qtbot)
    monkeypatch.setattr(DesignScene, "refining", property(lambda self: True))
    node = next(iter(document.design.iter_nodes()))
    assert document.push(Move({node.id: Point(node.position.x + 40, node.position.y)}))
    QApplication.processEvents()
    overview.refresh()
    assert drawn == []
