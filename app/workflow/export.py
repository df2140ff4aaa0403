"""Pictures of workflows: one SVG and one PNG per state machine, drawn by the workflow canvas.

Headless like app.image_export (whose application set-up and text clean-up it shares). The PNG
is the scene painted; the SVG is written by model.svg_writer from what each item paints (see
app/workflow/svg.py), every state a group with the id ``state-<name>`` (see graph.svg_id), so
documentation can link to a state or style it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from app.image_export import (
    MARGIN,
    SCALES,
    ImageExportError,
    drawable_copy,
    ensure_application,
    xml_safe,
)
from model.design import Design
from model.exporters.escaping import drawable_text
from model.serialization import write_atomic

STATE_MACHINE = "aws.stepfunctions.state_machine"


def state_machines(design: Design) -> list[str]:
    return [n.id for n in design.iter_nodes() if n.kind == STATE_MACHINE]


def _scene(design: Design, node_id: str, badges: bool) -> tuple[Any, Any]:
    from app.document import Document
    from app.workflow.scene import WorkflowScene

    document = Document(drawable_copy(design))
    scene = WorkflowScene(document, node_id)
    scene.set_show_badges(badges)
    return scene, document


def _source(scene: Any) -> Any:
    from PySide6.QtCore import QRectF

    rect = scene.items_rect()
    if rect.isNull() or rect.isEmpty():
        rect = QRectF(0, 0, 320, 200)
    return rect.adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)


def render_workflow_png(
    design: Design, node_id: str, scale: int = 2, badges: bool = False
) -> bytes:
    if scale not in SCALES:
        raise ImageExportError(f"scale must be one of {', '.join(map(str, SCALES))} (got {scale})")
    ensure_application()
    scene, _document = _scene(design, node_id, badges)
    return _png(scene, scale)


def _png(scene: Any, scale: int) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
    from PySide6.QtGui import QImage, QPainter

    source = _source(scene)
    width, height = max(1, round(source.width() * scale)), max(1, round(source.height() * scale))
    image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    scene.render_to(painter, QRectF(0, 0, width, height), source)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise ImageExportError("Qt could not encode the PNG image")
    buffer.close()
    return bytes(data.data())


def render_workflow_svg(design: Design, node_id: str, badges: bool = False) -> bytes:
    """The workflow as a semantic SVG written by model.svg_writer, as the architecture export
    is: each state in its own ``<g id="state-...">`` group, text as text."""
    ensure_application()
    scene, _document = _scene(design, node_id, badges)
    return _svg(scene, design, node_id)


def _svg(scene: Any, design: Design, node_id: str) -> bytes:
    from app.workflow.svg import workflow_svg

    node = design.node(node_id)
    title = drawable_text(f"{design.name}: {node.label or node_id}")
    return xml_safe(workflow_svg(scene, _source(scene), title))


def export_workflows(
    design: Design,
    folder: str | os.PathLike[str],
    scale: int = 2,
    badges: bool = False,
) -> list[Path]:
    """Write <node id>.svg and <node id>.png for every state machine into folder."""
    target = Path(folder)
    machines = state_machines(design)
    if not machines:
        raise ImageExportError("the design has no state machine")
    if scale not in SCALES:
        raise ImageExportError(f"scale must be one of {', '.join(map(str, SCALES))} (got {scale})")
    ensure_application()
    rendered: list[tuple[Path, bytes]] = []
    for node_id in machines:
        scene, _document = _scene(design, node_id, badges)  # one scene for both pictures
        rendered.append((target / f"{node_id}.svg", _svg(scene, design, node_id)))
        rendered.append((target / f"{node_id}.png", _png(scene, scale)))
    target.mkdir(parents=True, exist_ok=True)
    for path, data in rendered:
        write_atomic(path, data)
    return [path for path, _ in rendered]
