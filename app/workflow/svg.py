"""The semantic SVG of a workflow scene, written by model.svg_writer like the architecture's:
each item's parts (what it paints, see items.Part) become marks and texts of one group, each
state's group with the id ``state-<name>`` (graph.svg_id), each transition one edge group
with its label, text as text and each icon one symbol."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPen

from app.canvas import style
from app.canvas.items.badge import RADIUS, BadgeItem
from app.workflow.items import (
    FONTS,
    PATH_COLOUR,
    FrameItem,
    MarkerItem,
    Part,
    StateItem,
    TransitionItem,
    metrics,
)
from model.catalog import Icon, icon_path
from model.stepfunctions.graph import CATCH, is_marker, svg_id
from model.svg_writer import Drawing, EdgeShape, IconData, Mark, NodeShape, Text, write_svg

CATCH_COLOUR = "#B0553F"


def _hex(colour: QColor) -> str:
    """The colour as #RRGGBB; a translucent one blended on white, as it is drawn there."""
    alpha = colour.alphaF()
    if alpha >= 1.0:
        return colour.name(QColor.NameFormat.HexRgb).upper()
    mixed = QColor(
        round(colour.red() * alpha + 255 * (1 - alpha)),
        round(colour.green() * alpha + 255 * (1 - alpha)),
        round(colour.blue() * alpha + 255 * (1 - alpha)),
    )
    return mixed.name(QColor.NameFormat.HexRgb).upper()


def _stroke(pen: QPen | None) -> tuple[str | None, float, bool]:
    if pen is None:
        return None, 1.0, False
    return _hex(pen.color()), pen.widthF(), pen.style() == Qt.PenStyle.DashLine


def _text(part: Part, dx: float, dy: float, bold: bool | None = None) -> Text:
    """A text part as SVG text: anchored as it is aligned, on the baseline Qt puts it on."""
    font = FONTS[part.font]
    font_metrics = QFontMetricsF(font)
    rect = part.rect.translated(dx, dy)
    align = part.align
    if align & Qt.AlignmentFlag.AlignHCenter:
        x, anchor = rect.center().x(), "middle"
    elif align & Qt.AlignmentFlag.AlignRight:
        x, anchor = rect.right(), "end"
    else:
        x, anchor = rect.left(), "start"
    ascent, descent = font_metrics.ascent(), font_metrics.descent()
    if align & Qt.AlignmentFlag.AlignTop:
        y = rect.top() + ascent
    elif align & Qt.AlignmentFlag.AlignBottom:
        y = rect.bottom() - descent
    else:
        y = rect.center().y() + (ascent - descent) / 2
    colour = _hex(part.brush) if part.brush is not None else _hex(style.TEXT)
    return Text(
        part.text,
        x,
        y,
        font.pixelSize(),
        colour,
        anchor,
        font.bold() if bold is None else bold,
    )


class _Shapes:
    """Marks, texts and the icon of one item's parts, in scene coordinates."""

    def __init__(self, icons: dict[str, IconData]) -> None:
        self.icons = icons

    def convert(
        self, parts: list[Part], pos: QPointF
    ) -> tuple[list[Mark], list[Text], str | None, tuple[float, float, float, float]]:
        dx, dy = pos.x(), pos.y()
        marks: list[Mark] = []
        texts: list[Text] = []
        icon: str | None = None
        icon_rect = (dx, dy, 0.0, 0.0)
        for part in parts:
            if part.kind == "text":
                texts.append(_text(part, dx, dy))
                continue
            if part.kind == "icon":
                icon = self._icon(part.text)
                r = part.rect.translated(dx, dy)
                icon_rect = (r.x(), r.y(), r.width(), r.height())
                continue
            stroke, width, dashed = _stroke(part.pen)
            fill = _hex(part.brush) if part.brush is not None else None
            r = part.rect.translated(dx, dy)
            points = [(p.x() + dx, p.y() + dy) for p in part.points]
            kind = {"line": "polyline"}.get(part.kind, part.kind)
            marks.append(
                Mark(
                    kind,
                    (r.x(), r.y(), r.width(), r.height()),
                    points,
                    fill,
                    stroke,
                    width,
                    part.radius,
                    dashed,
                )
            )
        return marks, texts, icon, icon_rect

    def _icon(self, path: str) -> str | None:
        key = path.rsplit(".", 1)[0].replace("/", "-")
        if key not in self.icons:
            found = icon_path(Icon(path))
            if found is None:
                return None
            kind = "svg" if found.suffix.lower() == ".svg" else "png"
            self.icons[key] = IconData(kind, found.read_bytes())
        return key


def _badge(badge: BadgeItem | None) -> list[Part]:
    if badge is None or not badge.isVisible() or not badge.findings:
        return []
    rect = badge.boundingRect().adjusted(1, 1, -1, -1).translated(badge.pos())
    colour = style.SEVERITY_COLOURS.get(badge.severity, style.SELECTION)
    text = str(len(badge.findings)) if len(badge.findings) < 100 else "99+"
    return [
        Part("rect", rect, pen=QPen(QColor("#FFFFFF"), 1.5), brush=colour, radius=RADIUS),
        Part(
            "text",
            rect,
            text=text,
            align=Qt.AlignmentFlag.AlignCenter,
            font=2,
            brush=QColor("#FFFFFF"),
        ),
    ]


def workflow_drawing(scene: Any, source: QRectF, title: str) -> Drawing:
    """The scene's frames, states, markers and transitions, as drawn for an export."""
    icons: dict[str, IconData] = {}
    shapes = _Shapes(icons)
    nodes: list[NodeShape] = []
    items = sorted(
        (i for i in scene.items() if isinstance(i, (StateItem, FrameItem, MarkerItem))),
        key=lambda i: (i.zValue(), i.y(), i.x()),
    )
    used: dict[str, int] = {}
    for number, item in enumerate(items):
        if isinstance(item, StateItem):
            parts = item.parts(exporting=True) + _badge(item.badge)
            element = svg_id(item.state_id[-1])
            used[element] = used.get(element, 0) + 1
            if used[element] > 1:
                element = f"{element}-{used[element]}"
            role, under = "state", item.is_compound
            kind, tooltip, key = item.view.type.lower(), item.view.name, element
        elif isinstance(item, MarkerItem):
            parts = item.parts()
            kind = "end" if item.is_end else "start"
            element = f"marker-{kind}" if len(item.state_id) == 1 else f"marker-{kind}-{number}"
            role, under, tooltip, key = "marker", False, "", element
        else:
            parts = item.parts()
            role, under, kind, tooltip = "frame", True, "branch", item.title
            key = element = f"frame-{number}"
        marks, texts, icon, icon_rect = shapes.convert(parts, item.pos())
        nodes.append(
            NodeShape(
                key,
                role,
                kind,
                icon,
                icon_rect,
                texts,
                marks=marks,
                element_id=element,
                tooltip=tooltip,
                under=under,
            )
        )
    edges: list[EdgeShape] = []
    small = metrics(2)
    arrows = sorted(
        (i for i in scene.items() if isinstance(i, TransitionItem)),
        key=lambda i: (i.transition.source, i.transition.field),
    )
    for arrow in arrows:
        transition = arrow.transition
        catch = transition.kind == CATCH
        colour = PATH_COLOUR.name().upper() if arrow.on_path else None
        if catch and not arrow.on_path:
            colour = CATCH_COLOUR
        label = None
        label_rect = None
        rect = arrow.label_rect()
        if not rect.isNull() and transition.label:
            baseline = rect.center().y() + (small.ascent() - small.descent()) / 2
            text_colour = colour if catch and colour else _hex(style.TEXT_MUTED)
            label = Text(transition.label, rect.center().x(), baseline, 10, text_colour, "middle")
            label_rect = (rect.x(), rect.y(), rect.width(), rect.height())
        start = "Start" if is_marker(transition.source) else transition.source[-1]
        edges.append(
            EdgeShape(
                f"{start}.{transition.field}",
                transition.kind,
                list(arrow.route.points),
                label,
                label_rect,
                colour,
                catch,
                (colour if catch else None),
            )
        )
    return Drawing(
        (source.left(), source.top(), source.width(), source.height()),
        title,
        nodes,
        edges,
        icons,
    )


def workflow_svg(scene: Any, source: QRectF, title: str) -> bytes:
    return write_svg(workflow_drawing(scene, source, title)).encode("utf-8")
