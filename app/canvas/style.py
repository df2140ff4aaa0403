"""Colours, fonts, AWS architecture-diagram group styles and the icon cache of the canvas."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from model.catalog import CATALOG, Icon, icon_path
from model.elements import Node

BACKGROUND = QColor("#FFFFFF")
GRID_LINE = QColor("#F2F4F6")
GRID_LINE_MAJOR = QColor("#E4E8EC")
GRID_DOT = QColor("#C9D0D8")
TEXT = QColor("#16191F")
TEXT_MUTED = QColor("#5F6B7A")
EDGE = QColor("#545B64")
SELECTION = QColor("#0972D3")
SELECTION_FILL = QColor(9, 114, 211, 28)
HOVER_FILL = QColor(22, 25, 31, 14)
ACCEPT = QColor("#1D8102")
ACCEPT_FILL = QColor(29, 129, 2, 30)
REFUSE = QColor("#D13212")
REFUSE_FILL = QColor(209, 50, 18, 30)

SEVERITY_COLOURS = {
    "error": QColor("#D13212"),
    "warning": QColor("#F89256"),
    "info": QColor("#0972D3"),
}
SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}

ICON_DPR = 2.0

MIN_TEXT_PX = 8.0  # below this on screen, labels give way to icons and group titles
LABEL_ZOOM = MIN_TEXT_PX / 11.0  # the zoom where 11 px connection labels reach 8 px


def text_readable(pixel_size: float, lod: float) -> bool:
    """Whether text of pixel_size drawn at level of detail lod is at least MIN_TEXT_PX."""
    return pixel_size * lod >= MIN_TEXT_PX - 1e-6


Z_CONTAINER = 0.0  # plus nesting depth
Z_EDGE = 100.0
Z_NODE = 200.0
Z_OVERLAY = 1000.0
STACK_STEP = 0.4 / 100_000  # z per place in the design's node order (Bring to Front), in-band


def font(pixel_size: int, bold: bool = False) -> QFont:
    """Fonts in pixels so text keeps its size relative to icons at any screen scale."""
    result = QFont()
    result.setFamilies(["Amazon Ember", "Helvetica Neue", "Arial", "DejaVu Sans"])
    result.setPixelSize(pixel_size)
    result.setBold(bold)
    result.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return result


LABEL_FONT = font(12)
EDGE_FONT = font(11)
GROUP_FONT = font(13, bold=True)
BADGE_FONT = font(10, bold=True)


@dataclass(frozen=True)
class GroupStyle:
    """How an AWS group is framed: border colour and line, fill, label colour."""

    border: QColor
    fill: QColor | None
    dashed: bool
    label: QColor
    icon_override: str | None = None


_GROUPS = {
    "aws.region": GroupStyle(QColor("#00A4A6"), None, True, QColor("#00A4A6")),
    "aws.availability_zone": GroupStyle(QColor("#147EBA"), None, True, QColor("#147EBA")),
    "aws.vpc": GroupStyle(QColor("#8C4FFF"), None, False, QColor("#8C4FFF")),
    "aws.ecs.cluster": GroupStyle(QColor("#ED7100"), None, False, QColor("#ED7100")),
    "aws.eks.cluster": GroupStyle(QColor("#ED7100"), None, False, QColor("#ED7100")),
    "aws.ec2.placement_group": GroupStyle(QColor("#ED7100"), None, True, QColor("#ED7100")),
    "aws.outposts.outpost": GroupStyle(QColor("#232F3E"), None, False, QColor("#232F3E")),
}
_PRIVATE_SUBNET = GroupStyle(QColor("#00A4A6"), QColor("#E6F6F7"), False, QColor("#007D7F"))
_PUBLIC_SUBNET = GroupStyle(
    QColor("#7AA116"), QColor("#F2F6E8"), False, QColor("#5A7A0C"), "aws/network/public-subnet.png"
)
_DEFAULT_GROUP = GroupStyle(QColor("#7D8998"), None, True, QColor("#5F6B7A"))


def group_style(node: Node) -> GroupStyle:
    if node.kind == "aws.subnet":
        public = getattr(node.config, "visibility", "private") == "public"
        return _PUBLIC_SUBNET if public else _PRIVATE_SUBNET
    return _GROUPS.get(node.kind, _DEFAULT_GROUP)


_PIXMAPS: dict[tuple[str, int], QPixmap] = {}


def _render(path: Path | None, logical_size: int) -> QPixmap:
    pixels = int(logical_size * ICON_DPR)
    image = QImage(pixels, pixels, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHints(
        QPainter.RenderHint.Antialiasing | QPainter.RenderHint.SmoothPixmapTransform
    )
    target = QRectF(0, 0, pixels, pixels)
    if path is not None and path.suffix.lower() == ".svg":
        renderer = QSvgRenderer(str(path))
        renderer.setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)
        renderer.render(painter, target)
    elif path is not None:
        source = QImage(str(path))
        if not source.isNull():
            scaled = source.scaled(
                pixels,
                pixels,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
            painter.drawImage(
                QRectF(
                    (pixels - scaled.width()) / 2,
                    (pixels - scaled.height()) / 2,
                    scaled.width(),
                    scaled.height(),
                ),
                scaled,
            )
    painter.end()
    pixmap = QPixmap.fromImage(image)
    pixmap.setDevicePixelRatio(ICON_DPR)
    return pixmap


def icon_pixmap(icon: Icon | str, logical_size: int) -> QPixmap:
    """The icon rendered once per size at twice its logical size, so it stays crisp at 2x."""
    if isinstance(icon, str):
        icon = Icon(icon)
    key = (f"{icon.source}:{icon.path}", logical_size)
    pixmap = _PIXMAPS.get(key)
    if pixmap is None:
        pixmap = _render(icon_path(icon), logical_size)
        _PIXMAPS[key] = pixmap
    return pixmap


def kind_pixmap(kind: str, logical_size: int) -> QPixmap:
    return icon_pixmap(CATALOG.get(kind).icon, logical_size)


def worst_severity(severities: list[str]) -> str:
    return min(severities, key=lambda s: SEVERITY_RANK.get(s, 9))
