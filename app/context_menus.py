"""Right-click menus for the canvas: one table of entries, each saying where it applies.

Other features add their entries with register() (for example "Edit Workflow" on a state
machine, or review actions on an element with findings) instead of editing the menu code.
Entries that mirror a main-window action reuse its QAction, so the menu shows the same text,
shortcut and enabled state as the menu bar.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from PySide6.QtCore import QPointF, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMenu

Target = Literal["node", "container", "edge", "canvas", "finding"]
ALL_TARGETS: frozenset[Target] = frozenset({"node", "container", "edge", "canvas"})
FINDING: frozenset[Target] = frozenset({"finding"})
ELEMENTS: frozenset[Target] = frozenset({"node", "container"})


@dataclass(frozen=True)
class MenuContext:
    """What was right-clicked: the window, the kind of target, its id and the scene point
    (for a row of the findings list: the finding, and its first element as element_id)."""

    window: Any
    target: Target
    element_id: str | None
    scene_pos: QPointF
    finding: Any = None

    @property
    def design(self) -> Any:
        return self.window.document.design


@dataclass(frozen=True)
class MenuEntry:
    """One entry: run() when chosen; applies() decides whether it is shown for a context.

    action names a main-window action to reuse (its text, shortcut and enabled state); group
    keeps related entries together between separators; submenu nests the entry. expand, when
    given, makes the entry stand for a list of (text, callback) items computed per click, for
    entries that depend on the element (one Waive item per finding).
    """

    text: str
    targets: frozenset[Target]
    run: Callable[[MenuContext], Any] | None = None
    action: str = ""
    group: str = "edit"
    submenu: str = ""
    applies: Callable[[MenuContext], bool] = field(default=lambda _c: True)
    expand: Callable[[MenuContext], list[tuple[str, Callable[[], Any]]]] | None = None


GROUPS = ("open", "edit", "label", "arrange", "review", "view", "help")
ENTRIES: list[MenuEntry] = []


def register(entry: MenuEntry) -> MenuEntry:
    """Add an entry to every matching context menu (later entries follow earlier ones)."""
    ENTRIES.append(entry)
    return entry


def _is_state_machine(context: MenuContext) -> bool:
    element = context.element_id
    return bool(element) and context.design.node(element).kind == "aws.stepfunctions.state_machine"


def _action(name: str, targets: frozenset[Target], group: str, submenu: str = "") -> None:
    register(MenuEntry("", targets, action=name, group=group, submenu=submenu))


for _name in ("cut", "copy"):
    _action(_name, ELEMENTS, "edit")
register(
    MenuEntry(
        "Paste Here",
        ALL_TARGETS - {"edge"},
        run=lambda c: c.window.edit_paste(at=c.scene_pos),
    )
)
_action("duplicate", ELEMENTS, "edit")
_action("delete", ELEMENTS | {"edge"}, "edit")
_action("rename", ELEMENTS | {"edge"}, "label")
for _name in ("align_left", "align_centre", "align_right", "align_top", "align_middle"):
    _action(_name, ELEMENTS, "arrange", "Align")
_action("align_bottom", ELEMENTS, "arrange", "Align")
_action("distribute_h", ELEMENTS, "arrange", "Align")
_action("distribute_v", ELEMENTS, "arrange", "Align")
_action("same_size", frozenset({"container"}), "arrange")
_action("bring_to_front", ELEMENTS, "arrange")
_action("send_to_back", ELEMENTS, "arrange")
_action("pin", ELEMENTS, "arrange")
_action("unpin", ELEMENTS, "arrange")
_action("auto_layout", frozenset({"canvas"}), "arrange")
_action("select_all", frozenset({"canvas"}), "edit")
_action("fit", frozenset({"canvas"}), "view")
register(
    MenuEntry(
        "Open Workflow",
        frozenset({"node"}),
        run=lambda c: c.window.open_workflow(c.element_id),
        group="open",
        applies=_is_state_machine,
    )
)


def _review_items(context: MenuContext) -> list[tuple[str, Callable[[], Any]]]:
    from app.review import node_menu_entries

    return node_menu_entries(context.window, context.element_id or "")


register(MenuEntry("", ELEMENTS, group="review", expand=_review_items))


def docs_url(context: MenuContext) -> str:
    """The AWS documentation page of the clicked element's kind, if the catalog has one."""
    design = context.design
    if not context.element_id or not design.has_node(context.element_id):
        return ""
    return str(design.spec(context.element_id).docs_url)


def open_url(url: str) -> bool:
    return bool(url) and QDesktopServices.openUrl(QUrl(url))


register(
    MenuEntry(
        "Open AWS Documentation",
        ELEMENTS,
        run=lambda c: open_url(docs_url(c)),
        group="help",
        applies=lambda c: bool(docs_url(c)),
    )
)


def _unwaived(context: MenuContext) -> bool:
    finding = context.finding
    return finding.waiver is None and not finding.rule.startswith("WAIVER_")


register(
    MenuEntry(
        "Show in Design",
        FINDING,
        run=lambda c: c.window.findings.finding_activated.emit(c.finding),
        group="open",
    )
)
register(
    MenuEntry(
        "Open Rule Source",
        FINDING,
        run=lambda c: c.window.open_finding_source(c.finding),
        group="open",
        applies=lambda c: bool(c.finding.source),
    )
)
register(
    MenuEntry(
        "Open AWS Documentation",
        FINDING,
        run=lambda c: open_url(docs_url(c)),
        group="open",
        applies=lambda c: bool(docs_url(c)),
    )
)
register(
    MenuEntry(
        "Waive Finding…",
        FINDING,
        run=lambda c: c.window.waive_finding(c.finding),
        group="review",
        applies=_unwaived,
    )
)
register(
    MenuEntry(
        "Remove Waiver",
        FINDING,
        run=lambda c: c.window.remove_waiver(c.finding),
        group="review",
        applies=lambda c: c.finding.waiver is not None,
    )
)
register(
    MenuEntry(
        "Add Note",
        FINDING,
        run=lambda c: c.window.add_note_for_finding(c.finding),
        group="review",
    )
)
register(
    MenuEntry(
        "Copy Message",
        FINDING,
        run=lambda c: c.window.copy_text(c.finding.message),
        group="edit",
    )
)


def entries_for(context: MenuContext) -> list[MenuEntry]:
    return [e for e in ENTRIES if context.target in e.targets and e.applies(context)]


def build_menu(context: MenuContext, parent: Any = None) -> QMenu:
    """The menu for a context: entries by group, separators between groups."""
    menu = QMenu(parent)
    menu.setObjectName(f"contextMenu_{context.target}")
    submenus: dict[str, QMenu] = {}
    previous = ""
    for group in GROUPS + tuple(sorted({e.group for e in ENTRIES} - set(GROUPS))):
        chosen = [e for e in entries_for(context) if e.group == group]
        if not chosen:
            continue
        if previous:
            menu.addSeparator()
        previous = group
        for entry in chosen:
            where = menu
            if entry.submenu:
                if entry.submenu not in submenus:
                    submenus[entry.submenu] = menu.addMenu(entry.submenu)
                where = submenus[entry.submenu]
            if entry.expand is not None:
                for text, callback in entry.expand(context):
                    item = where.addAction(text)
                    item.triggered.connect(lambda _c=False, cb=callback: cb())
            elif entry.action:
                where.addAction(context.window.actions_by_name[entry.action])
            else:
                qaction = where.addAction(entry.text)
                run = entry.run
                if run is not None:
                    qaction.triggered.connect(lambda _c=False, r=run: r(context))
    return menu


def finding_context(window: Any, finding: Any) -> MenuContext:
    element = next((e for e in finding.elements if window.document.design.has_node(e)), None)
    return MenuContext(window, "finding", element, QPointF(), finding)


def context_at(window: Any, scene_pos: QPointF) -> MenuContext:
    """The context for a right-click at scene_pos: the service, container or connection
    there (a finding badge counts as its element), else the canvas."""
    from app.canvas.items.badge import BadgeItem
    from app.canvas.items.container_item import ContainerItem
    from app.canvas.items.edge_item import EdgeItem
    from app.canvas.items.node_item import NodeItem

    for item in window.scene.items(scene_pos):
        owner = item.parentItem() if isinstance(item, BadgeItem) else item
        if isinstance(owner, NodeItem):
            return MenuContext(window, "node", owner.node_id, scene_pos)
        if isinstance(owner, EdgeItem):
            return MenuContext(window, "edge", owner.edge_id, scene_pos)
        if isinstance(owner, ContainerItem):
            return MenuContext(window, "container", owner.node_id, scene_pos)
    return MenuContext(window, "canvas", None, scene_pos)
