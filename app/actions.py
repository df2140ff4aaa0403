"""The one table of the editor's actions: name, menu text, shortcut and handler.

Menus, the toolbar and the shortcut list are built from ACTIONS. Standard keys expand to
different sequences per platform (Delete is "Del, Ctrl+D" on X11, where Duplicate owns
Ctrl+D): resolve_shortcuts gives each sequence to one action only, and a test runs it over
every platform's standard bindings (STANDARD_BINDINGS, as Qt reports them).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
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
    ActionSpec(
        "import", "&Import…", "Ctrl+I", "file_import", "Open a CloudFormation or SAM template"
    ),
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
    ActionSpec("rename", "Re&name", "F2", "edit_rename", "Edit the label on the canvas"),
    ActionSpec("select_all", "Select &All", Std.SelectAll, "edit_select_all"),
    ActionSpec("find", "&Find Service…", Std.Find, "focus_palette_search", "Search the palette"),
    # View
    ActionSpec("zoom_in", "Zoom &In", Std.ZoomIn, "view_zoom_in"),
    ActionSpec("zoom_out", "Zoom &Out", Std.ZoomOut, "view_zoom_out"),
    ActionSpec("zoom_reset", "&Actual Size", "Ctrl+0", "view_zoom_reset", "Zoom to 100 %"),
    ActionSpec("fit", "&Fit Design", "Ctrl+Shift+F", "view_fit", "Show the whole design"),
    ActionSpec("snap", "&Snap to Grid", "Ctrl+Shift+G", "view_toggle_snap", checkable=True),
    ActionSpec("badges", "Finding &Badges", "Ctrl+Shift+B", "view_toggle_badges", checkable=True),
    ActionSpec(
        "focus_canvas",
        "&Focus Canvas",
        "F11",
        "view_focus_canvas",
        "Hide every panel around the canvas",
        checkable=True,
    ),
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
    ActionSpec(
        "bring_to_front",
        "Bring to &Front",
        "Ctrl+]",
        "arrange_bring_to_front",
        "Draw the selection above what it overlaps",
    ),
    ActionSpec(
        "send_to_back",
        "Send to &Back",
        "Ctrl+[",
        "arrange_send_to_back",
        "Draw the selection below what it overlaps",
    ),
    ActionSpec("align_left", "Align &Left", "Alt+Shift+Left", "arrange_align_left"),
    ActionSpec("align_centre", "Align &Centre", None, "arrange_align_centre"),
    ActionSpec("align_right", "Align &Right", "Alt+Shift+Right", "arrange_align_right"),
    ActionSpec("align_top", "Align &Top", "Alt+Shift+Up", "arrange_align_top"),
    ActionSpec("align_middle", "Align &Middle", None, "arrange_align_middle"),
    ActionSpec("align_bottom", "Align &Bottom", "Alt+Shift+Down", "arrange_align_bottom"),
    ActionSpec("distribute_h", "Distribute &Horizontally", None, "arrange_distribute_h"),
    ActionSpec("distribute_v", "Distribute &Vertically", None, "arrange_distribute_v"),
    ActionSpec(
        "same_size",
        "&Same Size",
        None,
        "arrange_same_size",
        "Containers take the size of the first selected",
    ),
    # Help
    ActionSpec(
        "getting_started",
        "&Getting Started",
        None,
        "help_getting_started",
        "A short tour of the editor",
    ),
    ActionSpec("shortcuts", "&Keyboard Shortcuts", Std.HelpContents, "help_shortcuts"),
    ActionSpec("about", "&About ArchCanvas", None, "help_about"),
)

MENUS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "&File",
        (
            "new",
            "open",
            "import",
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
            "rename",
            "-",
            "select_all",
            "find",
        ),
    ),
    (
        "&View",
        (
            "zoom_in",
            "zoom_out",
            "zoom_reset",
            "fit",
            "-",
            "snap",
            "badges",
            "-",
            "focus_canvas",
            "@docks",
        ),
    ),
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
    (
        "&Arrange",
        (
            "auto_layout",
            "-",
            "align_left",
            "align_centre",
            "align_right",
            "align_top",
            "align_middle",
            "align_bottom",
            "-",
            "distribute_h",
            "distribute_v",
            "same_size",
            "-",
            "bring_to_front",
            "send_to_back",
            "-",
            "pin",
            "unpin",
        ),
    ),
    ("&Help", ("getting_started", "shortcuts", "-", "about")),
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


# What QKeySequence.keyBindings reports for the standard keys ACTIONS uses, per platform
# theme (Qt 6: the Windows table is also what the offscreen platform reports; the X11 one is
# what xcb reports; macOS "Ctrl" is the Command key and "Meta" the Control key).
STANDARD_BINDINGS: dict[str, dict[str, tuple[str, ...]]] = {
    "windows": {
        "New": ("Ctrl+N", "New"), "Open": ("Ctrl+O", "Open"), "Save": ("Ctrl+S", "Save"),
        "SaveAs": ("Ctrl+Shift+S", "Shift+Save"), "Quit": (),
        "Undo": ("Ctrl+Z", "Alt+Backspace", "Undo"),
        "Redo": ("Ctrl+Y", "Alt+Shift+Backspace", "Ctrl+Shift+Z", "Redo"),
        "Cut": ("Ctrl+X", "Shift+Del", "Cut"), "Copy": ("Ctrl+C", "Ctrl+Ins", "Copy"),
        "Paste": ("Ctrl+V", "Shift+Ins", "Paste"), "Delete": ("Del",), "SelectAll": ("Ctrl+A",),
        "Find": ("Ctrl+F", "Find"), "ZoomIn": ("Ctrl++", "Zoom In"),
        "ZoomOut": ("Ctrl+-", "Zoom Out"), "HelpContents": ("F1", "Help"),
    },
    "x11": {
        "New": ("Ctrl+N", "New"), "Open": ("Ctrl+O", "Open"), "Save": ("Ctrl+S", "Save"),
        "SaveAs": ("Ctrl+Shift+S", "Shift+Save"), "Quit": ("Ctrl+Q", "Exit"),
        "Undo": ("Ctrl+Z", "F14", "Undo"), "Redo": ("Ctrl+Shift+Z", "Redo"),
        "Cut": ("Ctrl+X", "Shift+Del", "F20", "Cut"),
        "Copy": ("Ctrl+C", "Ctrl+Ins", "F16", "Copy"),
        "Paste": ("Ctrl+V", "Ctrl+Shift+Ins", "Shift+Ins", "F18", "Paste"),
        "Delete": ("Del", "Ctrl+D"), "SelectAll": ("Ctrl+A",), "Find": ("Ctrl+F", "Find"),
        "ZoomIn": ("Ctrl++", "Zoom In"), "ZoomOut": ("Ctrl+-", "Zoom Out"),
        "HelpContents": ("F1", "Help"),
    },
    "macos": {
        "New": ("Ctrl+N",), "Open": ("Ctrl+O",), "Save": ("Ctrl+S",),
        "SaveAs": ("Ctrl+Shift+S",), "Quit": ("Ctrl+Q",), "Undo": ("Ctrl+Z",),
        "Redo": ("Ctrl+Shift+Z",), "Cut": ("Ctrl+X", "Meta+K"), "Copy": ("Ctrl+C",),
        "Paste": ("Ctrl+V", "Meta+Y"), "Delete": ("Del", "Meta+D"), "SelectAll": ("Ctrl+A",),
        "Find": ("Ctrl+F",), "ZoomIn": ("Ctrl++",), "ZoomOut": ("Ctrl+-",),
        "HelpContents": ("Ctrl+?",),
    },
}  # fmt: skip

Bindings = Callable[[Std], list[str]]


def qt_bindings(key: Std) -> list[str]:
    """The running platform's sequences for a standard key, as Qt reports them."""
    return [sequence.toString() for sequence in QKeySequence.keyBindings(key)]


def table_bindings(platform: str) -> Bindings:
    """A platform's standard bindings from STANDARD_BINDINGS (for tests and the docs)."""
    table = STANDARD_BINDINGS[platform]
    return lambda key: list(table[key.name])


def resolve_shortcuts(bindings: Bindings = qt_bindings) -> dict[str, list[str]]:
    """Each action's key sequences, every sequence given to one action only.

    Explicit shortcuts ("Ctrl+D") win, then each standard key's first binding, then the
    alternates in order; an alternate another action already owns is dropped from the
    standard key (X11's Ctrl+D stays Duplicate's, Delete keeps Del).
    """
    wanted: dict[str, list[str]] = {}
    for spec in ACTIONS:
        if spec.shortcut is None:
            wanted[spec.name] = []
        elif isinstance(spec.shortcut, str):
            wanted[spec.name] = [spec.shortcut]
        else:
            found = bindings(spec.shortcut)
            wanted[spec.name] = found or ([spec.fallback] if spec.fallback else [])
    owner: dict[str, str] = {}
    explicit = [s.name for s in ACTIONS if isinstance(s.shortcut, str)]
    rounds = max((len(v) for v in wanted.values()), default=0)
    for name in explicit:
        owner.setdefault(wanted[name][0], name)
    for index in range(rounds):
        for spec in ACTIONS:
            sequences = wanted[spec.name]
            if index < len(sequences):
                owner.setdefault(sequences[index], spec.name)
    return {
        spec.name: [s for s in wanted[spec.name] if owner.get(s) == spec.name] for spec in ACTIONS
    }


def key_sequences(spec: ActionSpec) -> list[QKeySequence]:
    """Every key sequence the action answers to on this platform (none shared)."""
    return [QKeySequence(s) for s in resolve_shortcuts()[spec.name]]


def typed_sequences(spec: ActionSpec) -> list[QKeySequence]:
    """The sequences a person types on an ordinary keyboard, for the shortcuts list: not the
    vendor keys (XF86 Copy, Sun F14-F20) a platform binds as well."""
    found = []
    for sequence in key_sequences(spec):
        key = sequence[0].key() if sequence.count() else Qt.Key.Key_unknown
        if (
            key.value >= Qt.Key.Key_Back.value
            or Qt.Key.Key_F13.value <= key.value <= Qt.Key.Key_F35.value
        ):
            continue
        found.append(sequence)
    return found


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
