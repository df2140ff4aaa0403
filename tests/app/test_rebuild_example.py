"""An architect can rebuild a bundled example from an empty canvas with mouse and keyboard alone.

The test drives only what a user touches: drops from the palette at canvas positions, mouse
drags on the view (connection handles, resize handles, clicks to select), the inspector's
editors, the ASL editor and the account profile dialog. The rebuilt design must mean the same
as the example: same nodes (kind, label, parent, config) and connections (ends, relation,
config); ids and positions are free.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QLineEdit,
    QPushButton,
    QToolButton,
)

from app.canvas import geometry as geo
from app.canvas.interactions import MIME_KIND
from app.canvas.items.node_item import HANDLE_CENTRE
from app.document import Document
from app.inspector import (
    AslFieldEditor,
    BoolEditor,
    ChoiceEditor,
    JsonFieldEditor,
    MultilineTextEditor,
    NumberEditor,
    TableEditor,
    TextEditor,
)
from app.main_window import MainWindow
from app.profile_dialog import DEFAULT, VALUE, ProfileDialog
from app.settings import Settings
from model.catalog import Relation
from model.design import Design
from model.elements import Node
from model.rules import validate
from model.serialization import load_design
from model.stepfunctions_binding import binding_edge_id
from tests.app.canvas.conftest import click, drag, steps

EXAMPLE_DIR = Path(__file__).resolve().parents[2] / "examples"
REFERENCE_FIELDS = ("definition_substitutions", "environment", "subnets")  # name nodes by id


def _renamed(value: Any, names: dict[str, str]) -> Any:
    """A reference field with node ids replaced through names (map values or list items)."""
    if isinstance(value, dict):
        return {k: names.get(v, v) for k, v in value.items()}
    if isinstance(value, list):
        return [names.get(v, v) for v in value]
    return value


# ---- what the design means ---------------------------------------------------------------------
def _plain(value: Any) -> Any:
    """JSON-ready value in which 11 and 11.0 read the same."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _config(config: Any, labels: dict[str, str]) -> dict[str, Any]:
    plain: dict[str, Any] = _plain(config.model_dump(mode="json"))
    for name in REFERENCE_FIELDS:
        if name in plain:
            plain[name] = _renamed(plain[name], labels)
    return plain


def semantics(design: Design) -> tuple[Counter[str], Counter[str], tuple[str, str, str]]:
    labels = {n.id: f"<{n.label}>" for n in design.iter_nodes()}
    nodes = Counter(
        json.dumps(
            [
                node.kind,
                node.label,
                design.node(node.parent).label if node.parent else None,
                _config(node.config, labels),
            ],
            sort_keys=True,
        )
        for node in design.iter_nodes()
    )
    edges = Counter(
        json.dumps(
            [
                design.node(edge.source).label,
                str(edge.relation),
                design.node(edge.target).label,
                edge.label,
                _config(edge.config, labels),
            ],
            sort_keys=True,
        )
        for edge in design.iter_edges()
    )
    profile = design.profile.model_dump_json()
    return nodes, edges, (design.name, design.description, profile)


# ---- the user ----------------------------------------------------------------------------------
class User:
    """Mouse and keyboard on a main window; every step goes through a widget."""

    def __init__(self, window: MainWindow, qtbot: Any) -> None:
        self.window = window
        self.qtbot = qtbot
        self.view = window.view
        self.scene = window.scene
        self.inspector = window.inspector

    @property
    def design(self) -> Design:
        return self.window.document.design

    def show(self, *points: QPointF) -> None:
        """Scroll so the points are on screen (as a user scrolls before a gesture)."""
        visible = self.view.visible_scene_rect().adjusted(20, 20, -20, -20)
        if not all(visible.contains(p) for p in points):
            centre = sum(points[1:], QPointF(points[0])) / len(points)
            self.view.centerOn(centre)
        visible = self.view.visible_scene_rect()
        assert all(visible.contains(p) for p in points), "zoom out: the gesture is off screen"

    def drop(self, payload: str, at: QPointF) -> str:
        """Drag a palette entry onto the canvas at a scene position."""
        self.show(at)
        before = {n.id for n in self.design.iter_nodes()}
        mime = QMimeData()
        mime.setData(MIME_KIND, payload.encode())
        local = QPointF(self.view.mapFromScene(at))
        copy = Qt.DropAction.CopyAction
        left = Qt.MouseButton.LeftButton
        none = Qt.KeyboardModifier.NoModifier
        viewport = self.view.viewport()
        QApplication.sendEvent(viewport, QDragEnterEvent(local.toPoint(), copy, mime, left, none))
        QApplication.sendEvent(viewport, QDragMoveEvent(local.toPoint(), copy, mime, left, none))
        drop = QDropEvent(local, copy, mime, left, none)
        QApplication.sendEvent(viewport, drop)
        assert drop.isAccepted(), f"drop of {payload} refused"
        [new] = {n.id for n in self.design.iter_nodes()} - before
        assert self.scene.selected_ids() == [new]
        assert self.inspector.target_id == new
        return new

    def icon_centre(self, node_id: str) -> QPointF:
        return self.scene.nodes[node_id].mapToScene(HANDLE_CENTRE - QPointF(40, 0))

    def select(self, node_id: str) -> None:
        point = self.icon_centre(node_id)
        self.show(point)
        click(self.view, point)
        assert self.scene.selected_ids() == [node_id]
        assert self.inspector.target_id == node_id

    def select_edge(self, edge_id: str) -> None:
        item = self.scene.edges[edge_id]
        point = item.label_rect().center()
        if item.label_rect().isEmpty():
            point = item.path().pointAtPercent(0.5)
        self.show(point)
        click(self.view, point)
        assert self.scene.selected_ids() == [edge_id]
        assert self.inspector.target_kind == "edge"

    def connect(self, source: str, target: str, relation: Relation | None = None) -> str:
        offered: list[list[Relation]] = []

        def choose(relations: list[Relation], _where: object) -> Relation | None:
            offered.append(list(relations))
            return relation

        self.scene.relation_chooser = choose
        item = self.scene.nodes[source]
        start = item.mapToScene(item.handle_centre())
        end = self.icon_centre(target)
        self.show(start, end)
        hover = start + QPointF(0, 1)  # the handle shows while the pointer is over the node
        before = {e.id for e in self.design.iter_edges()}
        drag(self.view, [hover, *steps(start, end, 8)])
        [new] = {e.id for e in self.design.iter_edges()} - before
        edge = self.design.edge(new)
        assert (edge.source, edge.target) == (source, target)
        if relation is not None:
            assert edge.relation == relation
            assert not offered or relation in offered[0]
        return new

    def resize(self, container: str, width: float, height: float) -> None:
        """Select the container by its header, then drag its bottom-right handle."""
        item = self.scene.containers[container]
        rect = item.scene_rect()
        header = rect.topLeft() + QPointF(rect.width() / 2, 12)
        self.show(header)
        click(self.view, header)
        assert self.scene.selected_ids() == [container]
        corner = rect.bottomRight()
        target = rect.topLeft() + QPointF(width, height)
        self.show(corner, target)
        drag(self.view, steps(corner, target, 6))
        size = self.design.node(container).placement.size
        assert size is not None and (size.w, size.h) == (width, height)

    # ---- inspector ---------------------------------------------------------------------------
    def type_into(self, editor: TextEditor, text: str) -> None:
        line = editor.line
        line.setFocus()
        line.selectAll()
        if text:
            self.qtbot.keyClicks(line, text)
        else:
            self.qtbot.keyClick(line, Qt.Key.Key_Delete)
        self.qtbot.keyClick(line, Qt.Key.Key_Return)
        assert line.text() == text

    def label(self, text: str) -> None:
        assert self.inspector.label_editor is not None
        self.type_into(self.inspector.label_editor, text)

    def set(self, **values: Any) -> None:
        """Fill inspector fields of the selected element the way each editor is used."""
        for name, value in values.items():
            editor = self.inspector.editor(name)
            if isinstance(editor, NumberEditor):
                self._enter_number(editor, value)
            elif isinstance(editor, TextEditor):
                self.type_into(editor, "" if value is None else value)
            elif isinstance(editor, ChoiceEditor):
                text = ChoiceEditor.NOT_SET if value is None else str(value)
                index = editor.combo.findText(text)
                assert index >= 0, f"{name}: no choice {text}"
                editor.combo.setCurrentIndex(index)  # picked from the drop-down list
            elif isinstance(editor, BoolEditor):
                if editor.check.isChecked() != value:
                    editor.check.click()
            elif isinstance(editor, TableEditor):
                self._fill_table(editor, value)
            elif isinstance(editor, AslFieldEditor):
                editor.editor.edit.setPlainText(json.dumps(value, indent=2))
                assert editor.editor.problems.count() == 0, editor.editor.check()
                editor.editor.apply_button.click()
            elif isinstance(editor, JsonFieldEditor):
                editor.edit.setPlainText(json.dumps(value, indent=2))
                editor.apply_button.click()
            elif isinstance(editor, MultilineTextEditor):
                editor.box.setFocus()
                editor.box.setPlainText(value)
            else:
                raise AssertionError(f"{name}: no way to enter {value!r}")
            assert self._current(name) == _plain(value), name

    def _enter_number(self, editor: NumberEditor, value: float | None) -> None:
        if editor.enabled is not None and editor.enabled.isChecked() != (value is not None):
            editor.enabled.click()
        if value is None:
            return
        text = str(int(value)) if float(value).is_integer() else str(value)
        editor.spin.setFocus()
        editor.spin.selectAll()
        self.qtbot.keyClicks(editor.spin, text)
        self.qtbot.keyClick(editor.spin, Qt.Key.Key_Return)
        editor.spin.clearFocus()

    def _fill_table(self, editor: TableEditor, value: Any) -> None:
        """Remove the rows, then per row: click +, type the cell, Tab to the next, Enter."""
        rows = list(value.items()) if isinstance(value, dict) else [(v,) for v in value]
        buttons = {b.text(): b for b in editor.widget.findChildren(QToolButton)}
        while editor.table.rowCount():
            buttons["−"].click()
        for cells in rows:
            buttons["+"].click()
            for column, text in enumerate(cells):
                if column:
                    self.qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
                    QApplication.processEvents()
                cell = QApplication.focusWidget()
                assert isinstance(cell, QLineEdit) and editor.table.isAncestorOf(cell)
                assert editor.table.currentColumn() == column
                self.qtbot.keyClicks(cell, text)
            self.qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
            QApplication.processEvents()  # the table commits the cell after the key press

    def _current(self, name: str) -> Any:
        inspector = self.inspector
        target = inspector.target_id
        assert target is not None
        design = self.design
        element = design.edge(target) if inspector.target_kind == "edge" else design.node(target)
        return _plain(element.config.model_dump(mode="json")[name])


# ---- the rebuild -------------------------------------------------------------------------------
@pytest.fixture
def window(qtbot, message_boxes):
    main = MainWindow(Document(), Settings(), autosave_ms=600_000)
    qtbot.addWidget(main)
    main.resize(1500, 1000)
    main.show()
    main.activateWindow()
    qtbot.waitExposed(main)
    qtbot.wait(5)  # the window fits the (empty) design once shown
    yield main
    main.document.stack.set_clean()


def fill_profile(dialog: ProfileDialog, region: str, quotas: dict[str, int | float]) -> None:
    dialog.region.setCurrentText(region)
    for name, value in quotas.items():
        row = dialog.row_of(name)
        dialog.table.item(row, VALUE).setText(f"{value:g}")
        assert dialog.table.item(row, DEFAULT).text(), "the AWS default is shown beside the value"
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert ok.isEnabled(), dialog.error.text()
    ok.click()


def depth_first(design: Design) -> list[Node]:
    """Containers before what they hold, otherwise in file order."""
    ordered: list[Node] = []

    def visit(parent: str | None) -> None:
        for child in design.children(parent):
            ordered.append(design.node(child))
            visit(child)

    visit(None)
    return ordered


def drop_point(design: Design, node: Node) -> QPointF:
    """Where to release a palette entry so the node lands at its place in the example."""
    x, y = node.position.x, node.position.y
    if design.spec(node.id).is_container:
        return QPointF(x + geo.CONTAINER_PAD, y + geo.CONTAINER_HEADER / 2)
    return QPointF(x + geo.NODE_W / 2, y + geo.ICON_TOP + geo.ICON / 2)


def fill_design_properties(user: User, example: Design, monkeypatch: Any) -> None:
    inspector = user.inspector
    assert inspector.target_kind == "design"
    name = inspector.name_edit
    name.setFocus()
    name.selectAll()
    user.qtbot.keyClicks(name, example.name)
    user.qtbot.keyClick(name, Qt.Key.Key_Return)
    inspector.description_edit.setFocus()
    user.qtbot.keyClicks(inspector.description_edit, example.description)
    name.setFocus()
    inspector.description_edit.focus_left.emit()  # focus moved on: the text is applied

    def run_profile_dialog(dialog: ProfileDialog) -> int:
        fill_profile(dialog, example.profile.region, dict(example.profile.quotas))
        return int(dialog.result())

    monkeypatch.setattr(ProfileDialog, "exec", run_profile_dialog)
    [edit_profile] = [
        b for b in inspector.body.findChildren(QPushButton) if b.text().startswith("Edit account")
    ]
    edit_profile.click()
    design = user.design
    assert (design.name, design.description) == (example.name, example.description)
    assert design.profile == example.profile


def rebuild(user: User, example: Design) -> None:
    ids: dict[str, str] = {}
    for node in depth_first(example):
        new = user.drop(node.kind, drop_point(example, node))
        ids[node.id] = new
        rebuilt = user.design.node(new)
        assert rebuilt.parent == (ids[node.parent] if node.parent else None), node.id
        if rebuilt.label != node.label:
            user.label(node.label)
        size = node.placement.size
        if size is not None and user.design.spec(new).is_container:
            user.resize(new, size.w, size.h)

    for node in depth_first(example):
        wanted = _plain(node.config.model_dump(mode="json"))
        for name in REFERENCE_FIELDS:
            if name in wanted:
                wanted[name] = _renamed(wanted[name], ids)
        current = _plain(user.design.node(ids[node.id]).config.model_dump(mode="json"))
        changes = {k: v for k, v in wanted.items() if current[k] != v}
        if changes:
            user.select(ids[node.id])
            user.set(**changes)

    taken: set[str] = set()
    for edge in example.iter_edges():
        made = binding_edge_id(ids[edge.source], ids[edge.target])
        if edge.relation == "invokes" and user.design.has_edge(made) and made not in taken:
            new = made  # drawn when the state machine's substitutions named the node
        else:
            new = user.connect(ids[edge.source], ids[edge.target], edge.relation)
        taken.add(new)
        wanted = _plain(edge.config.model_dump(mode="json"))
        current = _plain(user.design.edge(new).config.model_dump(mode="json"))
        changes = {k: v for k, v in wanted.items() if current[k] != v}
        if changes or edge.label:
            user.select_edge(new)
            if edge.label:
                user.label(edge.label)
            user.set(**changes)


EXAMPLES = sorted(EXAMPLE_DIR.glob("*.archcanvas"))


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_rebuild_example_by_hand(window, qtbot, monkeypatch, path):
    example = load_design(path)
    user = User(window, qtbot)
    user.view.set_zoom(0.4)  # Ctrl+wheel: large parts of the drawing fit on screen
    fill_design_properties(user, example, monkeypatch)
    rebuild(user, example)

    wanted_nodes, wanted_edges, wanted_design = semantics(example)
    nodes, edges, design = semantics(user.design)
    assert design == wanted_design
    assert sorted((nodes - wanted_nodes).elements()) == []
    assert sorted((wanted_nodes - nodes).elements()) == []
    assert sorted((edges - wanted_edges).elements()) == []
    assert sorted((wanted_edges - edges).elements()) == []
    found = Counter((f.rule, f.severity) for f in window.document.findings)
    assert found == Counter((f.rule, f.severity) for f in validate(example))


def test_palette_search_and_enter_adds_inside_the_container_in_view(window, qtbot):
    """Keyboard only: search the palette, press Enter; the service lands in the Region shown
    at the centre of the view, and a second one steps aside instead of hiding the first."""
    user = User(window, qtbot)
    region = user.drop("aws.region", QPointF(40, 20))
    user.view.centerOn(user.scene.containers[region].scene_rect().center())
    search = window.palette_panel.search
    added = []
    for _ in range(2):
        search.setFocus()
        search.selectAll()
        qtbot.keyClicks(search, "lambda function")
        qtbot.keyClick(search, Qt.Key.Key_Return)
        [selected] = user.scene.selected_ids()
        added.append(user.design.node(selected))
    assert [node.kind for node in added] == ["aws.lambda", "aws.lambda"]
    assert [node.parent for node in added] == [region, region]
    assert added[0].position != added[1].position

    user.view.centerOn(QPointF(-2000, -2000))  # empty canvas: added at the top level
    search.selectAll()
    qtbot.keyClicks(search, "lambda function")
    qtbot.keyClick(search, Qt.Key.Key_Return)
    [selected] = user.scene.selected_ids()
    assert user.design.node(selected).parent is None
