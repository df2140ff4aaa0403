"""The one table of the editor's actions: name, menu text, shortcut and handler.

Menus, the toolbar and the shortcut list are built from ACTIONS, and a test checks that no
key sequence is bound twice.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import QWidget

from model.resources import package_dir

Std = QKeySequence.StandardKey
RESOURCES = package_dir("app") / "resources"


@dataclass(frozen=True)
class ActionSpec:
    name: str
    text: str
    shortcut: Std | str | None
    handler: str
    tip: str = ""
    checkable: bool = False
    fallback: str = ""  # used when the platform has no binding for the standard key


ACTIONS: tuple[ActionSpec, ...] = (
    # File
    ActionSpec("new", "&New", Std.New, "file_new", "Start an empty design"),
    ActionSpec("open", "&Open…", Std.Open, "file_open", "Open a design file"),
    ActionSpec("save", "&Save", Std.Save, "file_save", "Save the design"),
    ActionSpec("save_as", "Save &As…", Std.SaveAs, "file_save_as", "Save under a new name"),
    ActionSpec("revert", "&Revert", None, "file_revert", "Reload the saved file"),
    ActionSpec("export", "&Export…", "Ctrl+E", "file_export", "Export a diagram or config stubs"),
    ActionSpec(
        "compare",
        "Co&mpare with…",
        None,
        "file_compare",
        "Overlay another version: a file or a git revision",
    ),
    ActionSpec("quit", "&Quit", Std.Quit, "close", "Close ArchCanvas", fallback="Ctrl+Q"),
    # Edit
    ActionSpec("undo", "&Undo", Std.Undo, "edit_undo"),
    ActionSpec("redo", "&Redo", Std.Redo, "edit_redo"),
    ActionSpec("cut", "Cu&t", Std.Cut, "edit_cut", "Cut the selection to the clipboard"),
    ActionSpec("copy", "&Copy", Std.Copy, "edit_copy", "Copy the selection as design JSON"),
    ActionSpec("paste", "&Paste", Std.Paste, "edit_paste", "Paste services with fresh ids"),
    ActionSpec("duplicate", "&Duplicate", "Ctrl+D", "edit_duplicate", "Copy and paste at once"),
    ActionSpec("delete", "&Delete", Std.Delete, "edit_delete", "Delete the selection"),
    ActionSpec("select_all", "Select &All", Std.SelectAll, "edit_select_all"),
    ActionSpec("find", "&Find Service…", Std.Find, "focus_palette_search", "Search the palette"),
    # View
    ActionSpec("zoom_in", "Zoom &In", Std.ZoomIn, "view_zoom_in"),
    ActionSpec("zoom_out", "Zoom &Out", Std.ZoomOut, "view_zoom_out"),
    ActionSpec("zoom_reset", "&Actual Size", "Ctrl+0", "view_zoom_reset", "Zoom to 100 %"),
    ActionSpec("fit", "&Fit Design", "Ctrl+Shift+F", "view_fit", "Show the whole design"),
    ActionSpec("snap", "&Snap to Grid", "Ctrl+Shift+G", "view_toggle_snap", checkable=True),
    ActionSpec("badges", "Finding &Badges", "Ctrl+Shift+B", "view_toggle_badges", checkable=True),
    # Design
    ActionSpec("profile", "Account &Profile…", "Ctrl+Shift+R", "design_profile"),
    ActionSpec("properties", "Design P&roperties", None, "design_properties"),
    ActionSpec("next_finding", "&Next Finding", "F8", "design_next_finding"),
    ActionSpec("review_draft", "Mark as &Draft", None, "design_mark_draft", "Review status: draft"),
    ActionSpec(
        "review_in_review",
        "Mark as &In Review",
        None,
        "design_mark_in_review",
        "Review status: in review",
    ),
    ActionSpec(
        "review_approved",
        "&Approve Design",
        None,
        "design_approve",
        "Approve, signed with your name and today",
    ),
    # Arrange
    ActionSpec("auto_layout", "&Auto Layout", "Ctrl+Shift+L", "arrange_auto_layout"),
    ActionSpec("pin", "&Pin Selection", "Ctrl+Shift+P", "arrange_pin", "Keep auto layout off"),
    ActionSpec("unpin", "&Unpin Selection", "Ctrl+Alt+Shift+P", "arrange_unpin"),
    # Help
    ActionSpec("shortcuts", "&Keyboard Shortcuts", Std.HelpContents, "help_shortcuts"),
    ActionSpec("about", "&About ArchCanvas", None, "help_about"),
)

MENUS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "&File",
        (
            "new",
            "open",
            "@recent",
            "-",
            "save",
            "save_as",
            "revert",
            "-",
            "export",
            "compare",
            "-",
            "quit",
        ),
    ),
    (
        "&Edit",
        (
            "undo",
            "redo",
            "-",
            "cut",
            "copy",
            "paste",
            "duplicate",
            "delete",
            "-",
            "select_all",
            "find",
        ),
    ),
    ("&View", ("zoom_in", "zoom_out", "zoom_reset", "fit", "-", "snap", "badges", "-", "@docks")),
    (
        "&Design",
        (
            "profile",
            "properties",
            "-",
            "next_finding",
            "-",
            "review_draft",
            "review_in_review",
            "review_approved",
        ),
    ),
    ("&Arrange", ("auto_layout", "-", "pin", "unpin")),
    ("&Help", ("shortcuts", "-", "about")),
)

TOOLBAR: tuple[str, ...] = (
    "new", "open", "save", "export", "-", "undo", "redo", "-", "zoom_out", "zoom_in", "fit", "-",
    "auto_layout", "snap", "-", "profile",
)  # fmt: skip

# Toolbar text shown beside the icon; actions not listed show the icon alone (low priority)
# and name themselves in the tooltip. Undo and Redo keep this short text on the toolbar while
# their menu text and tooltip name the command ("Undo Add EC2 instance").
TOOLBAR_TEXT = {
    "export": "Export",
    "undo": "Undo",
    "redo": "Redo",
    "fit": "Fit",
    "auto_layout": "Auto Layout",
    "snap": "Snap",
    "profile": "Profile",
}


def action_icon(name: str) -> QIcon | None:
    """The toolbar icon drawn for an action (app/resources/toolbar-NAME.svg), if any."""
    path = RESOURCES / f"toolbar-{name}.svg"
    return QIcon(str(path)) if path.is_file() else None


def key_sequences(spec: ActionSpec) -> list[QKeySequence]:
    """Every key sequence the action answers to on this platform."""
    if spec.shortcut is None:
        return []
    if isinstance(spec.shortcut, str):
        return [QKeySequence(spec.shortcut)]
    bindings = QKeySequence.keyBindings(spec.shortcut)
    if not bindings and spec.fallback:
        return [QKeySequence(spec.fallback)]
    return list(bindings)


def build_actions(owner: QWidget) -> dict[str, QAction]:
    """QActions for the table, connected to owner's handler methods."""
    actions: dict[str, QAction] = {}
    for spec in ACTIONS:
        action = QAction(spec.text, owner)
        action.setObjectName(f"action_{spec.name}")
        sequences = key_sequences(spec)
        if sequences:
            action.setShortcuts(sequences)
        if spec.tip:
            action.setStatusTip(spec.tip)
            action.setToolTip(f"{spec.tip} ({sequences[0].toString()})" if sequences else spec.tip)
        action.setCheckable(spec.checkable)
        icon = action_icon(spec.name)
        if icon is not None:
            action.setIcon(icon)
            action.setIconVisibleInMenu(False)
        if spec.name in TOOLBAR_TEXT:
            action.setIconText(TOOLBAR_TEXT[spec.name])
        if spec.name in TOOLBAR and spec.name not in TOOLBAR_TEXT:
            action.setPriority(QAction.Priority.LowPriority)
        handler = getattr(owner, spec.handler)
        if spec.checkable:
            action.toggled.connect(handler)
        else:
            action.triggered.connect(lambda _checked=False, h=handler: h())
        owner.addAction(action)
        actions[spec.name] = action
    return actions
