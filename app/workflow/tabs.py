"""The main window's centre: the architecture canvas first, then one closable tab per open
workflow."""

from __future__ import annotations

import contextlib

from PySide6.QtWidgets import QTabBar, QTabWidget, QWidget

from app.document import Document
from app.workflow.tab import WorkflowTab
from model.design import Design
from model.rules import Finding
from model.stepfunctions.graph import StateId, build_graph

STATE_MACHINE = "aws.stepfunctions.state_machine"


class CanvasTabs(QTabWidget):
    def __init__(self, architecture: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("canvasTabs")
        self.setDocumentMode(True)
        self.setTabsClosable(True)
        self.setMovable(False)
        self.addTab(architecture, "Architecture")
        self.tabBar().setTabButton(0, QTabBar.ButtonPosition.RightSide, None)
        self.tabBar().setTabButton(0, QTabBar.ButtonPosition.LeftSide, None)
        self.tabCloseRequested.connect(self.close_tab)

    def workflow_tabs(self) -> list[WorkflowTab]:
        return [w for i in range(self.count()) if isinstance(w := self.widget(i), WorkflowTab)]

    def current_workflow(self) -> WorkflowTab | None:
        widget = self.currentWidget()
        return widget if isinstance(widget, WorkflowTab) else None

    def open_workflow(
        self, document: Document, node_id: str, state: StateId | None = None
    ) -> WorkflowTab | None:
        """Show the node's workflow (opening its tab once); None when it is no state machine."""
        design = document.design
        if not design.has_node(node_id) or design.node(node_id).kind != STATE_MACHINE:
            return None
        tab = next((t for t in self.workflow_tabs() if t.node_id == node_id), None)
        if tab is None or tab.document is not document:
            tab = WorkflowTab(document, node_id)
            tab.closed.connect(self._node_gone)
            self.addTab(tab, tab.title())
            document.changed.connect(self._retitle)
        self.setCurrentWidget(tab)
        if state is not None:
            tab.select_state(state)
        return tab

    def _retitle(self) -> None:
        for tab in self.workflow_tabs():
            if tab.document.design.has_node(tab.node_id):
                self.setTabText(self.indexOf(tab), tab.title())

    def _node_gone(self, node_id: str) -> None:
        for tab in self.workflow_tabs():
            if tab.node_id == node_id:
                self.close_tab(self.indexOf(tab))

    def close_tab(self, index: int) -> None:
        widget = self.widget(index)
        if isinstance(widget, WorkflowTab):
            widget.detach()
            with contextlib.suppress(RuntimeError, TypeError):
                widget.document.changed.disconnect(self._retitle)
            self.removeTab(index)
            widget.deleteLater()

    def close_all(self) -> None:
        for tab in self.workflow_tabs():
            self.close_tab(self.indexOf(tab))


def workflow_state_of(design: Design, finding: Finding) -> tuple[str, StateId] | None:
    """The state machine and the first state a finding is about, when it is about one."""
    for ref in finding.states:
        if not design.has_node(ref.element) or design.node(ref.element).kind != STATE_MACHINE:
            continue
        graph = build_graph(getattr(design.node(ref.element).config, "definition", None))
        state = graph.state_at(ref.path)
        if state is not None:
            return ref.element, state
    return None
