"""Fixtures for canvas tests: a document with a shown view, and mouse gestures sent to the
view's viewport at scene positions (press, moves, release), as a user would make them."""

from __future__ import annotations

from collections.abc import Iterable

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from app.canvas.scene import DesignScene
from app.canvas.view import DesignView
from app.document import Document
from model.commands import AddNode
from model.design import Design, new_node
from model.elements import Point


@pytest.fixture
def document() -> Document:
    return Document(Design("Test design"))


@pytest.fixture
def canvas(qtbot, document):
    scene = DesignScene(document)
    view = DesignView(scene)
    qtbot.addWidget(view)
    view.resize(1200, 800)
    view.show()
    qtbot.waitExposed(view)
    view.centerOn(QPointF(400, 300))
    return scene, view


def add(document: Document, kind: str, x: float, y: float, parent: str | None = None, **config):
    node = new_node(document.design, kind, Point(x, y), parent=parent, config=config or None)
    assert document.push(AddNode(node))
    return node.id


def _send(view: DesignView, kind: QEvent.Type, pos: QPointF, button, buttons, modifiers) -> None:
    local = view.mapFromScene(pos)
    event = QMouseEvent(
        kind,
        QPointF(local),
        QPointF(view.viewport().mapToGlobal(local)),
        button,
        buttons,
        modifiers,
    )
    QApplication.sendEvent(view.viewport(), event)


def drag(
    view: DesignView,
    points: Iterable[QPointF],
    modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> None:
    """Press at the first scene point, move through the others, release at the last."""
    path = [QPointF(p) for p in points]
    left = Qt.MouseButton.LeftButton
    none = Qt.MouseButton.NoButton
    _send(view, QEvent.Type.MouseMove, path[0], none, none, modifiers)
    _send(view, QEvent.Type.MouseButtonPress, path[0], left, left, modifiers)
    for point in path[1:]:
        _send(view, QEvent.Type.MouseMove, point, none, left, modifiers)
    _send(view, QEvent.Type.MouseButtonRelease, path[-1], left, none, modifiers)


def click(view: DesignView, pos: QPointF, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    drag(view, [pos], modifiers)


def steps(start: QPointF, end: QPointF, count: int = 6) -> list[QPointF]:
    return [start + (end - start) * (i / count) for i in range(count + 1)]


def viewport_point(view: DesignView, pos: QPointF) -> QPoint:
    return view.mapFromScene(pos)
