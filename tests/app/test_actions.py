"""The action table is the single source of shortcuts; none is bound twice."""

from __future__ import annotations

from collections import Counter

import pytest
from PySide6.QtGui import QKeySequence

from app.actions import (
    ACTIONS,
    MENUS,
    STANDARD_BINDINGS,
    TOOLBAR,
    key_sequences,
    qt_bindings,
    resolve_shortcuts,
    table_bindings,
)
from app.main_window import MainWindow


def test_no_shortcut_is_bound_twice(qapp):
    bound = Counter(sequence.toString() for spec in ACTIONS for sequence in key_sequences(spec))
    duplicates = {keys: count for keys, count in bound.items() if count > 1}
    assert duplicates == {}
    assert len(bound) >= 20


@pytest.mark.parametrize("platform", sorted(STANDARD_BINDINGS))
def test_no_shortcut_is_bound_twice_on_any_platform(platform):
    """X11's Delete is "Del, Ctrl+D": Duplicate must keep Ctrl+D and Delete keep Del."""
    resolved = resolve_shortcuts(table_bindings(platform))
    bound = Counter(keys for sequences in resolved.values() for keys in sequences)
    assert {keys: n for keys, n in bound.items() if n > 1} == {}
    assert resolved["duplicate"] == ["Ctrl+D"]
    assert resolved["delete"][0] == "Del"
    assert resolved["undo"][0] == "Ctrl+Z" and resolved["quit"][0] == "Ctrl+Q"
    with_keys = [s.name for s in ACTIONS if s.shortcut is not None]
    assert all(resolved[name] for name in with_keys), "every bound action keeps a key"


def test_unresolved_x11_bindings_would_collide():
    """The table really holds the collision the resolution removes."""
    delete = STANDARD_BINDINGS["x11"]["Delete"]
    assert "Ctrl+D" in delete and "Ctrl+D" not in resolve_shortcuts(table_bindings("x11"))["delete"]


def test_binding_table_matches_what_qt_reports_here(qapp):
    platform = {"xcb": "x11", "offscreen": "windows"}.get(qapp.platformName())
    if platform is None:
        pytest.skip(f"no binding table for the {qapp.platformName()} platform")
    for name, expected in STANDARD_BINDINGS[platform].items():
        assert tuple(qt_bindings(getattr(QKeySequence.StandardKey, name))) == expected, name


def test_names_are_unique_and_handlers_exist():
    names = [spec.name for spec in ACTIONS]
    assert len(names) == len(set(names))
    for spec in ACTIONS:
        assert callable(getattr(MainWindow, spec.handler, None)), spec.handler


def test_menus_and_toolbar_use_known_actions():
    names = {spec.name for spec in ACTIONS}
    used = {e for _, entries in MENUS for e in entries if not e.startswith(("-", "@"))}
    assert used <= names
    assert {e for e in TOOLBAR if e != "-"} <= names
    assert names - used == set(), "every action is reachable from a menu"
    assert [title.replace("&", "") for title, _ in MENUS] == [
        "File", "Edit", "View", "Design", "Arrange", "Help",
    ]  # fmt: skip


def test_window_registers_each_shortcut_once(main_window):
    seen = Counter(
        sequence.toString()
        for action in main_window.actions_by_name.values()
        for sequence in action.shortcuts()
    )
    assert seen["Ctrl+Z"] == 1 and seen["Ctrl+D"] == 1
    assert all(count == 1 for count in seen.values())


def test_shortcuts_list_shows_only_keys_typed_on_an_ordinary_keyboard(qapp):
    from PySide6.QtCore import Qt

    from app.actions import ACTIONS, key_sequences, typed_sequences

    for spec in ACTIONS:
        typed = typed_sequences(spec)
        assert set(s.toString() for s in typed) <= set(s.toString() for s in key_sequences(spec))
        for sequence in typed:
            key = sequence[0].key()
            assert key.value < Qt.Key.Key_Back.value, (spec.name, sequence.toString())
            assert not Qt.Key.Key_F13.value <= key.value <= Qt.Key.Key_F35.value
    assert [s.toString() for s in typed_sequences(next(a for a in ACTIONS if a.name == "copy"))][
        0
    ] == "Ctrl+C"
