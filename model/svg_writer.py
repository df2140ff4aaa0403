"""A compact, semantic SVG of a diagram, written from a plain description of what is drawn
(no Qt), so the architecture canvas and the workflow canvas export the same way.

Each icon is one <symbol> reused by <use>; each node and group is one <g id="node-...">, each
connection one <g id="edge-..."> holding one <path> in absolute coordinates, each connection
label one <g id="label-..."> with a <rect> and a <text>. Text stays text."""

from __future__ import annotations

import base64
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from xml.etree import ElementTree
from xml.sax.saxutils import escape, quoteattr

from model.exporters.escaping import drawable_text

FONT = "'Amazon Ember', 'Helvetica Neue', Arial, 'DejaVu Sans', sans-serif"
Point = tuple[float, float]
Rect = tuple[float, float, float, float]  # left, top, width, height


@dataclass(frozen=True)
class IconData:
    """An icon's file: 'svg' (its XML) or 'png' (its bytes)."""

    format: str
    data: bytes


@dataclass(frozen=True)
class Text:
    text: str
    x: float
    y: float  # baseline
    size: float
    colour: str
    anchor: str = "start"  # start, middle or end
    bold: bool = False


@dataclass(frozen=True)
class Mark:
    """A drawn primitive of a shape: "rect" (rect, rounded by radius), "ellipse" (its
    bounding rect), "polygon" or "polyline" (points); fill None is no fill, stroke None no
    outline."""

    kind: str
    rect: Rect = (0.0, 0.0, 0.0, 0.0)
    points: Sequence[Point] = ()
    fill: str | None = None
    stroke: str | None = None
    width: float = 1.0
    radius: float = 0.0
    dashed: bool = False


@dataclass(frozen=True)
class NodeShape:
    """A service (role "node") or a group (role "group") with its icon and texts; marks are
    drawn first, under the icon and texts (the shapes of a diagram other than the
    architecture's: a workflow's states). element_id, when given, is the group's id instead of
    node-<id>; tooltip becomes the group's <title>."""

    id: str
    role: str
    kind: str
    icon: str | None
    icon_rect: Rect
    texts: Sequence[Text] = ()
    frame: Rect | None = None
    stroke: str = "#7D8998"
    fill: str | None = None
    dashed: bool = False
    marks: Sequence[Mark] = ()
    element_id: str | None = None
    tooltip: str = ""
    under: bool | None = None
    """Drawn under the connections with the groups; None: when its role is "group"."""


@dataclass(frozen=True)
class EdgeShape:
    """A connection; colour (None: the drawing's edge colour), dashed and label_frame (None:
    the drawing's) style it."""

    id: str
    kind: str
    points: Sequence[Point]
    label: Text | None = None
    label_rect: Rect | None = None
    colour: str | None = None
    dashed: bool = False
    label_frame: str | None = None


@dataclass(frozen=True)
class Drawing:
    """Everything drawn, in scene coordinates; view is the visible part (left, top, w, h)."""

    view: Rect
    title: str
    nodes: Sequence[NodeShape]
    edges: Sequence[EdgeShape]
    icons: dict[str, IconData] = field(default_factory=dict)
    background: str | None = "#FFFFFF"
    edge_colour: str = "#545B64"
    label_frame: str = "#E4E8EC"
    label_colour: str = "#5F6B7A"


_ID_CHARS = re.compile(r"[^A-Za-z0-9_.-]")


def svg_id(prefix: str, value: str) -> str:
    """An XML id for value: characters ids cannot hold become '_'."""
    return f"{prefix}-{_ID_CHARS.sub('_', value)}"


def _n(value: float) -> str:
    """A coordinate with at most two decimals and no trailing zeros."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _class(*parts: str) -> str:
    return " ".join(_ID_CHARS.sub("-", p) for p in parts if p)


def _text(text: Text) -> str:
    weight = ' font-weight="bold"' if text.bold else ""
    anchor = f' text-anchor="{text.anchor}"' if text.anchor != "start" else ""
    return (
        f'<text x="{_n(text.x)}" y="{_n(text.y)}" font-size="{_n(text.size)}" '
        f'fill="{text.colour}"{anchor}{weight}>{escape(drawable_text(text.text))}</text>'
    )


def _symbol(key: str, icon: IconData) -> str:
    symbol_id = svg_id("icon", key)
    if icon.format == "svg":
        try:
            root = ElementTree.fromstring(icon.data)
        except ElementTree.ParseError:
            root = None
        if root is not None:
            view_box = root.get("viewBox")
            if view_box is None:
                width = re.sub(r"[^0-9.]", "", root.get("width", "64")) or "64"
                height = re.sub(r"[^0-9.]", "", root.get("height", "64")) or "64"
                view_box = f"0 0 {width} {height}"
            inner = "".join(ElementTree.tostring(child, encoding="unicode") for child in list(root))
            inner = re.sub(r"\s*xmlns(:\w+)?=\"[^\"]*\"", "", inner)
            inner = re.sub(r"ns\d+:", "", inner)
            inner = re.sub(r'id="([^"]+)"', rf'id="{symbol_id}-\1"', inner)
            inner = re.sub(r"url\(#([^)]+)\)", rf"url(#{symbol_id}-\1)", inner)
            inner = re.sub(r'href="#([^"]+)"', rf'href="#{symbol_id}-\1"', inner)
            return f'<symbol id="{symbol_id}" viewBox={quoteattr(view_box)}>{inner}</symbol>'
    data = base64.b64encode(icon.data).decode("ascii")
    return (
        f'<symbol id="{symbol_id}" viewBox="0 0 100 100"><image width="100" height="100" '
        f'href="data:image/png;base64,{data}"/></symbol>'
    )


def _dash(width: float) -> str:
    return f' stroke-dasharray="{_n(4 * width)} {_n(2.5 * width)}"'


def _mark(mark: Mark) -> str:
    fill = f' fill="{mark.fill}"' if mark.fill else ' fill="none"'
    stroke = (
        f' stroke="{mark.stroke}" stroke-width="{_n(mark.width)}"'
        + (_dash(mark.width) if mark.dashed else "")
        if mark.stroke
        else ""
    )
    x, y, w, h = mark.rect
    if mark.kind == "rect":
        radius = f' rx="{_n(mark.radius)}"' if mark.radius else ""
        return (
            f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(w)}" height="{_n(h)}"{radius}'
            f"{fill}{stroke}/>"
        )
    if mark.kind == "ellipse":
        return (
            f'<ellipse cx="{_n(x + w / 2)}" cy="{_n(y + h / 2)}" rx="{_n(w / 2)}" '
            f'ry="{_n(h / 2)}"{fill}{stroke}/>'
        )
    points = " ".join(f"{_n(px)},{_n(py)}" for px, py in mark.points)
    tag = "polygon" if mark.kind == "polygon" else "polyline"
    cap = ' stroke-linecap="round"' if tag == "polyline" else ""
    return f'<{tag} points="{points}"{fill}{stroke}{cap}/>'


def _node(node: NodeShape) -> str:
    element = node.element_id or svg_id("node", node.id)
    parts = [f'<g id="{element}" class="{_class(node.role, node.kind)}">']
    if node.tooltip:
        parts.append(f"<title>{escape(drawable_text(node.tooltip))}</title>")
    parts.extend(_mark(mark) for mark in node.marks)
    if node.frame is not None:
        x, y, w, h = node.frame
        fill = node.fill or "none"
        dash = ' stroke-dasharray="7 4.9"' if node.dashed else ""
        parts.append(
            f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(w)}" height="{_n(h)}" fill="{fill}" '
            f'stroke="{node.stroke}" stroke-width="{"1.4" if node.dashed else "1.6"}"{dash}/>'
        )
    if node.icon is not None:
        x, y, w, h = node.icon_rect
        parts.append(
            f'<use href="#{svg_id("icon", node.icon)}" x="{_n(x)}" y="{_n(y)}" '
            f'width="{_n(w)}" height="{_n(h)}"/>'
        )
    parts.extend(_text(text) for text in node.texts)
    parts.append("</g>")
    return "".join(parts)


def _arrow_id(colour: str, drawing: Drawing) -> str:
    return "arrow" if colour == drawing.edge_colour else svg_id("arrow", colour.lstrip("#"))


def _edge(edge: EdgeShape, drawing: Drawing) -> str:
    points = list(edge.points)
    path = "M" + " L".join(f"{_n(x)} {_n(y)}" for x, y in points)
    if edge.colour is not None or edge.dashed:
        colour = edge.colour or drawing.edge_colour
        dash = ' stroke-dasharray="6 4"' if edge.dashed else ""
        return (
            f'<g id="{svg_id("edge", edge.id)}" class="{_class("edge", edge.kind)}">'
            f'<path d="{path}" fill="none" stroke="{colour}" stroke-width="1.4"{dash} '
            f'stroke-linejoin="round" stroke-linecap="round" '
            f'marker-end="url(#{_arrow_id(colour, drawing)})"/></g>'
        )
    if edge.kind == "annotates":
        return (
            f'<g id="{svg_id("edge", edge.id)}" class="{_class("edge", edge.kind)}">'
            f'<path d="{path}" fill="none" stroke="{drawing.edge_colour}" stroke-width="1.4" '
            f'stroke-dasharray="6 4"/></g>'
        )
    return (
        f'<g id="{svg_id("edge", edge.id)}" class="{_class("edge", edge.kind)}">'
        f'<path d="{path}" fill="none" stroke="{drawing.edge_colour}" stroke-width="1.4" '
        f'stroke-linejoin="round" stroke-linecap="round" marker-end="url(#arrow)"/></g>'
    )


def _label(edge: EdgeShape, drawing: Drawing) -> str:
    if edge.label is None or edge.label_rect is None:
        return ""
    x, y, w, h = edge.label_rect
    return (
        f'<g id="{svg_id("label", edge.id)}" class="{_class("label", edge.kind)}">'
        f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(w)}" height="{_n(h)}" rx="4" '
        f'fill="#FFFFFF" stroke="{edge.label_frame or drawing.label_frame}"/>'
        f"{_text(edge.label)}</g>"
    )


def _under(node: NodeShape) -> bool:
    return node.role == "group" if node.under is None else node.under


def write_svg(drawing: Drawing) -> str:
    """The drawing as SVG text (deterministic: the same drawing gives the same bytes)."""
    left, top, width, height = drawing.view
    used = sorted({n.icon for n in drawing.nodes if n.icon is not None and n.icon in drawing.icons})
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'width="{_n(width)}" height="{_n(height)}" '
        f'viewBox="{_n(left)} {_n(top)} {_n(width)} {_n(height)}" font-family="{FONT}">\n',
        f"<title>{escape(drawable_text(drawing.title))}</title>\n",
        "<desc>Exported by ArchCanvas</desc>\n<defs>\n",
        '<marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="9" '
        'markerHeight="9" markerUnits="userSpaceOnUse" orient="auto">'
        f'<path d="M0 0 L10 5 L0 10 z" fill="{drawing.edge_colour}"/></marker>\n',
    ]
    colours = sorted({e.colour for e in drawing.edges if e.colour} - {drawing.edge_colour})
    out.extend(
        f'<marker id="{_arrow_id(colour, drawing)}" viewBox="0 0 10 10" refX="10" refY="5" '
        'markerWidth="9" markerHeight="9" markerUnits="userSpaceOnUse" orient="auto">'
        f'<path d="M0 0 L10 5 L0 10 z" fill="{colour}"/></marker>\n'
        for colour in colours
    )
    out.extend(_symbol(key, drawing.icons[key]) + "\n" for key in used)
    out.append("</defs>\n")
    if drawing.background:
        out.append(
            f'<rect class="background" x="{_n(left)}" y="{_n(top)}" width="{_n(width)}" '
            f'height="{_n(height)}" fill="{drawing.background}"/>\n'
        )
    groups = [n for n in drawing.nodes if _under(n)]
    services = [n for n in drawing.nodes if not _under(n)]
    out.append('<g class="groups">\n')
    out.extend(_node(n) + "\n" for n in groups)
    out.append('</g>\n<g class="edges">\n')
    out.extend(_edge(e, drawing) + "\n" for e in drawing.edges)
    out.append('</g>\n<g class="labels">\n')
    out.extend(label + "\n" for e in drawing.edges if (label := _label(e, drawing)))
    out.append('</g>\n<g class="nodes">\n')
    out.extend(_node(n) + "\n" for n in services)
    out.append("</g>\n</svg>\n")
    return "".join(out)
