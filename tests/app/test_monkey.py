"""A monkey at the desktop editor: random user actions on a real MainWindow (palette adds and
drops, mouse drags, connections, selection, nudges, delete, undo and redo, clipboard, layout,
pinning, inspector edits, profile changes), with the views checked against the model after
every step and the whole history undone at the end.

CI runs 25 examples of 25 steps from a fixed seed. For a hunt, ARCHCANVAS_MONKEY_EXAMPLES=300
(randomly seeded), ARCHCANVAS_MONKEY_STEPS=60 and ARCHCANVAS_MONKEY_NOSHRINK=1 (report the first
failing run as found: shrinking a GUI run can take minutes)."""

from __future__ import annotations

import os
import traceback
import types
import typing

from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QGuiApplication, QMouseEvent
from PySide6.QtWidgets import QApplication, QDoubleSpinBox, QMessageBox

from app.canvas import geometry as geo
from app.canvas.items.container_item import ContainerItem
from app.canvas.items.node_item import HANDLE_CENTRE, NodeItem
from app.document import Document
from app.inspector import NumberEditor
from app.main_window import MainWindow
from app.palette import palette_entries
from app.settings import Settings
from model.catalog import CATALOG
from model.commands import CommandError, Connect, SetConfig, SetProfile
from model.elements import Edge
from model.limits import default_limits
from model.profile import Profile
from model.rules import validate
from model.serialization import dumps
from tests.app.conftest import build_sample_design

EXAMPLES = int(os.environ.get("ARCHCANVAS_MONKEY_EXAMPLES", "0"))
STEPS = int(os.environ.get("ARCHCANVAS_MONKEY_STEPS", "25"))
NO_SHRINK = bool(os.environ.get("ARCHCANVAS_MONKEY_NOSHRINK"))
PALETTE_KEYS = sorted(entry.key for entry in palette_entries())
QUOTA_NAMES = sorted({limit.quota for limit in default_limits() if limit.quota})
REGIONS = ["us-east-1", "eu-west-1", "ap-southeast-2"]
LABELS = st.text(alphabet="abcXYZ -_1", max_size=10)
NUDGES = st.sampled_from([(-20.0, 0.0), (20.0, 0.0), (0.0, -20.0), (0.0, 20.0), (1.0, 1.0)])
FRACTIONS = st.floats(0.05, 0.95)


def _is_number(annotation: object) -> bool:
    if annotation in (int, float):
        return True
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return len(args) == 1 and args[0] in (int, float)
    return False


NUMBER_FIELDS = {
    spec.id: sorted(
        n for n, f in spec.config_model.model_fields.items() if _is_number(f.annotation)
    )
    for spec in CATALOG
}


def _send(window: MainWindow, kind: QEvent.Type, pos: QPointF, button, buttons, modifiers) -> None:
    view = window.view
    local = view.mapFromScene(pos)
    event = QMouseEvent(
        kind,
        QPointF(local),
        QPointF(view.viewport().mapToGlobal(local)),
        button,
        buttons,
        modifiers,
    )
    QApplication.sendEvent(view.viewport(), event)


def mouse_drag(window: MainWindow, start: QPointF, end: QPointF, shift: bool = False) -> None:
    """Press at start, move there in a few steps, release at end, as a user would."""
    window.view.centerOn((start + end) / 2)
    modifiers = Qt.KeyboardModifier.ShiftModifier if shift else Qt.KeyboardModifier.NoModifier
    left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
    _send(window, QEvent.Type.MouseMove, start, none, none, modifiers)
    _send(window, QEvent.Type.MouseButtonPress, start, left, left, modifiers)
    for step in range(1, 5):
        point = start + (end - start) * (step / 4)
        _send(window, QEvent.Type.MouseMove, point, none, left, modifiers)
    _send(window, QEvent.Type.MouseButtonRelease, end, left, none, modifiers)


def shown_number(editor: NumberEditor, value: float) -> float:
    """What a spin box can show of value: within its range, to its decimals."""
    spin = editor.spin
    shown = max(spin.minimum(), min(value, spin.maximum()))
    return round(shown, spin.decimals()) if isinstance(spin, QDoubleSpinBox) else shown


class EditorMonkey(RuleBasedStateMachine):
    qtbot: typing.Any = None
    message_boxes: typing.Any = None
    exceptions: list[typing.Any] = []

    def __init__(self) -> None:
        super().__init__()
        QGuiApplication.clipboard().clear()
        self.message_boxes.calls.clear()
        self.exceptions.clear()
        self.window = MainWindow(Document(build_sample_design()), Settings(), autosave_ms=600_000)
        self.window.show()
        self.qtbot.waitExposed(self.window)
        self.relation_choice = 0
        self.window.scene.relation_chooser = self._choose_relation
        self.start = dumps(self.document.design)

    @property
    def document(self) -> Document:
        return self.window.document

    def _choose_relation(self, relations, _screen_pos):
        if self.relation_choice < 0:
            return None
        return relations[self.relation_choice % len(relations)]

    def node_ids(self) -> list[str]:
        return sorted(n.id for n in self.document.design.iter_nodes())

    def container_ids(self) -> list[str]:
        design = self.document.design
        return [i for i in self.node_ids() if design.spec(i).is_container]

    def service_ids(self) -> list[str]:
        design = self.document.design
        return [i for i in self.node_ids() if not design.spec(i).is_container]

    def element_ids(self) -> list[str]:
        return self.node_ids() + sorted(e.id for e in self.document.design.iter_edges())

    def inside(self, container_id: str, fx: float, fy: float) -> QPointF:
        item = self.window.scene.containers[container_id]
        width, height = item.size()
        body = max(1.0, height - geo.CONTAINER_HEADER)
        return item.pos() + QPointF(width * fx, geo.CONTAINER_HEADER + body * fy)

    def grab_point(self, node_id: str) -> QPointF:
        item = self.window.scene.nodes[node_id]
        if isinstance(item, ContainerItem):
            return item.pos() + QPointF(item.size()[0] / 2, geo.CONTAINER_HEADER / 2)
        return item.anchor_rect().center()

    def somewhere(self, data: st.DataObject) -> QPointF:
        containers = self.container_ids()
        if containers and data.draw(st.booleans(), label="into container"):
            target = data.draw(st.sampled_from(containers), label="container")
            return self.inside(target, data.draw(FRACTIONS), data.draw(FRACTIONS))
        x = data.draw(st.integers(-400, 1400), label="x")
        y = data.draw(st.integers(-300, 900), label="y")
        return QPointF(x, y)

    # ---- adding ------------------------------------------------------------------------
    @rule(keys=st.lists(st.sampled_from(PALETTE_KEYS), min_size=1, max_size=3), data=st.data())
    def add_palette_entries(self, keys: list[str], data: st.DataObject) -> None:
        containers = self.container_ids()
        if containers and data.draw(st.booleans(), label="container selected"):
            self.window.scene.select_ids([data.draw(st.sampled_from(containers))])
        for key in keys:
            self.window.add_palette_entry(key)

    @rule(keys=st.lists(st.sampled_from(PALETTE_KEYS), min_size=1, max_size=3), data=st.data())
    def drop_palette_entries(self, keys: list[str], data: st.DataObject) -> None:
        for key in keys:
            self.window.scene.drop(key, self.somewhere(data))

    # ---- connecting --------------------------------------------------------------------
    def connectable(self, sources: list[str]) -> list[tuple[str, str]]:
        """Pairs the catalog lets connect in some way (most random pairs cannot)."""
        design = self.document.design
        return [
            (source, target)
            for source in sources
            for target in self.node_ids()
            if source != target
            and CATALOG.allowed_relations(design.node(source).kind, design.node(target).kind)
        ]

    @precondition(lambda self: len(self.document.design.nodes) >= 2)
    @rule(data=st.data())
    def connect_by_command(self, data: st.DataObject) -> None:
        design = self.document.design
        pairs = self.connectable(self.node_ids())
        if not pairs:
            return
        source, target = data.draw(st.sampled_from(pairs), label="connected")
        relations = CATALOG.allowed_relations(design.node(source).kind, design.node(target).kind)
        relation = data.draw(st.sampled_from(relations), label="relation")
        if design.can_connect(source, target, relation):
            self.window.push(Connect(Edge(design.new_edge_id(), source, target, relation)))

    @precondition(lambda self: len(self.service_ids()) >= 1 and len(self.node_ids()) >= 2)
    @rule(data=st.data(), choice=st.integers(-1, 3), allowed=st.booleans())
    def connect_by_mouse(self, data: st.DataObject, choice: int, allowed: bool) -> None:
        pairs = self.connectable(self.service_ids()) if allowed else []
        if pairs:
            source, target = data.draw(st.sampled_from(pairs), label="connected")
        else:
            source = data.draw(st.sampled_from(self.service_ids()), label="source")
            target = data.draw(st.sampled_from([i for i in self.node_ids() if i != source]))
        self.relation_choice = choice
        item = self.window.scene.nodes[source]
        end = self.grab_point(target)
        if isinstance(self.window.scene.nodes[target], ContainerItem):
            end = self.inside(target, data.draw(FRACTIONS), data.draw(FRACTIONS))
        mouse_drag(self.window, item.mapToScene(HANDLE_CENTRE), end)

    # ---- mouse -------------------------------------------------------------------------
    @precondition(lambda self: bool(self.document.design.nodes))
    @rule(data=st.data(), shift=st.booleans())
    def drag_node(self, data: st.DataObject, shift: bool) -> None:
        node_id = data.draw(st.sampled_from(self.node_ids()), label="dragged")
        mouse_drag(self.window, self.grab_point(node_id), self.somewhere(data), shift)

    @precondition(lambda self: bool(self.container_ids()))
    @rule(data=st.data(), dx=st.integers(-200, 200), dy=st.integers(-200, 200))
    def resize_container(self, data: st.DataObject, dx: int, dy: int) -> None:
        container = data.draw(st.sampled_from(self.container_ids()), label="container")
        self.window.scene.select_ids([container])
        item = self.window.scene.containers[container]
        handle = data.draw(st.sampled_from(sorted(item.handle_rects())), label="handle")
        start = item.mapToScene(item.handle_rects()[handle].center())
        mouse_drag(self.window, start, start + QPointF(dx, dy))

    @rule(data=st.data())
    def rubber_band(self, data: st.DataObject) -> None:
        mouse_drag(self.window, self.somewhere(data), self.somewhere(data))

    # ---- selection and editing ---------------------------------------------------------
    @rule(data=st.data(), everything=st.integers(0, 7))
    def select(self, data: st.DataObject, everything: int) -> None:
        if not everything:
            self.window.edit_select_all()
            return
        ids = self.element_ids()
        chosen = data.draw(st.lists(st.sampled_from(ids), max_size=3) if ids else st.just([]))
        self.window.scene.select_ids(chosen)

    @rule(delta=NUDGES, times=st.integers(1, 3))
    def nudge(self, delta: tuple[float, float], times: int) -> None:
        for _ in range(times):
            self.window.scene.nudge(*delta)

    @rule(key=st.sampled_from([Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down]))
    def arrow_key(self, key: Qt.Key) -> None:
        self.window.view.setFocus()
        self.qtbot.keyClick(self.window.view.viewport(), key)

    @rule()
    def next_finding(self) -> None:
        self.window.design_next_finding()

    @rule(
        cut=st.booleans(), what=st.sampled_from(["selection", "node", "connection"]), data=st.data()
    )
    def delete(self, cut: bool, what: str, data: st.DataObject) -> None:
        design = self.document.design
        if what == "node" and design.nodes:
            self.window.scene.select_ids([data.draw(st.sampled_from(self.node_ids()))])
        elif what == "connection" and design.edges:
            edges = sorted(e.id for e in design.iter_edges())
            self.window.scene.select_ids([data.draw(st.sampled_from(edges))])
        if cut:
            self.window.edit_cut()
        else:
            self.window.edit_delete()

    @rule(times=st.integers(1, 4))
    def undo(self, times: int) -> None:
        for _ in range(times):
            self.window.edit_undo()

    @rule(times=st.integers(1, 4))
    def redo(self, times: int) -> None:
        for _ in range(times):
            self.window.edit_redo()

    @rule()
    def copy(self) -> None:
        self.window.edit_copy()

    @rule()
    def paste(self) -> None:
        self.window.edit_paste()

    @rule()
    def duplicate(self) -> None:
        self.window.edit_duplicate()

    @rule()
    def auto_layout(self) -> None:
        self.window.arrange_auto_layout()

    @rule(pin=st.booleans())
    def pin(self, pin: bool) -> None:
        if pin:
            self.window.arrange_pin()
        else:
            self.window.arrange_unpin()

    @rule(action=st.sampled_from(["view_zoom_in", "view_zoom_out", "view_fit"]))
    def zoom(self, action: str) -> None:
        getattr(self.window, action)()

    # ---- inspector, settings and profile -----------------------------------------------
    @precondition(lambda self: bool(self.document.design.nodes))
    @rule(data=st.data(), text=LABELS)
    def rename_in_inspector(self, data: st.DataObject, text: str) -> None:
        element = data.draw(st.sampled_from(self.element_ids()), label="renamed")
        self.window.scene.select_ids([element])
        editor = self.window.inspector.label_editor
        assert editor is not None, f"the inspector shows no label editor for {element}"
        line = editor.line
        line.selectAll()
        if text:
            self.qtbot.keyClicks(line, text)
        else:
            self.qtbot.keyClick(line, Qt.Key.Key_Backspace)
        self.qtbot.keyClick(line, Qt.Key.Key_Return)

    @precondition(lambda self: bool(self.document.design.nodes))
    @rule(data=st.data(), value=st.one_of(st.integers(-5, 20_000), st.floats(0, 5000)))
    def set_number_by_command(self, data: st.DataObject, value: float) -> None:
        design = self.document.design
        node_id = data.draw(st.sampled_from(self.node_ids()), label="configured")
        fields = NUMBER_FIELDS[design.node(node_id).kind]
        if not fields:
            return
        name = data.draw(st.sampled_from(fields), label="field")
        try:
            command = SetConfig.field(design, node_id, name, value)
        except CommandError:
            return
        self.window.push(command)

    @rule(data=st.data(), value=st.integers(0, 5000))
    def set_number_in_inspector(self, data: st.DataObject, value: int) -> None:
        editors = sorted(
            name
            for name, editor in self.window.inspector.editors.items()
            if isinstance(editor, NumberEditor)
        )
        if not editors:
            return
        editor = self.window.inspector.editor(data.draw(st.sampled_from(editors), label="field"))
        assert isinstance(editor, NumberEditor)
        if editor.enabled is not None and not editor.enabled.isChecked():
            editor.enabled.setChecked(True)
        editor.spin.setValue(value)
        editor.spin.editingFinished.emit()

    @rule(name=LABELS)
    def rename_design(self, name: str) -> None:
        self.window.design_properties()
        edit = self.window.inspector.name_edit
        edit.selectAll()
        self.qtbot.keyClicks(edit, name)
        edit.editingFinished.emit()

    @rule(
        region=st.sampled_from(REGIONS),
        quotas=st.dictionaries(st.sampled_from(QUOTA_NAMES), st.integers(0, 5000), max_size=2),
    )
    def change_profile(self, region: str, quotas: dict[str, int]) -> None:
        profile = Profile(region=region, quotas=quotas)
        if profile != self.document.design.profile:
            self.window.push(SetProfile(profile))

    @precondition(lambda self: len(self.document.design.nodes) >= 6)
    @rule()
    def file_new(self) -> None:
        self.message_boxes.answers.append(QMessageBox.StandardButton.Discard)
        self.window.file_new()
        self.message_boxes.answers.clear()
        self.start = dumps(self.document.design)
        self.window.scene.relation_chooser = self._choose_relation

    # ---- checks ------------------------------------------------------------------------
    @invariant()
    def views_follow_the_model(self) -> None:
        QApplication.processEvents()  # deferred rebuilds run, as between two user actions
        self.no_escaped_exceptions()
        self.scene_matches_model()
        self.findings_match_rules()
        self.inspector_shows_selection()
        assert not [c for c in self.message_boxes.calls if c[0] == "critical"]

    def no_escaped_exceptions(self) -> None:
        if self.exceptions:
            text = "".join(traceback.format_exception(*self.exceptions[0]))
            raise AssertionError(f"an exception escaped into a Qt slot:\n{text}")

    def scene_matches_model(self) -> None:
        scene, design = self.window.scene, self.document.design
        node_ids = {n.id for n in design.iter_nodes()}
        assert set(scene.nodes) == node_ids
        assert set(scene.containers) == {i for i in node_ids if design.spec(i).is_container}
        for node in design.iter_nodes():
            item = scene.nodes[node.id]
            spec = design.spec(node.id)
            assert isinstance(item, ContainerItem if spec.is_container else NodeItem), node.id
            assert item.scene() is scene, node.id
            assert item.node == node, node.id
            assert (item.pos().x(), item.pos().y()) == (node.position.x, node.position.y), node.id
            if isinstance(item, ContainerItem):
                assert item.size() == geo.node_size(design, node), node.id
                assert item.depth == len(design.ancestors(node.id)), node.id
            edges_here = {e.id for e in design.edges_of(node.id)}
            assert {e.edge_id for e in scene.edge_items_of([node.id])} == edges_here, node.id
        assert set(scene.edges) == {e.id for e in design.iter_edges()}
        for edge in design.iter_edges():
            item = scene.edges[edge.id]
            assert item.scene() is scene, edge.id
            assert item.edge == edge, edge.id
            assert item.source is scene.nodes[edge.source], edge.id
            assert item.target is scene.nodes[edge.target], edge.id
        shown = {id(i) for i in [*scene.nodes.values(), *scene.edges.values(), scene.drag_layer]}
        assert not scene.drag_layer.edges, "a connection still drawn as a drag preview"
        for item in scene.items():
            if item.parentItem() is None:
                assert id(item) in shown, f"stray item on the canvas: {item!r}"
        assert scene.interaction is None

    def findings_match_rules(self) -> None:
        design = self.document.design
        expected = validate(design)
        assert self.document.findings == expected
        assert self.window.findings.model.findings == expected
        assert self.window.error_count.count == sum(f.severity == "error" for f in expected)
        assert self.window.warning_count.count == sum(f.severity == "warning" for f in expected)
        scene = self.window.scene
        for element_id, item in [*scene.nodes.items(), *scene.edges.items()]:
            wanted = [f for f in expected if element_id in f.elements]
            badge = item.badge
            assert (badge.findings if badge is not None else []) == wanted, element_id

    def inspector_shows_selection(self) -> None:
        design = self.document.design
        selected = self.window.scene.selected_ids()
        inspector = self.window.inspector
        if len(selected) == 1 and design.has_node(selected[0]):
            node = design.node(selected[0])
            assert (inspector.target_kind, inspector.target_id) == ("node", node.id)
            assert inspector.heading.text() == (node.label or design.spec(node.id).display_name)
            assert inspector.label_editor is not None
            assert inspector.label_editor.line.text() == node.label
            for name, editor in inspector.editors.items():
                value = getattr(node.config, name)
                if isinstance(editor, NumberEditor) and value is not None:
                    assert editor.spin.value() == shown_number(editor, value), name
        elif len(selected) == 1:
            edge = design.edge(selected[0])
            assert (inspector.target_kind, inspector.target_id) == ("edge", edge.id)
            assert inspector.label_editor is not None
            assert inspector.label_editor.line.text() == (edge.label or "")
        elif selected:
            assert inspector.target_kind == "many"
            assert sorted(inspector.many_ids) == sorted(selected)
        else:
            assert (inspector.target_kind, inspector.target_id) == ("design", None)
        has_nodes = any(design.has_node(i) for i in selected)
        actions = self.window.actions_by_name
        assert actions["copy"].isEnabled() == has_nodes
        assert actions["delete"].isEnabled() == bool(selected)
        assert actions["undo"].isEnabled() == self.document.stack.can_undo()
        assert actions["redo"].isEnabled() == self.document.stack.can_redo()

    def teardown(self) -> None:
        try:
            self.views_follow_the_model()
            finished = dumps(self.document.design)
            steps = self.document.stack.depth
            for _ in range(steps):
                self.window.edit_undo()
            QApplication.processEvents()
            assert dumps(self.document.design) == self.start, "undoing everything differs"
            self.views_follow_the_model()
            for _ in range(steps):
                self.window.edit_redo()
            QApplication.processEvents()
            assert dumps(self.document.design) == finished, "redoing everything differs"
            self.views_follow_the_model()
        finally:
            self.document.stack.set_clean()
            self.window.close()
            self.window.deleteLater()
            QApplication.processEvents()


def test_random_editing_keeps_views_and_history_consistent(qtbot, message_boxes):
    EditorMonkey.qtbot = qtbot
    EditorMonkey.message_boxes = message_boxes
    with qtbot.captureExceptions() as exceptions:
        EditorMonkey.exceptions = exceptions
        run_state_machine_as_test(
            EditorMonkey,
            settings=settings(
                max_examples=EXAMPLES or 25,
                stateful_step_count=STEPS,
                deadline=None,
                derandomize=not EXAMPLES,
                database=None,
                suppress_health_check=list(HealthCheck),
                print_blob=True,
                phases=[p for p in Phase if p != Phase.shrink or not NO_SHRINK],
            ),
        )
