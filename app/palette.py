"""The palette: every catalog kind and preset, grouped by category, searchable, draggable.

Dragging an entry carries its key under PALETTE_MIME (the canvas handles the drop);
double-click or Enter asks the window to add it at the centre of the view.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QMimeData, QSize, Qt, Signal
from PySide6.QtGui import QDrag, QIcon, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from model.catalog import CATALOG, Category, Icon, Registry, icon_path

PALETTE_MIME = "application/x-archcanvas-kind"
PRESET_PREFIX = "preset:"
KEY_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class PaletteEntry:
    """One thing the user can add: a kind, or a preset of a kind."""

    key: str  # kind id, or "preset:<id>"
    kind: str
    display_name: str
    description: str
    category: Category
    icon: Icon
    aliases: tuple[str, ...]
    config: dict[str, object]

    def matches(self, text: str) -> bool:
        words = text.lower().split()
        haystack = " ".join((self.display_name, self.description, self.kind, *self.aliases)).lower()
        return all(word in haystack for word in words)


def palette_entries(catalog: Registry = CATALOG) -> list[PaletteEntry]:
    entries = [
        PaletteEntry(
            spec.id,
            spec.id,
            spec.display_name,
            spec.description,
            spec.category,
            spec.icon,
            spec.aliases,
            {},
        )
        for spec in catalog
    ]
    entries += [
        PaletteEntry(
            PRESET_PREFIX + preset.id, preset.kind, preset.display_name, preset.description,
            preset.category, preset.icon, preset.aliases, dict(preset.config),
        )
        for preset in catalog.presets
    ]  # fmt: skip
    return entries


def entry_for_key(key: str, catalog: Registry = CATALOG) -> PaletteEntry | None:
    for entry in palette_entries(catalog):
        if entry.key == key:
            return entry
    return None


class RoomyRows(QStyledItemDelegate):
    """Rows at least ROW_HEIGHT tall, so one-line and wrapped names sit evenly spaced."""

    ROW_HEIGHT = 32

    def sizeHint(self, option: QStyleOptionViewItem, index: Any) -> QSize:  # noqa: N802
        hint = super().sizeHint(option, index)
        return QSize(hint.width(), max(hint.height() + 2, self.ROW_HEIGHT))


class PaletteTree(QTreeWidget):
    """Tree whose leaf items start a drag with the entry's key."""

    activated_key = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.setHeaderHidden(True)
        self.setIconSize(QSize(28, 28))
        self.setIndentation(10)
        self.setRootIsDecorated(True)
        self.setUniformRowHeights(False)
        self.setWordWrap(True)  # long names take two lines instead of being cut
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setItemDelegate(RoomyRows(self))
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAnimated(True)
        self.itemDoubleClicked.connect(self._double_clicked)

    def mimeTypes(self) -> list[str]:  # noqa: N802 (Qt override)
        return [PALETTE_MIME]

    def mimeData(self, items: Any) -> QMimeData:  # noqa: N802 (Qt override)
        mime = QMimeData()
        keys = [item.data(0, KEY_ROLE) for item in items if item.data(0, KEY_ROLE)]
        if keys:
            mime.setData(PALETTE_MIME, keys[0].encode("utf-8"))
        return mime

    def startDrag(self, actions: Qt.DropAction) -> None:  # noqa: N802 (Qt override)
        item = self.currentItem()
        if item is None or not item.data(0, KEY_ROLE):
            return
        drag = QDrag(self)
        drag.setMimeData(self.mimeData([item]))
        drag.setPixmap(item.icon(0).pixmap(QSize(40, 40)))
        drag.exec(Qt.DropAction.CopyAction)

    def _double_clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        key = item.data(0, KEY_ROLE)
        if key:
            self.activated_key.emit(key)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            item = self.currentItem()
            if item is not None and item.data(0, KEY_ROLE):
                self.activated_key.emit(item.data(0, KEY_ROLE))
                return
        super().keyPressEvent(event)


class Palette(QWidget):
    """Search box over a tree of palette entries."""

    activated_key = Signal(str)

    def __init__(self, catalog: Registry = CATALOG, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entries = palette_entries(catalog)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search services…")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.filter)
        self.search.returnPressed.connect(self._activate_first)
        self.tree = PaletteTree()
        self.tree.activated_key.connect(self.activated_key)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(6)
        layout.addWidget(self.search)
        layout.addWidget(self.tree, 1)
        self.groups: dict[Category, QTreeWidgetItem] = {}
        self.items: dict[str, QTreeWidgetItem] = {}
        self._populate()

    def _populate(self) -> None:
        for category in Category:
            members = self._members(category)
            if not members:
                continue
            group = QTreeWidgetItem(self.tree, [str(category)])
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            self.groups[category] = group
            for entry in members:
                item = QTreeWidgetItem(group, [entry.display_name])
                path = icon_path(entry.icon)
                if path is not None:
                    item.setIcon(0, QIcon(str(path)))
                item.setData(0, KEY_ROLE, entry.key)
                item.setToolTip(0, f"<b>{entry.display_name}</b><br>{entry.description}")
                item.setStatusTip(0, entry.description)
                item.setFlags(
                    Qt.ItemFlag.ItemIsEnabled
                    | Qt.ItemFlag.ItemIsSelectable
                    | Qt.ItemFlag.ItemIsDragEnabled
                )
                self.items[entry.key] = item
            group.setExpanded(True)

    def filter(self, text: str) -> None:
        """Hide entries that do not match every word of text; hide emptied groups."""
        for entry in self.entries:
            self.items[entry.key].setHidden(not entry.matches(text))
        for category, group in self.groups.items():
            visible = any(not self.items[e.key].isHidden() for e in self._members(category))
            group.setHidden(not visible)
            if visible and text:
                group.setExpanded(True)

    def visible_keys(self) -> list[str]:
        return [key for key, item in self.items.items() if not item.isHidden()]

    def _members(self, category: Category) -> list[PaletteEntry]:
        """A category's entries in display order."""
        members = [e for e in self.entries if e.category == category]
        return sorted(members, key=lambda e: e.display_name.lower())

    def _activate_first(self) -> None:
        """Enter in the search box adds the first entry still shown."""
        for category in self.groups:
            for entry in self._members(category):
                if not self.items[entry.key].isHidden():
                    self.activated_key.emit(entry.key)
                    return

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()
