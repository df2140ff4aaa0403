"""Copy and paste of design fragments through the system clipboard.

The clipboard holds a complete design file (so pasting works between windows and into a
text editor); pasting gives every node and edge a fresh id in the target design, keeps the
edges whose ends were both copied and the parents that were copied too.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import replace

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QGuiApplication

from model.commands import AddNode, Command, Connect, Macro
from model.design import Design
from model.elements import Node, Placement, Point
from model.serialization import LoadError, dumps, loads

MIME_TYPE = "application/x-archcanvas+json"
PASTE_OFFSET = 30.0


def fragment(design: Design, ids: Iterable[str]) -> Design:
    """A new design with the given nodes, everything inside them and the edges among them."""
    wanted: dict[str, None] = {}
    for element_id in ids:
        if design.has_node(element_id):
            wanted[element_id] = None
            wanted.update(dict.fromkeys(design.descendants(element_id)))
    part = Design(design.name, "", design.profile, design.catalog)
    for node in design.iter_nodes():
        if node.id in wanted:
            parent = node.parent if node.parent in wanted else None
            _add_parent_first(part, design, replace(node, parent=parent), wanted)
    part.restore_order([n.id for n in design.iter_nodes() if n.id in wanted], [])
    for edge in design.iter_edges():
        if edge.source in wanted and edge.target in wanted:
            part.add_edge(edge)
    return part


def _add_parent_first(part: Design, source: Design, node: Node, wanted: dict[str, None]) -> None:
    if part.has_node(node.id):
        return
    if node.parent is not None and not part.has_node(node.parent):
        parent = source.node(node.parent)
        grand = parent.parent if parent.parent in wanted else None
        _add_parent_first(part, source, replace(parent, parent=grand), wanted)
    part.add_node(node)


def to_mime(design: Design, ids: Iterable[str]) -> QMimeData | None:
    part = fragment(design, ids)
    if part.is_empty():
        return None
    text = dumps(part)
    mime = QMimeData()
    mime.setData(MIME_TYPE, text.encode("utf-8"))
    mime.setText(text)
    return mime


def from_mime(mime: QMimeData | None) -> Design | None:
    """The design fragment on the clipboard, or None when it holds something else."""
    if mime is None:
        return None
    if mime.hasFormat(MIME_TYPE):
        text = bytes(mime.data(MIME_TYPE).data()).decode("utf-8", errors="replace")
    elif mime.hasText():
        text = mime.text()
    else:
        return None
    try:
        return loads(text, "<clipboard>")
    except LoadError:
        return None


def copy_to_clipboard(design: Design, ids: Iterable[str]) -> bool:
    mime = to_mime(design, ids)
    if mime is None:
        return False
    QGuiApplication.clipboard().setMimeData(mime)
    return True


def clipboard_fragment() -> Design | None:
    return from_mime(QGuiApplication.clipboard().mimeData())


def _id_base(node_id: str) -> str:
    return re.sub(r"-\d+$", "", node_id) or node_id


def paste_command(
    target: Design,
    part: Design,
    offset: float = PASTE_OFFSET,
    label: str = "Paste",
    anchor: Point | None = None,
    parent_for: Callable[[Node, Point], str | None] | None = None,
) -> tuple[Macro, list[str]]:
    """One undoable step adding a copy of part to target, and the new node ids.

    The copy is shifted by offset, or placed with its top-left corner at anchor (the pointer).
    parent_for(node, new position) names the container a copied top-level node lands in.
    """
    new_ids: dict[str, str] = {}
    for node in part.iter_nodes():
        new_ids[node.id] = target.new_node_id(_id_base(node.id))
    dx = dy = offset
    if anchor is not None and new_ids:
        dx = anchor.x - min(n.position.x for n in part.iter_nodes())
        dy = anchor.y - min(n.position.y for n in part.iter_nodes())
    commands: list[Command] = []
    by_depth = sorted(part.iter_nodes(), key=lambda n: len(part.ancestors(n.id)))
    for node in by_depth:
        position = Point(round(node.position.x + dx, 2), round(node.position.y + dy, 2))
        placement = Placement(position, node.placement.size, node.placement.pinned)
        parent = new_ids.get(node.parent) if node.parent else None
        if parent is None and parent_for is not None:
            parent = parent_for(node, position)
        commands.append(
            AddNode(
                replace(node, id=new_ids[node.id], parent=parent, placement=placement, origin=None)
            )
        )
    for edge in part.iter_edges():
        edge_copy = replace(
            edge, id=target.new_edge_id(), source=new_ids[edge.source], target=new_ids[edge.target]
        )
        commands.append(Connect(edge_copy, check=False))
    return Macro(label, commands), list(new_ids.values())
