"""The inspector: a form generated from the selected element's pydantic config model.

Each field's annotation picks its editor (spin box with unit, combo box, check box, small
tables, JSON); every change is one undoable command (consecutive typing in one field
merges), and the form follows the model after undo and redo. Findings about the element
are listed at the top, and fields a finding talks about are marked.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel
from pydantic.fields import FieldInfo
from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import (
    QApplication,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.asl_editor import JsonEdit
from app.document import Document
from app.inspector.base import SEVERITY_COLORS, SEVERITY_SYMBOLS, FieldEditor, Push
from app.inspector.factory import make_editor
from app.inspector.fields import common_fields, escape, field_help, field_title, finding_mentions
from app.inspector.findings_box import FindingsBox
from app.inspector.scalar import TextEditor
from model.catalog import icon_path
from model.commands import (
    Command,
    CommandError,
    Macro,
    Rename,
    SetEdgeConfig,
    SetProperties,
)
from model.config.applicability import shown_fields
from model.config.edges import EdgeConfig
from model.design import Design
from model.events import EdgeRemoved, Event, NodeRemoved, OrderRestored
from model.rules import Finding
from model.stepfunctions_binding import config_edit
from model.wording import contents_text, counts, quoted


class Inspector(QWidget):
    """Shows and edits the selected node or edge, or the design itself when nothing is selected."""

    profile_requested = Signal()
    workflow_requested = Signal(str)  # state machine node id: open its workflow tab
    waive_requested = Signal(object)  # Finding
    note_requested = Signal(object)  # Finding

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document: Document | None = None
        self.target_id: str | None = None
        self.target_kind: Literal["node", "edge", "design", "many"] = "design"
        self.editors: dict[str, FieldEditor] = {}
        self.field_labels: dict[str, QLabel] = {}
        self.field_tips: dict[str, str] = {}
        self.label_editor: TextEditor | None = None
        self._wide_rows: list[tuple[QFormLayout, QLabel, QWidget]] = []
        self._selection: list[str] = []
        self.many_ids: list[str] = []
        self._stale = False
        self._pending_rebuild = False
        self._findings_waiting = False

        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.change_banner = QLabel()
        self.change_banner.setObjectName("inspectorChange")
        self.change_banner.setWordWrap(True)
        self.change_banner.setStyleSheet(
            "#inspectorChange { border-left: 3px solid #e07700; padding: 4px 8px;"
            " background: palette(alternate-base); }"
        )
        self.change_banner.hide()
        outer.addWidget(self.change_banner)
        outer.addWidget(self.scroll_area)
        self.body: QWidget = QWidget()
        self.heading = QLabel()
        self.findings_box = self._findings_box()
        self.set_document(document)

    def _findings_box(self) -> FindingsBox:
        box = FindingsBox()
        box.waive_requested.connect(self.waive_requested)
        box.note_requested.connect(self.note_requested)
        return box

    # ---- wiring ------------------------------------------------------------------------
    def set_document(self, document: Document) -> None:
        if self.document is not None:
            for signal, slot in self._connections():
                signal.disconnect(slot)
        self.document = document
        for signal, slot in self._connections():
            signal.connect(slot)
        self._selection = []
        self.rebuild()

    def _connections(self) -> list[tuple[Any, Any]]:
        assert self.document is not None
        return [
            (self.document.design_event, self._on_event),
            (self.document.findings_changed, self._on_findings),
            (self.document.changed, self._after_change),
        ]

    def show_change(self, text: str) -> None:
        """What the compared version changed in the selection (empty: nothing to show)."""
        self.change_banner.setText(text)
        self.change_banner.setVisible(bool(text))

    def show_ids(self, ids: Any) -> None:
        """Inspect the selection (node or edge ids)."""
        ids = list(ids or [])
        if sorted(ids) == sorted(self._selection):
            return
        self._close_merge()
        self._selection = ids
        self.rebuild()

    def _close_merge(self) -> None:
        if self.document is not None:
            self.document.stack.close_merge()

    def _on_event(self, event: Event) -> None:
        if self.document is None:
            return
        if isinstance(event, NodeRemoved | EdgeRemoved | OrderRestored):
            kept = [i for i in self._selection if self._exists(i)]
            if kept != self._selection:
                self._selection = kept
                self._schedule_rebuild()
                return
        touched = set(event.node_ids) | set(event.edge_ids)
        if self.target_kind == "many" and touched & set(self._selection):
            self._stale = True  # a macro changes them one by one: show the result once
        elif self.target_kind == "design" or (self.target_id and self.target_id in touched):
            self.refresh_values()

    def _after_change(self) -> None:
        if self._stale:
            self._stale = False
            self.refresh_values()

    def _exists(self, element_id: str) -> bool:
        assert self.document is not None
        design = self.document.design
        return design.has_node(element_id) or design.has_edge(element_id)

    def _schedule_rebuild(self) -> None:
        if not self._pending_rebuild:
            self._pending_rebuild = True
            QTimer.singleShot(0, self._deferred_rebuild)

    def _deferred_rebuild(self) -> None:
        """Rebuild after the gesture that caused it, keeping keyboard focus on the same
        setting (Tab order continues from there)."""
        if QGuiApplication.mouseButtons() != Qt.MouseButton.NoButton:
            QTimer.singleShot(30, self._deferred_rebuild)
            return
        self._pending_rebuild = False
        focus = QApplication.focusWidget()
        focused = next(
            (n for n, e in self.editors.items() if focus and _holds(e.widget, focus)), None
        )
        self.rebuild()
        editor = self.editors.get(focused or "")
        if editor is not None:
            editor.widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_findings(self, _findings: object) -> None:
        """Findings change when a field is applied, often by the press that left it: wait
        for the release, so the banner never moves a button under the pointer mid-click."""
        if QGuiApplication.mouseButtons() != Qt.MouseButton.NoButton:
            if not self._findings_waiting:
                self._findings_waiting = True
                QTimer.singleShot(30, self._findings_after_release)
            return
        self.show_element_findings()

    def _findings_after_release(self) -> None:
        self._findings_waiting = False
        self._on_findings(None)

    # ---- building ----------------------------------------------------------------------
    def rebuild(self) -> None:
        self.editors = {}
        self.field_forms: dict[str, QFormLayout] = {}
        self.wide_fields: set[str] = set()
        self.region_fixed = False
        self.field_labels = {}
        self.field_tips = {}
        self._stale = False
        self.label_editor = None
        self.findings_box = self._findings_box()
        self.body = QWidget()
        self.body.setObjectName("inspectorBody")
        layout = QVBoxLayout(self.body)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.setSpacing(8)
        assert self.document is not None
        design = self.document.design
        ids = [i for i in self._selection if self._exists(i)]
        if len(ids) == 1 and design.has_node(ids[0]):
            self.target_kind, self.target_id = "node", ids[0]
            self._build_node(layout)
        elif len(ids) == 1 and design.has_edge(ids[0]):
            self.target_kind, self.target_id = "edge", ids[0]
            self._build_edge(layout)
        elif len(ids) > 1:
            self.target_kind, self.target_id = "many", None
            self._build_many(layout, ids)
        else:
            self.target_kind, self.target_id = "design", None
            self._build_design(layout)
        layout.addStretch(1)
        self.scroll_area.setWidget(self.body)
        self.refresh_values()
        self.show_element_findings()

    def _header(self, layout: QVBoxLayout, title: str, subtitle: str, icon: Path | None) -> None:
        row = QHBoxLayout()
        row.setSpacing(10)
        if icon is not None:
            picture = QLabel()
            picture.setPixmap(QIcon(str(icon)).pixmap(QSize(40, 40)))
            picture.setFixedSize(42, 42)
            row.addWidget(picture, 0, Qt.AlignmentFlag.AlignTop)
        text = QVBoxLayout()
        text.setSpacing(0)
        heading = QLabel(title)
        heading.setObjectName("inspectorTitle")
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        heading.setFont(font)
        heading.setWordWrap(True)
        self.heading = heading
        text.addWidget(heading)
        sub = QLabel(subtitle)
        sub.setObjectName("inspectorSubtitle")
        sub.setStyleSheet("color: palette(placeholder-text);")
        sub.setWordWrap(True)
        sub.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        text.addWidget(sub)
        row.addLayout(text, 1)
        layout.addLayout(row)

    def _section(self, layout: QVBoxLayout, title: str) -> QFormLayout:
        label = QLabel(title.upper())
        label.setObjectName("inspectorSection")
        font = label.font()
        font.setPointSizeF(font.pointSizeF() * 0.85)
        font.setBold(True)
        label.setFont(font)
        label.setStyleSheet("color: palette(placeholder-text); padding-top: 6px;")
        layout.addWidget(label)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        layout.addWidget(line)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # narrow panel: label above
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.setHorizontalSpacing(8)
        form.setVerticalSpacing(6)
        layout.addLayout(form)
        return form

    def _build_node(self, layout: QVBoxLayout) -> None:
        assert self.document is not None and self.target_id is not None
        design = self.document.design
        node = design.node(self.target_id)
        spec = design.spec(node.id)
        self._header(
            layout,
            node.label or spec.display_name,
            f"{spec.display_name} · {node.id}",
            icon_path(spec.icon),
        )
        layout.addWidget(self.findings_box)
        general = self._section(layout, "General")
        node_id = node.id
        self.label_editor = TextEditor(
            lambda text: self._push(Rename(node_id, text or "")), self._close_merge, False
        )
        self.label_editor.line.setPlaceholderText(spec.display_name)
        general.addRow("Label", self.label_editor.widget)
        if node.parent:
            general.addRow("Inside", _value_label(design.node(node.parent).label or node.parent))
        region, origin, fixed = region_origin(design, node.id)
        region_label = _value_label(f"{region}  ·  {origin}")
        region_label.setObjectName("regionRow")
        region_label.setToolTip(
            "Where this service's Region comes from: a Region container it sits in, its own "
            "Region setting, or the account profile (Design ▸ Account profile)"
        )
        general.addRow("Region", region_label)
        if node.kind == "aws.stepfunctions.state_machine":
            edit_workflow = QPushButton("Edit workflow…")
            edit_workflow.setObjectName("editWorkflow")
            edit_workflow.setToolTip("Open the workflow as a graph in its own tab")
            edit_workflow.clicked.connect(lambda: self.workflow_requested.emit(node_id))
            general.addRow("Workflow", edit_workflow)
        fields = spec.config_model.model_fields
        self.region_fixed = fixed
        if fields:
            form = self._section(layout, "Settings")
            for name, info in fields.items():
                if name == "region" and fixed:
                    continue  # the Region container decides; the field could not change it
                self._add_field(
                    form,
                    name,
                    info,
                    lambda value, n=name: self._push_config(n, value),
                )
            self._add_wide_rows()
        if spec.description:
            about = QLabel(spec.description)
            about.setWordWrap(True)
            about.setStyleSheet("color: palette(placeholder-text); padding-top: 8px;")
            layout.addWidget(about)

    def _show_applicable_fields(self) -> None:
        """Hide the settings that do not apply to the node's variant (Fargate platform
        version on EC2); rows are hidden in place, so focus and Tab order stay put."""
        assert self.document is not None and self.target_id is not None
        node = self.document.design.node(self.target_id)
        shown = set(shown_fields(node.kind, node.config))
        for name, editor in self.editors.items():
            form = self.field_forms.get(name)
            if form is None:
                continue
            visible = name in shown
            form.setRowVisible(editor.widget, visible)
            label = self.field_labels.get(name)
            if label is not None and form.indexOf(label) >= 0 and name in self.wide_fields:
                form.setRowVisible(label, visible)

    def is_field_shown(self, name: str) -> bool:
        editor = self.editors.get(name)
        return editor is not None and not editor.widget.isHidden()

    def _build_edge(self, layout: QVBoxLayout) -> None:
        assert self.document is not None and self.target_id is not None
        design = self.document.design
        edge = design.edge(self.target_id)
        source = design.node(edge.source).label or edge.source
        target = design.node(edge.target).label or edge.target
        self._header(
            layout, f"{source} → {target}", f"Connection · {edge.relation} · {edge.id}", None
        )
        layout.addWidget(self.findings_box)
        general = self._section(layout, "General")
        general.addRow("Relation", _value_label(str(edge.relation)))
        edge_id = edge.id
        self.label_editor = TextEditor(self._push_edge_label, self._close_merge, False)
        self.label_editor.line.setPlaceholderText("no label")
        general.addRow("Label", self.label_editor.widget)
        form = self._section(layout, "Settings")
        source_kind = design.node(edge.source).kind
        for name, info in EdgeConfig.model_fields.items():
            if not edge_field_applies(name, edge.relation, source_kind, edge.config):
                continue
            self._add_field(
                form,
                name,
                info,
                lambda value, n=name: self._push_command(
                    lambda: SetEdgeConfig.field(self._design(), edge_id, n, value)
                ),
            )
        self._add_wide_rows()

    def _build_many(self, layout: QVBoxLayout, ids: list[str]) -> None:
        """Several elements: the settings they share, edited on all of them at once."""
        assert self.document is not None
        design = self.document.design
        nodes = [i for i in ids if design.has_node(i)]
        edges = len(ids) - len(nodes)
        containers = sum(design.spec(i).is_container for i in nodes)
        summary = counts(
            [(len(nodes) - containers, "service"), (containers, "container"), (edges, "connection")]
        )
        self.many_ids = list(ids)
        fields = common_fields([self._config_of(i) for i in ids])
        self._header(
            layout,
            summary + " selected",
            "A change here applies to all of them (one undo step)"
            if fields
            else "They share no settings: select one element to edit it",
            None,
        )
        layout.addWidget(self.findings_box)
        kinds: dict[str, int] = {}
        for node_id in nodes:
            name = design.spec(node_id).display_name
            kinds[name] = kinds.get(name, 0) + 1
        if edges:
            kinds["Connection"] = edges
        form = self._section(layout, "Selection")
        for name, count in sorted(kinds.items()):
            form.addRow(name, _value_label(str(count)))
        if fields:
            form = self._section(layout, "Shared settings")
            for name, info in fields.items():
                self._add_field(form, name, info, lambda value, n=name: self._push_many(n, value))
            self._add_wide_rows()

    def _config_of(self, element_id: str) -> BaseModel:
        design = self._design()
        if design.has_node(element_id):
            return design.node(element_id).config
        return design.edge(element_id).config

    def _build_design(self, layout: QVBoxLayout) -> None:
        assert self.document is not None
        self._header(layout, "Design", self.document.display_name, None)
        layout.addWidget(self.findings_box)
        form = self._section(layout, "Properties")
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("designName")
        self.name_edit.editingFinished.connect(self._apply_properties)
        form.addRow("Name", self.name_edit)
        self.description_edit = JsonEdit()
        self.description_edit.highlighter.setDocument(None)
        self.description_edit.setFont(self.name_edit.font())
        self.description_edit.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.description_edit.setObjectName("designDescription")
        self.description_edit.setMaximumHeight(90)
        self.description_edit.setPlaceholderText("What this design is for")
        self.description_edit.focus_left.connect(self._apply_properties)
        form.addRow("Description", self.description_edit)
        profile = self._section(layout, "Account profile")
        self.profile_region = _value_label("")
        profile.addRow("Region", self.profile_region)
        self.profile_quotas = _value_label("")
        self.profile_quotas.setWordWrap(True)
        profile.addRow("Quotas", self.profile_quotas)
        edit_profile = QPushButton("Edit account profile…")
        edit_profile.clicked.connect(self.profile_requested.emit)
        profile.addRow("", edit_profile)
        stats = self._section(layout, "Contents")
        self.stats_label = _value_label("")
        stats.addRow("Elements", self.stats_label)

    def _add_field(self, form: QFormLayout, name: str, info: FieldInfo, push: Push) -> None:
        editor, wide = make_editor(name, info, push, self._close_merge)
        title = field_title(name)
        label = QLabel(title)
        tip = field_help(name, info)
        label.setToolTip(tip)
        editor.widget.setToolTip(tip)
        self.field_tips[name] = tip
        self.field_forms[name] = form
        if wide:
            label.setStyleSheet("font-weight: 600; padding-top: 4px;")
            self._wide_rows.append((form, label, editor.widget))
            self.wide_fields.add(name)
        else:
            form.addRow(label, editor.widget)
        editor.widget.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.editors[name] = editor
        self.field_labels[name] = label

    def _add_wide_rows(self) -> None:
        """Tables and JSON editors go below the one-line fields, full width."""
        for form, label, widget in self._wide_rows:
            form.addRow(label)
            form.addRow(widget)
        self._wide_rows = []

    # ---- showing the model -------------------------------------------------------------
    def _design(self) -> Design:
        assert self.document is not None
        return self.document.design

    def refresh_values(self) -> None:
        """Put the model's current values into the editors (after any edit, undo or redo)."""
        assert self.document is not None
        design = self.document.design
        if self.target_kind == "node" and self.target_id and design.has_node(self.target_id):
            node = design.node(self.target_id)
            if region_origin(design, node.id)[2] != self.region_fixed:
                self._schedule_rebuild()  # moved into or out of a Region container
            self._show_applicable_fields()
            self.heading.setText(node.label or design.spec(node.id).display_name)
            if self.label_editor:
                self.label_editor.set_value(node.label)
            for name, editor in self.editors.items():
                editor.set_value(getattr(node.config, name))
        elif self.target_kind == "edge" and self.target_id and design.has_edge(self.target_id):
            edge = design.edge(self.target_id)
            if self.label_editor:
                self.label_editor.set_value(edge.label)
            for name, editor in self.editors.items():
                editor.set_value(getattr(edge.config, name))
        elif self.target_kind == "many":
            configs = [self._config_of(i) for i in self.many_ids if self._exists(i)]
            for name, editor in self.editors.items() if configs else ():
                values = [getattr(config, name) for config in configs]
                if all(value == values[0] for value in values):
                    editor.set_value(values[0])
                else:
                    editor.set_mixed()
        elif self.target_kind == "design":
            if self.name_edit.text() != design.name:
                self.name_edit.setText(design.name)
            if self.description_edit.toPlainText() != design.description:
                self.description_edit.setPlainText(design.description)
            self.profile_region.setText(design.profile.region)
            quotas = design.profile.quotas
            self.profile_quotas.setText(
                ", ".join(f"{k} = {v:g}" for k, v in sorted(quotas.items())) or "AWS defaults"
            )
            self.stats_label.setText(contents_text(design))

    def element_findings(self) -> list[Finding]:
        assert self.document is not None
        findings = self.document.findings
        if self.target_kind == "design":
            return [f for f in findings if not f.elements]
        wanted = {self.target_id} if self.target_id else set(self._selection)
        return [f for f in findings if wanted & set(f.elements)]

    def show_element_findings(self) -> None:
        findings = self.element_findings()
        self.findings_box.show_findings(findings)
        for name, label in self.field_labels.items():
            concerned = [f for f in findings if f.waiver is None and finding_mentions(f, name)]
            if concerned:
                worst = concerned[0]
                color = SEVERITY_COLORS[worst.severity]
                label.setText(f"{SEVERITY_SYMBOLS[worst.severity]} {field_title(name)}")
                label.setStyleSheet(f"color: {color}; font-weight: 600;")
                label.setProperty("severity", worst.severity)
                messages = "<br>".join(escape(f.message) for f in concerned)
                label.setToolTip(f"{messages}<hr>{self.field_tips.get(name, '')}")
            elif label.property("severity"):
                label.setText(field_title(name))
                label.setStyleSheet("")
                label.setProperty("severity", None)
                label.setToolTip(self.field_tips.get(name, ""))

    # ---- editing -----------------------------------------------------------------------
    def _push(self, command: Command) -> bool:
        assert self.document is not None
        return self.document.push(command)

    def _push_command(self, make: Callable[[], Command]) -> bool:
        assert self.document is not None
        try:
            command = make()
        except CommandError as refused:
            self.document.error.emit(str(refused))
            return False
        return self._push(command)

    def _push_config(self, name: str, value: Any) -> bool:
        node_id = self.target_id
        assert node_id is not None
        return self._push_command(lambda: config_edit(self._design(), node_id, name, value))

    def _push_many(self, name: str, value: Any) -> bool:
        """One Macro over every selected element; typing on in the field merges into it."""
        ids = list(self.many_ids)

        def make() -> Command:
            design = self._design()
            commands: list[Command] = [
                config_edit(design, i, name, value)
                if design.has_node(i)
                else SetEdgeConfig.field(design, i, name, value)
                for i in ids
            ]
            nodes = sum(design.has_node(i) for i in ids)
            noun = "services" if nodes == len(ids) else "connections" if not nodes else "elements"
            return Macro(
                f"Change {name} of {len(ids)} {noun}", commands, merge_key=f"{name}@{','.join(ids)}"
            )

        return self._push_command(make)

    def _push_edge_label(self, text: str) -> bool:
        edge_id = self.target_id
        assert edge_id is not None
        edge = self._design().edge(edge_id)
        return self._push(SetEdgeConfig(edge_id, edge.config, label=text, merge_key="label"))

    def _apply_properties(self) -> None:
        design = self._design()
        name = self.name_edit.text().strip() or design.name
        description = self.description_edit.toPlainText()
        if (name, description) != (design.name, design.description):
            self._push(SetProperties(name, description))

    def editor(self, name: str) -> FieldEditor:
        return self.editors[name]


EDGE_FIELD_SOURCES: dict[str, frozenset[str]] = {
    "event_type": frozenset({"aws.cloudfront.distribution"}),
    "path_pattern": frozenset({"aws.cloudfront.distribution"}),
    "integration_pattern": frozenset({"aws.stepfunctions.state_machine"}),
    "order": frozenset({"aws.batch.job_queue"}),
    "batch_size": frozenset({"aws.sqs.queue", "aws.dynamodb.table"}),
    "batching_window_s": frozenset({"aws.sqs.queue", "aws.dynamodb.table"}),
}
"""Connection settings that mean something only from these source kinds (as the field
descriptions in model.config.edges say); the others are hidden unless already set."""


def edge_field_applies(name: str, relation: str, source_kind: str, config: BaseModel) -> bool:
    if getattr(config, name, None) is not None:
        return True
    sources = EDGE_FIELD_SOURCES.get(name)
    if sources is None:
        return True
    if name in ("batch_size", "batching_window_s") and relation != "triggers":
        return False
    return source_kind in sources


def region_origin(design: Design, node_id: str) -> tuple[str, str, bool]:
    """(Region, where it comes from, whether a Region container fixes it)."""
    region = design.effective_region(node_id)
    container = design.ancestor_of_kind(node_id, "aws.region")
    if container is not None and getattr(design.node(container).config, "name", ""):
        return region, f"from Region {quoted(design.node(container).label or container)}", True
    if getattr(design.node(node_id).config, "region", None):
        return region, "from this service's Region setting", False
    return region, "from the account profile", False


def _value_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _holds(widget: QWidget, focus: QWidget) -> bool:
    return focus is widget or widget.isAncestorOf(focus)
