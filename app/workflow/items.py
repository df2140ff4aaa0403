"""Items of the workflow canvas: one shape per ASL state type, branch frames, Start/End markers
and transition arrows. They draw what the layout computed and hold ids, never the definition."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QGraphicsItem, QStyle, QStyleOptionGraphicsItem, QWidget

from app.canvas import style
from app.canvas.items.badge import BadgeItem
from model.catalog import Icon
from model.rules import Finding
from model.stepfunctions.graph import CATCH, END, StateId, StateView, Transition, is_marker
from model.stepfunctions.layout import HEADER, Box, Route

ICONS = {
    "lambda": "aws/compute/lambda.png",
    "sqs": "aws/integration/simple-queue-service-sqs.png",
    "sns": "aws/integration/simple-notification-service-sns.png",
    "dynamodb": "aws/database/dynamodb.png",
    "ecs": "aws/compute/elastic-container-service.png",
    "batch": "aws/compute/batch.png",
    "eventbridge": "aws/integration/eventbridge.png",
    "stepfunctions": "aws/integration/step-functions.png",
    "glue": "aws/analytics/glue.png",
    "bedrock": "aws/ml/bedrock.png",
    "http": "aws/general/internet-alt1.png",
    "sdk": "aws/general/generic-sdk.png",
    "activity": "aws/general/toolkit.png",
    "task": "aws/general/general.png",
}
TYPE_COLOURS = {
    "Task": QColor("#0972D3"),
    "Choice": QColor("#8C4FFF"),
    "Parallel": QColor("#E07941"),
    "Map": QColor("#1D8102"),
    "Wait": QColor("#5F6B7A"),
    "Pass": QColor("#5F6B7A"),
    "Succeed": QColor("#1D8102"),
    "Fail": QColor("#D13212"),
}
STATE_FILL = QColor("#FFFFFF")
CHOICE_FILL = QColor("#F4EFFF")
SUCCEED_FILL = QColor("#EBF5E6")
FAIL_FILL = QColor("#FCEAE6")
FRAME_FILL = QColor("#FAFBFC")
BORDER = QColor("#AAB7C4")
PATH_COLOUR = QColor("#0972D3")
PATH_FILL = QColor(9, 114, 211, 22)
EXPRESS_COLOUR = QColor("#D13212")
UNBOUND_COLOUR = QColor("#B26A00")
ARROW = 8.0
CORNER = 7.0

TITLE_FONT = style.font(12, bold=True)
SUB_FONT = style.font(11)
SMALL_FONT = style.font(10)
Z_FRAME = 0.0
Z_ARROW = 100.0
Z_STATE = 200.0


def seconds_text(seconds: float | None) -> str:
    if seconds is None:
        return "unbounded"
    if seconds >= 86400:
        return f"{seconds / 86400:.3g} d"
    if seconds >= 3600:
        return f"{seconds / 3600:.3g} h"
    if seconds >= 60:
        return f"{seconds / 60:.3g} min"
    return f"{seconds:.3g} s"


def _elided(text: str, font_metrics: QFontMetricsF, width: float) -> str:
    return font_metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)


_METRICS: dict[int, QFontMetricsF] = {}


def metrics(font_id: int) -> QFontMetricsF:
    if font_id not in _METRICS:
        _METRICS[font_id] = QFontMetricsF((TITLE_FONT, SUB_FONT, SMALL_FONT)[font_id])
    return _METRICS[font_id]


FONTS = (TITLE_FONT, SUB_FONT, SMALL_FONT)
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
CENTRE = Qt.AlignmentFlag.AlignCenter
WHITE = QColor("#FFFFFF")


@dataclass
class Part:
    """One thing an item draws: "rect" (rounded by radius), "ellipse", "polygon" and "line"
    (points), "text" (in rect by align, font an index into FONTS, brush its colour) or "icon"
    (text the icon's path). A pen of None draws no outline, a brush of None no fill."""

    kind: str
    rect: QRectF = field(default_factory=QRectF)
    points: list[QPointF] = field(default_factory=list)
    pen: QPen | None = None
    brush: QColor | None = None
    radius: float = 0.0
    text: str = ""
    align: Qt.AlignmentFlag = LEFT
    font: int = 0


def paint_parts(painter: QPainter, parts: list[Part]) -> None:
    for part in parts:
        if part.kind == "text":
            painter.setFont(FONTS[part.font])
            painter.setPen(part.brush or style.TEXT)
            painter.drawText(part.rect, part.align, part.text)
            continue
        if part.kind == "icon":
            size = round(part.rect.width())
            painter.drawPixmap(part.rect.topLeft(), style.icon_pixmap(Icon(part.text), size))
            continue
        painter.setPen(part.pen if part.pen is not None else Qt.PenStyle.NoPen)
        painter.setBrush(part.brush if part.brush is not None else Qt.BrushStyle.NoBrush)
        if part.kind == "rect" and part.radius:
            painter.drawRoundedRect(part.rect, part.radius, part.radius)
        elif part.kind == "rect":
            painter.drawRect(part.rect)
        elif part.kind == "ellipse":
            painter.drawEllipse(part.rect)
        elif part.kind == "polygon":
            painter.drawPolygon(QPolygonF(part.points))
        else:
            painter.drawLine(part.points[0], part.points[1])


def _exporting(item: QGraphicsItem) -> bool:
    scene = item.scene()
    return bool(scene is not None and getattr(scene, "exporting", False))


class StateItem(QGraphicsItem):
    """One state, drawn in the shape of its type. Parallel and Map are frames with a header."""

    def __init__(self, view: StateView, box: Box) -> None:
        super().__init__()
        self.state_id: StateId = view.id
        self.view = view
        self.box = box
        self.badge: BadgeItem | None = None
        self.express_mark = False
        self.unbound = False
        self.calls = ""
        self.on_path = False
        self.contribution: float | None = None
        self.drop_hover = False
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setAcceptHoverEvents(True)
        self.setPos(box.x, box.y)
        self.setZValue(Z_STATE + len(view.id) if not view.blocks else Z_FRAME + len(view.id))
        self._update_tooltip()

    @property
    def is_compound(self) -> bool:
        return bool(self.view.blocks)

    def rect(self) -> QRectF:
        return QRectF(0, 0, self.box.w, self.box.h)

    def boundingRect(self) -> QRectF:
        return self.rect().adjusted(-6, -14, 80, 6)

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        if self.is_compound:
            path.addRect(QRectF(0, 0, self.box.w, HEADER))
        else:
            path.addRect(self.rect())
        return path

    def handle_rect(self) -> QRectF:
        """Drag from this dot at the bottom edge to connect the state to another."""
        return QRectF(self.box.w / 2 - 6, self.box.h - 9, 12, 12)

    def set_marks(
        self,
        express: bool,
        unbound: bool,
        on_path: bool,
        contribution: float | None,
        calls: str = "",
    ) -> None:
        """calls names the design node a bound Task calls."""
        if (express, unbound, on_path, contribution, calls) != (
            self.express_mark,
            self.unbound,
            self.on_path,
            self.contribution,
            self.calls,
        ):
            self.express_mark, self.unbound = express, unbound
            self.on_path, self.contribution = on_path, contribution
            self.calls = calls
            self._update_tooltip()
            self.update()

    def set_view(self, view: StateView) -> None:
        """The same state at the same place with other content (a form or JSON edit)."""
        self.view = view
        self._update_tooltip()
        self.update()

    def set_findings(self, findings: list[Finding], show: bool = True) -> None:
        if self.badge is None:
            if not findings:
                return
            self.badge = BadgeItem(self)
            self.badge.setPos(self.box.w - 2, 2)
        self.badge.set_findings(findings)
        self.badge.setVisible(show and bool(findings))

    def _update_tooltip(self) -> None:
        lines = [f"{self.view.name} ({self.view.type})"]
        if self.view.integration is not None:
            lines.append(f"{self.view.integration.title} {self.view.integration.action}".strip())
        if self.view.retry:
            lines.append(self.view.retry)
        if self.express_mark:
            lines.append("Express workflows do not allow this integration pattern")
        if self.unbound:
            lines.append("Not bound to a node of the design")
        elif self.calls:
            lines.append(f"Calls {self.calls} of the design")
        if self.on_path:
            lines.append(f"On the longest path: {seconds_text(self.contribution)}")
        self.setToolTip("\n".join(lines))

    def subtitle(self) -> str:
        view = self.view
        state = view.state
        if view.type == "Task" and view.integration is not None:
            suffix = {"sync": " (.sync)", "callback": " (wait for callback)"}.get(view.pattern, "")
            action = f": {view.integration.action}" if view.integration.action else ""
            return f"{view.integration.title}{action}{suffix}"
        if view.type == "Wait":
            for key in ("Seconds", "Timestamp", "SecondsPath", "TimestampPath"):
                if key in state:
                    return f"{key} {state[key]}"
            return "Wait"
        if view.type == "Map":
            processor = state.get("ItemProcessor") or state.get("Iterator") or {}
            config = processor.get("ProcessorConfig") if isinstance(processor, dict) else None
            mode = config.get("Mode") if isinstance(config, dict) else None
            text = "Map · Distributed" if mode == "DISTRIBUTED" else "Map · Inline"
            concurrency = state.get("MaxConcurrency")
            if concurrency is not None:
                text += f" · max {concurrency}" if concurrency else " · max unlimited"
            return text
        if view.type == "Parallel":
            return f"Parallel · {len(view.blocks)} branches"
        if view.type == "Fail":
            error = state.get("Error")
            return f"Fail · {error}" if isinstance(error, str) else "Fail"
        return view.type

    def parts(self, selected: bool = False, exporting: bool = False) -> list[Part]:
        """What the state draws, in its own coordinates: painted on the canvas and in the PNG,
        written as marks and texts in the SVG."""
        kind = self.view.type
        colour = TYPE_COLOURS.get(kind, BORDER)
        rect = self.rect()
        border = QPen(BORDER, 1.2)
        if self.on_path:
            border = QPen(PATH_COLOUR, 2.4)
        if self.express_mark:
            border = QPen(EXPRESS_COLOUR, 2.4)
        if selected or self.drop_hover:
            border = QPen(style.SELECTION, 2.6)
        out: list[Part] = []
        if self.is_compound:
            self._frame_parts(out, rect, colour, border)
        else:
            self._shape_parts(out, rect, kind, colour, border)
            self._text_parts(out, rect, kind)
        self._mark_parts(out, rect)
        if not exporting and self.isSelected() and kind not in ("Succeed", "Fail"):
            handle = self.handle_rect().adjusted(2, 2, -2, -2)
            out.append(Part("ellipse", handle, pen=QPen(style.SELECTION, 1.2), brush=STATE_FILL))
        return out

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        exporting = _exporting(self)
        selected = bool(option.state & QStyle.StateFlag.State_Selected) and not exporting
        paint_parts(painter, self.parts(selected, exporting))

    def _shape_parts(
        self, out: list[Part], rect: QRectF, kind: str, colour: QColor, border: QPen
    ) -> None:
        if kind == "Choice":
            inset = rect.height() / 2.6
            points = [
                QPointF(rect.left() + inset, rect.top()),
                QPointF(rect.right() - inset, rect.top()),
                QPointF(rect.right(), rect.center().y()),
                QPointF(rect.right() - inset, rect.bottom()),
                QPointF(rect.left() + inset, rect.bottom()),
                QPointF(rect.left(), rect.center().y()),
            ]
            fill = CHOICE_FILL if not self.on_path else PATH_FILL
            out.append(Part("polygon", points=points, pen=border, brush=fill))
            return
        if kind in ("Succeed", "Fail"):
            fill = SUCCEED_FILL if kind == "Succeed" else FAIL_FILL
            pen = QPen(colour, 1.4) if border.color() == BORDER else border
            radius = rect.height() / 2
            out.append(Part("rect", rect, pen=pen, brush=fill, radius=radius))
            return
        fill = PATH_FILL if self.on_path else STATE_FILL
        if kind == "Pass":
            dashed = QPen(border)
            dashed.setStyle(Qt.PenStyle.DashLine)
            out.append(Part("rect", rect, pen=dashed, brush=fill))
            return
        out.append(Part("rect", rect, pen=border, brush=fill, radius=6))
        if kind == "Task":
            bar = QRectF(rect.left(), rect.top(), 4, rect.height())
            out.append(Part("rect", bar, brush=colour, radius=2))

    def _text_parts(self, out: list[Part], rect: QRectF, kind: str) -> None:
        left = 12.0
        if kind == "Task" and self.view.integration is not None:
            icon = ICONS.get(self.view.integration.service, ICONS["task"])
            out.append(Part("icon", QRectF(12, (rect.height() - 28) / 2, 28, 28), text=icon))
            left = 48.0
        elif kind == "Wait":
            centre = QPointF(22, rect.height() / 2)
            pen = QPen(style.TEXT_MUTED, 1.4)
            dial = QRectF(centre.x() - 9, centre.y() - 9, 18, 18)
            out.append(Part("ellipse", dial, pen=pen))
            out.append(Part("line", points=[centre, centre + QPointF(0, -6)], pen=pen))
            out.append(Part("line", points=[centre, centre + QPointF(4, 2)], pen=pen))
            left = 40.0
        elif kind == "Choice":
            left = rect.height() / 2.6 + 4
        width = rect.width() - left - 10
        if kind == "Choice":
            width -= rect.height() / 2.6
        title = _elided(self.view.name, metrics(0), width)
        if kind in ("Succeed", "Fail"):
            out.append(Part("text", rect, text=title, align=CENTRE, font=0, brush=style.TEXT))
            return
        centred = kind == "Choice"
        align = Qt.AlignmentFlag.AlignHCenter if centred else Qt.AlignmentFlag.AlignLeft
        top_rect = QRectF(left, 5, width, rect.height() / 2 - 3)
        bottom = Qt.AlignmentFlag.AlignBottom
        out.append(Part("text", top_rect, text=title, align=align | bottom, brush=style.TEXT))
        sub = _elided(self.subtitle(), metrics(1), width)
        sub_rect = QRectF(left, rect.height() / 2 + 1, width, rect.height() / 2 - 4)
        top = Qt.AlignmentFlag.AlignTop
        out.append(
            Part("text", sub_rect, text=sub, align=align | top, font=1, brush=style.TEXT_MUTED)
        )

    def _frame_parts(self, out: list[Part], rect: QRectF, colour: QColor, pen: QPen) -> None:
        if self.view.type == "Map":
            shadow = QPen(pen)
            shadow.setColor(BORDER)
            out.append(
                Part("rect", rect.adjusted(5, 5, 5, 5), pen=shadow, brush=FRAME_FILL, radius=8)
            )
        out.append(Part("rect", rect, pen=pen, brush=STATE_FILL, radius=8))
        out.append(Part("rect", QRectF(0, 0, rect.width(), 4), brush=colour, radius=2))
        symbol = QRectF(12, 12, 22, 22)
        line = QPen(colour, 1.6)
        if self.view.type == "Parallel":
            for offset in (5.0, 11.0, 17.0):
                top = QPointF(symbol.left() + offset, symbol.top() + 2)
                bottom = QPointF(symbol.left() + offset, symbol.bottom() - 2)
                out.append(Part("line", points=[top, bottom], pen=line))
        else:
            for offset in (0.0, 4.0, 8.0):
                box = QRectF(symbol.left() + offset, symbol.top() + offset, 12, 10)
                out.append(Part("rect", box, pen=line))
        width = rect.width() - 60
        name = _elided(self.view.name, metrics(0), width)
        out.append(Part("text", QRectF(44, 6, width, 18), text=name, brush=style.TEXT))
        sub = _elided(self.subtitle(), metrics(1), width)
        out.append(
            Part("text", QRectF(44, 23, width, 16), text=sub, font=1, brush=style.TEXT_MUTED)
        )

    def _mark_parts(self, out: list[Part], rect: QRectF) -> None:
        """Retry annotation below, Express and binding tags above, path contribution beside."""
        if self.view.retry and not self.is_compound:
            right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            where = QRectF(8, rect.height() - 13, rect.width() - 16, 12)
            text = "↻ " + self.view.retry
            out.append(Part("text", where, text=text, align=right, font=2, brush=style.TEXT_MUTED))
        tags: list[tuple[str, QColor]] = []
        if self.express_mark:
            tags.append(("not allowed in Express", EXPRESS_COLOUR))
        if self.unbound:
            tags.append(("unbound", UNBOUND_COLOUR))
        x = 6.0
        for text, colour in tags:
            width = metrics(2).horizontalAdvance(text) + 10
            tag = QRectF(x, -12, width, 13)
            out.append(Part("rect", tag, brush=colour, radius=3))
            out.append(Part("text", tag, text=text, align=CENTRE, font=2, brush=WHITE))
            x += width + 4
        if self.on_path:
            where = QRectF(rect.width() + 6, 0, 74, min(rect.height(), 40))
            text = "+" + seconds_text(self.contribution)
            out.append(Part("text", where, text=text, font=1, brush=PATH_COLOUR))


class FrameItem(QGraphicsItem):
    """A Parallel branch or a Map's item processor: a titled area holding its states."""

    def __init__(self, title: str, box: Box, depth: int) -> None:
        super().__init__()
        self.title = title
        self.box = box
        self.drop_hover = False
        self.setPos(box.x, box.y)
        self.setZValue(Z_FRAME + depth + 0.5)

    def boundingRect(self) -> QRectF:
        return QRectF(-1, -1, self.box.w + 2, self.box.h + 2)

    def parts(self) -> list[Part]:
        rect = QRectF(0, 0, self.box.w, self.box.h)
        pen = QPen(style.SELECTION if self.drop_hover else BORDER, 1.0, Qt.PenStyle.DashLine)
        title = QRectF(10, 4, rect.width() - 20, 16)
        return [
            Part("rect", rect, pen=pen, brush=FRAME_FILL, radius=6),
            Part("text", title, text=self.title, font=2, brush=style.TEXT_MUTED),
        ]

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        paint_parts(painter, self.parts())


class MarkerItem(QGraphicsItem):
    """Start or End of the workflow."""

    def __init__(self, marker_id: StateId, box: Box) -> None:
        super().__init__()
        self.state_id = marker_id
        self.box = box
        self.is_end = marker_id[-1].endswith(END)
        self.setPos(box.x, box.y)
        self.setZValue(Z_STATE)

    def boundingRect(self) -> QRectF:
        return QRectF(-2, -2, self.box.w + 48, self.box.h + 4)

    def parts(self) -> list[Part]:
        rect = QRectF(0, 0, self.box.w, self.box.h)
        pen = QPen(style.TEXT, 2.0)
        if self.is_end:
            out = [
                Part("ellipse", rect, pen=pen, brush=STATE_FILL),
                Part("ellipse", rect.adjusted(6, 6, -6, -6), pen=pen, brush=style.TEXT),
            ]
        else:
            out = [Part("ellipse", rect, pen=pen, brush=style.TEXT)]
        where = QRectF(rect.right() + 6, 0, 44, rect.height())
        text = "End" if self.is_end else "Start"
        out.append(Part("text", where, text=text, font=1, brush=style.TEXT_MUTED))
        return out

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        paint_parts(painter, self.parts())


def rounded_path(points: list[QPointF]) -> tuple[QPainterPath, QPolygonF]:
    """An orthogonal polyline with rounded corners ending in an arrowhead."""
    path = QPainterPath(points[0])
    for index in range(1, len(points) - 1):
        before, corner, after = points[index - 1], points[index], points[index + 1]
        radius = min(CORNER, _length(corner - before) / 2, _length(after - corner) / 2)
        path.lineTo(corner + _unit(before - corner) * radius)
        path.quadTo(corner, corner + _unit(after - corner) * radius)
    tip = points[-1]
    direction = _unit(tip - points[-2])
    base = tip - direction * ARROW
    path.lineTo(base)
    normal = QPointF(-direction.y(), direction.x()) * (ARROW * 0.5)
    return path, QPolygonF([tip, base + normal, base - normal])


def _length(point: QPointF) -> float:
    return math.hypot(point.x(), point.y())


def _unit(point: QPointF) -> QPointF:
    length = _length(point)
    return QPointF(point.x() / length, point.y() / length) if length else QPointF(0, 1)


def label_width(text: str) -> float:
    """A transition label's width in the font it is drawn in, for the label placer."""
    return metrics(2).horizontalAdvance(text) + 10


class TransitionItem(QGraphicsItem):
    """An arrow: Next solid, Catch dashed and red-grey, Choice rules and Default labelled, on
    the route and label place model.routing gave it."""

    def __init__(self, route: Route) -> None:
        super().__init__()
        self.route = route
        self.transition: Transition = route.transition
        self.drop_hover = False
        self.on_path = False
        points = [QPointF(x, y) for x, y in route.points]
        if len(points) < 2:
            points = [points[0], points[0] + QPointF(0, 0.1)]
        self._path, self._arrow = rounded_path(points)
        self._label = route.transition.label
        self._label_rect = QRectF()
        if self._label and route.label is not None:
            box = route.label
            self._label_rect = QRectF(box.x, box.y, box.w, box.h)
        self._shape: QPainterPath | None = None
        self._bounds = (
            self._path.controlPointRect()
            .united(self._arrow.boundingRect())
            .united(self._label_rect)
            .adjusted(-7, -7, 7, 7)
        )
        self.setZValue(Z_ARROW + len(self.transition.source))
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        detail = route.transition.detail or route.transition.label
        if detail:
            self.setToolTip(detail)

    def boundingRect(self) -> QRectF:
        return self._bounds

    def label_rect(self) -> QRectF:
        return QRectF(self._label_rect)

    def shape(self) -> QPainterPath:
        if self._shape is None:
            stroker = QPainterPathStroker()
            stroker.setWidth(10)
            shape = stroker.createStroke(self._path)
            shape.addPolygon(self._arrow)
            if not self._label_rect.isNull():
                shape.addRect(self._label_rect)
            self._shape = shape
        return self._shape

    def set_on_path(self, on: bool) -> None:
        if on != self.on_path:
            self.on_path = on
            self.update()

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        exporting = _exporting(self)
        selected = bool(option.state & QStyle.StateFlag.State_Selected) and not exporting
        catch = self.transition.kind == CATCH
        colour = QColor("#B0553F") if catch else style.EDGE
        if self.on_path:
            colour = PATH_COLOUR
        if selected or self.drop_hover:
            colour = style.SELECTION
        width = 2.6 if (self.drop_hover or self.on_path) else 1.4
        pen = QPen(colour, width)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        if catch:
            pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(self._path)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawPolygon(self._arrow)
        if self.drop_hover and not exporting:
            middle = self._path.pointAtPercent(0.5)
            painter.setBrush(style.SELECTION)
            painter.drawEllipse(middle, 7, 7)
            painter.setPen(QPen(QColor("#FFFFFF"), 2))
            painter.drawLine(middle + QPointF(-4, 0), middle + QPointF(4, 0))
            painter.drawLine(middle + QPointF(0, -4), middle + QPointF(0, 4))
        if not self._label_rect.isNull():
            painter.setPen(QPen(colour if catch else style.GRID_LINE_MAJOR, 1))
            painter.setBrush(style.BACKGROUND)
            painter.drawRoundedRect(self._label_rect, 4, 4)
            painter.setFont(SMALL_FONT)
            painter.setPen(colour if catch else style.TEXT_MUTED)
            painter.drawText(self._label_rect, Qt.AlignmentFlag.AlignCenter, self._label)


def is_state_item(item: QGraphicsItem | None) -> bool:
    return isinstance(item, StateItem) and not is_marker(item.state_id)
