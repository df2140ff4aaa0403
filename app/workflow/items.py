"""Items of the workflow canvas: one shape per ASL state type, branch frames, Start/End markers
and transition arrows. They draw what the layout computed and hold ids, never the definition."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
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

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        exporting = _exporting(self)
        selected = bool(option.state & QStyle.StateFlag.State_Selected) and not exporting
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
        painter.setPen(border)
        if self.is_compound:
            self._paint_frame(painter, rect, colour, border)
        else:
            self._paint_shape(painter, rect, kind, colour)
            self._paint_text(painter, rect, kind)
        self._paint_marks(painter, rect)
        if not exporting and self.isSelected() and kind not in ("Succeed", "Fail"):
            painter.setPen(QPen(style.SELECTION, 1.2))
            painter.setBrush(QBrush(STATE_FILL))
            painter.drawEllipse(self.handle_rect().adjusted(2, 2, -2, -2))

    def _paint_shape(self, painter: QPainter, rect: QRectF, kind: str, colour: QColor) -> None:
        if kind == "Choice":
            inset = rect.height() / 2.6
            painter.setBrush(CHOICE_FILL if not self.on_path else PATH_FILL)
            polygon = QPolygonF(
                [
                    QPointF(rect.left() + inset, rect.top()),
                    QPointF(rect.right() - inset, rect.top()),
                    QPointF(rect.right(), rect.center().y()),
                    QPointF(rect.right() - inset, rect.bottom()),
                    QPointF(rect.left() + inset, rect.bottom()),
                    QPointF(rect.left(), rect.center().y()),
                ]
            )
            painter.drawPolygon(polygon)
            return
        if kind in ("Succeed", "Fail"):
            painter.setBrush(SUCCEED_FILL if kind == "Succeed" else FAIL_FILL)
            pen = painter.pen()
            if pen.color() == BORDER:
                painter.setPen(QPen(colour, 1.4))
            radius = rect.height() / 2
            painter.drawRoundedRect(rect, radius, radius)
            return
        painter.setBrush(PATH_FILL if self.on_path else STATE_FILL)
        if kind == "Pass":
            pen = painter.pen()
            pen.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.drawRect(rect)
            return
        painter.drawRoundedRect(rect, 6, 6)
        if kind == "Task":
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            painter.drawRoundedRect(QRectF(rect.left(), rect.top(), 4, rect.height()), 2, 2)

    def _paint_text(self, painter: QPainter, rect: QRectF, kind: str) -> None:
        left = 12.0
        if kind == "Task" and self.view.integration is not None:
            icon = ICONS.get(self.view.integration.service, ICONS["task"])
            pixmap = style.icon_pixmap(Icon(icon), 28)
            painter.drawPixmap(QPointF(12, (rect.height() - 28) / 2), pixmap)
            left = 48.0
        elif kind == "Wait":
            self._paint_clock(painter, QPointF(22, rect.height() / 2))
            left = 40.0
        elif kind == "Choice":
            left = rect.height() / 2.6 + 4
        width = rect.width() - left - 10
        if kind == "Choice":
            width -= rect.height() / 2.6
        title = _elided(self.view.name, metrics(0), width)
        painter.setFont(TITLE_FONT)
        painter.setPen(style.TEXT)
        centred = kind in ("Succeed", "Fail", "Choice")
        align = Qt.AlignmentFlag.AlignHCenter if centred else Qt.AlignmentFlag.AlignLeft
        if kind in ("Succeed", "Fail"):
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, title)
            return
        top_rect = QRectF(left, 5, width, rect.height() / 2 - 3)
        painter.drawText(top_rect, align | Qt.AlignmentFlag.AlignBottom, title)
        painter.setFont(SUB_FONT)
        painter.setPen(style.TEXT_MUTED)
        sub = _elided(self.subtitle(), metrics(1), width)
        painter.drawText(
            QRectF(left, rect.height() / 2 + 1, width, rect.height() / 2 - 4),
            align | Qt.AlignmentFlag.AlignTop,
            sub,
        )

    def _paint_clock(self, painter: QPainter, centre: QPointF) -> None:
        painter.setPen(QPen(style.TEXT_MUTED, 1.4))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(centre, 9, 9)
        painter.drawLine(centre, centre + QPointF(0, -6))
        painter.drawLine(centre, centre + QPointF(4, 2))

    def _paint_frame(self, painter: QPainter, rect: QRectF, colour: QColor, pen: QPen) -> None:
        if self.view.type == "Map":
            painter.setBrush(FRAME_FILL)
            shadow = QPen(pen)
            shadow.setColor(BORDER)
            painter.setPen(shadow)
            painter.drawRoundedRect(rect.adjusted(5, 5, 5, 5), 8, 8)
            painter.setPen(pen)
        painter.setBrush(QBrush(STATE_FILL))
        painter.drawRoundedRect(rect, 8, 8)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawRoundedRect(QRectF(0, 0, rect.width(), 4), 2, 2)
        symbol = QRectF(12, 12, 22, 22)
        painter.setPen(QPen(colour, 1.6))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if self.view.type == "Parallel":
            for offset in (5.0, 11.0, 17.0):
                painter.drawLine(
                    QPointF(symbol.left() + offset, symbol.top() + 2),
                    QPointF(symbol.left() + offset, symbol.bottom() - 2),
                )
        else:
            for offset in (0.0, 4.0, 8.0):
                painter.drawRect(QRectF(symbol.left() + offset, symbol.top() + offset, 12, 10))
        painter.setFont(TITLE_FONT)
        painter.setPen(style.TEXT)
        width = rect.width() - 60
        painter.drawText(
            QRectF(44, 6, width, 18),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            _elided(self.view.name, metrics(0), width),
        )
        painter.setFont(SUB_FONT)
        painter.setPen(style.TEXT_MUTED)
        painter.drawText(
            QRectF(44, 23, width, 16),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            _elided(self.subtitle(), metrics(1), width),
        )

    def _paint_marks(self, painter: QPainter, rect: QRectF) -> None:
        """Retry annotation below, Express and binding tags above, path contribution beside."""
        painter.setFont(SMALL_FONT)
        if self.view.retry and not self.is_compound:
            text = "↻ " + self.view.retry
            painter.setPen(style.TEXT_MUTED)
            painter.drawText(
                QRectF(8, rect.height() - 13, rect.width() - 16, 12),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                text,
            )
        tags: list[tuple[str, QColor]] = []
        if self.express_mark:
            tags.append(("not allowed in Express", EXPRESS_COLOUR))
        if self.unbound:
            tags.append(("unbound", UNBOUND_COLOUR))
        x = 6.0
        for text, colour in tags:
            width = metrics(2).horizontalAdvance(text) + 10
            tag = QRectF(x, -12, width, 13)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            painter.drawRoundedRect(tag, 3, 3)
            painter.setPen(QColor("#FFFFFF"))
            painter.drawText(tag, Qt.AlignmentFlag.AlignCenter, text)
            x += width + 4
        if self.on_path:
            painter.setPen(PATH_COLOUR)
            painter.setFont(SUB_FONT)
            top = 0 if self.is_compound else 0
            painter.drawText(
                QRectF(rect.width() + 6, top, 74, min(rect.height(), 40)),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                "+" + seconds_text(self.contribution),
            )


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

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        rect = QRectF(0, 0, self.box.w, self.box.h)
        pen = QPen(style.SELECTION if self.drop_hover else BORDER, 1.0, Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(FRAME_FILL)
        painter.drawRoundedRect(rect, 6, 6)
        painter.setFont(SMALL_FONT)
        painter.setPen(style.TEXT_MUTED)
        painter.drawText(
            QRectF(10, 4, rect.width() - 20, 16),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            self.title,
        )


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

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        rect = QRectF(0, 0, self.box.w, self.box.h)
        painter.setPen(QPen(style.TEXT, 2.0))
        if self.is_end:
            painter.setBrush(STATE_FILL)
            painter.drawEllipse(rect)
            painter.setBrush(style.TEXT)
            painter.drawEllipse(rect.adjusted(6, 6, -6, -6))
        else:
            painter.setBrush(style.TEXT)
            painter.drawEllipse(rect)
        painter.setFont(SUB_FONT)
        painter.setPen(style.TEXT_MUTED)
        painter.drawText(
            QRectF(rect.right() + 6, 0, 44, rect.height()),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            "End" if self.is_end else "Start",
        )


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
