"""Below the zoom where labels would be under 8 px on screen they give way to icons and
group titles, and return on zooming in; exports always draw them."""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from app.canvas import style
from model.commands import Connect
from model.config import EdgeConfig
from model.elements import Edge

from .conftest import add


def ink_in(scene, rect: QRectF, zoom: float, exporting: bool = False) -> int:
    """Non-white pixels drawn inside rect (scene units) at zoom, away from the line."""
    width, height = max(1, round(rect.width() * zoom)), max(1, round(rect.height() * zoom))
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    scene.exporting = exporting
    scene.render(painter, QRectF(0, 0, width, height), rect)
    scene.exporting = False
    painter.end()
    middle = height // 2
    count = 0
    for y in range(height):
        if abs(y - middle) <= 2:
            continue
        for x in range(width):
            if QColor(image.pixel(x, y)).lightness() < 200:
                count += 1
    return count


def test_labels_give_way_below_the_readable_zoom_and_return(canvas, document):
    scene, _view = canvas
    source = add(document, "aws.sqs.queue", 0, 0)
    target = add(document, "aws.lambda", 600, 0)
    edge = Edge("e-1", source, target, "triggers", EdgeConfig(expected_rps=20))
    assert document.push(Connect(edge))
    label = scene.edges["e-1"].label_rect()
    assert ink_in(scene, label, 1.0) > 20
    low = style.LABEL_ZOOM * 0.8
    assert ink_in(scene, label, low) == 0
    assert ink_in(scene, label, low, exporting=True) > 0
    assert ink_in(scene, label, 1.0) > 20
    name = QRectF(0, 66, 120, 16)
    assert ink_in(scene, name, 1.0) > 0
    assert ink_in(scene, name, 0.5) == 0
