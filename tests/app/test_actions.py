"""The action table is the single source of shortcuts; none is bound twice."""

from __future__ import annotations

from collections import Counter

from app.actions import ACTIONS, MENUS, TOOLBAR, key_sequences
from app.main_window import MainWindow


def test_no_shortcut_is_bound_twice(qapp):
    bound = Counter(sequence.toString() for spec in ACTIONS for sequence in key_sequences(spec))
    duplicates = {keys: count for keys, count in bound.items() if count > 1}
    assert duplicates == {}
    assert len(bound) >= 20


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
